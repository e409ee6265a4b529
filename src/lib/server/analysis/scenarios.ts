import * as z from 'zod';
import { sql } from 'kysely';
import type { MaybeActor } from '../auth/actor';
import { can } from '../auth/policy';
import type { Db, Queryable } from '../db';
import { conflict, notFound } from '../errors';
import { recordAudit } from '../audit';
import { assertEdit, assertRead, resolveArea } from './access';
import { evaluateScenario, evaluateSchema, type ScenarioEvaluation } from './service';

/**
 * Saved what-if scenarios: the choice (points closed, points added) plus what it showed when saved, so a
 * scenario reopens as it was even after the data sets change; reopening also evaluates it again on the
 * current data.
 */
export const saveScenarioSchema = evaluateSchema.extend({
  name: z.string({ error: 'analysis.error.scenarioName' }).trim().min(1, { error: 'analysis.error.scenarioName' }).max(200, { error: 'error.tooLong' }),
  note: z.string().trim().max(4000, { error: 'error.tooLong' }).default('')
});
export type SaveScenarioInput = z.output<typeof saveScenarioSchema>;

export interface ScenarioView {
  id: string;
  countyCode: string;
  area: string;
  serviceType: string;
  name: string;
  note: string;
  close: string[];
  add: { lon: number; lat: number; types: string[]; name?: string }[];
  saved: ScenarioEvaluation;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  canEdit: boolean;
}

type Row = {
  id: string;
  county_code: string;
  area: string;
  service_type: string;
  name: string;
  note: string;
  close_ids: unknown;
  additions: unknown;
  result: unknown;
  created_at: Date;
  updated_at: Date;
  version: number;
};

function toView(r: Row, actor: MaybeActor): ScenarioView {
  return {
    id: r.id,
    countyCode: r.county_code,
    area: r.area,
    serviceType: r.service_type,
    name: r.name,
    note: r.note,
    close: r.close_ids as string[],
    add: r.additions as ScenarioView['add'],
    saved: r.result as ScenarioEvaluation,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    canEdit: can(actor, 'county.edit', { type: 'county', countyCode: r.county_code })
  };
}

export async function saveScenario(db: Db, actor: MaybeActor, input: SaveScenarioInput): Promise<ScenarioView> {
  const area = await resolveArea(db, input.area);
  const me = assertEdit(actor, area.countyCode);
  const result = await evaluateScenario(db, me, input);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('analysis_scenarios')
      .values({
        county_code: area.countyCode,
        area: area.code,
        service_type: input.serviceType,
        name: input.name,
        note: input.note,
        close_ids: JSON.stringify(input.close),
        additions: JSON.stringify(input.add),
        result: JSON.stringify(result),
        created_by: me.user.id
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'create', entity: 'analysisScenario', entityId: row.id, after: { name: input.name, area: area.code, serviceType: input.serviceType, close: input.close, add: input.add } });
    return toView(row, me);
  });
}

export const updateScenarioSchema = z.object({
  version: z.coerce.number().int().positive(),
  name: saveScenarioSchema.shape.name,
  note: saveScenarioSchema.shape.note
});

export async function updateScenario(db: Db, actor: MaybeActor, id: string, input: z.output<typeof updateScenarioSchema>): Promise<ScenarioView> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('analysis_scenarios').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound();
    const me = assertEdit(actor, before.county_code);
    if (before.version !== input.version) throw conflict({ current: { name: before.name, note: before.note, version: before.version } });
    const row = await trx
      .updateTable('analysis_scenarios')
      .set({ name: input.name, note: input.note, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'update', entity: 'analysisScenario', entityId: id, before: { name: before.name, note: before.note }, after: { name: row.name, note: row.note } });
    return toView(row, me);
  });
}

export async function listScenarios(db: Queryable, actor: MaybeActor, countyCode: string): Promise<Omit<ScenarioView, 'saved'>[]> {
  assertRead(actor, countyCode);
  const rows = await db
    .selectFrom('analysis_scenarios')
    .select(['id', 'county_code', 'area', 'service_type', 'name', 'note', 'close_ids', 'additions', 'created_at', 'updated_at', 'version'])
    .select(sql<unknown>`'{}'::jsonb`.as('result'))
    .where('county_code', '=', countyCode)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => {
    const { saved: _saved, ...rest } = toView(r, actor);
    return rest;
  });
}

export async function getScenario(db: Queryable, actor: MaybeActor, id: string): Promise<ScenarioView> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const row = await db.selectFrom('analysis_scenarios').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  assertRead(actor, row.county_code);
  return toView(row, actor);
}

/** The scenario on today's data (points closed since it was saved are simply no longer open). */
export async function reevaluate(db: Queryable, actor: MaybeActor, scenario: ScenarioView): Promise<ScenarioEvaluation | null> {
  try {
    return await evaluateScenario(db, actor, { area: scenario.area, serviceType: scenario.serviceType as never, close: scenario.close, add: scenario.add as never });
  } catch {
    // A closed point no longer in the register, or data replaced: the saved figures still stand.
    return null;
  }
}
