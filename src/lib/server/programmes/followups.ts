import { sql } from 'kysely';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan, can } from '../auth/policy';
import { recordAudit } from '../audit';
import { conflict, DomainError, invalid, notFound } from '../errors';
import { assertRead, followUpLocked, json, loadPlanRow, loadProgramme } from './core';
import { deadlineStatus, todayInSweden, type DeadlineStatus } from './deadline';
import { loadInterventions, type GoalView, type InterventionView } from './plans';
import { measuredValues, type MeasuredValue } from './measures';
import type { FollowUpSaveInput } from './schemas';
import type { FollowUpStatus, InterventionOutcome } from './tables';

export const OUTCOMES: InterventionOutcome[] = ['genomford', 'delvis', 'ej_genomford', 'pagar'];

export interface FollowUpGoal extends GoalView {
  outcome: number | null;
  outcomeComment: string;
  /** Filled by the analysis domain's lookup when the goal is bound to a measure (see measures.ts). */
  measured?: MeasuredValue;
}

export interface FollowUpIntervention extends Omit<InterventionView, 'goals'> {
  status: InterventionOutcome | null;
  comment: string;
  goals: FollowUpGoal[];
}

export interface FollowUpView {
  id: string;
  planId: string;
  programmeId: string;
  programmeTitle: string;
  countyCode: string;
  countyName: string;
  year: number;
  status: FollowUpStatus;
  version: number;
  summary: string;
  lessons: string;
  submittedDate: string | null;
  boardReportedDate: string | null;
  boardReference: string | null;
  deadline: DeadlineStatus;
  interventions: FollowUpIntervention[];
  counts: Record<InterventionOutcome | 'none', number>;
  goalCount: number;
  outcomeCount: number;
  canEdit: boolean;
  /** Whether next year's plan can be started from here (not there yet, year inside the period, an editor). */
  next: { year: number; exists: boolean; carried: number; allowed: boolean };
}

async function followUpRow(db: Queryable, planId: string) {
  return db.selectFrom('follow_ups').selectAll().where('plan_id', '=', planId).executeTakeFirst();
}

export async function getFollowUpByPlan(db: Queryable, actor: MaybeActor, planId: string, today = todayInSweden()): Promise<FollowUpView> {
  const plan = await loadPlanRow(db, planId);
  const row = await followUpRow(db, plan.id);
  assertRead(actor, plan.county_code, row?.status === 'submitted');
  if (!row) throw new DomainError('not_found', 'programmes.error.planNotAdopted');
  const interventions = await loadInterventions(db, [plan.id]);
  const statuses = await db.selectFrom('follow_up_interventions').selectAll().where('follow_up_id', '=', row.id).execute();
  const outcomes = await db.selectFrom('follow_up_outcomes').selectAll().where('follow_up_id', '=', row.id).execute();
  const goalIds = interventions.flatMap((i) => i.goals.map((g) => g.id));
  const measured = await measuredValues(db, goalIds, plan.year);
  const county = await db.selectFrom('counties').select('name').where('code', '=', plan.county_code).executeTakeFirstOrThrow();
  const view: FollowUpIntervention[] = interventions.map(({ planId: _p, ...i }) => {
    const s = statuses.find((x) => x.intervention_id === i.id);
    return {
      ...i,
      status: s?.status ?? null,
      comment: s?.comment ?? '',
      goals: i.goals.map((g) => {
        const o = outcomes.find((x) => x.goal_id === g.id);
        const m = measured.get(g.id);
        return { ...g, outcome: o?.outcome ?? null, outcomeComment: o?.comment ?? '', ...(m ? { measured: m } : {}) };
      })
    };
  });
  const counts = { genomford: 0, delvis: 0, ej_genomford: 0, pagar: 0, none: 0 };
  for (const i of view) counts[i.status ?? 'none'] += 1;
  const nextYear = plan.year + 1;
  const nextExists = !!(await db.selectFrom('action_plans').select('id').where('programme_id', '=', plan.programme_id).where('year', '=', nextYear).executeTakeFirst());
  const editor = can(actor, 'county.edit', { type: 'county', countyCode: plan.county_code });
  return {
    id: row.id,
    planId: plan.id,
    programmeId: plan.programme_id,
    programmeTitle: plan.programme_title,
    countyCode: plan.county_code,
    countyName: county.name,
    year: plan.year,
    status: row.status,
    version: row.version,
    summary: row.summary,
    lessons: row.lessons,
    submittedDate: row.submitted_date,
    boardReportedDate: row.board_reported_date,
    boardReference: row.board_reference,
    deadline: deadlineStatus(plan.year, today, row.submitted_date),
    interventions: view,
    counts,
    goalCount: goalIds.length,
    outcomeCount: view.reduce((n, i) => n + i.goals.filter((g) => g.outcome !== null).length, 0),
    canEdit: editor && row.status === 'in_progress',
    next: { year: nextYear, exists: nextExists, carried: view.filter((i) => i.status !== 'genomford').length, allowed: editor && !nextExists && nextYear <= plan.period_end }
  };
}

