import { sql } from 'kysely';
import * as z from 'zod';
import type { Actor, MaybeActor } from '../auth/actor';
import { assertCan, can } from '../auth/policy';
import type { Db, Queryable } from '../db';
import { conflict, DomainError, notFound } from '../errors';
import { recordAudit } from '../audit';
import { log } from '../log';
import { countCharacters, withinLimit } from '$lib/reporting/count';
import { diffWords, type DiffPart } from '$lib/reporting/diff';
import { programmeFacts } from '../programmes/facts';
import { grantFacts } from '../grants/facts';
import type { Fact } from './fact';
import { BASES, CHOICES, findQuestion, loadTemplate, type Basis, type Choice, type Template } from './template';

export type ReportStatus = 'draft' | 'ready' | 'submitted';

export interface AnswerView {
  text: string;
  choice: Choice | null;
  basis: Basis | null;
  /** 0 for a question never answered; each save adds one. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Something that keeps a report from being submitted. */
export type Problem =
  | { kind: 'overLimit'; section: number; count: number; limit: number }
  | { kind: 'choiceMissing'; section: number; question: string };

export interface ReportEvent {
  at: Date;
  user: string | null;
  from: ReportStatus;
  to: ReportStatus;
  reason: string | null;
}

export interface ReportView {
  countyCode: string;
  countyName: string;
  year: number;
  status: ReportStatus;
  submittedAt: Date | null;
  template: Template;
  answers: Record<string, AnswerView>;
  counts: Record<number, number>;
  problems: Problem[];
  events: ReportEvent[];
  /** What the actor may do (the service checks again on every write). */
  canEdit: boolean;
  canAdminister: boolean;
}

const EMPTY: AnswerView = { text: '', choice: null, basis: null, version: 0, updatedAt: null, updatedBy: null };

export const yearSchema = z.coerce.number({ error: 'reporting.error.year' }).int({ error: 'reporting.error.year' }).min(2000, { error: 'reporting.error.year' }).max(2100, { error: 'reporting.error.year' });
const countyCode = z.string().regex(/^\d{2}$/);

/** The most an answer can hold at all; the section limits are far below and checked with the counting rule. */
export const MAX_ANSWER_LENGTH = 100_000;

export const answerInputSchema = z.object({
  text: z.string({ error: 'reporting.error.text' }).max(MAX_ANSWER_LENGTH, { error: 'error.tooLong' }),
  choice: z.enum(CHOICES as [Choice, ...Choice[]], { error: 'reporting.error.choice' }).nullable().optional(),
  basis: z.enum(BASES as [Basis, ...Basis[]], { error: 'reporting.error.basis' }).nullable().optional(),
  version: z.number({ error: 'reporting.error.version' }).int().min(0, { error: 'reporting.error.version' })
});
export type AnswerInput = z.output<typeof answerInputSchema> & { question: string };

export const reopenSchema = z.object({
  reason: z.string({ error: 'reporting.error.reasonRequired' }).trim().min(1, { error: 'reporting.error.reasonRequired' }).max(2000, { error: 'error.tooLong' })
});

function checkKey(code: string, year: number): void {
  if (!countyCode.safeParse(code).success || !Number.isInteger(year)) throw notFound();
}

async function countyName(db: Queryable, code: string): Promise<string> {
  const county = await db.selectFrom('counties').select('name').where('code', '=', code).executeTakeFirst();
  if (!county) throw notFound();
  return county.name;
}

async function findReport(db: Queryable, code: string, year: number) {
  return db.selectFrom('result_reports').selectAll().where('county_code', '=', code).where('year', '=', year).executeTakeFirst();
}

/** A submitted report is read with county.readSubmitted (Tillväxtverket too); anything else only within the county. */
function assertRead(actor: MaybeActor, code: string, status: ReportStatus): Actor {
  return status === 'submitted'
    ? assertCan(actor, 'county.readSubmitted', { type: 'county', countyCode: code })
    : assertCan(actor, 'county.readDraft', { type: 'county', countyCode: code });
}

export function sectionCounts(template: Template, answers: Record<string, { text: string }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const section of template.sections) {
    counts[section.number] = section.questions.reduce((sum, q) => sum + countCharacters(answers[q.number]?.text ?? ''), 0);
  }
  return counts;
}

