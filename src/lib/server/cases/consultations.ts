import { inTx } from './tx';
import { sql } from 'kysely';
import * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { Actor, MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { DomainError, conflict, forbidden, invalid, notFound } from '../errors';
import { readFile, storeFile } from '../files';
import type { Block } from '../documents/docx';
import { translate, type Locale } from '$lib/i18n';
import { CASE_FILE_KINDS, dateField } from './cases';
import { versionChapters } from './programme-link';
import { todayInSweden } from './process-plan';

const isUuid = (id: string) => z.uuid().safeParse(id).success;

export const consultationInputSchema = z
  .object({
    title: z.string({ error: 'cases.error.titleRequired' }).trim().min(1, { error: 'cases.error.titleRequired' }).max(300, { error: 'error.tooLong' }),
    versionId: z.string({ error: 'cases.error.version' }).trim().min(1, { error: 'cases.error.version' }),
    sentOn: dateField(),
    deadline: dateField(),
    recipients: z.array(z.string().max(100)).min(1, { error: 'cases.error.recipients' }).max(100),
    caseId: z
      .string()
      .optional()
      .nullable()
      .transform((v) => (v ? v : null))
  })
  .superRefine((v, ctx) => {
    if (v.deadline < v.sentOn) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'cases.error.deadline' });
  });
export type ConsultationInput = z.output<typeof consultationInputSchema>;

