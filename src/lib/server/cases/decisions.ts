import { inTx } from './tx';
import { sql } from 'kysely';
import * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { Actor, MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { DomainError, invalid, notFound } from '../errors';
import { adoptRecordInTx, adoptableRecords, type AdoptableKind, type AdoptableRecord } from '../programmes/adoption';
import type { Block } from '../documents/docx';
import { translate, type Locale } from '$lib/i18n';
import { assertEditCase, dateField, linkRecord, loadCase, officerLabel, type CaseRow } from './cases';
import { recordHrefs } from './programme-link';

const isUuid = (id: string) => z.uuid().safeParse(id).success;

const text = (max: number) => z.string().trim().max(max, { error: 'error.tooLong' });
const optional = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : null));

export const ADOPTS = /^(actionPlan|programmeVersion):(.+)$/;

export const decisionInputSchema = z
  .object({
    title: z.string({ error: 'cases.error.titleRequired' }).trim().min(1, { error: 'cases.error.titleRequired' }).max(300, { error: 'error.tooLong' }),
    date: dateField(),
    makerKind: z.enum(['body', 'delegate'], { error: 'cases.error.makerKind' }),
    maker: z.string({ error: 'cases.error.makerRequired' }).trim().min(1, { error: 'cases.error.makerRequired' }).max(200, { error: 'error.tooLong' }),
    paragraph: optional(40),
    description: text(20000).default(''),
    delegation: optional(300),
    basis: z
      .array(z.object({ label: text(300).min(1), documentId: z.string().optional().nullable(), record: z.string().regex(ADOPTS, { error: 'cases.error.adopts' }).optional().nullable() }))
      .max(40)
      .default([]),
    points: z
      .array(
        z.object({
          text: z.string().trim().min(1, { error: 'cases.error.pointRequired' }).max(2000, { error: 'error.tooLong' }),
          adopts: z
            .string()
            .regex(ADOPTS, { error: 'cases.error.adopts' })
            .optional()
            .nullable()
        })
      )
      .min(1, { error: 'cases.error.pointRequired' })
      .max(40),
    reportedTo: optional(200),
    reportedOn: z.union([dateField(), z.literal('')]).optional().nullable().transform((v) => (v ? v : null)),
    distribution: z.array(z.string().max(100)).max(400).default([])
  })
  .superRefine((v, ctx) => {
    if (v.makerKind === 'body' && !v.paragraph) ctx.addIssue({ code: 'custom', path: ['paragraph'], message: 'cases.error.paragraphRequired' });
    if (v.makerKind === 'delegate' && !v.delegation) ctx.addIssue({ code: 'custom', path: ['delegation'], message: 'cases.error.delegationRequired' });
  });
export type DecisionInput = z.output<typeof decisionInputSchema>;

/**
 * The decision form posts numbered rows (points.0.text, basis.1.label …) and repeated checkboxes; this
 * turns them into the schema's shape, dropping empty rows so a form can always offer a few blank ones.
 */
