import type { Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { renderDocx, type Block } from '../documents/docx';
import { renderXlsx } from '../documents/xlsx';
import { getActionPlan, type ActionPlanView, type InterventionView } from './plans';
import { getFollowUp, type FollowUpView } from './followups';

/**
 * Word and Excel exports, built from the same view models the pages show (so an export never disagrees with
 * its page). Swedish, as the documents go to Tillväxtverket and the board.
 */
const OUTCOME = { genomford: 'Genomförd', delvis: 'Delvis genomförd', ej_genomford: 'Ej genomförd', pagar: 'Pågår' } as const;
const kr = (n: number) => `${new Intl.NumberFormat('sv-SE').format(n)} kr`;
const num = (n: number | null) => (n === null ? '–' : new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 }).format(n));

function adoptionLine(plan: ActionPlanView): string {
  if (!plan.adopted) return 'Status: utkast, inte fastställd.';
  const a = plan.adopted;
  return (
    `Fastställd ${a.date} av ${a.body}${a.paragraph ? ` ${a.paragraph}` : ''}` +
    (a.delegation ? `, genom delegation enligt ${a.delegation}` : '') +
    (a.reference ? ` (${a.reference})` : '') +
    '.'
  );
}

function interventionBlocks(i: InterventionView, goalTitles: Map<string, string>): Block[] {
  const responsible = [...i.responsible.map((r) => r.name), ...(i.responsibleRole ? [i.responsibleRole] : [])].join(', ');
  const timing = i.startDate || i.endDate ? `${i.startDate ?? '…'} – ${i.endDate ?? '…'}` : '–';
  return [
    { kind: 'heading', level: 3, text: `${i.position}. ${i.title}` },
    ...(i.description ? [{ kind: 'paragraph', text: i.description } as Block] : []),
    {
      kind: 'fields',
      rows: [
        ['Programmål', i.goalCodes.map((c) => `${c} ${goalTitles.get(c) ?? ''}`.trim()).join('; ') || '–'],
        ['Ansvarig', responsible || '–'],
        ['Samarbetspartner', i.partners.join(', ') || '–'],
        ['Tid', timing],
        ['Budget', i.budgetSek === null ? '–' : kr(i.budgetSek)],
        ['Finansiering', i.fundingSource ?? '–']
      ]
    },
    ...(i.goals.length
      ? [
          {
            kind: 'table',
            caption: 'Uppföljningsbara mål',
            headers: ['Indikator', 'Enhet', 'Utgångsvärde', 'Målvärde', 'Måldatum'],
            rows: i.goals.map((g) => [g.indicator, g.unit, num(g.baseline), num(g.target), g.targetDate ?? '–']),
            numeric: [2, 3]
          } as Block
        ]
      : [])
  ];
}

export async function actionPlanDocx(db: Queryable, actor: MaybeActor, programmeId: string, year: number): Promise<{ buffer: Buffer; filename: string }> {
  const plan = await getActionPlan(db, actor, programmeId, year);
  const goalTitles = new Map(plan.programmeGoals.map((g) => [g.code, g.title]));
  const title = `Handlingsplan ${plan.year} för ${plan.programmeTitle}`;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'paragraph', text: adoptionLine(plan), italic: true },
    ...(plan.introduction ? [{ kind: 'paragraph', text: plan.introduction } as Block] : []),
    {
      kind: 'table',
      caption: 'Sammanställning',
      headers: ['Nr', 'Insats', 'Ansvarig', 'Budget (kr)'],
      rows: plan.interventions.map((i) => [i.position, i.title, [...i.responsible.map((r) => r.name), ...(i.responsibleRole ? [i.responsibleRole] : [])].join(', '), i.budgetSek ?? 0]),
      numeric: [0, 3]
    },
    { kind: 'paragraph', text: `Total budget: ${kr(plan.totalBudgetSek)}`, bold: true },
    { kind: 'heading', level: 2, text: 'Insatser' },
    ...plan.interventions.flatMap((i) => interventionBlocks(i, goalTitles))
  ];
  return { buffer: await renderDocx({ title, subject: 'Handlingsplan', blocks }), filename: `Handlingsplan ${plan.year}.docx` };
}

function followUpTitle(f: FollowUpView) {
  return `Uppföljning ${f.year} av handlingsplanen för ${f.programmeTitle}`;
}

