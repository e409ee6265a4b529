import { sql } from 'kysely';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan } from '../auth/policy';
import { recordAudit } from '../audit';
import { conflict, DomainError, invalid, notFound } from '../errors';
import {
  assertRead,
  canEdit,
  countyOrganisations,
  findPlanId,
  isUuid,
  json,
  loadPlanRow,
  loadProgramme,
  planAdopted,
  programmeGoals
} from './core';
import type { AdoptInput, InterventionInput, UpdateInterventionInput } from './schemas';
import type { ActionPlanStatus } from './tables';
import { adoptRecordInTx } from './adoption';

export interface GoalView {
  id: string;
  indicator: string;
  unit: string;
  baseline: number | null;
  target: number;
  targetDate: string | null;
}

export interface InterventionView {
  id: string;
  position: number;
  title: string;
  description: string;
  goalCodes: string[];
  responsible: { organisationId: string; name: string }[];
  responsibleRole: string | null;
  partners: string[];
  startDate: string | null;
  endDate: string | null;
  budgetSek: number | null;
  fundingSource: string | null;
  carriedFromId: string | null;
  goals: GoalView[];
  version: number;
}

export interface AdoptionView {
  date: string;
  body: string;
  paragraph: string | null;
  delegation: string | null;
  decisionId: string | null;
  reference: string | null;
}

export interface ActionPlanView {
  id: string;
  programmeId: string;
  programmeTitle: string;
  countyCode: string;
  year: number;
  status: ActionPlanStatus;
  version: number;
  introduction: string;
  adopted: AdoptionView | null;
  interventions: InterventionView[];
  totalBudgetSek: number;
  programmeGoals: { code: string; title: string }[];
  canEdit: boolean;
}

export function adoptionOf(row: {
  adopted_date: string | null;
  adopted_by: string | null;
  adopted_paragraph: string | null;
  adopted_delegation: string | null;
  decision_id: string | null;
  decision_reference: string | null;
}): AdoptionView | null {
  if (!row.adopted_date || !row.adopted_by) return null;
  return {
    date: row.adopted_date,
    body: row.adopted_by,
    paragraph: row.adopted_paragraph,
    delegation: row.adopted_delegation,
    decisionId: row.decision_id,
    reference: row.decision_reference
  };
}

/** Interventions of plans with their goals and responsible organisations' names, in plan order. */
export async function loadInterventions(db: Queryable, planIds: string[]): Promise<(InterventionView & { planId: string })[]> {
  if (planIds.length === 0) return [];
  const rows = await db.selectFrom('action_plan_interventions').selectAll().where('plan_id', 'in', planIds).orderBy('position').orderBy('title').execute();
  const goals = rows.length
    ? await db
        .selectFrom('action_plan_goals')
        .selectAll()
        .where(
          'intervention_id',
          'in',
          rows.map((r) => r.id)
        )
        .orderBy('position')
        .execute()
    : [];
  const orgIds = [...new Set(rows.flatMap((r) => r.responsible_organisation_ids))];
  const orgs = orgIds.length ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    planId: r.plan_id,
    id: r.id,
    position: r.position,
    title: r.title,
    description: r.description,
    goalCodes: r.goal_codes,
    responsible: r.responsible_organisation_ids.map((id) => ({ organisationId: id, name: orgName.get(id) ?? id })),
    responsibleRole: r.responsible_role,
    partners: r.partners,
    startDate: r.start_date,
    endDate: r.end_date,
    budgetSek: r.budget_sek,
    fundingSource: r.funding_source,
    carriedFromId: r.carried_from_id,
    goals: goals
      .filter((g) => g.intervention_id === r.id)
      .map((g) => ({ id: g.id, indicator: g.indicator, unit: g.unit, baseline: g.baseline, target: g.target, targetDate: g.target_date })),
    version: r.version
  }));
}

export async function getActionPlanById(db: Queryable, actor: MaybeActor, planId: string): Promise<ActionPlanView> {
  const plan = await loadPlanRow(db, planId);
  assertRead(actor, plan.county_code, plan.status === 'adopted');
  const interventions = (await loadInterventions(db, [plan.id])).map(({ planId: _p, ...rest }) => rest);
  return {
    id: plan.id,
    programmeId: plan.programme_id,
    programmeTitle: plan.programme_title,
    countyCode: plan.county_code,
    year: plan.year,
    status: plan.status,
    version: plan.version,
    introduction: plan.introduction,
    adopted: adoptionOf(plan),
    interventions,
    totalBudgetSek: interventions.reduce((sum, i) => sum + (i.budgetSek ?? 0), 0),
    programmeGoals: await programmeGoals(db, plan.programme_id),
    canEdit: plan.status === 'draft' && canEdit(actor, plan.county_code)
  };
}

