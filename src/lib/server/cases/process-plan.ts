import { inTx } from './tx';
import { sql } from 'kysely';
import * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { DomainError, conflict, invalid, notFound } from '../errors';
import type { Block } from '../documents/docx';
import { translate, type Locale } from '$lib/i18n';
import { dateField } from './cases';
import { programmeCounty } from './programme-link';

export type MilestoneStatus = 'done' | 'planned' | 'late';

export interface MilestoneView {
  starts: string;
  ends: string | null;
  precision: 'day' | 'month';
  title: string;
  decidedBy: string | null;
  done: boolean;
  status: MilestoneStatus;
}

export interface ProcessPlanView {
  id: string;
  programmeId: string;
  caseId: string | null;
  diaryNumber: string | null;
  unit: string | null;
  title: string;
  planDate: string;
  roles: { role: string; who: string; task: string }[];
  milestones: MilestoneView[];
  version: number;
  canEdit: boolean;
}

/** The last day a milestone covers: its end, or the end of its day or month. */
export function milestoneEnd(m: { starts: string; ends: string | null; precision: 'day' | 'month' }): string {
  const last = m.ends ?? m.starts;
  if (m.precision === 'day') return last;
  const [y, mo] = last.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
}

/** Late is computed, never stored: not done and its last day has passed. */
export function milestoneStatus(m: { starts: string; ends: string | null; precision: 'day' | 'month'; done: boolean }, today: string): MilestoneStatus {
  if (m.done) return 'done';
  return milestoneEnd(m) < today ? 'late' : 'planned';
}

export const todayInSweden = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

const rowText = (max: number) => z.string().trim().max(max, { error: 'error.tooLong' });

export const processPlanSchema = z.object({
  title: z.string({ error: 'cases.error.titleRequired' }).trim().min(1, { error: 'cases.error.titleRequired' }).max(300, { error: 'error.tooLong' }),
  planDate: dateField(),
  caseId: z.string().uuid().optional().nullable(),
  roles: z.array(z.object({ role: rowText(200).min(1, { error: 'cases.error.row' }), who: rowText(500).min(1, { error: 'cases.error.row' }), task: rowText(2000).min(1, { error: 'cases.error.row' }) })).max(30),
  milestones: z
    .array(
      z.object({
        starts: dateField(),
        ends: z.union([dateField(), z.literal('')]).optional().nullable().transform((v) => (v ? v : null)),
        precision: z.enum(['day', 'month']).default('day'),
        title: rowText(500).min(1, { error: 'cases.error.row' }),
        decidedBy: rowText(200).optional().nullable().transform((v) => (v ? v : null)),
        done: z.boolean().default(false)
      })
    )
    .max(60)
    .superRefine((rows, ctx) => {
      rows.forEach((m, i) => {
        if (m.ends && m.ends < m.starts) ctx.addIssue({ code: 'custom', path: [i, 'ends'], message: 'cases.error.date' });
      });
    })
});
export type ProcessPlanInput = z.output<typeof processPlanSchema>;