export async function followUpDocx(db: Queryable, actor: MaybeActor, programmeId: string, year: number): Promise<{ buffer: Buffer; filename: string }> {
  const f = await getFollowUp(db, actor, programmeId, year);
  const title = followUpTitle(f);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'fields',
      rows: [
        ['Län', f.countyName],
        ['Status', f.status === 'submitted' ? `Inlämnad till Tillväxtverket ${f.submittedDate}` : 'Under arbete, inte inlämnad'],
        ['Sista dag', f.deadline.deadline],
        ...(f.boardReportedDate ? ([['Avrapporterad till nämnden', `${f.boardReportedDate} (${f.boardReference})`]] as [string, string][]) : [])
      ]
    },
    { kind: 'heading', level: 2, text: 'Sammanfattning' },
    { kind: 'paragraph', text: f.summary || '–' },
    {
      kind: 'table',
      caption: 'Insatsernas status',
      headers: ['Status', 'Antal'],
      rows: [
        ...(Object.keys(OUTCOME) as (keyof typeof OUTCOME)[]).map((k) => [OUTCOME[k], f.counts[k]]),
        ['Utan status', f.counts.none]
      ],
      numeric: [1]
    },
    { kind: 'heading', level: 2, text: 'Insatser' },
    ...f.interventions.flatMap((i): Block[] => [
      { kind: 'heading', level: 3, text: `${i.position}. ${i.title}` },
      { kind: 'fields', rows: [['Status', i.status ? OUTCOME[i.status] : 'Ingen status']] },
      ...(i.comment ? [{ kind: 'paragraph', text: i.comment } as Block] : []),
      ...(i.goals.length
        ? [
            {
              kind: 'table',
              headers: ['Indikator', 'Enhet', 'Utgångsvärde', 'Målvärde', 'Utfall', 'Kommentar'],
              rows: i.goals.map((g) => [g.indicator, g.unit, num(g.baseline), num(g.target), num(g.outcome), g.outcomeComment || '']),
              numeric: [2, 3, 4]
            } as Block
          ]
        : [])
    ]),
    { kind: 'heading', level: 2, text: 'Lärdomar' },
    { kind: 'paragraph', text: f.lessons || '–' }
  ];
  return { buffer: await renderDocx({ title, subject: 'Uppföljning', blocks }), filename: `Uppföljning ${f.year}.docx` };
}

/** One row per intervention and indicator (an intervention without goals gets one row), target beside outcome. */
export async function followUpXlsx(db: Queryable, actor: MaybeActor, programmeId: string, year: number): Promise<{ buffer: Buffer; filename: string }> {
  const f = await getFollowUp(db, actor, programmeId, year);
  const rows = f.interventions.flatMap((i) => {
    const base = { nr: i.position, intervention: i.title, status: i.status ? OUTCOME[i.status] : '', comment: i.comment, responsible: [...i.responsible.map((r) => r.name), ...(i.responsibleRole ? [i.responsibleRole] : [])].join(', '), budget: i.budgetSek };
    if (!i.goals.length) return [base];
    return i.goals.map((g) => ({ ...base, indicator: g.indicator, unit: g.unit, baseline: g.baseline, target: g.target, targetDate: g.targetDate, outcome: g.outcome, outcomeComment: g.outcomeComment }));
  });
  const buffer = await renderXlsx(
    [
      {
        name: `Uppföljning ${f.year}`,
        columns: [
          { header: 'Nr', key: 'nr', kind: 'integer', width: 6 },
          { header: 'Insats', key: 'intervention', width: 45 },
          { header: 'Status', key: 'status', width: 18 },
          { header: 'Ansvarig', key: 'responsible', width: 30 },
          { header: 'Budget (kr)', key: 'budget', kind: 'money', width: 14 },
          { header: 'Indikator', key: 'indicator', width: 45 },
          { header: 'Enhet', key: 'unit', width: 12 },
          { header: 'Utgångsvärde', key: 'baseline', kind: 'decimal' },
          { header: 'Målvärde', key: 'target', kind: 'decimal' },
          { header: 'Måldatum', key: 'targetDate', kind: 'date' },
          { header: 'Utfall', key: 'outcome', kind: 'decimal' },
          { header: 'Kommentar om utfallet', key: 'outcomeComment', width: 40 },
          { header: 'Kommentar om insatsen', key: 'comment', width: 40 }
        ],
        rows
      },
      {
        name: 'Sammanfattning',
        columns: [
          { header: 'Uppgift', key: 'k', width: 30 },
          { header: 'Värde', key: 'v', width: 90 }
        ],
        rows: [
          { k: 'Län', v: f.countyName },
          { k: 'År', v: String(f.year) },
          { k: 'Status', v: f.status === 'submitted' ? `Inlämnad ${f.submittedDate}` : 'Under arbete' },
          { k: 'Sammanfattning', v: f.summary },
          { k: 'Lärdomar', v: f.lessons }
        ]
      }
    ],
    { title: followUpTitle(f) }
  );
  return { buffer, filename: `Uppföljning ${f.year}.xlsx` };
}
