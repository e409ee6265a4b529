import ExcelJS from 'exceljs';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { recordAudit } from '../audit';
import { DomainError, invalid, notFound } from '../errors';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { assertEdit } from './access';
import { normaliseOrgNumber } from './orgnr';
import { DIARY_PATTERN, SUPPORT_FORMS, defaultRegime, isIsoDate } from './schemas';
import { insertApplication, rateFor } from './service';
import { sekToEurCents } from './rules';
import type { SupportForm } from './tables';

/**
 * Import of projects decided in other systems. Upload → the file is kept and its headings are mapped to
 * our fields (suggested from Swedish headings) → every row is validated → only if no row has an error are
 * all rows written, in one transaction. Otherwise the user gets a row-by-row report and nothing changes.
 */
export const IMPORT_FIELDS = ['org_number', 'applicant_name', 'title', 'fund', 'support_form', 'municipalities', 'decided_on', 'amount_sek', 'diary_number', 'external_ref'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED: ImportField[] = ['org_number', 'applicant_name', 'title', 'fund', 'support_form', 'municipalities', 'decided_on', 'amount_sek'];
export const MAX_IMPORT_ROWS = 5000;

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');

const SYNONYMS: Record<ImportField, string[]> = {
  org_number: ['organisationsnummer', 'orgnr', 'orgnummer', 'organisationsnr', 'orgno'],
  applicant_name: ['sokande', 'stodmottagare', 'mottagare', 'foretag', 'organisation', 'sokandensnamn', 'namn'],
  title: ['projektnamn', 'projekttitel', 'projekt', 'titel', 'benamning', 'atgard'],
  fund: ['fond', 'finansiering', 'program', 'stodprogram'],
  support_form: ['stodform', 'stodtyp', 'typavstod', 'form'],
  municipalities: ['kommuner', 'kommun', 'kommunkod', 'kommunkoder'],
  decided_on: ['beslutsdatum', 'beslutad', 'beslutsdag', 'datum'],
  amount_sek: ['beviljatbelopp', 'beviljatstod', 'beviljat', 'belopp', 'stodbelopp', 'beloppkr', 'kronor'],
  diary_number: ['diarienummer', 'dnr', 'diarienr', 'arendenummer'],
  external_ref: ['projektid', 'externtid', 'id', 'referens', 'arendeid']
};

export interface ParsedFile {
  headers: string[];
  rows: string[][];
}

/** Suggested mapping field → column index (as a string, '' when none), each column used once. */
export function suggestMapping(headers: string[]): Record<ImportField, string> {
  const used = new Set<number>();
  const out = {} as Record<ImportField, string>;
  const normalised = headers.map(norm);
  for (const field of IMPORT_FIELDS) {
    let found = -1;
    for (const synonym of SYNONYMS[field]) {
      found = normalised.findIndex((h, i) => !used.has(i) && h === synonym);
      if (found >= 0) break;
    }
    if (found < 0) {
      for (const synonym of SYNONYMS[field].filter((s) => s.length >= 5)) {
        found = normalised.findIndex((h, i) => !used.has(i) && h.includes(synonym));
        if (found >= 0) break;
      }
    }
    if (found >= 0) used.add(found);
    out[field] = found >= 0 ? String(found) : '';
  }
  return out;
}

/** RFC 4180 CSV with ; , or tab as delimiter (whichever the heading row uses most), quotes and "" escapes. */
export function parseCsv(text: string): ParsedFile {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const c = clean[i];
    if (quoted) {
      if (c === '"' && clean[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && clean[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const nonEmpty = rows.filter((r) => r.some((v) => v.trim() !== ''));
  const [headers = [], ...data] = nonEmpty;
  return { headers: headers.map((h) => h.trim()), rows: data.map((r) => r.map((v) => v.trim())) };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: string };
    if ('result' in v) return cellText(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
    return '';
  }
  return String(value).trim();
}

export async function parseXlsx(bytes: Uint8Array): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const all: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    all.push(values.map(cellText));
  });
  const [headers = [], ...rows] = all.filter((r) => r.some((v) => v !== ''));
  const width = headers.length;
  return { headers, rows: rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')) };
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function parseFile(bytes: Uint8Array): Promise<{ kind: 'csv' | 'xlsx'; parsed: ParsedFile }> {
  try {
    if (isZip(bytes)) return { kind: 'xlsx', parsed: await parseXlsx(bytes) };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new Error('binary');
    return { kind: 'csv', parsed: parseCsv(text) };
  } catch {
    throw new DomainError('validation', 'grants.import.badFile', {}, { file: 'grants.import.badFile' });
  }
}

export interface ImportPreview {
  id: string;
  fileName: string;
  status: 'preview' | 'imported';
  headers: string[];
  preview: string[][];
  rowCount: number;
  mapping: Record<ImportField, string>;
}

export async function startImport(db: Db, actor: MaybeActor, countyCode: string, file: { name: string; bytes: Uint8Array }): Promise<string> {
  const me = assertEdit(actor, countyCode);
  if (!file.bytes.length) throw invalid({ file: 'grants.import.fileRequired' });
  if (file.bytes.length > 10 * 1024 * 1024) throw new DomainError('payload_too_large', 'error.fileTooLarge', { maxMb: 10 }, { file: 'error.payloadTooLarge' });
  const { kind, parsed } = await parseFile(file.bytes);
  if (!parsed.rows.length) throw invalid({ file: 'grants.import.noRows' });
  if (parsed.rows.length > MAX_IMPORT_ROWS) throw new DomainError('validation', 'grants.import.tooManyRows', { max: MAX_IMPORT_ROWS }, { file: 'grants.import.tooManyRows' });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('grant_imports')
      .values({ county_code: countyCode, file_name: file.name.slice(0, 200) || 'import', file_kind: kind, bytes: Buffer.from(file.bytes), created_by: me.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'upload', entity: 'grantImport', entityId: row.id, after: { fileName: file.name, kind, rows: parsed.rows.length } });
    return row.id;
  });
}

async function loadImport(db: Queryable, actor: MaybeActor, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const row = await db.selectFrom('grant_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const me = assertEdit(actor, row.county_code);
  return { row, me };
}

export async function getImport(db: Queryable, actor: MaybeActor, id: string): Promise<ImportPreview> {
  const { row } = await loadImport(db, actor, id);
  const { parsed } = await parseFile(row.bytes);
  return { id: row.id, fileName: row.file_name, status: row.status, headers: parsed.headers, preview: parsed.rows.slice(0, 5), rowCount: parsed.rows.length, mapping: suggestMapping(parsed.headers) };
}

export interface RowError {
  row: number;
  column: string;
  field: ImportField | '';
  message: string;
}

const FORM_BY_NAME: Record<string, SupportForm> = Object.fromEntries([
  ...SUPPORT_FORMS.map((f) => [norm(f), f]),
  ['investeringslan', 'investeringslan'],
  ['hemsandning', 'hemsandningsbidrag'],
  ['driftstod', 'sarskilt_driftstod'],
  ['sarskiltdriftstod', 'sarskilt_driftstod'],
  ['projekt', 'projektstod'],
  ['projektstod', 'projektstod']
]) as Record<string, SupportForm>;

function parseAmount(s: string): number | null {
  const clean = s.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '').replace(/:-$/, '');
  if (!/^\d+([.,]0+)?$/.test(clean)) return null;
  const n = Number(clean.replace(',', '.'));
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Validates every row and, only if all are valid, imports them all in one transaction. Returns the errors
 * (nothing imported) or the number imported.
 */
export async function runImport(db: Db, actor: MaybeActor, id: string, mapping: Record<string, string>, locale: Locale = 'sv'): Promise<{ imported: number; errors: RowError[] }> {
  const { row: imp, me } = await loadImport(db, actor, id);
  if (imp.status === 'imported') throw invalid({ file: 'grants.import.alreadyDone' });
  const { parsed } = await parseFile(imp.bytes);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const column = (field: ImportField): number | null => {
    const v = mapping[field];
    if (v === undefined || v === '') return null;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 && n < parsed.headers.length ? n : null;
  };
  const errors: RowError[] = [];
  for (const field of REQUIRED) {
    if (column(field) === null) errors.push({ row: 1, column: '', field, message: t('grants.import.err.unmapped', { field: t(`grants.import.field.${field}` as MessageKey) }) });
  }
  if (errors.length) return { imported: 0, errors };

  const funds = await db.selectFrom('grant_funds').select(['id', 'name']).where('county_code', '=', imp.county_code).execute();
  const municipalities = await db.selectFrom('municipalities').select(['code', 'name', 'short_name']).where('county_code', '=', imp.county_code).execute();
  const rates = new Map((await db.selectFrom('grant_exchange_rates').select(['month', 'sek_per_eur']).execute()).map((r) => [r.month.slice(0, 7), Number(r.sek_per_eur)]));

  type Valid = { orgNumber: string; applicant: string; title: string; fundId: string; form: SupportForm; municipalities: string[]; decidedOn: string; amount: number; diary?: string; ref?: string };
  const valid: Valid[] = [];
  parsed.rows.forEach((cells, index) => {
    const rowNumber = index + 2; // the heading is row 1, as in Excel
    const rowErrors: RowError[] = [];
    const get = (field: ImportField) => {
      const c = column(field);
      return c === null ? '' : (cells[c] ?? '').trim();
    };
    const fail = (field: ImportField, message: string) => {
      const c = column(field);
      rowErrors.push({ row: rowNumber, column: c === null ? '' : parsed.headers[c], field, message });
    };
    for (const field of REQUIRED) if (get(field) === '') fail(field, t('grants.import.err.required'));
    const orgNumber = get('org_number') ? normaliseOrgNumber(get('org_number')) : null;
    if (get('org_number') && !orgNumber) fail('org_number', t('grants.import.err.orgNumber'));
    const fund = get('fund') ? funds.find((f) => norm(f.name) === norm(get('fund'))) : undefined;
    if (get('fund') && !fund) fail('fund', t('grants.import.err.fund'));
    const form = get('support_form') ? FORM_BY_NAME[norm(get('support_form'))] : undefined;
    if (get('support_form') && !form) fail('support_form', t('grants.import.err.form'));
    const codes: string[] = [];
    for (const part of get('municipalities').split(/[;,/]/).map((s) => s.trim()).filter(Boolean)) {
      const m = municipalities.find((k) => k.code === part || norm(k.short_name) === norm(part) || norm(k.name) === norm(part));
      if (m) codes.push(m.code);
      else fail('municipalities', t('grants.import.err.municipality', { value: part }));
    }
    const decidedOn = get('decided_on');
    if (decidedOn && !isIsoDate(decidedOn)) fail('decided_on', t('grants.import.err.date'));
    const amount = get('amount_sek') ? parseAmount(get('amount_sek')) : null;
    if (get('amount_sek') && amount === null) fail('amount_sek', t('grants.import.err.amount'));
    const diary = get('diary_number').toUpperCase();
    if (diary && !DIARY_PATTERN.test(diary)) fail('diary_number', t('grants.import.err.diary'));
    if (form && defaultRegime(form) !== 'none' && decidedOn && isIsoDate(decidedOn) && !rates.has(decidedOn.slice(0, 7))) fail('decided_on', t('grants.import.err.rate'));
    if (rowErrors.length) errors.push(...rowErrors);
    else valid.push({ orgNumber: orgNumber!, applicant: get('applicant_name'), title: get('title'), fundId: fund!.id, form: form!, municipalities: [...new Set(codes)], decidedOn, amount: amount!, diary: diary || undefined, ref: get('external_ref') || undefined });
  });
  if (errors.length) return { imported: 0, errors };

  await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('grant_imports').select('status').where('id', '=', imp.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status === 'imported') throw invalid({ file: 'grants.import.alreadyDone' });
    for (const v of valid) {
      const regime = defaultRegime(v.form);
      const appId = await insertApplication(
        trx,
        me,
        imp.county_code,
        {
          fundId: v.fundId,
          callId: undefined,
          applicantName: v.applicant,
          orgNumber: v.orgNumber,
          title: v.title,
          description: '',
          supportForm: v.form,
          supportYear: Number(v.decidedOn.slice(0, 4)),
          receivedOn: v.decidedOn,
          appliedSek: v.amount,
          municipalities: v.municipalities,
          eligibleCostSek: undefined,
          specialCase: false,
          strategicStore: false,
          netCostSek: undefined,
          deliveries: undefined,
          storeName: undefined,
          servicePointId: undefined,
          statedDistanceKm: undefined,
          island: false,
          openAllYear: false,
          regime,
          sustEconomic: '',
          sustSocial: '',
          sustEnvironment: '',
          sustAgenda2030: '',
          diaryNumber: v.diary
        },
        'import',
        v.ref
      );
      await trx.updateTable('grant_applications').set({ status: 'granted' }).where('id', '=', appId).execute();
      const decision = await trx
        .insertInto('grant_decisions')
        .values({ application_id: appId, outcome: 'granted', amount_sek: v.amount, decided_on: v.decidedOn, first_decided_on: v.decidedOn, reason: `Import: ${imp.file_name}`, previous_id: null, decided_by: me.user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (regime !== 'none') {
        const rate = rates.get(v.decidedOn.slice(0, 7))!;
        await trx
          .insertInto('grant_de_minimis_aid')
          .values({ county_code: imp.county_code, org_number: v.orgNumber, undertaking_name: v.applicant, regime, amount_sek: v.amount, sek_per_eur: rate, amount_eur_cents: sekToEurCents(v.amount, rate), decided_on: v.decidedOn, granting_body: me.organisation.name, decision_id: decision.id, created_by: me.user.id })
          .execute();
      }
    }
    await trx.updateTable('grant_imports').set({ status: 'imported', imported_count: valid.length }).where('id', '=', imp.id).execute();
    await recordAudit(trx, me, { action: 'import', entity: 'grantImport', entityId: imp.id, after: { rows: valid.length, mapping } });
  });
  return { imported: valid.length, errors: [] };
}
