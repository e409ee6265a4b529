import * as z from 'zod';
import { sql } from 'kysely';
import type { MaybeActor } from '../auth/actor';
import { can } from '../auth/policy';
import type { Db, Queryable } from '../db';
import { conflict, invalid, notFound } from '../errors';
import { recordAudit } from '../audit';
import { registerGoalMeasureLookup, type MeasuredValue } from '../programmes/measures';
import { assertEdit, assertRead, resolveArea } from './access';
import { countyState, rowsOf, valuesOf } from './state';
import { areaSchema, serviceTypeSchema } from './types';

/**
 * Indicators from the analysis: a measurable goal of an action plan (programmes domain) bound to a measure
 * such as "share of the county's population within 10 km of a full-assortment grocery store". The
 * follow-up asks for the values through the programmes seam; the value comes from the current data sets.
 */
export const MEASURES = ['shareWithinKm', 'share70WithinKm', 'meanKm', 'medianKm'] as const;
export type Measure = (typeof MEASURES)[number];

export const bindSchema = z
  .object({
    area: areaSchema,
    serviceType: serviceTypeSchema,
    measure: z.enum(MEASURES, { error: 'analysis.error.measure' }),
    km: z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? v.replace(',', '.') : v), z.coerce.number({ error: 'analysis.error.km' }).positive({ error: 'analysis.error.km' }).max(500, { error: 'analysis.error.km' }).optional())
  })
  .refine((v) => !v.measure.startsWith('share') || v.km !== undefined, { path: ['km'], error: 'analysis.error.km' });
export type BindInput = z.output<typeof bindSchema>;

export interface GoalBinding {
  goalId: string;
  area: string;
  serviceType: string;
  measure: Measure;
  km: number | null;
  version: number;
}

export interface GoalRow {
  goalId: string;
  indicator: string;
  unit: string;
  target: number;
  planYear: number;
  intervention: string;
  binding: GoalBinding | null;
}

async function goalCounty(db: Queryable, goalId: string): Promise<string> {
  if (!z.uuid().safeParse(goalId).success) throw notFound();
  const row = await db
    .selectFrom('action_plan_goals as g')
    .innerJoin('action_plan_interventions as i', 'i.id', 'g.intervention_id')
    .innerJoin('action_plans as p', 'p.id', 'i.plan_id')
    .innerJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .select('pr.county_code')
    .where('g.id', '=', goalId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row.county_code;
}

/** The county's measurable goals (newest plans first) with their bindings, for the binding page. */
export async function listGoals(db: Queryable, actor: MaybeActor, countyCode: string): Promise<GoalRow[]> {
  assertRead(actor, countyCode);
  const rows = await db
    .selectFrom('action_plan_goals as g')
    .innerJoin('action_plan_interventions as i', 'i.id', 'g.intervention_id')
    .innerJoin('action_plans as p', 'p.id', 'i.plan_id')
    .innerJoin('programmes as pr', 'pr.id', 'p.programme_id')
    .leftJoin('analysis_goal_measures as m', 'm.goal_id', 'g.id')
    .select(['g.id as goal_id', 'g.indicator', 'g.unit', 'g.target', 'p.year', 'i.title', 'm.area', 'm.service_type', 'm.measure', 'm.km', 'm.version'])
    .where('pr.county_code', '=', countyCode)
    .orderBy('p.year', 'desc')
    .orderBy('i.position')
    .orderBy('g.position')
    .execute();
  return rows.map((r) => ({
    goalId: r.goal_id,
    indicator: r.indicator,
    unit: r.unit,
    target: r.target,
    planYear: r.year,
    intervention: r.title,
    binding: r.measure ? { goalId: r.goal_id, area: r.area!, serviceType: r.service_type!, measure: r.measure, km: r.km, version: r.version! } : null
  }));
}

export async function bindGoal(db: Db, actor: MaybeActor, goalId: string, input: BindInput & { version?: number }): Promise<GoalBinding> {
  const county = await goalCounty(db, goalId);
  const me = assertEdit(actor, county);
  const area = await resolveArea(db, input.area);
  if (area.countyCode !== county) throw invalid({ area: 'analysis.error.area' });
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('analysis_goal_measures').selectAll().where('goal_id', '=', goalId).forUpdate().executeTakeFirst();
    if (before && input.version !== undefined && before.version !== input.version) throw conflict({ current: before });
    const values = { area: area.code, service_type: input.serviceType, measure: input.measure, km: input.measure.startsWith('share') ? (input.km ?? null) : null };
    const row = before
      ? await trx.updateTable('analysis_goal_measures').set({ ...values, version: sql<number>`version + 1` }).where('goal_id', '=', goalId).returningAll().executeTakeFirstOrThrow()
      : await trx.insertInto('analysis_goal_measures').values({ goal_id: goalId, county_code: county, created_by: me.user.id, ...values }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: before ? 'update' : 'create', entity: 'goalMeasure', entityId: goalId, before: before ?? undefined, after: values });
    return { goalId, area: row.area, serviceType: row.service_type, measure: row.measure, km: row.km, version: row.version };
  });
}

