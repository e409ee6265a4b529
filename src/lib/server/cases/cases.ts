import { inTx } from './tx';
import { sql } from 'kysely';
import * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { Actor, MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { DomainError, conflict, invalid, notFound } from '../errors';
import { readFile, storeFile, type FileKind } from '../files';
import { formatDiaryNumber, parseDiaryNumber } from './diary';
import { recordHrefs } from './programme-link';

export type CaseRow = {
  id: string;
  organisation_id: string;
  county_code: string;
  diary_number: string;
  title: string;
  opened: string;
  unit: string | null;
  case_officer_id: string | null;
  status: 'open' | 'closed';
  programme_id: string | null;
  version: number;
};

const isUuid = (id: string) => z.uuid().safeParse(id).success;

/** Loads a case or 404; an id that is not even a uuid is just as unknown. */
export async function loadCase(db: Queryable, id: string): Promise<CaseRow> {
  if (!isUuid(id)) throw notFound();
  const row = await db
    .selectFrom('cases')
    .select(['id', 'organisation_id', 'county_code', 'diary_number', 'title', 'opened', 'unit', 'case_officer_id', 'status', 'programme_id', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** A case is the county's work: everyone working in the county reads it; the region edits it. */
export function assertReadCase(actor: MaybeActor, c: Pick<CaseRow, 'county_code'>): Actor {
  return assertCan(actor, 'county.readDraft', { type: 'county', countyCode: c.county_code });
}
export function assertEditCase(actor: MaybeActor, c: Pick<CaseRow, 'county_code' | 'organisation_id'>): Actor {
  const a = assertCan(actor, 'county.edit', { type: 'county', countyCode: c.county_code });
  // Another region body in the same county may not write in this organisation's diary.
  if (a.organisation.id !== c.organisation_id) throw new DomainError('forbidden', 'error.forbidden');
  return a;
}

// ---------------------------------------------------------------- diary numbers

async function registerOf(db: Queryable, organisationId: string): Promise<string> {
  const org = await db.selectFrom('organisations').select(['diary_prefix']).where('id', '=', organisationId).executeTakeFirst();
  return org?.diary_prefix ?? 'DNR';
}

/** The next free number in the actor's register for the year: one above the highest used. */
export async function proposeDiaryNumber(db: Queryable, actor: MaybeActor, year: number): Promise<string> {
  const a = requireActor(actor);
  assertCan(a, 'county.edit', { type: 'county', countyCode: a.organisation.countyCode ?? '' });
  const register = await registerOf(db, a.organisation.id);
  const row = await db
    .selectFrom('cases')
    .select(sql<number | null>`max(running_number)`.as('max'))
    .where('organisation_id', '=', a.organisation.id)
    .where('register', '=', register)
    .where('year', '=', year)
    .executeTakeFirst();
  return formatDiaryNumber({ register, runningNumber: Number(row?.max ?? 0) + 1, year });
}

const isoDate = (message: Parameters<typeof z.string>[0] = { error: 'cases.error.date' }) =>
  z
    .string(message)
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'cases.error.date' })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: 'cases.error.date' });
export const dateField = isoDate;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'error.tooLong' })
    .optional()
    .transform((v) => (v ? v : null));

export const caseInputSchema = z.object({
  diaryNumber: z.string().trim().max(40, { error: 'error.tooLong' }).optional(),
  title: z.string({ error: 'cases.error.titleRequired' }).trim().min(1, { error: 'cases.error.titleRequired' }).max(300, { error: 'error.tooLong' }),
  opened: isoDate(),
  unit: optionalText(200),
  caseOfficerId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isUuid(v), { error: 'cases.error.officer' }),
  programmeId: optionalText(100)
});
export type CaseInput = z.output<typeof caseInputSchema>;

async function checkOfficer(db: Queryable, organisationId: string, userId: string | null): Promise<void> {
  if (!userId) return;
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).where('organisation_id', '=', organisationId).executeTakeFirst();
  if (!user) throw invalid({ caseOfficerId: 'cases.error.officer' });
}

