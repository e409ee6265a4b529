import type { Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan } from '../auth/policy';
import { deadlineStatus, followUpDeadline, todayInSweden, type DeadlineState } from './deadline';

export type OverviewFollowUpState = DeadlineState | 'missing';

export interface OverviewRow {
  countyCode: string;
  countyName: string;
  programme: { id: string; title: string; status: 'adopted' | 'notAdopted' } | null;
  plan: { status: 'adopted' | 'draft' } | null;
  followUp: { state: OverviewFollowUpState; submittedDate: string | null };
}

export interface Overview {
  year: number;
  deadline: string;
  rows: OverviewRow[];
  totals: { submitted: number; late: number; missing: number };
}

/**
 * Tillväxtverket's view of all 21 counties for a year: the programme covering the year, the year's plan and
 * its follow-up. Only statuses are shown here; a follow-up's content opens once it is submitted.
 * "missing" = no adopted plan to follow up; "late" = overdue, or submitted after the deadline.
 */
export async function nationalOverview(db: Queryable, actor: MaybeActor, year: number, today = todayInSweden()): Promise<Overview> {
  assertCan(actor, 'national.overview', { type: 'public' });
  const counties = await db.selectFrom('counties').select(['code', 'name']).orderBy('code').execute();
  const programmes = await db
    .selectFrom('programmes as g')
    .select((eb) => [
      'g.id',
      'g.county_code',
      'g.title',
      eb
        .exists(eb.selectFrom('programme_versions as v').select('v.id').whereRef('v.programme_id', '=', 'g.id').where('v.status', '=', 'adopted'))
        .as('adopted')
    ])
    .where('g.period_start', '<=', year)
    .where('g.period_end', '>=', year)
    .execute();
  const plans = await db
    .selectFrom('action_plans as p')
    .innerJoin('programmes as g', 'g.id', 'p.programme_id')
    .leftJoin('follow_ups as f', 'f.plan_id', 'p.id')
    .select(['g.county_code', 'p.status', 'f.status as follow_up_status', 'f.submitted_date'])
    .where('p.year', '=', year)
    .execute();
  const rows: OverviewRow[] = counties.map((c) => {
    const programme = programmes.find((p) => p.county_code === c.code);
    const plan = plans.find((p) => p.county_code === c.code);
    const state: OverviewFollowUpState = plan?.status === 'adopted' ? deadlineStatus(year, today, plan.submitted_date ?? null).state : 'missing';
    return {
      countyCode: c.code,
      countyName: c.name,
      programme: programme ? { id: programme.id, title: programme.title, status: programme.adopted ? 'adopted' : 'notAdopted' } : null,
      plan: plan ? { status: plan.status } : null,
      followUp: { state, submittedDate: plan?.submitted_date ?? null }
    };
  });
  const late = (s: OverviewFollowUpState) => s === 'overdue' || s === 'submittedLate';
  return {
    year,
    deadline: followUpDeadline(year),
    rows,
    totals: {
      submitted: rows.filter((r) => r.followUp.state === 'submitted' || r.followUp.state === 'submittedLate').length,
      late: rows.filter((r) => late(r.followUp.state)).length,
      missing: rows.filter((r) => r.followUp.state === 'missing').length
    }
  };
}