export function findProblems(template: Template, answers: Record<string, { text: string; choice: Choice | null }>): Problem[] {
  const counts = sectionCounts(template, answers);
  const problems: Problem[] = [];
  for (const section of template.sections) {
    if (!withinLimit(counts[section.number], section.limit)) {
      problems.push({ kind: 'overLimit', section: section.number, count: counts[section.number], limit: section.limit });
    }
    for (const q of section.questions) {
      if (q.kind === 'choice' && q.required && !answers[q.number]?.choice) problems.push({ kind: 'choiceMissing', section: section.number, question: q.number });
    }
  }
  return problems;
}

async function loadAnswers(db: Queryable, reportId: string | undefined): Promise<Record<string, AnswerView>> {
  if (!reportId) return {};
  const rows = await db
    .selectFrom('result_report_answers')
    .leftJoin('users', 'users.id', 'result_report_answers.updated_by')
    .select(['question_number', 'text', 'choice', 'basis', 'result_report_answers.version', 'updated_at', 'users.name as updated_by_name'])
    .where('report_id', '=', reportId)
    .execute();
  return Object.fromEntries(
    rows.map((r) => [r.question_number, { text: r.text, choice: r.choice, basis: r.basis, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by_name }])
  );
}

/** The report of a county and year; a year with a template but nothing saved yet is an empty draft. */
export async function getReport(db: Queryable, actor: MaybeActor, code: string, year: number): Promise<ReportView> {
  checkKey(code, year);
  const row = await findReport(db, code, year);
  const status: ReportStatus = row?.status ?? 'draft';
  const reader = assertRead(actor, code, status);
  const [name, template, stored] = await Promise.all([countyName(db, code), loadTemplate(db, year), loadAnswers(db, row?.id)]);
  const answers: Record<string, AnswerView> = {};
  for (const section of template.sections) for (const q of section.questions) answers[q.number] = stored[q.number] ?? EMPTY;
  const events = row
    ? await db
        .selectFrom('result_report_events')
        .leftJoin('users', 'users.id', 'result_report_events.user_id')
        .select(['at', 'users.name as user', 'from_status', 'to_status', 'reason'])
        .where('report_id', '=', row.id)
        .orderBy('result_report_events.id')
        .execute()
    : [];
  return {
    countyCode: code,
    countyName: name,
    year,
    status,
    submittedAt: row?.submitted_at ?? null,
    template,
    answers,
    counts: sectionCounts(template, answers),
    problems: findProblems(template, answers),
    events: events.map((e) => ({ at: e.at, user: e.user, from: e.from_status as ReportStatus, to: e.to_status as ReportStatus, reason: e.reason })),
    canEdit: status !== 'submitted' && can(reader, 'county.edit', { type: 'county', countyCode: code }),
    canAdminister: can(reader, 'county.administer', { type: 'county', countyCode: code })
  };
}

/** Creates the report row on first save and locks it, so saves of one report run one at a time. */
async function lockReport(trx: Queryable, code: string, year: number) {
  await trx.insertInto('result_reports').values({ county_code: code, year }).onConflict((oc) => oc.columns(['county_code', 'year']).doNothing()).execute();
  return trx.selectFrom('result_reports').selectAll().where('county_code', '=', code).where('year', '=', year).forUpdate().executeTakeFirstOrThrow();
}

export interface SaveResult {
  versions: Record<string, number>;
  counts: Record<number, number>;
}

export interface SaveOptions {
  /** The field name an over-limit error is reported on (the API uses "text", the editor form the question's field). */
  fieldFor?: (question: string) => string;
}

/**
 * Saves answers of one report in one transaction. Each answer carries the version it was read at; a stale
 * version is a conflict (409 with the saved text), never a silent overwrite. A save that would take a
 * section over its combined limit is refused (400 naming the section, its count and its limit).
 * Unchanged answers are skipped, so a form that posts a whole section only versions what changed.
 */