export async function getFollowUp(db: Queryable, actor: MaybeActor, programmeId: string, year: number, today = todayInSweden()): Promise<FollowUpView> {
  const programme = await loadProgramme(db, programmeId);
  const plan = await db.selectFrom('action_plans').select('id').where('programme_id', '=', programme.id).where('year', '=', year).executeTakeFirst();
  if (!plan) {
    assertRead(actor, programme.county_code, true);
    throw notFound();
  }
  return getFollowUpByPlan(db, actor, plan.id, today);
}

async function lockOpenFollowUp(trx: Queryable, actor: MaybeActor, followUpId: string) {
  const row = await trx
    .selectFrom('follow_ups as f')
    .innerJoin('action_plans as p', 'p.id', 'f.plan_id')
    .innerJoin('programmes as g', 'g.id', 'p.programme_id')
    .select(['f.id', 'f.plan_id', 'f.status', 'f.version', 'f.summary', 'f.lessons', 'p.year', 'g.county_code', 'g.organisation_id'])
    .where('f.id', '=', followUpId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: row.county_code });
  await trx.selectFrom('follow_ups').select('id').where('id', '=', row.id).forUpdate().execute();
  return { row, editor };
}

/** Saves statuses, comments, outcomes, summary and lessons in one go, with optimistic locking on the follow-up. */
export async function saveFollowUp(db: Db, actor: MaybeActor, followUpId: string, input: FollowUpSaveInput): Promise<{ version: number }> {
  return db.transaction().execute(async (trx) => {
    const { row, editor } = await lockOpenFollowUp(trx, actor, followUpId);
    if (row.status === 'submitted') throw followUpLocked();
    const interventionIds = new Set((await trx.selectFrom('action_plan_interventions').select('id').where('plan_id', '=', row.plan_id).execute()).map((r) => r.id));
    const goalIds = new Set(
      interventionIds.size
        ? (await trx.selectFrom('action_plan_goals').select('id').where('intervention_id', 'in', [...interventionIds]).execute()).map((r) => r.id)
        : []
    );
    if (input.interventions.some((i) => !interventionIds.has(i.interventionId)) || input.outcomes.some((o) => !goalIds.has(o.goalId))) throw notFound();
    const updated = await trx
      .updateTable('follow_ups')
      .set({ summary: input.summary, lessons: input.lessons, version: input.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw conflict({ current: { version: row.version } });
    for (const i of input.interventions) {
      await trx
        .insertInto('follow_up_interventions')
        .values({ follow_up_id: row.id, intervention_id: i.interventionId, status: i.status, comment: i.comment })
        .onConflict((oc) => oc.columns(['follow_up_id', 'intervention_id']).doUpdateSet({ status: i.status, comment: i.comment }))
        .execute();
    }
    for (const o of input.outcomes) {
      await trx
        .insertInto('follow_up_outcomes')
        .values({ follow_up_id: row.id, goal_id: o.goalId, outcome: o.outcome, comment: o.comment })
        .onConflict((oc) => oc.columns(['follow_up_id', 'goal_id']).doUpdateSet({ outcome: o.outcome, comment: o.comment }))
        .execute();
    }
    await recordAudit(trx, editor, { action: 'update', entity: 'followUp', entityId: row.id, organisationId: row.organisation_id, before: { summary: row.summary, lessons: row.lessons }, after: input });
    return { version: updated.version };
  });
}

/**
 * Submits to Tillväxtverket: every intervention needs a status and the summary must be written. The
 * follow-up is locked from then on and readable by Tillväxtverket.
 */
export async function submitFollowUp(db: Db, actor: MaybeActor, followUpId: string, version: number, today = todayInSweden()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, editor } = await lockOpenFollowUp(trx, actor, followUpId);
    if (row.status === 'submitted') throw followUpLocked();
    if (row.version !== version) throw conflict({ current: { version: row.version } });
    const missing = await trx
      .selectFrom('action_plan_interventions as i')
      .leftJoin('follow_up_interventions as s', (join) => join.onRef('s.intervention_id', '=', 'i.id').on('s.follow_up_id', '=', row.id))
      .select('i.id')
      .where('i.plan_id', '=', row.plan_id)
      .where('s.status', 'is', null)
      .execute();
    const fields: Record<string, string> = {};
    for (const m of missing) fields[`status.${m.id}`] = 'programmes.error.statusMissing';
    if (!row.summary.trim()) fields.summary = 'programmes.error.summaryMissing';
    if (Object.keys(fields).length) throw invalid(fields);
    await trx
      .updateTable('follow_ups')
      .set({ status: 'submitted', submitted_at: sql<Date>`now()`, submitted_date: today, submitted_by: editor.user.id, version: version + 1 })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, editor, { action: 'submit', entity: 'followUp', entityId: row.id, organisationId: row.organisation_id, before: { status: 'in_progress' }, after: { status: 'submitted', submittedDate: today } });
  });
}

