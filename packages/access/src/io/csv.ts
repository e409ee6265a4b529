/**
 * A small RFC 4180 CSV reader shared by the grid and service-point readers.
 *
 * Swedish spreadsheet exports commonly use ';' as separator and ',' as decimal mark, so the separator is
 * detected from the header line and numbers accept a decimal comma unless the separator is ','.
 * Files are read whole: the largest input (SCB's ~600 000 populated 250 m squares) is tens of MB as text.
 */
import { readFile } from 'node:fs/promises';

export class InputError extends Error {}

export interface CsvRow {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvTable {
  file: string;
  delimiter: string;
  header: string[];
  rows: CsvRow[];
}

export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = headerLine.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

export function parseCsv(text: string, file: string, delimiter?: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstNl = text.search(/\r?\n/);
  const delim = delimiter ?? detectDelimiter(firstNl < 0 ? text : text.slice(0, firstNl));
  const records: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedLine = 0;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    field = '';
    // Blank lines carry no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < n) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      quotedLine = line;
      i++;
    } else if (c === delim) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (inQuotes) throw new InputError(`${file}:${quotedLine}: unterminated quoted field`);
  if (field !== '' || fields.length > 0) endRecord();
  if (records.length === 0) throw new InputError(`${file}:1: empty file (no header line)`);
  const header = records[0].fields.map((h) => h.trim());
  const rows = records.slice(1);
  for (const r of rows) {
    if (r.fields.length !== header.length) {
      throw new InputError(`${file}:${r.line}: ${r.fields.length} fields, but the header has ${header.length} (separator '${delim === '\t' ? '\\t' : delim}')`);
    }
  }
  return { file, delimiter: delim, header, rows };
}

export async function readCsvFile(file: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseCsv(text, file);
}

/** Column-name normalisation: case, surrounding space, and Swedish letters, so "Befolkning" = "befolkning". */
export function normName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/å|ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[\s-]+/g, '_');
}

/** Index of the first header column whose normalised name is in `names` (in `names` order), or -1. */
export function findColumn(header: string[], names: readonly string[]): number {
  const norm = header.map(normName);
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Parses a number, accepting a decimal comma when the file's separator is not ','. */
export function parseNumber(raw: string, delimiter: string): number {
  let s = raw.trim().replace(/[\s\u00a0]/g, '');
  if (delimiter !== ',' && /^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (s === '') return NaN;
  return Number(s);
}