async function loadConsultation(db: Queryable, id: string) {
  if (!isUuid(id)) throw notFound();
  const row = await db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
type ConsultationRow = Awaited<ReturnType<typeof loadConsultation>>;

/** The region that sent the round follows it; its other users read, its editors remind. */
function isOwner(actor: Actor, k: ConsultationRow): boolean {
  return actor.organisation.id === k.organisation_id && can(actor, 'county.readDraft', { type: 'county', countyCode: k.county_code });
}
function assertOwnerEdit(actor: MaybeActor, k: ConsultationRow): Actor {
  const a = assertCan(actor, 'county.edit', { type: 'county', countyCode: k.county_code });
  if (a.organisation.id !== k.organisation_id) throw forbidden();
  return a;
}
async function isRecipient(db: Queryable, actor: Actor, consultationId: string): Promise<boolean> {
  const row = await db.selectFrom('consultation_recipients').select('organisation_id').where('consultation_id', '=', consultationId).where('organisation_id', '=', actor.organisation.id).executeTakeFirst();
  return !!row;
}

/** Sends a chosen version of the draft programme to the consultation bodies; its chapters are kept as sent. */
export async function createConsultation(db: Db, actor: MaybeActor, input: ConsultationInput): Promise<{ id: string }> {
  const a = requireActor(actor);
  const countyCode = a.organisation.countyCode ?? '';
  assertCan(a, 'county.edit', { type: 'county', countyCode });
  return inTx(db, async (trx) => {
    const version = await versionChapters(trx, a, input.versionId).catch((e) => {
      if (e instanceof DomainError && e.code === 'not_found') throw invalid({ versionId: 'cases.error.version' });
      throw e;
    });
    if (version.countyCode !== countyCode) throw invalid({ versionId: 'cases.error.version' });
    if (!version.chapters.length) throw invalid({ versionId: 'cases.error.chapters' });
    const recipients = [...new Set(input.recipients)];
    const orgs = await trx.selectFrom('organisations').select(['id', 'kind', 'county_code']).where('id', 'in', recipients).execute();
    const fits = (o: { id: string; kind: string; county_code: string | null }) => o.id !== a.organisation.id && (o.county_code === countyCode || o.kind === 'agency' || o.kind === 'other');
    if (orgs.length !== recipients.length || !orgs.every(fits)) throw invalid({ recipients: 'cases.error.recipientOutside' });
    if (input.caseId) {
      const c = isUuid(input.caseId) ? await trx.selectFrom('cases').select('id').where('id', '=', input.caseId).where('organisation_id', '=', a.organisation.id).executeTakeFirst() : undefined;
      if (!c) throw invalid({ caseId: 'cases.error.document' });
    }
    const row = await trx
      .insertInto('consultations')
      .values({
        organisation_id: a.organisation.id,
        county_code: countyCode,
        case_id: input.caseId,
        programme_id: version.programmeId,
        programme_version_id: input.versionId,
        title: input.title,
        sent_on: input.sentOn,
        deadline: input.deadline,
        created_by: a.user.id
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('consultation_chapters').values(version.chapters.map((title, i) => ({ consultation_id: row.id, position: i + 1, title }))).execute();
    await trx.insertInto('consultation_recipients').values(recipients.map((o) => ({ consultation_id: row.id, organisation_id: o }))).execute();
    await recordAudit(trx, a, { action: 'create', entity: 'consultation', entityId: row.id, after: { ...input, chapters: version.chapters } });
    return { id: row.id };
  });
}

export type RecipientState = 'answered' | 'draft' | 'waiting' | 'late';

export interface ConsultationListItem {
  id: string;
  title: string;
  sentOn: string;
  deadline: string;
  from: string;
  answered: number;
  total: number;
  /** For a recipient: the state of its own answer. */
  state: RecipientState | null;
}

function stateOf(answer: { status: string } | undefined, deadline: string, today: string): RecipientState {
  if (answer?.status === 'submitted') return 'answered';
  if (deadline < today) return 'late';
  return answer ? 'draft' : 'waiting';
}

/** The rounds the actor's organisation has sent, and those sent to it. */
export async function listConsultations(db: Queryable, actor: MaybeActor, today = todayInSweden()): Promise<{ ours: ConsultationListItem[]; toUs: ConsultationListItem[] }> {
  const a = requireActor(actor);
  const base = db
    .selectFrom('consultations')
    .innerJoin('organisations', 'organisations.id', 'consultations.organisation_id')
    .select([
      'consultations.id',
      'consultations.title',
      'consultations.sent_on',
      'consultations.deadline',
      'consultations.county_code',
      'organisations.name as from_name',
      sql<number>`(select count(*) from consultation_recipients r where r.consultation_id = consultations.id)`.as('total'),
      sql<number>`(select count(*) from consultation_answers x where x.consultation_id = consultations.id and x.status = 'submitted')`.as('answered')
    ]);
  const ownRows = can(a, 'county.readDraft', { type: 'county', countyCode: a.organisation.countyCode ?? '' })
    ? await base.where('consultations.organisation_id', '=', a.organisation.id).orderBy('consultations.sent_on', 'desc').execute()
    : [];
  const toUsRows = await base
    .where('consultations.id', 'in', db.selectFrom('consultation_recipients').select('consultation_id').where('organisation_id', '=', a.organisation.id))
    .orderBy('consultations.deadline', 'desc')
    .execute();
  const answers = toUsRows.length
    ? await db.selectFrom('consultation_answers').select(['consultation_id', 'status']).where('organisation_id', '=', a.organisation.id).where('consultation_id', 'in', toUsRows.map((r) => r.id)).execute()
    : [];
  const byConsultation = new Map(answers.map((x) => [x.consultation_id, x]));
  const item = (r: (typeof ownRows)[number], state: RecipientState | null): ConsultationListItem => ({
    id: r.id,
    title: r.title,
    sentOn: r.sent_on,
    deadline: r.deadline,
    from: r.from_name,
    answered: Number(r.answered),
    total: Number(r.total),
    state
  });
  return {
    ours: ownRows.map((r) => item(r, null)),
    toUs: toUsRows.map((r) => item(r, stateOf(byConsultation.get(r.id), r.deadline, today)))
  };
}

export interface AnswerView {
  organisationId: string;
  organisation: string;
  status: 'draft' | 'submitted';
  generalComment: string;
  comments: Record<number, string>;
  file: { id: string; name: string } | null;
  submittedAt: Date | null;
  version: number;
}

export interface RecipientRow {
  organisationId: string;
  name: string;
  state: RecipientState;
  submittedAt: Date | null;
  reminders: number;
  lastReminder: Date | null;
}

export interface ConsultationView {
  id: string;
  title: string;
  from: string;
  sentOn: string;
  deadline: string;
  caseId: string | null;
  diaryNumber: string | null;
  programmeId: string | null;
  chapters: { position: number; title: string }[];
  /** The sender's view: every recipient with its state; null for a recipient. */
  recipients: RecipientRow[] | null;
  /** A recipient's own answer (or null if none yet). */
  myAnswer: AnswerView | null;
  isOwner: boolean;
  isRecipient: boolean;
  canAnswer: boolean;
  canRemind: boolean;
}

async function answersOf(db: Queryable, consultationId: string, organisationId?: string): Promise<AnswerView[]> {
  let q = db
    .selectFrom('consultation_answers')
    .innerJoin('organisations', 'organisations.id', 'consultation_answers.organisation_id')
    .leftJoin('files', 'files.id', 'consultation_answers.file_id')
    .select([
      'consultation_answers.id',
      'consultation_answers.organisation_id',
      'organisations.name',
      'consultation_answers.status',
      'consultation_answers.general_comment',
      'consultation_answers.submitted_at',
      'consultation_answers.version',
      'files.id as file_id',
      'files.name as file_name'
    ])
    .where('consultation_answers.consultation_id', '=', consultationId);
  if (organisationId) q = q.where('consultation_answers.organisation_id', '=', organisationId);
  const rows = await q.orderBy('organisations.name').execute();
  const comments = rows.length ? await db.selectFrom('consultation_answer_comments').selectAll().where('answer_id', 'in', rows.map((r) => r.id)).execute() : [];
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisation: r.name,
    status: r.status,
    generalComment: r.general_comment,
    comments: Object.fromEntries(comments.filter((c) => c.answer_id === r.id).map((c) => [c.chapter_position, c.comment])),
    file: r.file_id ? { id: r.file_id, name: r.file_name ?? '' } : null,
    submittedAt: r.submitted_at,
    version: r.version
  }));
}