/** Opens a case; without a diary number the next free one of the opening year is taken. */
export async function createCase(db: Db, actor: MaybeActor, input: CaseInput): Promise<CaseRow> {
  const a = requireActor(actor);
  const countyCode = a.organisation.countyCode ?? '';
  assertCan(a, 'county.edit', { type: 'county', countyCode });
  return inTx(db, async (trx) => {
    const register = await registerOf(trx, a.organisation.id);
    const text = input.diaryNumber || (await proposeDiaryNumber(trx, a, Number(input.opened.slice(0, 4))));
    const parsed = parseDiaryNumber(text);
    if (!parsed) throw invalid({ diaryNumber: 'cases.error.diaryFormat' });
    if (parsed.register !== register) throw new DomainError('validation', 'cases.error.diaryRegister', { register }, { diaryNumber: 'cases.error.diaryRegister' });
    const diaryNumber = formatDiaryNumber(parsed);
    await checkOfficer(trx, a.organisation.id, input.caseOfficerId);
    // Row lock on the organisation: two clerks taking "the next number" at once get two numbers.
    await trx.selectFrom('organisations').select('id').where('id', '=', a.organisation.id).forUpdate().execute();
    const taken = await trx.selectFrom('cases').select('id').where('organisation_id', '=', a.organisation.id).where('diary_number', '=', diaryNumber).executeTakeFirst();
    if (taken) throw invalid({ diaryNumber: 'cases.error.diaryTaken' }, 'cases.error.diaryTaken');
    const row = await trx
      .insertInto('cases')
      .values({
        organisation_id: a.organisation.id,
        county_code: countyCode,
        register: parsed.register,
        running_number: parsed.runningNumber,
        year: parsed.year,
        diary_number: diaryNumber,
        title: input.title,
        opened: input.opened,
        unit: input.unit ?? a.user.unit,
        case_officer_id: input.caseOfficerId,
        programme_id: input.programmeId
      })
      .returning(['id', 'organisation_id', 'county_code', 'diary_number', 'title', 'opened', 'unit', 'case_officer_id', 'status', 'programme_id', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, a, { action: 'create', entity: 'case', entityId: row.id, after: row });
    return row;
  });
}

export const caseUpdateSchema = z.object({
  version: z.coerce.number().int().positive(),
  title: caseInputSchema.shape.title,
  unit: optionalText(200),
  caseOfficerId: caseInputSchema.shape.caseOfficerId,
  status: z.enum(['open', 'closed'], { error: 'cases.error.status' })
});

export async function updateCase(db: Db, actor: MaybeActor, id: string, input: z.output<typeof caseUpdateSchema>): Promise<CaseRow> {
  return inTx(db, async (trx) => {
    const before = await loadCase(trx, id);
    const a = assertEditCase(actor, before);
    await checkOfficer(trx, before.organisation_id, input.caseOfficerId);
    const row = await trx
      .updateTable('cases')
      .set({ title: input.title, unit: input.unit, case_officer_id: input.caseOfficerId, status: input.status, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning(['id', 'organisation_id', 'county_code', 'diary_number', 'title', 'opened', 'unit', 'case_officer_id', 'status', 'programme_id', 'version'])
      .executeTakeFirst();
    if (!row) throw conflict({ current: before });
    await recordAudit(trx, a, { action: 'update', entity: 'case', entityId: id, before, after: row });
    return row;
  });
}

export interface CaseSummary {
  id: string;
  diaryNumber: string;
  title: string;
  opened: string;
  status: 'open' | 'closed';
}

/** The cases of the actor's county (optionally one diary number), newest first. */
export async function listCases(db: Queryable, actor: MaybeActor, filter: { diaryNumber?: string } = {}): Promise<CaseSummary[]> {
  const a = requireActor(actor);
  const countyCode = a.organisation.countyCode;
  if (!countyCode) return [];
  assertCan(a, 'county.readDraft', { type: 'county', countyCode });
  let query = db.selectFrom('cases').select(['id', 'diary_number', 'title', 'opened', 'status']).where('county_code', '=', countyCode);
  if (filter.diaryNumber) {
    const parsed = parseDiaryNumber(filter.diaryNumber);
    if (!parsed) return [];
    query = query.where('diary_number', '=', formatDiaryNumber(parsed));
  }
  const rows = await query.orderBy('year', 'desc').orderBy('running_number', 'desc').execute();
  return rows.map((r) => ({ id: r.id, diaryNumber: r.diary_number, title: r.title, opened: r.opened, status: r.status }));
}

// ---------------------------------------------------------------- officer, links, documents

/** A case officer is shown by title and unit, never by name: documents leave the organisation. */
export async function officerLabel(db: Queryable, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const u = await db.selectFrom('users').select(['title', 'unit', 'role']).where('id', '=', userId).executeTakeFirst();
  if (!u) return null;
  return [u.title ?? null, u.unit ?? null].filter(Boolean).join(', ') || null;
}

export async function linkRecord(trx: Queryable, actor: Actor, caseId: string, link: { kind: 'programme' | 'programmeVersion' | 'actionPlan'; id: string; title: string }): Promise<void> {
  await trx
    .insertInto('case_links')
    .values({ case_id: caseId, record_kind: link.kind, record_id: link.id, title: link.title })
    .onConflict((oc) => oc.columns(['case_id', 'record_kind', 'record_id']).doUpdateSet({ title: link.title }))
    .execute();
  await recordAudit(trx, actor, { action: 'link', entity: 'case', entityId: caseId, after: link });
}

/** What may be attached to a case: documents people actually send (PDF, Word, Excel, images). */
export const CASE_FILE_KINDS: FileKind[] = ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'png', 'jpeg', 'gif', 'webp'];

export const documentInputSchema = z.object({
  title: z.string().trim().max(300, { error: 'error.tooLong' }).optional(),
  public: z
    .union([z.literal('true'), z.literal('on'), z.literal('false'), z.boolean()])
    .optional()
    .transform((v) => v === true || v === 'true' || v === 'on')
});

export interface CaseDocumentView {
  id: string;
  title: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  public: boolean;
  addedAt: Date;
  addedBy: string | null;
}

export async function addDocument(
  db: Db,
  actor: MaybeActor,
  caseId: string,
  input: z.output<typeof documentInputSchema> & { name: string; bytes: Uint8Array }
): Promise<CaseDocumentView> {
  return inTx(db, async (trx) => {
    const c = await loadCase(trx, caseId);
    const a = assertEditCase(actor, c);
    const file = await storeFile(trx, a, { name: input.name, bytes: input.bytes, organisationId: c.organisation_id, allowed: CASE_FILE_KINDS });
    const title = input.title || file.name;
    const row = await trx
      .insertInto('case_documents')
      .values({ case_id: caseId, file_id: file.id, title, public: input.public, added_by: a.user.id })
      .returning(['id', 'added_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, a, { action: 'addDocument', entity: 'case', entityId: caseId, after: { documentId: row.id, title, fileId: file.id, sha256: file.sha256, public: input.public } });
    return {
      id: row.id,
      title,
      fileName: file.name,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      public: input.public,
      addedAt: row.added_at,
      addedBy: await officerLabel(trx, a.user.id)
    };
  });
}

/** Non-public documents stay with the organisation that keeps the case; public ones with every reader of it. */
function mayReadDocument(actor: Actor, c: CaseRow, doc: { public: boolean }): boolean {
  return doc.public || actor.organisation.id === c.organisation_id;
}

export async function listDocuments(db: Queryable, actor: MaybeActor, caseId: string): Promise<CaseDocumentView[]> {
  const c = await loadCase(db, caseId);
  const a = assertReadCase(actor, c);
  const rows = await db
    .selectFrom('case_documents')
    .innerJoin('files', 'files.id', 'case_documents.file_id')
    .leftJoin('users', 'users.id', 'case_documents.added_by')
    .select([
      'case_documents.id',
      'case_documents.title',
      'case_documents.public',
      'case_documents.added_at',
      'files.name',
      'files.media_type',
      'files.size_bytes',
      'files.sha256',
      'users.title as user_title',
      'users.unit as user_unit'
    ])
    .where('case_documents.case_id', '=', caseId)
    .orderBy('case_documents.added_at')
    .execute();
  return rows
    .filter((r) => mayReadDocument(a, c, r))
    .map((r) => ({
      id: r.id,
      title: r.title,
      fileName: r.name,
      mediaType: r.media_type,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      public: r.public,
      addedAt: r.added_at,
      addedBy: [r.user_title, r.user_unit].filter(Boolean).join(', ') || null
    }));
}

export async function openDocument(db: Queryable, actor: MaybeActor, caseId: string, documentId: string) {
  const c = await loadCase(db, caseId);
  const a = assertReadCase(actor, c);
  if (!isUuid(documentId)) throw notFound();
  const doc = await db.selectFrom('case_documents').select(['file_id', 'public']).where('id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
  if (!doc) throw notFound();
  if (!mayReadDocument(a, c, doc)) throw new DomainError('forbidden', 'error.forbidden');
  const file = await readFile(db, doc.file_id);
  if (!file) throw notFound();
  return file;
}

// ---------------------------------------------------------------- the case page

export interface CaseView {
  id: string;
  organisationId: string;
  countyCode: string;
  diaryNumber: string;
  title: string;
  opened: string;
  unit: string | null;
  caseOfficerId: string | null;
  caseOfficer: string | null;
  status: 'open' | 'closed';
  programmeId: string | null;
  version: number;
  links: { kind: string; id: string; title: string; href: string | null }[];
  documents: CaseDocumentView[];
  decisions: { id: string; title: string; date: string; signed: boolean }[];
  processPlan: { programmeId: string; title: string } | null;
  consultations: { id: string; title: string; deadline: string }[];
  canEdit: boolean;
}

export async function getCase(db: Queryable, actor: MaybeActor, id: string): Promise<CaseView> {
  const c = await loadCase(db, id);
  const a = assertReadCase(actor, c);
  const [links, documents, decisions, plan, consultations] = await Promise.all([
    db.selectFrom('case_links').select(['record_kind', 'record_id', 'title']).where('case_id', '=', id).orderBy('record_kind').orderBy('title').execute(),
    listDocuments(db, a, id),
    db.selectFrom('decisions').select(['id', 'title', 'decision_date', 'signed_at']).where('case_id', '=', id).orderBy('decision_date').orderBy('created_at').execute(),
    db.selectFrom('process_plans').select(['programme_id', 'title']).where('case_id', '=', id).executeTakeFirst(),
    db.selectFrom('consultations').select(['id', 'title', 'deadline']).where('case_id', '=', id).orderBy('sent_on').execute()
  ]);
  const hrefs = await recordHrefs(db, links.map((l) => ({ kind: l.record_kind, id: l.record_id })));
  return {
    id: c.id,
    organisationId: c.organisation_id,
    countyCode: c.county_code,
    diaryNumber: c.diary_number,
    title: c.title,
    opened: c.opened,
    unit: c.unit,
    caseOfficerId: c.case_officer_id,
    caseOfficer: await officerLabel(db, c.case_officer_id),
    status: c.status,
    programmeId: c.programme_id,
    version: c.version,
    links: links.map((l) => ({ kind: l.record_kind, id: l.record_id, title: l.title, href: hrefs.get(`${l.record_kind}:${l.record_id}`) ?? null })),
    documents,
    decisions: decisions.map((d) => ({ id: d.id, title: d.title, date: d.decision_date, signed: d.signed_at !== null })),
    processPlan: plan ? { programmeId: plan.programme_id, title: plan.title } : null,
    consultations: consultations.map((k) => ({ id: k.id, title: k.title, deadline: k.deadline })),
    canEdit: can(a, 'county.edit', { type: 'county', countyCode: c.county_code }) && a.organisation.id === c.organisation_id
  };
}

/** Users of the actor's organisation who may be case officers, shown by title and unit. */
export async function officerOptions(db: Queryable, actor: Actor): Promise<{ id: string; label: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'title', 'unit', 'email'])
    .where('organisation_id', '=', actor.organisation.id)
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['admin', 'editor'])
    .orderBy('title')
    .execute();
  return rows.map((r) => ({ id: r.id, label: [r.title, r.unit].filter(Boolean).join(', ') || r.email }));
}