export async function saveAnswers(db: Db, actor: MaybeActor, code: string, year: number, inputs: AnswerInput[], options: SaveOptions = {}): Promise<SaveResult> {
  checkKey(code, year);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: code });
  const template = await loadTemplate(db, year);
  const fieldFor = options.fieldFor ?? (() => 'text');
  for (const input of inputs) {
    const question = findQuestion(template, input.question);
    if (!question) throw notFound();
    const fields: Record<string, string> = {};
    if (input.choice && (question.kind !== 'choice' || !question.choices.includes(input.choice))) fields.choice = 'reporting.error.choice';
    if (input.basis && question.kind !== 'effects') fields.basis = 'reporting.error.basis';
    if (Object.keys(fields).length) throw new DomainError('validation', 'error.validation', {}, fields);
  }
  const organisationId = editor.organisation.id;
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, code, year);
    if (report.status === 'submitted') throw new DomainError('conflict', 'reporting.error.locked');
    const stored = await loadAnswers(trx, report.id);
    const next: Record<string, AnswerView> = { ...stored };
    const changed: AnswerInput[] = [];
    const conflicts: { question: string; current: AnswerView }[] = [];
    for (const input of inputs) {
      const current = stored[input.question] ?? EMPTY;
      const choice = input.choice ?? null;
      const basis = input.basis ?? null;
      if (current.text === input.text && current.choice === choice && current.basis === basis) continue;
      if (current.version !== input.version) {
        conflicts.push({ question: input.question, current });
        continue;
      }
      changed.push(input);
      next[input.question] = { ...current, text: input.text, choice, basis, version: current.version + 1 };
    }
    if (conflicts.length) throw conflict({ conflicts, current: conflicts[0].current });
    const counts = sectionCounts(template, next);
    const before = sectionCounts(template, stored);
    for (const section of template.sections) {
      const touched = changed.filter((c) => findQuestion(template, c.question)?.section === section.number);
      // A save that shortens is always taken, even if the section is still over (e.g. after a lowered limit).
      const grows = counts[section.number] > before[section.number];
      if (touched.length && grows && !withinLimit(counts[section.number], section.limit)) {
        const params = { section: section.number, count: counts[section.number], limit: section.limit };
        throw new DomainError('validation', 'reporting.error.sectionOverLimit', params, Object.fromEntries(touched.map((c) => [fieldFor(c.question), 'reporting.error.overLimitField'])), params);
      }
    }
    const versions: Record<string, number> = {};
    for (const input of changed) {
      const after = next[input.question];
      await trx
        .insertInto('result_report_answers')
        .values({ report_id: report.id, question_number: input.question, text: after.text, choice: after.choice, basis: after.basis, version: after.version, updated_by: editor.user.id })
        .onConflict((oc) =>
          oc.columns(['report_id', 'question_number']).doUpdateSet({ text: after.text, choice: after.choice, basis: after.basis, version: after.version, updated_by: editor.user.id, updated_at: sql<Date>`now()` })
        )
        .execute();
      await trx
        .insertInto('result_report_answer_versions')
        .values({ report_id: report.id, question_number: input.question, version: after.version, text: after.text, choice: after.choice, basis: after.basis, saved_by: editor.user.id })
        .execute();
      const before = stored[input.question];
      await recordAudit(trx, editor, {
        action: 'saveAnswer',
        entity: 'resultReportAnswer',
        entityId: `${code}/${year}/${input.question}`,
        organisationId,
        before: before ? { text: before.text, choice: before.choice, basis: before.basis, version: before.version } : undefined,
        after: { text: after.text, choice: after.choice, basis: after.basis, version: after.version }
      });
      versions[input.question] = after.version;
    }
    for (const input of inputs) versions[input.question] ??= next[input.question]?.version ?? 0;
    return { versions, counts };
  });
}

export async function saveAnswer(db: Db, actor: MaybeActor, code: string, year: number, question: string, input: z.output<typeof answerInputSchema>) {
  const result = await saveAnswers(db, actor, code, year, [{ ...input, question }]);
  return { question, version: result.versions[question], counts: result.counts };
}

async function changeStatus(trx: Queryable, actor: Actor, report: { id: string; status: ReportStatus }, code: string, year: number, to: ReportStatus, reason: string | null) {
  await trx
    .updateTable('result_reports')
    .set({
      status: to,
      version: sql<number>`version + 1`,
      ...(to === 'submitted' ? { submitted_at: sql<Date>`now()`, submitted_by: actor.user.id } : {}),
      ...(report.status === 'submitted' ? { submitted_at: null, submitted_by: null } : {})
    })
    .where('id', '=', report.id)
    .execute();
  await trx.insertInto('result_report_events').values({ report_id: report.id, user_id: actor.user.id, from_status: report.status, to_status: to, reason }).execute();
  await recordAudit(trx, actor, {
    action: to === 'submitted' ? 'submit' : report.status === 'submitted' ? 'reopen' : 'changeStatus',
    entity: 'resultReport',
    entityId: `${code}/${year}`,
    before: { status: report.status },
    after: { status: to, ...(reason ? { reason } : {}) }
  });
}