export async function getConsultation(db: Queryable, actor: MaybeActor, id: string, today = todayInSweden()): Promise<ConsultationView> {
  const k = await loadConsultation(db, id);
  const a = requireActor(actor);
  const owner = isOwner(a, k);
  const recipient = await isRecipient(db, a, id);
  if (!owner && !recipient) throw forbidden();
  const [from, chapters, c] = await Promise.all([
    db.selectFrom('organisations').select('name').where('id', '=', k.organisation_id).executeTakeFirstOrThrow(),
    db.selectFrom('consultation_chapters').select(['position', 'title']).where('consultation_id', '=', id).orderBy('position').execute(),
    k.case_id ? db.selectFrom('cases').select('diary_number').where('id', '=', k.case_id).executeTakeFirst() : Promise.resolve(undefined)
  ]);
  let recipients: RecipientRow[] | null = null;
  if (owner) {
    const rows = await db
      .selectFrom('consultation_recipients')
      .innerJoin('organisations', 'organisations.id', 'consultation_recipients.organisation_id')
      .leftJoin('consultation_answers', (j) =>
        j.onRef('consultation_answers.consultation_id', '=', 'consultation_recipients.consultation_id').onRef('consultation_answers.organisation_id', '=', 'consultation_recipients.organisation_id')
      )
      .select([
        'organisations.id',
        'organisations.name',
        'organisations.kind',
        'consultation_answers.status',
        'consultation_answers.submitted_at',
        sql<number>`(select count(*) from consultation_reminders m where m.consultation_id = consultation_recipients.consultation_id and m.organisation_id = consultation_recipients.organisation_id)`.as('reminders'),
        sql<Date | null>`(select max(sent_at) from consultation_reminders m where m.consultation_id = consultation_recipients.consultation_id and m.organisation_id = consultation_recipients.organisation_id)`.as('last_reminder')
      ])
      .where('consultation_recipients.consultation_id', '=', id)
      .execute();
    const order: Record<string, number> = { municipality: 0, lansstyrelse: 1 };
    rows.sort((x, y) => (order[x.kind] ?? 2) - (order[y.kind] ?? 2) || x.name.localeCompare(y.name, 'sv'));
    recipients = rows.map((r) => ({
      organisationId: r.id,
      name: r.name,
      state: stateOf(r.status ? { status: r.status } : undefined, k.deadline, today),
      submittedAt: r.submitted_at,
      reminders: Number(r.reminders),
      lastReminder: r.last_reminder ? new Date(r.last_reminder) : null
    }));
  }
  const myAnswer = recipient ? ((await answersOf(db, id, a.organisation.id))[0] ?? null) : null;
  return {
    id: k.id,
    title: k.title,
    from: from.name,
    sentOn: k.sent_on,
    deadline: k.deadline,
    caseId: owner ? k.case_id : null,
    diaryNumber: c?.diary_number ?? null,
    programmeId: k.programme_id,
    chapters,
    recipients,
    myAnswer,
    isOwner: owner,
    isRecipient: recipient,
    canAnswer: recipient && can(a, 'organisation.act', { type: 'organisation', organisationId: a.organisation.id }) && myAnswer?.status !== 'submitted',
    canRemind: owner && can(a, 'county.edit', { type: 'county', countyCode: k.county_code })
  };
}

export const answerSchema = z.object({
  generalComment: z.string().trim().max(20000, { error: 'error.tooLong' }).default(''),
  comments: z.record(z.string().regex(/^\d+$/), z.string().trim().max(20000, { error: 'error.tooLong' })).default({}),
  submit: z.boolean().default(false),
  version: z.coerce.number().int().positive().optional()
});
export type AnswerInput = z.output<typeof answerSchema>;