export function decisionFromForm(raw: Record<string, string | string[]>): Record<string, unknown> {
  const one = (key: string) => {
    const v = raw[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const many = (key: string) => {
    const v = raw[key];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const rows = (prefix: string, field: string) =>
    Object.keys(raw)
      .map((k) => new RegExp(`^${prefix}\\.(\\d+)\\.${field}$`).exec(k))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => Number(m[1]))
      .sort((x, y) => x - y);
  const points = rows('points', 'text')
    .map((i) => ({ text: (one(`points.${i}.text`) ?? '').trim(), adopts: one(`points.${i}.adopts`) || null }))
    .filter((p) => p.text || p.adopts);
  const basis = [
    ...many('basisDocuments').map((id) => ({ label: '', documentId: id, record: null })),
    ...many('basisRecords').map((key) => ({ label: '', documentId: null, record: key })),
    ...rows('basis', 'label')
      .map((i) => ({ label: (one(`basis.${i}.label`) ?? '').trim(), documentId: null, record: null }))
      .filter((b) => b.label)
  ];
  return {
    title: one('title'),
    date: one('date'),
    makerKind: one('makerKind'),
    maker: one('maker'),
    paragraph: one('paragraph'),
    description: one('description') ?? '',
    delegation: one('delegation'),
    basis: basis.map((b) => ({ ...b, label: b.label || 'record' })),
    points,
    reportedTo: one('reportedTo'),
    reportedOn: one('reportedOn'),
    distribution: many('distribution'),
    version: one('version')
  };
}

async function loadDecision(db: Queryable, id: string) {
  if (!isUuid(id)) throw notFound();
  const row = await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Checks the references a decision makes: its documents, the records its points adopt, its recipients. */
async function checkReferences(trx: Queryable, c: CaseRow, input: DecisionInput, decisionId?: string, linkAlreadyAdopted = false) {
  const docIds = input.basis.map((b) => b.documentId).filter((d): d is string => !!d);
  const docs = docIds.length
    ? await trx.selectFrom('case_documents').select(['id', 'title']).where('case_id', '=', c.id).where('id', 'in', docIds.filter(isUuid).length ? docIds.filter(isUuid) : ['00000000-0000-0000-0000-000000000000']).execute()
    : [];
  const docTitle = new Map(docs.map((d) => [d.id, d.title]));
  for (const [i, b] of input.basis.entries()) if (b.documentId && !docTitle.has(b.documentId)) throw invalid({ [`basis.${i}.label`]: 'cases.error.document' });
  const adoptable = await adoptableRecords(trx, c.county_code);
  const byKey = new Map(adoptable.map((r) => [`${r.kind}:${r.id}`, r]));
  for (const [i, b] of input.basis.entries()) if (b.record && !byKey.has(b.record)) throw invalid({ [`basis.${i}.label`]: 'cases.error.adopts' });
  // Adopting what this decision already lists is fine on re-save; adopting what another decision adopted is not.
  const own = decisionId
    ? new Set((await trx.selectFrom('decision_points').select(['adopts_kind', 'adopts_id']).where('decision_id', '=', decisionId).execute()).map((p) => `${p.adopts_kind}:${p.adopts_id}`))
    : new Set<string>();
  for (const [i, p] of input.points.entries()) {
    if (!p.adopts) continue;
    const record = byKey.get(p.adopts);
    if (!record) throw invalid({ [`points.${i}.adopts`]: 'cases.error.adopts' });
    if (record.adopted && !own.has(p.adopts) && !linkAlreadyAdopted) throw invalid({ [`points.${i}.adopts`]: 'cases.error.alreadyAdopted' });
  }
  const orgs = input.distribution.length ? await trx.selectFrom('organisations').select('id').where('id', 'in', input.distribution).execute() : [];
  if (orgs.length !== new Set(input.distribution).size) throw invalid({ distribution: 'cases.error.distribution' });
  return { docTitle: new Map([...docTitle, ...adoptable.map((r) => [`${r.kind}:${r.id}`, r.title] as const)]) };
}

async function writeChildren(trx: Queryable, decisionId: string, input: DecisionInput, docTitle: Map<string, string>) {
  await trx.deleteFrom('decision_basis').where('decision_id', '=', decisionId).execute();
  await trx.deleteFrom('decision_points').where('decision_id', '=', decisionId).execute();
  await trx.deleteFrom('decision_distribution').where('decision_id', '=', decisionId).execute();
  if (input.basis.length)
    await trx
      .insertInto('decision_basis')
      .values(
        input.basis.map((b, i) => {
          const m = b.record ? ADOPTS.exec(b.record) : null;
          const key = b.documentId ?? b.record ?? '';
          const label = b.label && b.label !== 'record' ? b.label : (docTitle.get(key) ?? b.label);
          return { decision_id: decisionId, position: i + 1, label, document_id: b.documentId ?? null, record_kind: m?.[1] ?? null, record_id: m?.[2] ?? null };
        })
      )
      .execute();
  await trx
    .insertInto('decision_points')
    .values(
      input.points.map((p, i) => {
        const m = p.adopts ? ADOPTS.exec(p.adopts) : null;
        return { decision_id: decisionId, number: i + 1, text: p.text, adopts_kind: (m?.[1] as AdoptableKind | undefined) ?? null, adopts_id: m?.[2] ?? null };
      })
    )
    .execute();
  const recipients = [...new Set(input.distribution)];
  if (recipients.length) await trx.insertInto('decision_distribution').values(recipients.map((o) => ({ decision_id: decisionId, organisation_id: o }))).execute();
}

/**
 * Creates a draft decision. `linkAlreadyAdopted` is for recording a decision after the fact (the demo, an
 * import): its points may name records already adopted, and signing then links them without adopting again.
 */
export async function createDecision(db: Db, actor: MaybeActor, caseId: string, input: DecisionInput, options: { linkAlreadyAdopted?: boolean } = {}): Promise<{ id: string }> {
  return inTx(db, async (trx) => {
    const c = await loadCase(trx, caseId);
    const a = assertEditCase(actor, c);
    const { docTitle } = await checkReferences(trx, c, input, undefined, options.linkAlreadyAdopted);
    const row = await trx
      .insertInto('decisions')
      .values({
        case_id: caseId,
        title: input.title,
        decision_date: input.date,
        maker_kind: input.makerKind,
        maker: input.maker,
        paragraph: input.paragraph,
        description: input.description,
        delegation: input.delegation,
        reported_to: input.reportedTo,
        reported_on: input.reportedOn
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeChildren(trx, row.id, input, docTitle);
    await recordAudit(trx, a, { action: 'create', entity: 'decision', entityId: row.id, organisationId: c.organisation_id, after: input });
    return { id: row.id };
  });
}

const signedError = () => new DomainError('conflict', 'cases.error.signed');

/** Saves a draft decision; a signed decision is a record and never changes (409). */
export async function updateDecision(db: Db, actor: MaybeActor, id: string, version: number, input: DecisionInput): Promise<void> {
  await inTx(db, async (trx) => {
    const before = await loadDecision(trx, id);
    const c = await loadCase(trx, before.case_id);
    const a = assertEditCase(actor, c);
    if (before.signed_at) throw signedError();
    const { docTitle } = await checkReferences(trx, c, input, id);
    const row = await trx
      .updateTable('decisions')
      .set({
        title: input.title,
        decision_date: input.date,
        maker_kind: input.makerKind,
        maker: input.maker,
        paragraph: input.paragraph,
        description: input.description,
        delegation: input.delegation,
        reported_to: input.reportedTo,
        reported_on: input.reportedOn,
        version: sql<number>`version + 1`
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('signed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new DomainError('conflict', 'error.conflict', {}, undefined, { current: await getDecision(trx, a, id) });
    await writeChildren(trx, id, input, docTitle);
    await recordAudit(trx, a, { action: 'update', entity: 'decision', entityId: id, organisationId: c.organisation_id, before, after: input });
  });
}

/**
 * Signs the decision: it is locked from now on, and every point that adopts a record adopts it through
 * the programme domain in this same transaction — if one adoption fails, nothing is signed.
 */
export async function signDecision(db: Db, actor: MaybeActor, id: string, version: number, options: { linkAlreadyAdopted?: boolean } = {}): Promise<void> {
  await inTx(db, async (trx) => {
    const before = await loadDecision(trx, id);
    const c = await loadCase(trx, before.case_id);
    const a = assertEditCase(actor, c);
    if (before.signed_at) throw signedError();
    const row = await trx
      .updateTable('decisions')
      .set({ signed_at: sql<Date>`now()`, signed_by: a.user.id, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('signed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new DomainError('conflict', 'error.conflict', {}, undefined, { current: { version: before.version } });
    const points = await trx.selectFrom('decision_points').selectAll().where('decision_id', '=', id).orderBy('number').execute();
    const adoptable = points.some((p) => p.adopts_kind) ? await adoptableRecords(trx, c.county_code) : [];
    const known = new Map<string, AdoptableRecord>(adoptable.map((r) => [`${r.kind}:${r.id}`, r]));
    for (const p of points) {
      if (!p.adopts_kind || !p.adopts_id) continue;
      const record = known.get(`${p.adopts_kind}:${p.adopts_id}`);
      if (!(options.linkAlreadyAdopted && record?.adopted)) {
        await adoptRecordInTx(trx, a, { kind: p.adopts_kind, id: p.adopts_id }, {
          decisionId: id,
          date: before.decision_date,
          decidedBy: before.maker,
          paragraph: before.maker_kind === 'body' ? before.paragraph : null,
          delegation: before.maker_kind === 'delegate' ? before.delegation : null,
          reference: c.diary_number
        });
      }
      await linkRecord(trx, a, c.id, { kind: p.adopts_kind, id: p.adopts_id, title: record?.title ?? p.text });
    }
    await recordAudit(trx, a, { action: 'sign', entity: 'decision', entityId: id, organisationId: c.organisation_id, after: { adopted: points.filter((p) => p.adopts_id).map((p) => `${p.adopts_kind}:${p.adopts_id}`) } });
  });
}

// ---------------------------------------------------------------- reading

/**
 * Who may read a decision: everyone working in the county (the policy's rule for the county's work), and
 * once it is signed, the users of every organisation it was sent to (utdrag till), wherever they are.
 */
async function assertReadDecision(db: Queryable, actor: MaybeActor, decision: { id: string; signed_at: Date | null }, c: CaseRow): Promise<Actor> {
  const a = requireActor(actor);
  if (can(a, 'county.readDraft', { type: 'county', countyCode: c.county_code })) return a;
  if (decision.signed_at) {
    const recipient = await db.selectFrom('decision_distribution').select('organisation_id').where('decision_id', '=', decision.id).where('organisation_id', '=', a.organisation.id).executeTakeFirst();
    if (recipient) return a;
  }
  return assertCan(a, 'county.readDraft', { type: 'county', countyCode: c.county_code });
}

export interface DecisionView {
  id: string;
  caseId: string;
  diaryNumber: string;
  unit: string | null;
  caseOfficer: string | null;
  title: string;
  date: string;
  makerKind: 'body' | 'delegate';
  maker: string;
  paragraph: string | null;
  /** How the decision-maker is named in lists and the API: the body with its paragraph, or the delegate's title. */
  decisionMaker: string;
  description: string;
  delegation: string | null;
  basis: { label: string; documentId: string | null; record: string | null; href: string | null }[];
  points: { number: number; text: string; adopts: string | null }[];
  reportedTo: string | null;
  reportedOn: string | null;
  distribution: { id: string; name: string; kind: string }[];
  /** The distribution as the document prints it: all of the county's municipalities become one line. */
  distributionLines: string[];
  signed: boolean;
  signedAt: Date | null;
  version: number;
  canEdit: boolean;
}

const KIND_ORDER: Record<string, number> = { municipality: 0, region: 1, lansstyrelse: 2, samverkansorgan: 3, agency: 4, other: 5 };

export async function getDecision(db: Queryable, actor: MaybeActor, id: string, locale: Locale = 'sv'): Promise<DecisionView> {
  const d = await loadDecision(db, id);
  const c = await loadCase(db, d.case_id);
  const a = await assertReadDecision(db, actor, d, c);
  const [basis, points, distribution, countyMunicipalities] = await Promise.all([
    db.selectFrom('decision_basis').select(['label', 'document_id', 'record_kind', 'record_id']).where('decision_id', '=', id).orderBy('position').execute(),
    db.selectFrom('decision_points').select(['number', 'text', 'adopts_kind', 'adopts_id']).where('decision_id', '=', id).orderBy('number').execute(),
    db
      .selectFrom('decision_distribution')
      .innerJoin('organisations', 'organisations.id', 'decision_distribution.organisation_id')
      .select(['organisations.id', 'organisations.name', 'organisations.kind', 'organisations.county_code'])
      .where('decision_id', '=', id)
      .execute(),
    db.selectFrom('organisations').select('id').where('kind', '=', 'municipality').where('county_code', '=', c.county_code).execute()
  ]);
  distribution.sort((x, y) => (KIND_ORDER[x.kind] ?? 9) - (KIND_ORDER[y.kind] ?? 9) || x.name.localeCompare(y.name, 'sv'));
  const chosen = new Set(distribution.map((o) => o.id));
  const allMunicipalities = countyMunicipalities.length > 0 && countyMunicipalities.every((m) => chosen.has(m.id));
  const countyIds = new Set(countyMunicipalities.map((m) => m.id));
  const distributionLines = [
    ...(allMunicipalities ? [translate(locale, 'cases.decision.countyMunicipalities')] : []),
    ...distribution.filter((o) => !(allMunicipalities && countyIds.has(o.id))).map((o) => o.name)
  ];
  const hrefs = await recordHrefs(db, basis.filter((b) => b.record_kind && b.record_id).map((b) => ({ kind: b.record_kind!, id: b.record_id! })));
  return {
    id: d.id,
    caseId: c.id,
    diaryNumber: c.diary_number,
    unit: c.unit,
    caseOfficer: await officerLabel(db, c.case_officer_id),
    title: d.title,
    date: d.decision_date,
    makerKind: d.maker_kind,
    maker: d.maker,
    paragraph: d.paragraph,
    decisionMaker: d.maker_kind === 'body' ? `${d.maker} ${d.paragraph ?? ''}`.trim() : d.maker,
    description: d.description,
    delegation: d.delegation,
    basis: basis.map((b) => {
      const record = b.record_kind && b.record_id ? `${b.record_kind}:${b.record_id}` : null;
      return { label: b.label, documentId: b.document_id, record, href: b.document_id ? `/arenden/${c.id}/dokument/${b.document_id}` : record ? (hrefs.get(record) ?? null) : null };
    }),
    points: points.map((p) => ({ number: p.number, text: p.text, adopts: p.adopts_kind ? `${p.adopts_kind}:${p.adopts_id}` : null })),
    reportedTo: d.reported_to,
    reportedOn: d.reported_on,
    distribution: distribution.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    distributionLines,
    signed: d.signed_at !== null,
    signedAt: d.signed_at,
    version: d.version,
    canEdit: d.signed_at === null && can(a, 'county.edit', { type: 'county', countyCode: c.county_code }) && a.organisation.id === c.organisation_id
  };
}

export async function listDecisions(db: Queryable, actor: MaybeActor, caseId: string, locale: Locale = 'sv'): Promise<DecisionView[]> {
  const c = await loadCase(db, caseId);
  const a = requireActor(actor);
  const rows = await db.selectFrom('decisions').select(['id', 'signed_at']).where('case_id', '=', caseId).orderBy('decision_date').orderBy('created_at').execute();
  const inCounty = can(a, 'county.readDraft', { type: 'county', countyCode: c.county_code });
  if (!inCounty) {
    // A recipient outside the county sees the signed decisions sent to it, and nothing else of the case.
    const mine = new Set(
      (await db.selectFrom('decision_distribution').select('decision_id').where('organisation_id', '=', a.organisation.id).where('decision_id', 'in', rows.length ? rows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000']).execute()).map((r) => r.decision_id)
    );
    const visible = rows.filter((r) => r.signed_at && mine.has(r.id));
    if (!visible.length) assertCan(a, 'county.readDraft', { type: 'county', countyCode: c.county_code });
    return Promise.all(visible.map((r) => getDecision(db, a, r.id, locale)));
  }
  return Promise.all(rows.map((r) => getDecision(db, a, r.id, locale)));
}

/** Decisions sent to the actor's organisation (utdrag), signed, newest first — for recipients' start lists. */
export async function decisionsSentTo(db: Queryable, actor: MaybeActor): Promise<{ id: string; caseId: string; title: string; date: string; diaryNumber: string }[]> {
  const a = requireActor(actor);
  const rows = await db
    .selectFrom('decision_distribution')
    .innerJoin('decisions', 'decisions.id', 'decision_distribution.decision_id')
    .innerJoin('cases', 'cases.id', 'decisions.case_id')
    .select(['decisions.id', 'decisions.case_id', 'decisions.title', 'decisions.decision_date', 'cases.diary_number'])
    .where('decision_distribution.organisation_id', '=', a.organisation.id)
    .where('decisions.signed_at', 'is not', null)
    .orderBy('decisions.decision_date', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, title: r.title, date: r.decision_date, diaryNumber: r.diary_number }));
}

/** The API's shape of a decision (GET /api/v1/cases/{id}/decisions). */
export function decisionApiView(d: DecisionView) {
  return {
    id: d.id,
    date: d.date,
    title: d.title,
    decisionMaker: d.decisionMaker,
    delegation: d.delegation,
    points: d.points.map((p) => ({ number: p.number, text: p.text })),
    reportedTo: d.reportedTo,
    distribution: d.distribution.map((o) => ({ id: o.id, name: o.name })),
    signed: d.signed
  };
}

/** The decision document, in the order of a delegation decision: heading block, sections, signature, anmälan, utdrag. */
export function decisionBlocks(d: DecisionView, locale: Locale): Block[] {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const blocks: Block[] = [];
  if (d.unit) blocks.push({ kind: 'paragraph', text: d.unit, bold: true });
  if (d.caseOfficer) blocks.push({ kind: 'paragraph', text: t('cases.decision.officerLine', { officer: d.caseOfficer }) });
  blocks.push({ kind: 'paragraph', text: d.date }, { kind: 'paragraph', text: d.diaryNumber }, { kind: 'heading', level: 1, text: d.title });
  blocks.push({ kind: 'heading', level: 2, text: t('cases.decision.description') });
  blocks.push({ kind: 'paragraph', text: d.description || '–' });
  blocks.push({ kind: 'heading', level: 2, text: t('cases.decision.basis') });
  if (d.basis.length) blocks.push(...d.basis.map((b) => ({ kind: 'paragraph' as const, text: b.label })));
  else blocks.push({ kind: 'paragraph', text: '–' });
  if (d.makerKind === 'delegate') {
    blocks.push({ kind: 'heading', level: 2, text: t('cases.decision.delegation') });
    blocks.push({ kind: 'paragraph', text: d.delegation ?? '–' });
  }
  blocks.push({ kind: 'heading', level: 2, text: t('cases.decision.points') });
  blocks.push({ kind: 'numbered', items: d.points.map((p) => p.text) });
  blocks.push({ kind: 'spacer' });
  blocks.push({ kind: 'paragraph', text: d.makerKind === 'delegate' ? d.maker : d.decisionMaker, bold: true });
  if (!d.signed) blocks.push({ kind: 'paragraph', text: t('cases.decision.unsignedNote'), italic: true });
  if (d.reportedTo) {
    blocks.push({ kind: 'heading', level: 2, text: t('cases.decision.reporting') });
    blocks.push({ kind: 'paragraph', text: t('cases.decision.reportedTo', { body: lowerFirst(d.reportedTo) }) + (d.reportedOn ? ` ${t('cases.decision.reportedOn', { date: d.reportedOn })}` : '') });
  }
  if (d.distributionLines.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('cases.decision.distribution') });
    blocks.push(...d.distributionLines.map((line) => ({ kind: 'paragraph' as const, text: line })));
  }
  return blocks;
}

/** "Beslutet anmäls till regionala utvecklingsnämnden": a body's name is lower-case inside the sentence. */
function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('sv') + s.slice(1);
}

/** Organisations a decision can be sent to: the county's organisations and the national agency. */
export async function distributionOptions(db: Queryable, actor: Actor): Promise<{ id: string; name: string; kind: string }[]> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind'])
    .where((eb) => eb.or([eb('county_code', '=', actor.organisation.countyCode ?? ''), eb('kind', '=', 'agency')]))
    .where('id', '!=', actor.organisation.id)
    .execute();
  return rows.sort((x, y) => (KIND_ORDER[x.kind] ?? 9) - (KIND_ORDER[y.kind] ?? 9) || x.name.localeCompare(y.name, 'sv'));
}

export { adoptableRecords };

/** What the decision form needs besides the values: the case's documents, records to adopt, recipients. */
export async function decisionFormOptions(db: Queryable, actor: Actor, c: { id: string; countyCode: string }, decisionId?: string) {
  const { listDocuments } = await import('./cases');
  const own = decisionId
    ? new Set((await db.selectFrom('decision_points').select(['adopts_kind', 'adopts_id']).where('decision_id', '=', decisionId).execute()).map((p) => `${p.adopts_kind}:${p.adopts_id}`))
    : new Set<string>();
  const adoptable = (await adoptableRecords(db, c.countyCode)).filter((r) => !r.adopted || own.has(`${r.kind}:${r.id}`));
  return {
    documents: (await listDocuments(db, actor, c.id)).map((d) => ({ id: d.id, title: d.title })),
    adoptable: adoptable.map((r) => ({ value: `${r.kind}:${r.id}`, label: r.title })),
    records: (await adoptableRecords(db, c.countyCode)).map((r) => ({ value: `${r.kind}:${r.id}`, label: r.title })),
    recipients: await distributionOptions(db, actor)
  };
}

/** The form's flat values (the names the form posts) from a saved decision, or the defaults of a new one. */
export function decisionFormValues(d: DecisionView | null, defaults: { date: string }): Record<string, string> {
  if (!d) return { date: defaults.date, makerKind: 'delegate', distribution: '' };
  const values: Record<string, string> = {
    title: d.title,
    date: d.date,
    makerKind: d.makerKind,
    maker: d.maker,
    paragraph: d.paragraph ?? '',
    delegation: d.delegation ?? '',
    description: d.description,
    reportedTo: d.reportedTo ?? '',
    reportedOn: d.reportedOn ?? '',
    distribution: d.distribution.map((o) => o.id).join('\n'),
    basisDocuments: d.basis.filter((b) => b.documentId).map((b) => b.documentId).join('\n'),
    basisRecords: d.basis.filter((b) => b.record).map((b) => b.record).join('\n')
  };
  d.basis.filter((b) => !b.documentId && !b.record).forEach((b, i) => (values[`basis.${i}.label`] = b.label));
  d.points.forEach((p, i) => {
    values[`points.${i}.text`] = p.text;
    values[`points.${i}.adopts`] = p.adopts ?? '';
  });
  return values;
}