/** Draft ↔ ready for review: the county's editors. */
export async function setReady(db: Db, actor: MaybeActor, code: string, year: number, ready: boolean): Promise<ReportStatus> {
  checkKey(code, year);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: code });
  await loadTemplate(db, year);
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, code, year);
    if (report.status === 'submitted') throw new DomainError('conflict', 'reporting.error.locked');
    const to: ReportStatus = ready ? 'ready' : 'draft';
    if (report.status !== to) await changeStatus(trx, editor, report, code, year, to, null);
    return to;
  });
}

/**
 * Submits the report to Tillväxtverket and locks it. Refused (400, with every problem listed) while a
 * section is over its limit or a required choice is unanswered.
 */
export async function submitReport(db: Db, actor: MaybeActor, code: string, year: number): Promise<{ status: ReportStatus }> {
  checkKey(code, year);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: code });
  const template = await loadTemplate(db, year);
  return db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, code, year);
    if (report.status === 'submitted') throw new DomainError('conflict', 'reporting.error.locked');
    const answers = await loadAnswers(trx, report.id);
    const problems = findProblems(template, answers);
    if (problems.length) {
      const fields = Object.fromEntries(
        problems.map((p) => (p.kind === 'overLimit' ? [`section-${p.section}`, 'reporting.problem.overLimit'] : [`question-${p.question}`, 'reporting.problem.choiceMissing']))
      );
      throw new DomainError('validation', 'reporting.error.cannotSubmit', { count: problems.length }, fields, { problems });
    }
    await changeStatus(trx, editor, report, code, year, 'submitted', null);
    return { status: 'submitted' as const };
  });
}

/** Reopens a submitted report as a draft: only the county's admins, with a reason that is kept and audited. */
export async function reopenReport(db: Db, actor: MaybeActor, code: string, year: number, input: z.output<typeof reopenSchema>): Promise<{ status: ReportStatus }> {
  checkKey(code, year);
  const admin = assertCan(actor, 'county.administer', { type: 'county', countyCode: code });
  return db.transaction().execute(async (trx) => {
    const report = await findReport(trx, code, year);
    if (!report) throw notFound();
    const locked = await trx.selectFrom('result_reports').select(['id', 'status']).where('id', '=', report.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'submitted') throw new DomainError('conflict', 'reporting.error.notSubmitted');
    await changeStatus(trx, admin, locked, code, year, 'draft', input.reason);
    return { status: 'draft' as const };
  });
}

export interface HistoryEntry {
  version: number;
  text: string;
  choice: Choice | null;
  basis: Basis | null;
  savedAt: Date;
  savedBy: string | null;
  /** What changed from the version before (word level). */
  diff: DiffPart[];
}

/** Every saved version of one answer, newest first, with who saved it, when, and the change from the one before. */
export async function answerHistory(db: Queryable, actor: MaybeActor, code: string, year: number, question: string): Promise<HistoryEntry[]> {
  checkKey(code, year);
  const report = await findReport(db, code, year);
  assertRead(actor, code, report?.status ?? 'draft');
  const template = await loadTemplate(db, year);
  if (!findQuestion(template, question)) throw notFound();
  if (!report) return [];
  const rows = await db
    .selectFrom('result_report_answer_versions')
    .leftJoin('users', 'users.id', 'result_report_answer_versions.saved_by')
    .select(['result_report_answer_versions.version', 'text', 'choice', 'basis', 'saved_at', 'users.name as saved_by_name'])
    .where('report_id', '=', report.id)
    .where('question_number', '=', question)
    .orderBy('result_report_answer_versions.version')
    .execute();
  return rows
    .map((r, i) => ({
      version: r.version,
      text: r.text,
      choice: r.choice as Choice | null,
      basis: r.basis as Basis | null,
      savedAt: r.saved_at,
      savedBy: r.saved_by_name,
      diff: diffWords(i > 0 ? rows[i - 1].text : '', r.text)
    }))
    .reverse();
}

/**
 * Figures the system already knows for the county and year, by section, from the other domains' seams.
 * A failing provider must not take the editor down with it: its facts are left out and the failure logged.
 */