/** comments.3 → { '3': text }; the submit button's value says whether to send. */
export function answerFromForm(raw: Record<string, string | string[]>): Record<string, unknown> {
  const one = (k: string) => {
    const v = raw[k];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  };
  const comments: Record<string, string> = {};
  for (const key of Object.keys(raw)) {
    const m = /^comments\.(\d+)$/.exec(key);
    if (m) comments[m[1]] = one(key);
  }
  return { generalComment: one('generalComment'), comments, submit: one('intent') === 'submit', version: one('version') || undefined };
}

/**
 * A consultation body saves or sends its answer, for its own organisation only (organisation.act). Once
 * sent, the answer is locked (409); the attachment is checked by content and stored in the same transaction.
 */
export async function saveAnswer(db: Db, actor: MaybeActor, consultationId: string, input: AnswerInput, file?: { name: string; bytes: Uint8Array }): Promise<AnswerView> {
  const a = requireActor(actor);
  assertCan(a, 'organisation.act', { type: 'organisation', organisationId: a.organisation.id });
  return inTx(db, async (trx) => {
    const k = await loadConsultation(trx, consultationId);
    if (!(await isRecipient(trx, a, consultationId))) throw forbidden();
    const chapters = await trx.selectFrom('consultation_chapters').select('position').where('consultation_id', '=', consultationId).execute();
    const positions = new Set(chapters.map((c) => c.position));
    for (const key of Object.keys(input.comments)) if (!positions.has(Number(key))) throw invalid({ [`comments.${key}`]: 'error.validation' });
    const existing = await trx.selectFrom('consultation_answers').selectAll().where('consultation_id', '=', consultationId).where('organisation_id', '=', a.organisation.id).forUpdate().executeTakeFirst();
    if (existing?.status === 'submitted') throw new DomainError('conflict', 'cases.error.answerLocked');
    if (existing && input.version !== undefined && existing.version !== input.version) throw conflict({ current: (await answersOf(trx, consultationId, a.organisation.id))[0] });
    const stored = file && file.bytes.length ? await storeFile(trx, a, { name: file.name, bytes: file.bytes, organisationId: a.organisation.id, allowed: CASE_FILE_KINDS }) : null;
    const comments = Object.entries(input.comments).filter(([, text]) => text.length > 0);
    const fileId = stored?.id ?? existing?.file_id ?? null;
    if (input.submit && !input.generalComment && !comments.length && !fileId) throw invalid({ generalComment: 'cases.error.emptyAnswer' }, 'cases.error.emptyAnswer');
    const values = {
      general_comment: input.generalComment,
      file_id: fileId,
      status: input.submit ? ('submitted' as const) : ('draft' as const),
      submitted_at: input.submit ? sql<Date>`now()` : null,
      submitted_by: input.submit ? a.user.id : null
    };
    const row = existing
      ? await trx.updateTable('consultation_answers').set({ ...values, version: sql<number>`version + 1` }).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()
      : await trx.insertInto('consultation_answers').values({ consultation_id: consultationId, organisation_id: a.organisation.id, ...values }).returning('id').executeTakeFirstOrThrow();
    await trx.deleteFrom('consultation_answer_comments').where('answer_id', '=', row.id).execute();
    if (comments.length) await trx.insertInto('consultation_answer_comments').values(comments.map(([pos, comment]) => ({ answer_id: row.id, chapter_position: Number(pos), comment }))).execute();
    await recordAudit(trx, a, {
      action: input.submit ? 'submitAnswer' : 'saveAnswer',
      entity: 'consultation',
      entityId: consultationId,
      organisationId: a.organisation.id,
      after: { generalComment: input.generalComment, comments: Object.fromEntries(comments), fileId }
    });
    // The sender's log shows it too: an answer arriving is part of its case.
    if (input.submit) await recordAudit(trx, a, { action: 'answerReceived', entity: 'consultation', entityId: consultationId, organisationId: k.organisation_id, after: { from: a.organisation.id } });
    return (await answersOf(trx, consultationId, a.organisation.id))[0];
  });
}