export async function getActionPlan(db: Queryable, actor: MaybeActor, programmeId: string, year: number): Promise<ActionPlanView> {
  const programme = await loadProgramme(db, programmeId);
  const plan = await db.selectFrom('action_plans').select(['id', 'status']).where('programme_id', '=', programme.id).where('year', '=', year).executeTakeFirst();
  if (!plan) {
    // A missing plan says nothing to someone who could not read it anyway.
    assertRead(actor, programme.county_code, true);
    throw notFound();
  }
  return getActionPlanById(db, actor, plan.id);
}

/** Creates an empty draft plan for a year of the programme period. */
export async function createActionPlan(db: Db, actor: MaybeActor, programmeId: string, input: { year: number; introduction: string }): Promise<{ id: string; year: number }> {
  const programme = await loadProgramme(db, programmeId);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: programme.county_code });
  if (input.year < programme.period_start || input.year > programme.period_end) {
    throw invalid({ year: 'programmes.error.planOutsidePeriod' }, 'programmes.error.planOutsidePeriod');
  }
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('action_plans').select('id').where('programme_id', '=', programme.id).where('year', '=', input.year).executeTakeFirst();
    if (exists) throw new DomainError('conflict', 'programmes.error.planExists', { year: input.year });
    const row = await trx
      .insertInto('action_plans')
      .values({ programme_id: programme.id, year: input.year, introduction: input.introduction })
      .returning(['id', 'year'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, editor, { action: 'create', entity: 'actionPlan', entityId: row.id, organisationId: programme.organisation_id, after: { year: row.year } });
    return row;
  });
}

/** Locks the plan row and checks it can still be edited by this actor. */
async function lockDraftPlan(trx: Queryable, actor: MaybeActor, planId: string) {
  const plan = await loadPlanRow(trx, planId);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: plan.county_code });
  await trx.selectFrom('action_plans').select('id').where('id', '=', plan.id).forUpdate().execute();
  const status = await trx.selectFrom('action_plans').select('status').where('id', '=', plan.id).executeTakeFirstOrThrow();
  if (status.status === 'adopted') throw planAdopted();
  return { plan, editor };
}

async function checkReferences(trx: Queryable, programmeId: string, countyCode: string, input: InterventionInput) {
  const fields: Record<string, string> = {};
  if (input.goalCodes.length) {
    const known = new Set((await programmeGoals(trx, programmeId)).map((g) => g.code));
    if (input.goalCodes.some((c) => !known.has(c))) fields.goalCodes = 'programmes.error.unknownGoal';
  }
  if (input.responsibleOrganisationIds.length) {
    const known = new Set((await countyOrganisations(trx, countyCode)).map((o) => o.id));
    if (input.responsibleOrganisationIds.some((id) => !known.has(id))) fields.responsibleOrganisationIds = 'programmes.error.unknownOrganisation';
  }
  if (Object.keys(fields).length) throw invalid(fields);
}

function interventionValues(input: InterventionInput) {
  return {
    title: input.title,
    description: input.description,
    goal_codes: json([...new Set(input.goalCodes)]),
    responsible_organisation_ids: json([...new Set(input.responsibleOrganisationIds)]),
    responsible_role: input.responsibleRole,
    partners: json(input.partners.filter((p) => p.length > 0)),
    start_date: input.startDate,
    end_date: input.endDate,
    budget_sek: input.budgetSek,
    funding_source: input.fundingSource
  };
}

/** Replaces the goals of an intervention, keeping the ids of goals that are kept (others refer to them). */
async function writeGoals(trx: Queryable, interventionId: string, goals: InterventionInput['goals']) {
  const existing = await trx.selectFrom('action_plan_goals').select('id').where('intervention_id', '=', interventionId).execute();
  const keep = new Set(goals.map((g) => g.id).filter((id): id is string => !!id && existing.some((e) => e.id === id)));
  const remove = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (remove.length) await trx.deleteFrom('action_plan_goals').where('id', 'in', remove).execute();
  for (const [position, goal] of goals.entries()) {
    const values = { position, indicator: goal.indicator, unit: goal.unit, baseline: goal.baseline, target: goal.target, target_date: goal.targetDate };
    if (goal.id && keep.has(goal.id)) await trx.updateTable('action_plan_goals').set(values).where('id', '=', goal.id).execute();
    else await trx.insertInto('action_plan_goals').values({ intervention_id: interventionId, ...values }).execute();
  }
}