/** Numbered form rows (roles.0.role, milestones.2.starts …) to the schema's shape; blank rows are dropped. */
export function processPlanFromForm(raw: Record<string, string | string[]>): Record<string, unknown> {
  const one = (k: string) => {
    const v = raw[k];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const indexes = (prefix: string) => [...new Set(Object.keys(raw).map((k) => new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(k)?.[1]).filter((x): x is string => !!x).map(Number))].sort((a, b) => a - b);
  const month = (v: string) => (/^\d{4}-\d{2}$/.test(v.trim()) ? `${v.trim()}-01` : v.trim());
  return {
    title: one('title'),
    planDate: one('planDate'),
    caseId: one('caseId') || null,
    roles: indexes('roles')
      .map((i) => ({ role: one(`roles.${i}.role`), who: one(`roles.${i}.who`), task: one(`roles.${i}.task`) }))
      .filter((r) => r.role.trim() || r.who.trim() || r.task.trim()),
    milestones: indexes('milestones')
      .map((i) => ({
        starts: month(one(`milestones.${i}.starts`)),
        ends: month(one(`milestones.${i}.ends`)),
        precision: one(`milestones.${i}.precision`) || 'day',
        title: one(`milestones.${i}.title`),
        decidedBy: one(`milestones.${i}.decidedBy`),
        done: one(`milestones.${i}.done`) === 'on' || one(`milestones.${i}.done`) === 'true'
      }))
      .filter((m) => m.starts || m.title.trim() || m.decidedBy.trim())
  };
}

export async function getProcessPlan(db: Queryable, actor: MaybeActor, programmeId: string, today = todayInSweden()): Promise<ProcessPlanView> {
  const plan = await db
    .selectFrom('process_plans')
    .leftJoin('cases', 'cases.id', 'process_plans.case_id')
    .select(['process_plans.id', 'process_plans.programme_id', 'process_plans.case_id', 'process_plans.organisation_id', 'process_plans.county_code', 'process_plans.title', 'process_plans.plan_date', 'process_plans.version', 'cases.diary_number', 'cases.unit'])
    .where('process_plans.programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!plan) {
    // Say 404 only to those who could have seen a plan of that programme.
    const county = await programmeCounty(db, programmeId);
    if (county) assertCan(actor, 'county.readDraft', { type: 'county', countyCode: county });
    else requireActor(actor);
    throw notFound();
  }
  const a = assertCan(actor, 'county.readDraft', { type: 'county', countyCode: plan.county_code });
  const [roles, milestones] = await Promise.all([
    db.selectFrom('process_plan_roles').select(['role', 'who', 'task']).where('plan_id', '=', plan.id).orderBy('position').execute(),
    db.selectFrom('process_plan_milestones').selectAll().where('plan_id', '=', plan.id).orderBy('position').execute()
  ]);
  return {
    id: plan.id,
    programmeId: plan.programme_id,
    caseId: plan.case_id,
    diaryNumber: plan.diary_number,
    unit: plan.unit,
    title: plan.title,
    planDate: plan.plan_date,
    roles,
    milestones: milestones.map((m) => ({
      starts: m.starts,
      ends: m.ends,
      precision: m.precision,
      title: m.title,
      decidedBy: m.decided_by,
      done: m.done,
      status: milestoneStatus(m, today)
    })),
    version: plan.version,
    canEdit: can(a, 'county.edit', { type: 'county', countyCode: plan.county_code }) && a.organisation.id === plan.organisation_id
  };
}

async function writeRows(trx: Queryable, planId: string, input: ProcessPlanInput) {
  await trx.deleteFrom('process_plan_roles').where('plan_id', '=', planId).execute();
  await trx.deleteFrom('process_plan_milestones').where('plan_id', '=', planId).execute();
  if (input.roles.length) await trx.insertInto('process_plan_roles').values(input.roles.map((r, i) => ({ plan_id: planId, position: i + 1, ...r }))).execute();
  if (input.milestones.length)
    await trx
      .insertInto('process_plan_milestones')
      .values(input.milestones.map((m, i) => ({ plan_id: planId, position: i + 1, starts: m.starts, ends: m.ends, precision: m.precision, title: m.title, decided_by: m.decidedBy, done: m.done })))
      .execute();
}

/** Creates the programme's process plan, or replaces its rows when `version` is given (optimistic locking). */
export async function saveProcessPlan(db: Db, actor: MaybeActor, programmeId: string, input: ProcessPlanInput, version?: number): Promise<{ id: string; version: number }> {
  const a = requireActor(actor);
  const countyCode = (await programmeCounty(db, programmeId)) ?? null;
  if (!countyCode) {
    assertCan(a, 'county.edit', { type: 'county', countyCode: a.organisation.countyCode ?? '' });
    throw invalid({ programmeId: 'cases.error.programme' }, 'cases.error.programme');
  }
  assertCan(a, 'county.edit', { type: 'county', countyCode });
  return inTx(db, async (trx) => {
    if (input.caseId) {
      const c = await trx.selectFrom('cases').select(['id']).where('id', '=', input.caseId).where('organisation_id', '=', a.organisation.id).executeTakeFirst();
      if (!c) throw invalid({ caseId: 'cases.error.document' });
    }
    const existing = await trx.selectFrom('process_plans').selectAll().where('programme_id', '=', programmeId).forUpdate().executeTakeFirst();
    if (existing && version === undefined) throw new DomainError('conflict', 'cases.error.planExists');
    if (existing) {
      if (existing.organisation_id !== a.organisation.id) throw new DomainError('forbidden', 'error.forbidden');
      const row = await trx
        .updateTable('process_plans')
        .set({ title: input.title, plan_date: input.planDate, case_id: input.caseId ?? existing.case_id, version: sql<number>`version + 1` })
        .where('id', '=', existing.id)
        .where('version', '=', version!)
        .returning(['id', 'version'])
        .executeTakeFirst();
      if (!row) throw conflict({ current: await getProcessPlan(trx, a, programmeId) });
      await writeRows(trx, row.id, input);
      await recordAudit(trx, a, { action: 'update', entity: 'processPlan', entityId: row.id, before: existing, after: input });
      return row;
    }
    const row = await trx
      .insertInto('process_plans')
      .values({ programme_id: programmeId, case_id: input.caseId ?? null, organisation_id: a.organisation.id, county_code: countyCode, title: input.title, plan_date: input.planDate })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await writeRows(trx, row.id, input);
    await recordAudit(trx, a, { action: 'create', entity: 'processPlan', entityId: row.id, after: { programmeId, ...input } });
    return row;
  });
}

const MONTHS: Record<Locale, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
};

