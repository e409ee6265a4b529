import { sql } from 'kysely';
import type { Queryable } from '../db';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/policy';
import { recordAudit } from '../audit';
import { DomainError, invalid, notFound } from '../errors';
import { isUuid } from './core';

/**
 * The seam between decisions (cases) and the records they adopt. A signed decision point that adopts an
 * action plan or a programme version calls these inside the decision's transaction, so signing and
 * adopting commit together. The plan page's own "Fastställ" form goes through `adoptRecordInTx` too.
 */
export interface AdoptionDecision {
  /** The signed decision's id in the cases domain; '' when the user typed the decision on the plan page. */
  decisionId: string;
  /** ISO date of the decision. */
  date: string;
  /** Deciding body, e.g. "Regionala utvecklingsnämnden" — or, by delegation, the title, e.g. "Regional utvecklingsdirektör". */
  decidedBy: string;
  /** Paragraph, e.g. "§ 89"; null for a delegation decision. */
  paragraph: string | null;
  /** The delegating decision, e.g. "Regionala utvecklingsnämndens beslut § 89/2023"; null when not by delegation. */
  delegation: string | null;
  /** The decision's diary number or other reference, when known (e.g. "RUN/536/2021"). */
  reference?: string | null;
}

export type AdoptableKind = 'actionPlan' | 'programmeVersion';

export interface AdoptableRecord {
  kind: AdoptableKind;
  id: string;
  /** How the record is named in a decision point, e.g. "Handlingsplan 2023 för Regionalt serviceprogram Jämtland Härjedalen". */
  title: string;
  countyCode: string;
  adopted: boolean;
}

/** Records of a county that a decision could adopt (for the decision form): every plan and every programme version. */
export async function adoptableRecords(db: Queryable, countyCode: string): Promise<AdoptableRecord[]> {
  const plans = await db
    .selectFrom('action_plans as p')
    .innerJoin('programmes as g', 'g.id', 'p.programme_id')
    .select(['p.id', 'p.year', 'p.status', 'g.title', 'g.county_code'])
    .where('g.county_code', '=', countyCode)
    .orderBy('g.period_start', 'desc')
    .orderBy('p.year', 'desc')
    .execute();
  const versions = await db
    .selectFrom('programme_versions as v')
    .innerJoin('programmes as g', 'g.id', 'v.programme_id')
    .select(['v.id', 'v.number', 'v.status', 'g.title', 'g.county_code'])
    .where('g.county_code', '=', countyCode)
    .orderBy('g.period_start', 'desc')
    .orderBy('v.number', 'desc')
    .execute();
  return [
    ...versions.map((v) => ({
      kind: 'programmeVersion' as const,
      id: v.id,
      title: `${v.title}, version ${v.number}`,
      countyCode: v.county_code,
      adopted: v.status === 'adopted'
    })),
    ...plans.map((p) => ({
      kind: 'actionPlan' as const,
      id: p.id,
      title: `Handlingsplan ${p.year} för ${p.title}`,
      countyCode: p.county_code,
      adopted: p.status === 'adopted'
    }))
  ];
}

/**
 * Adopts (fastställer) the record and freezes that version. Throws a DomainError if it cannot be adopted:
 * 404 unknown record, 403 not an editor of the record's county, 409 already adopted, 400 an empty plan.
 * Adopting a plan also opens its follow-up (the year-end follow-up belongs to an adopted plan).
 */
export async function adoptRecordInTx(trx: Queryable, actor: Actor, record: { kind: AdoptableKind; id: string }, decision: AdoptionDecision): Promise<void> {
  if (!isUuid(record.id)) throw notFound();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(decision.date)) throw invalid({ date: 'programmes.error.date' });
  const values = {
    adopted_date: decision.date,
    adopted_by: decision.decidedBy,
    adopted_paragraph: decision.paragraph || null,
    adopted_delegation: decision.delegation || null,
    decision_id: decision.decisionId || null,
    decision_reference: decision.reference || null
  };
  if (record.kind === 'actionPlan') {
    const plan = await trx
      .selectFrom('action_plans as p')
      .innerJoin('programmes as g', 'g.id', 'p.programme_id')
      .select(['p.id', 'p.status', 'p.year', 'p.version', 'g.county_code', 'g.organisation_id'])
      .where('p.id', '=', record.id)
      .executeTakeFirst();
    if (!plan) throw notFound();
    assertCan(actor, 'county.edit', { type: 'county', countyCode: plan.county_code });
    const count = await trx.selectFrom('action_plan_interventions').select(sql<number>`count(*)`.as('n')).where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    if (Number(count.n) === 0) throw invalid({ plan: 'programmes.error.noInterventions' }, 'programmes.error.noInterventions');
    const updated = await trx
      .updateTable('action_plans')
      .set({ ...values, status: 'adopted', version: sql<number>`version + 1` })
      .where('id', '=', plan.id)
      .where('status', '=', 'draft')
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw new DomainError('conflict', 'programmes.error.alreadyAdopted');
    await trx.insertInto('follow_ups').values({ plan_id: plan.id }).onConflict((oc) => oc.column('plan_id').doNothing()).execute();
    await recordAudit(trx, actor, { action: 'adopt', entity: 'actionPlan', entityId: plan.id, organisationId: plan.organisation_id, before: { status: plan.status }, after: { status: 'adopted', ...decision } });
    return;
  }
  const version = await trx
    .selectFrom('programme_versions as v')
    .innerJoin('programmes as g', 'g.id', 'v.programme_id')
    .select(['v.id', 'v.status', 'v.number', 'g.county_code', 'g.organisation_id'])
    .where('v.id', '=', record.id)
    .executeTakeFirst();
  if (!version) throw notFound();
  assertCan(actor, 'county.edit', { type: 'county', countyCode: version.county_code });
  if (version.status === 'adopted') throw new DomainError('conflict', 'programmes.error.alreadyAdopted');
  // Adopting an older version after a newer one was adopted would silently roll the programme back.
  const newer = await trx
    .selectFrom('programme_versions as v')
    .innerJoin('programme_versions as w', 'w.programme_id', 'v.programme_id')
    .select('w.number')
    .where('v.id', '=', version.id)
    .where('w.status', '=', 'adopted')
    .where('w.number', '>', version.number)
    .executeTakeFirst();
  if (newer) throw new DomainError('conflict', 'programmes.error.newerAdopted', { number: newer.number });
  await trx
    .updateTable('programme_versions')
    .set({ ...values, status: 'adopted', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', version.id)
    .execute();
  await recordAudit(trx, actor, { action: 'adopt', entity: 'programmeVersion', entityId: version.id, organisationId: version.organisation_id, before: { status: version.status }, after: { status: 'adopted', ...decision } });
}