async function interventionView(db: Queryable, interventionId: string): Promise<InterventionView> {
  const row = await db.selectFrom('action_plan_interventions').select('plan_id').where('id', '=', interventionId).executeTakeFirstOrThrow();
  const found = (await loadInterventions(db, [row.plan_id])).find((i) => i.id === interventionId)!;
  const { planId: _p, ...view } = found;
  return view;
}

export async function addIntervention(db: Db, actor: MaybeActor, planId: string, input: InterventionInput): Promise<InterventionView> {
  return db.transaction().execute(async (trx) => {
    const { plan, editor } = await lockDraftPlan(trx, actor, planId);
    await checkReferences(trx, plan.programme_id, plan.county_code, input);
    const last = await trx.selectFrom('action_plan_interventions').select(sql<number>`coalesce(max(position), 0)`.as('n')).where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('action_plan_interventions')
      .values({ plan_id: plan.id, position: Number(last.n) + 1, ...interventionValues(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeGoals(trx, row.id, input.goals);
    const after = await interventionView(trx, row.id);
    await recordAudit(trx, editor, { action: 'create', entity: 'intervention', entityId: row.id, after });
    return after;
  });
}

/**
 * Saves an intervention with optimistic locking: the version read must still be current (409 with the
 * current record otherwise), and the plan must not be adopted (409: an adopted plan is frozen).
 */
export async function updateIntervention(db: Db, actor: MaybeActor, planId: string, interventionId: string, input: UpdateInterventionInput): Promise<InterventionView> {
  if (!isUuid(interventionId)) throw notFound();
  return db.transaction().execute(async (trx) => {
    const { plan, editor } = await lockDraftPlan(trx, actor, planId);
    const exists = await trx.selectFrom('action_plan_interventions').select(['id', 'version']).where('id', '=', interventionId).where('plan_id', '=', plan.id).executeTakeFirst();
    if (!exists) throw notFound();
    await checkReferences(trx, plan.programme_id, plan.county_code, input);
    const before = await interventionView(trx, interventionId);
    const updated = await trx
      .updateTable('action_plan_interventions')
      .set({ ...interventionValues(input), version: input.version + 1 })
      .where('id', '=', interventionId)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw conflict({ current: before });
    await writeGoals(trx, interventionId, input.goals);
    const after = await interventionView(trx, interventionId);
    await recordAudit(trx, editor, { action: 'update', entity: 'intervention', entityId: interventionId, before, after });
    return after;
  });
}

export async function removeIntervention(db: Db, actor: MaybeActor, planId: string, interventionId: string, version: number): Promise<void> {
  if (!isUuid(interventionId)) throw notFound();
  await db.transaction().execute(async (trx) => {
    const { editor } = await lockDraftPlan(trx, actor, planId);
    const before = await interventionView(trx, interventionId).catch(() => {
      throw notFound();
    });
    const deleted = await trx.deleteFrom('action_plan_interventions').where('id', '=', interventionId).where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw conflict({ current: before });
    await recordAudit(trx, editor, { action: 'delete', entity: 'intervention', entityId: interventionId, before });
  });
}

/** Adopts a plan from the plan page (a decision reference typed by the user); the same path a signed decision takes. */
export async function adoptActionPlan(db: Db, actor: MaybeActor, planId: string, input: AdoptInput): Promise<void> {
  const plan = await loadPlanRow(db, planId);
  assertCan(actor, 'county.edit', { type: 'county', countyCode: plan.county_code });
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('action_plans').select(['version', 'status']).where('id', '=', plan.id).forUpdate().executeTakeFirstOrThrow();
    if (current.status === 'adopted') throw planAdopted();
    if (current.version !== input.version) throw conflict({ current: { version: current.version, status: current.status } });
    await adoptRecordInTx(trx, actor!, { kind: 'actionPlan', id: plan.id }, {
      decisionId: '',
      date: input.date,
      decidedBy: input.decidedBy,
      paragraph: input.paragraph,
      delegation: input.delegation,
      reference: input.reference
    });
  });
}

export { findPlanId };
