import { sql } from 'kysely';
import type * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { conflict, forbidden, notFound } from '../errors';
import { json } from './core';
import type { MunicipalIntervention, SwotContent } from './tables';
import type { municipalPlanSchema } from './schemas';

export interface MunicipalPlanView {
  id: string | null;
  municipalityCode: string;
  municipalityName: string;
  countyCode: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  adoptedDate: string | null;
  localAnalysis: string;
  swot: SwotContent;
  priorities: string[];
  interventions: MunicipalIntervention[];
  version: number;
  canEdit: boolean;
}

async function municipality(db: Queryable, code: string) {
  if (!/^\d{4}$/.test(code)) throw notFound();
  const m = await db.selectFrom('municipalities').select(['code', 'name', 'county_code']).where('code', '=', code).executeTakeFirst();
  if (!m) throw notFound();
  return m;
}

/**
 * The county's municipalities with their newest service plan, side by side. Everyone working in the county
 * reads them (the region compares them; the municipalities see each other's); each municipality edits its own.
 */
export async function listMunicipalPlans(db: Queryable, actor: MaybeActor, countyCode?: string): Promise<MunicipalPlanView[]> {
  const me = requireActor(actor);
  const county = countyCode ?? me.organisation.countyCode;
  if (!county) throw forbidden();
  assertCan(actor, 'county.readDraft', { type: 'county', countyCode: county });
  const municipalities = await db.selectFrom('municipalities').select(['code', 'name', 'county_code']).where('county_code', '=', county).orderBy('name').execute();
  const plans = await db
    .selectFrom('municipal_service_plans')
    .selectAll()
    .where(
      'municipality_code',
      'in',
      municipalities.map((m) => m.code)
    )
    .orderBy('period_start', 'desc')
    .execute();
  return municipalities.map((m) => toView(m, plans.find((p) => p.municipality_code === m.code), actor));
}

function toView(
  m: { code: string; name: string; county_code: string },
  p: { id: string; title: string; period_start: number; period_end: number; adopted_date: string | null; local_analysis: string; swot: SwotContent; priorities: string[]; interventions: MunicipalIntervention[]; version: number } | undefined,
  actor: MaybeActor
): MunicipalPlanView {
  return {
    id: p?.id ?? null,
    municipalityCode: m.code,
    municipalityName: m.name,
    countyCode: m.county_code,
    title: p?.title ?? '',
    periodStart: p?.period_start ?? 0,
    periodEnd: p?.period_end ?? 0,
    adoptedDate: p?.adopted_date ?? null,
    localAnalysis: p?.local_analysis ?? '',
    swot: p?.swot ?? { strengths: [], weaknesses: [], opportunities: [], threats: [] },
    priorities: p?.priorities ?? [],
    interventions: p?.interventions ?? [],
    version: p?.version ?? 0,
    canEdit: can(actor, 'municipality.edit', { type: 'municipality', municipalityCode: m.code, countyCode: m.county_code })
  };
}

export async function getMunicipalPlan(db: Queryable, actor: MaybeActor, municipalityCode: string): Promise<MunicipalPlanView> {
  const m = await municipality(db, municipalityCode);
  assertCan(actor, 'county.readDraft', { type: 'county', countyCode: m.county_code });
  const p = await db.selectFrom('municipal_service_plans').selectAll().where('municipality_code', '=', m.code).orderBy('period_start', 'desc').limit(1).executeTakeFirst();
  return toView(m, p, actor);
}

/**
 * Saves the municipality's plan (creates it on the first save, version 0 → 1). Linked to the county's
 * programme whose period covers the plan's first year, if there is one.
 */
export async function saveMunicipalPlan(db: Db, actor: MaybeActor, municipalityCode: string, input: z.output<typeof municipalPlanSchema>): Promise<{ version: number }> {
  const m = await municipality(db, municipalityCode);
  const editor = assertCan(actor, 'municipality.edit', { type: 'municipality', municipalityCode: m.code, countyCode: m.county_code });
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('municipal_service_plans').selectAll().where('municipality_code', '=', m.code).orderBy('period_start', 'desc').limit(1).forUpdate().executeTakeFirst();
    const programme = await trx
      .selectFrom('programmes')
      .select('id')
      .where('county_code', '=', m.county_code)
      .where('period_start', '<=', input.periodStart)
      .where('period_end', '>=', input.periodStart)
      .executeTakeFirst();
    const values = {
      title: input.title,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      adopted_date: input.adoptedDate,
      local_analysis: input.localAnalysis,
      swot: json(input.swot),
      priorities: json(input.priorities),
      interventions: json(input.interventions),
      programme_id: programme?.id ?? null
    };
    if (!existing) {
      if (input.version !== 0 && input.version !== 1) throw conflict({ current: null });
      const row = await trx.insertInto('municipal_service_plans').values({ municipality_code: m.code, ...values }).returning(['id', 'version']).executeTakeFirstOrThrow();
      await recordAudit(trx, editor, { action: 'create', entity: 'municipalServicePlan', entityId: row.id, after: input });
      return { version: row.version };
    }
    const updated = await trx
      .updateTable('municipal_service_plans')
      .set({ ...values, version: input.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', existing.id)
      .where('version', '=', input.version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw conflict({ current: toView(m, existing, actor) });
    await recordAudit(trx, editor, { action: 'update', entity: 'municipalServicePlan', entityId: existing.id, before: toView(m, existing, actor), after: input });
    return { version: updated.version };
  });
}