/** The region notes that it reminded a body that has not answered. */
export async function recordReminder(db: Db, actor: MaybeActor, consultationId: string, organisationId: string): Promise<void> {
  await inTx(db, async (trx) => {
    const k = await loadConsultation(trx, consultationId);
    const a = assertOwnerEdit(actor, k);
    const recipient = await trx.selectFrom('consultation_recipients').select('organisation_id').where('consultation_id', '=', consultationId).where('organisation_id', '=', organisationId).executeTakeFirst();
    if (!recipient) throw invalid({ organisationId: 'cases.error.recipients' });
    const answered = await trx.selectFrom('consultation_answers').select('id').where('consultation_id', '=', consultationId).where('organisation_id', '=', organisationId).where('status', '=', 'submitted').executeTakeFirst();
    if (answered) throw new DomainError('conflict', 'cases.error.answerLocked');
    const row = await trx.insertInto('consultation_reminders').values({ consultation_id: consultationId, organisation_id: organisationId, recorded_by: a.user.id }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, a, { action: 'remind', entity: 'consultation', entityId: consultationId, after: { organisationId, reminderId: row.id } });
  });
}

export interface SummaryView {
  id: string;
  title: string;
  deadline: string;
  answered: number;
  total: number;
  general: { organisation: string; text: string }[];
  chapters: { position: number; title: string; comments: { organisation: string; text: string }[] }[];
  attachments: { organisationId: string; organisation: string; name: string }[];
}

/** Every submitted answer, per chapter: the basis for the final version. Only the sender compiles. */
export async function consultationSummary(db: Queryable, actor: MaybeActor, consultationId: string): Promise<SummaryView> {
  const k = await loadConsultation(db, consultationId);
  const a = requireActor(actor);
  if (!isOwner(a, k)) {
    assertCan(a, 'county.readDraft', { type: 'county', countyCode: k.county_code });
    throw forbidden();
  }
  const [chapters, answers, total] = await Promise.all([
    db.selectFrom('consultation_chapters').select(['position', 'title']).where('consultation_id', '=', consultationId).orderBy('position').execute(),
    answersOf(db, consultationId),
    db.selectFrom('consultation_recipients').select(sql<number>`count(*)`.as('n')).where('consultation_id', '=', consultationId).executeTakeFirstOrThrow()
  ]);
  const submitted = answers.filter((x) => x.status === 'submitted');
  return {
    id: k.id,
    title: k.title,
    deadline: k.deadline,
    answered: submitted.length,
    total: Number(total.n),
    general: submitted.filter((x) => x.generalComment).map((x) => ({ organisation: x.organisation, text: x.generalComment })),
    chapters: chapters.map((c) => ({
      position: c.position,
      title: c.title,
      comments: submitted.filter((x) => x.comments[c.position]).map((x) => ({ organisation: x.organisation, text: x.comments[c.position] }))
    })),
    attachments: submitted.filter((x) => x.file).map((x) => ({ organisationId: x.organisationId, organisation: x.organisation, name: x.file!.name }))
  };
}

/** An answer's attachment: for the sender once submitted, and for the answering organisation itself. */
export async function openAnswerFile(db: Queryable, actor: MaybeActor, consultationId: string, organisationId: string) {
  const k = await loadConsultation(db, consultationId);
  const a = requireActor(actor);
  const own = a.organisation.id === organisationId && (await isRecipient(db, a, consultationId));
  const answer = await db.selectFrom('consultation_answers').select(['file_id', 'status']).where('consultation_id', '=', consultationId).where('organisation_id', '=', organisationId).executeTakeFirst();
  if (!own && !(isOwner(a, k) && answer?.status === 'submitted')) throw forbidden();
  if (!answer?.file_id) throw notFound();
  const file = await readFile(db, answer.file_id);
  if (!file) throw notFound();
  return file;
}

export function summaryBlocks(s: SummaryView, locale: Locale): Block[] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const list = (items: { organisation: string; text: string }[]): Block[] =>
    items.length ? items.flatMap((i) => [{ kind: 'paragraph' as const, text: i.organisation, bold: true }, { kind: 'paragraph' as const, text: i.text }]) : [{ kind: 'paragraph', text: t('cases.consultation.noComments'), italic: true }];
  return [
    { kind: 'heading', level: 1, text: `${t('cases.consultation.summary')}: ${s.title}` },
    { kind: 'paragraph', text: t('cases.consultation.countAnswered', { answered: s.answered, total: s.total }) },
    { kind: 'paragraph', text: `${t('cases.consultation.deadline')}: ${s.deadline}` },
    { kind: 'heading', level: 2, text: t('cases.consultation.general') },
    ...list(s.general),
    ...s.chapters.flatMap((c): Block[] => [{ kind: 'heading', level: 2, text: c.title }, ...list(c.comments)]),
    ...(s.attachments.length
      ? [{ kind: 'heading' as const, level: 2 as const, text: t('cases.consultation.attachment') }, { kind: 'bullets' as const, items: s.attachments.map((x) => `${x.organisation}: ${x.name}`) }]
      : [])
  ];
}