export async function unbindGoal(db: Db, actor: MaybeActor, goalId: string): Promise<void> {
  const county = await goalCounty(db, goalId);
  const me = assertEdit(actor, county);
  await db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('analysis_goal_measures').where('goal_id', '=', goalId).returningAll().executeTakeFirst();
    if (before) await recordAudit(trx, me, { action: 'delete', entity: 'goalMeasure', entityId: goalId, before });
  });
}

/**
 * The seam's lookup: the measured value of each bound goal from the county's current data sets, with its
 * source (the data sets' names and year) and date (when the figures were computed). Goals whose county has
 * no analysis data are left out.
 */
export async function goalValues(db: Queryable, goalIds: string[], year: number): Promise<Map<string, MeasuredValue>> {
  const out = new Map<string, MeasuredValue>();
  const ids = goalIds.filter((id) => z.uuid().safeParse(id).success);
  if (!ids.length) return out;
  const bindings = await db.selectFrom('analysis_goal_measures').selectAll().where('goal_id', 'in', ids).execute();
  for (const b of bindings) {
    const state = await countyState(db, b.county_code);
    if (!state) continue;
    const level = b.area.length === 2 ? 'county' : 'municipality';
    const row = rowsOf(state, b.service_type).find((r) => r.level === level && r.code === b.area);
    if (!row) continue;
    let value: number;
    let unit: string;
    if (b.measure === 'meanKm' || b.measure === 'medianKm') {
      value = b.measure === 'meanKm' ? row.meanKm : row.medianKm;
      unit = 'km';
    } else {
      // Shares within any distance, not only the engine's standard ones: from the bands when they match,
      // else from the per-square distances.
      const km = b.km ?? 10;
      const within = row.withinKm.find((w) => w.km === km);
      if (within) value = b.measure === 'shareWithinKm' ? within.share : within.share70;
      else value = shareWithin(state, b.service_type, b.area, km, b.measure === 'share70WithinKm');
      value *= 100;
      unit = '%';
    }
    if (!Number.isFinite(value)) continue;
    const ds = state.datasets;
    out.set(String(b.goal_id), {
      value: Math.round(value * 10) / 10,
      unit,
      source: `Serviceanalys: ${ds.population.name}; ${ds.network.name}; ${ds.points.name}${ds.population.year !== year ? ` (data för ${ds.population.year})` : ''}`,
      date: state.computedAt.toISOString().slice(0, 10)
    });
  }
  return out;
}

function shareWithin(state: NonNullable<Awaited<ReturnType<typeof countyState>>>, type: string, area: string, km: number, old: boolean): number {
  const values = valuesOf(state, type);
  let total = 0;
  let within = 0;
  for (let i = 0; i < state.squares.count; i++) {
    if (area.length === 4 && state.squares.municipality[i] !== area) continue;
    if (area.length === 2 && !state.squares.municipality[i].startsWith(area)) continue;
    const p = old ? state.squares.population70[i] : state.squares.population[i];
    total += p;
    if (values[i] / 1000 <= km) within += p;
  }
  return total > 0 ? within / total : NaN;
}

/** Whether the actor may bind goals of the county (for the page). */
export function canBind(actor: MaybeActor, countyCode: string): boolean {
  return can(actor, 'county.edit', { type: 'county', countyCode });
}

registerGoalMeasureLookup(goalValues);