/** After submission: the date and reference of the report to the board (regionala utvecklingsnämnden). */
export async function reportToBoard(db: Db, actor: MaybeActor, followUpId: string, input: { version: number; date: string; reference: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, editor } = await lockOpenFollowUp(trx, actor, followUpId);
    if (row.status !== 'submitted') throw new DomainError('conflict', 'programmes.error.followUpNotSubmitted');
    const updated = await trx
      .updateTable('follow_ups')
      .set({ board_reported_date: input.date, board_reference: input.reference, version: input.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict({ current: { version: row.version } });
    await recordAudit(trx, editor, { action: 'reportToBoard', entity: 'followUp', entityId: row.id, organisationId: row.organisation_id, after: { date: input.date, reference: input.reference } });
  });
}

const clampToYear = (date: string | null, year: number, fallback: 'start' | 'end') => {
  if (!date) return null;
  const edge = fallback === 'start' ? `${year}-01-01` : `${year}-12-31`;
  return fallback === 'start' ? (date < edge ? edge : date) : date < `${year}-01-01` ? edge : date;
};

/**
 * "Start next year's plan from this follow-up": a draft plan for year + 1 with every intervention that was
 * not carried out (delvis, ej genomförd, pågår, or no status), with its goals. A goal's outcome becomes the
 * new baseline; dates before the new year move into it. The new interventions remember where they came from.
 */
export async function startNextYearPlan(db: Db, actor: MaybeActor, followUpId: string): Promise<{ id: string; year: number; carried: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('follow_ups as f')
      .innerJoin('action_plans as p', 'p.id', 'f.plan_id')
      .innerJoin('programmes as g', 'g.id', 'p.programme_id')
      .select(['f.id', 'f.plan_id', 'p.year', 'p.programme_id', 'g.county_code', 'g.organisation_id', 'g.period_end'])
      .where('f.id', '=', followUpId)
      .executeTakeFirst();
    if (!row) throw notFound();
    const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: row.county_code });
    const year = row.year + 1;
    if (year > row.period_end) throw invalid({ year: 'programmes.error.planOutsidePeriod' }, 'programmes.error.planOutsidePeriod');
    const exists = await trx.selectFrom('action_plans').select('id').where('programme_id', '=', row.programme_id).where('year', '=', year).executeTakeFirst();
    if (exists) throw new DomainError('conflict', 'programmes.error.planExists', { year });
    const plan = await trx
      .insertInto('action_plans')
      .values({ programme_id: row.programme_id, year, carried_from_plan_id: row.plan_id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const statuses = await trx.selectFrom('follow_up_interventions').select(['intervention_id', 'status']).where('follow_up_id', '=', row.id).execute();
    const done = new Set(statuses.filter((s) => s.status === 'genomford').map((s) => s.intervention_id));
    const outcomes = new Map(
      (await trx.selectFrom('follow_up_outcomes').select(['goal_id', 'outcome']).where('follow_up_id', '=', row.id).execute()).map((o) => [o.goal_id, o.outcome])
    );
    const source = (await trx.selectFrom('action_plan_interventions').selectAll().where('plan_id', '=', row.plan_id).orderBy('position').execute()).filter((i) => !done.has(i.id));
    let position = 0;
    for (const i of source) {
      position += 1;
      const copy = await trx
        .insertInto('action_plan_interventions')
        .values({
          plan_id: plan.id,
          position,
          title: i.title,
          description: i.description,
          goal_codes: json(i.goal_codes),
          responsible_organisation_ids: json(i.responsible_organisation_ids),
          responsible_role: i.responsible_role,
          partners: json(i.partners),
          start_date: clampToYear(i.start_date, year, 'start'),
          end_date: clampToYear(i.end_date, year, 'end'),
          budget_sek: i.budget_sek,
          funding_source: i.funding_source,
          carried_from_id: i.id
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const goals = await trx.selectFrom('action_plan_goals').selectAll().where('intervention_id', '=', i.id).orderBy('position').execute();
      for (const g of goals) {
        const outcome = outcomes.get(g.id);
        await trx
          .insertInto('action_plan_goals')
          .values({
            intervention_id: copy.id,
            position: g.position,
            indicator: g.indicator,
            unit: g.unit,
            baseline: outcome ?? g.baseline,
            target: g.target,
            target_date: clampToYear(g.target_date, year, 'end')
          })
          .execute();
      }
    }
    await recordAudit(trx, editor, { action: 'carryOver', entity: 'actionPlan', entityId: plan.id, organisationId: row.organisation_id, after: { year, fromFollowUp: row.id, carried: source.length } });
    return { id: plan.id, year, carried: source.length };
  });
}