export type FactProvider = (db: Queryable, countyCode: string, year: number) => Promise<Fact[]>;
export const FACT_PROVIDERS: [name: string, provider: FactProvider][] = [
  ['programmes', programmeFacts],
  ['grants', grantFacts]
];

export async function reportFacts(db: Queryable, actor: MaybeActor, code: string, year: number, providers = FACT_PROVIDERS): Promise<Record<number, Fact[]>> {
  checkKey(code, year);
  assertCan(actor, 'county.readDraft', { type: 'county', countyCode: code });
  const lists = await Promise.all(
    providers.map(async ([name, provider]) => {
      try {
        return await provider(db, code, year);
      } catch (err) {
        log.warn({ err, provider: name, countyCode: code, year }, 'result report facts provider failed');
        return [];
      }
    })
  );
  const bySection: Record<number, Fact[]> = {};
  for (const fact of lists.flat()) (bySection[fact.section] ??= []).push(fact);
  return bySection;
}

export interface SubmittedReportRow {
  countyCode: string;
  countyName: string;
  status: 'submitted' | 'notSubmitted';
  submittedAt: Date | null;
}

/** Tillväxtverket's list for a year: every county, and whether its report has been submitted. */
export async function listSubmitted(db: Queryable, actor: MaybeActor, year: number): Promise<SubmittedReportRow[]> {
  assertCan(actor, 'national.overview', { type: 'public' });
  await loadTemplate(db, year);
  const rows = await db
    .selectFrom('counties')
    .leftJoin('result_reports', (join) => join.onRef('result_reports.county_code', '=', 'counties.code').on('result_reports.year', '=', year))
    .select(['counties.code', 'counties.name', 'result_reports.status', 'result_reports.submitted_at'])
    .orderBy('counties.code')
    .execute();
  return rows.map((r) => ({
    countyCode: r.code,
    countyName: r.name,
    // A draft's existence is the county's business: Tillväxtverket only sees submitted or not.
    status: r.status === 'submitted' ? 'submitted' : 'notSubmitted',
    submittedAt: r.status === 'submitted' ? r.submitted_at : null
  }));
}

export interface AcrossRow {
  countyCode: string;
  countyName: string;
  answer: AnswerView;
}

/** One question across every submitted report of a year, side by side. */
export async function questionAcross(db: Queryable, actor: MaybeActor, year: number, question: string): Promise<AcrossRow[]> {
  assertCan(actor, 'national.overview', { type: 'public' });
  const template = await loadTemplate(db, year);
  if (!findQuestion(template, question)) throw notFound();
  const rows = await db
    .selectFrom('result_reports')
    .innerJoin('counties', 'counties.code', 'result_reports.county_code')
    .leftJoin('result_report_answers', (join) =>
      join.onRef('result_report_answers.report_id', '=', 'result_reports.id').on('result_report_answers.question_number', '=', question)
    )
    .leftJoin('users', 'users.id', 'result_report_answers.updated_by')
    .select([
      'counties.code',
      'counties.name',
      'result_report_answers.text',
      'result_report_answers.choice',
      'result_report_answers.basis',
      'result_report_answers.version',
      'result_report_answers.updated_at',
      'users.name as updated_by_name'
    ])
    .where('result_reports.year', '=', year)
    .where('result_reports.status', '=', 'submitted')
    .orderBy('counties.code')
    .execute();
  return rows.map((r) => ({
    countyCode: r.code,
    countyName: r.name,
    answer: r.version === null ? EMPTY : { text: r.text ?? '', choice: r.choice ?? null, basis: r.basis ?? null, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by_name }
  }));
}

/** The reports a signed-in user can open from the start page of the result report. */
export async function listOwnReports(db: Queryable, actor: MaybeActor): Promise<{ countyCode: string; countyName: string; year: number; status: ReportStatus }[]> {
  const me = assertCan(actor, 'self.manage', { type: 'self' });
  const code = me.organisation.countyCode;
  if (!code || !can(me, 'county.readDraft', { type: 'county', countyCode: code })) return [];
  const [name, years, rows] = await Promise.all([
    countyName(db, code),
    db.selectFrom('report_templates').select('year').orderBy('year', 'desc').execute(),
    db.selectFrom('result_reports').select(['year', 'status']).where('county_code', '=', code).execute()
  ]);
  return years.map(({ year }) => ({ countyCode: code, countyName: name, year, status: rows.find((r) => r.year === year)?.status ?? 'draft' }));
}
