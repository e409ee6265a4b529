import type { Queryable } from '../db';
import type { Fact } from '../reporting/fact';
import { loadInterventions } from './plans';

const OUTCOME_LABEL = { genomford: 'genomförda', delvis: 'delvis genomförda', ej_genomford: 'ej genomförda', pagar: 'pågående' } as const;

const svDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'][m - 1]} ${y}`;
};

/**
 * Figures the programme domain knows for a county and year, offered beside result-report section 1: the
 * programme's adoption, the year's action plan and its follow-up. The reporting editor decides who sees
 * them (it is called for the county's own report); nothing here is checked against an actor.
 */
export async function programmeFacts(db: Queryable, countyCode: string, year: number): Promise<Fact[]> {
  const facts: Fact[] = [];
  const programme = await db
    .selectFrom('programmes')
    .select(['id', 'title', 'period_start', 'period_end'])
    .where('county_code', '=', countyCode)
    .where('period_start', '<=', year)
    .where('period_end', '>=', year)
    .executeTakeFirst();
  if (!programme) return facts;
  const adopted = await db
    .selectFrom('programme_versions')
    .select(['adopted_date', 'adopted_by', 'adopted_paragraph'])
    .where('programme_id', '=', programme.id)
    .where('status', '=', 'adopted')
    .orderBy('number', 'asc')
    .limit(1)
    .executeTakeFirst();
  if (adopted?.adopted_date) {
    facts.push({
      id: 'programmes.programme.adopted',
      section: 1,
      label: `${programme.title}: fastställt`,
      text: `${programme.title} (${programme.period_start}–${programme.period_end}) fastställdes av ${adopted.adopted_by} den ${svDate(adopted.adopted_date)}${adopted.adopted_paragraph ? `, ${adopted.adopted_paragraph}` : ''}.`,
      source: 'Serviceprogrammet i RSP'
    });
  }
  const plan = await db.selectFrom('action_plans').selectAll().where('programme_id', '=', programme.id).where('year', '=', year).executeTakeFirst();
  if (!plan) return facts;
  const interventions = await loadInterventions(db, [plan.id]);
  const budget = interventions.reduce((s, i) => s + (i.budgetSek ?? 0), 0);
  facts.push({
    id: 'programmes.plan.interventions',
    section: 1,
    label: `Handlingsplan ${year}: insatser och budget`,
    text:
      `Handlingsplanen för ${year} innehöll ${interventions.length} insatser med sammanlagt ${interventions.reduce((s, i) => s + i.goals.length, 0)} uppföljningsbara mål` +
      (budget ? ` och en budget på ${new Intl.NumberFormat('sv-SE').format(budget)} kronor.` : '.') +
      (plan.status === 'adopted' && plan.adopted_date ? ` Planen fastställdes den ${svDate(plan.adopted_date)} av ${plan.adopted_by}${plan.adopted_delegation ? ' genom delegation' : ''}.` : ' Planen är inte fastställd.'),
    source: `Handlingsplan ${year} i RSP`
  });
  const followUp = await db.selectFrom('follow_ups').selectAll().where('plan_id', '=', plan.id).executeTakeFirst();
  if (!followUp) return facts;
  const statuses = await db.selectFrom('follow_up_interventions').select('status').where('follow_up_id', '=', followUp.id).execute();
  const counts = { genomford: 0, delvis: 0, ej_genomford: 0, pagar: 0 };
  for (const s of statuses) if (s.status) counts[s.status] += 1;
  facts.push({
    id: 'programmes.followUp.outcomes',
    section: 1,
    label: `Uppföljning ${year}: insatsernas status`,
    text: `Av handlingsplanens ${interventions.length} insatser var ${(Object.keys(counts) as (keyof typeof counts)[]).map((k) => `${counts[k]} ${OUTCOME_LABEL[k]}`).join(', ')} vid årets slut.`,
    source: `Uppföljning ${year} i RSP`
  });
  facts.push({
    id: 'programmes.followUp.status',
    section: 1,
    label: `Uppföljning ${year}: inlämning`,
    text:
      followUp.status === 'submitted' && followUp.submitted_date
        ? `Uppföljningen av ${year} lämnades till Tillväxtverket den ${svDate(followUp.submitted_date)}` +
          (followUp.board_reported_date ? ` och avrapporterades till nämnden den ${svDate(followUp.board_reported_date)}.` : '.')
        : `Uppföljningen av ${year} är inte inlämnad till Tillväxtverket ännu.`,
    source: `Uppföljning ${year} i RSP`
  });
  return facts;
}