/** "22 februari 2022", "november 2022", "november 2022 – februari 2023": how the plan speaks of time. */
export function formatWhen(m: Pick<MilestoneView, 'starts' | 'ends' | 'precision'>, locale: Locale): string {
  const one = (iso: string) => {
    const [y, mo, d] = iso.split('-').map(Number);
    const month = MONTHS[locale][mo - 1];
    return m.precision === 'month' ? `${month} ${y}` : locale === 'sv' ? `${d} ${month} ${y}` : `${d} ${month} ${y}`;
  };
  return m.ends && m.ends !== m.starts ? `${one(m.starts)} – ${one(m.ends)}` : one(m.starts);
}

export function processPlanApiView(p: ProcessPlanView) {
  return {
    roles: p.roles.map((r) => ({ role: r.role, who: r.who, task: r.task })),
    milestones: p.milestones.map((m) => ({ date: m.starts, until: m.ends, precision: m.precision, title: m.title, decidedBy: m.decidedBy, status: m.status }))
  };
}

export function processPlanBlocks(p: ProcessPlanView, locale: Locale): Block[] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  return [
    ...(p.unit ? [{ kind: 'paragraph' as const, text: p.unit, bold: true }] : []),
    { kind: 'paragraph', text: p.planDate },
    ...(p.diaryNumber ? [{ kind: 'paragraph' as const, text: p.diaryNumber }] : []),
    { kind: 'heading', level: 1, text: p.title },
    { kind: 'heading', level: 2, text: t('cases.plan.timeline') },
    {
      kind: 'table',
      headers: [t('cases.plan.when'), t('cases.plan.what'), t('cases.plan.decidedBy'), t('cases.plan.status')],
      rows: p.milestones.map((m) => [formatWhen(m, locale), m.title, m.decidedBy ?? '', t(`cases.plan.status.${m.status}`)])
    },
    { kind: 'heading', level: 2, text: t('cases.plan.roles') },
    { kind: 'table', headers: [t('cases.plan.role'), t('cases.plan.who'), t('cases.plan.task')], rows: p.roles.map((r) => [r.role, r.who, r.task]) }
  ];
}
