import { readFileSync } from 'node:fs';
import { lineError, UsageError } from './errors.js';
import { DirectIdIndex, IdIndex, type IdLookup } from './id-index.js';
import type { EdgeListInput } from '../network/contract.js';

const COMMA = 44, LF = 10, CR = 13, SPACE = 32, TAB = 9, QUOTE = 34;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function readCsvFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export interface CsvHeader {
  columns: string[];
  /** Byte offset of the first data line. */
  bodyStart: number;
}

/** Header names, trimmed, unquoted and lower-cased; a UTF-8 BOM is skipped. */
export function readHeader(buf: Buffer, file: string): CsvHeader {
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  let end = buf.indexOf(LF, start);
  const bodyStart = end < 0 ? buf.length : end + 1;
  if (end < 0) end = buf.length;
  const text = buf.toString('utf8', start, end);
  if (text.trim() === '') throw lineError(file, 1, 'empty file: expected a header line');
  const columns = text.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
  return { columns, bodyStart };
}

export function columnIndex(header: CsvHeader, name: string, file: string, required: true): number;
export function columnIndex(header: CsvHeader, name: string, file: string, required: false): number;
export function columnIndex(header: CsvHeader, name: string, file: string, required: boolean): number {
  const i = header.columns.indexOf(name);
  if (i < 0 && required) throw lineError(file, 1, `missing column "${name}" (header has: ${header.columns.join(', ')})`);
  return i;
}

/**
 * A hand-rolled byte parser for numeric CSV columns: no per-line strings, no split, no parseFloat.
 * Decimal text is read as an integer mantissa and one division by a power of ten, which is correctly
 * rounded for up to 15 significant digits — far finer than the 0.5 m the results promise.
 */
class NumberScanner {
  pos = 0;
  line = 2;
  /** The last integer had more digits than a double holds exactly. */
  inexact = false;
  constructor(readonly buf: Buffer, readonly file: string) {}

  /** Parses a number at pos, leaving pos on the delimiter (comma, CR, LF or end). */
  number(column: string): number {
    const buf = this.buf;
    const len = buf.length;
    let p = this.pos;
    while (p < len && (buf[p] === SPACE || buf[p] === TAB || buf[p] === QUOTE)) p++;
    let neg = false;
    if (p < len && (buf[p] === 45 || buf[p] === 43)) {
      neg = buf[p] === 45;
      p++;
    }
    let mant = 0;
    let digits = 0;
    let decimals = 0;
    let c = buf[p];
    while (p < len && c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      c = buf[++p];
    }
    if (p < len && c === 46) {
      c = buf[++p];
      while (p < len && c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        decimals++;
        c = buf[++p];
      }
    }
    if (digits === 0) return this.fail(column, p);
    // 16+ digits may exceed 2^53 and be rounded: check exactly (rare, so the slow way is fine).
    this.inexact = digits >= 16 && decimals === 0 && BigInt(buf.toString('latin1', p - digits, p)) !== BigInt(mant);
    let exp = 0;
    if (p < len && (c === 101 || c === 69)) {
      c = buf[++p];
      let eneg = false;
      if (c === 45 || c === 43) {
        eneg = c === 45;
        c = buf[++p];
      }
      let ed = 0;
      while (p < len && c >= 48 && c <= 57) {
        exp = exp * 10 + (c - 48);
        ed++;
        c = buf[++p];
      }
      if (ed === 0) return this.fail(column, p);
      if (eneg) exp = -exp;
    }
    while (p < len && (buf[p] === SPACE || buf[p] === TAB || buf[p] === QUOTE)) p++;
    if (p < len && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) return this.fail(column, p);
    this.pos = p;
    let value: number;
    const e10 = exp - decimals;
    if (e10 === 0) value = mant;
    else if (e10 < 0 && e10 >= -22 && mant <= 9007199254740992) value = mant / POW10[-e10];
    else if (e10 > 0 && e10 <= 22 && mant <= 9007199254740992) value = mant * POW10[e10];
    else value = this.slowParse(column);
    return neg ? -value : value;
  }

  /** Very long mantissas or exponents: rare, so let the runtime do it. */
  private slowParse(column: string): number {
    let a = this.pos;
    while (a > 0 && this.buf[a - 1] !== COMMA && this.buf[a - 1] !== LF) a--;
    const v = Number(this.buf.toString('latin1', a, this.pos).trim().replace(/"/g, ''));
    if (!Number.isFinite(v)) this.fail(column, a);
    return Math.abs(v);
  }

  fail(column: string, p: number): never {
    let a = p;
    while (a > 0 && this.buf[a - 1] !== COMMA && this.buf[a - 1] !== LF) a--;
    let b = p;
    while (b < this.buf.length && this.buf[b] !== COMMA && this.buf[b] !== LF && this.buf[b] !== CR) b++;
    const text = this.buf.toString('utf8', a, Math.min(b, a + 40));
    throw lineError(this.file, this.line, `column "${column}": "${text}" is not a number`);
  }

  /** Skips to the next delimiter without parsing. */
  skipField(): void {
    const buf = this.buf;
    let p = this.pos;
    while (p < buf.length && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) p++;
    this.pos = p;
  }
}

/** Ids are integers 0..2^53; anything else is an error (doubles hold these exactly). */
function checkId(s: NumberScanner, v: number, column: string): number {
  if (!(v >= 0 && v <= 9007199254740992 && Math.floor(v) === v) || s.inexact) {
    throw lineError(s.file, s.line, `column "${column}": ${v} is not a node id (a non-negative integer up to 2^53)`);
  }
  return v;
}

export interface EdgeCsv {
  input: EdgeListInput;
  ids: IdLookup;
}

/** Reads `from,to,length_m[,minutes]` (any column order, extra columns ignored). */
export function readEdgeCsv(file: string, buf: Buffer = readCsvFile(file)): EdgeCsv {
  const header = readHeader(buf, file);
  const cFrom = columnIndex(header, 'from', file, true);
  const cTo = columnIndex(header, 'to', file, true);
  const cLen = columnIndex(header, 'length_m', file, true);
  const cMin = columnIndex(header, 'minutes', file, false);
  const needed = Math.max(cFrom, cTo, cLen, cMin) + 1;
  // Rows ≤ newlines + 1: size once, no growing.
  let lines = 1;
  for (let p = header.bodyStart; p < buf.length; p++) if (buf[p] === LF) lines++;
  const fromId = new Float64Array(lines);
  const toId = new Float64Array(lines);
  const lengthM = new Float64Array(lines);
  const minutes = cMin >= 0 ? new Float64Array(lines) : undefined;
  const s = new NumberScanner(buf, file);
  s.pos = header.bodyStart;
  let rows = 0;
  const len = buf.length;
  while (s.pos < len) {
    // Blank lines (a trailing newline, CRLF leftovers) are skipped.
    let c = buf[s.pos];
    if (c === LF) { s.pos++; s.line++; continue; }
    if (c === CR) { s.pos++; continue; }
    let a = 0, b = 0, l = 0, t = 0;
    let field = 0;
    for (;;) {
      if (field === cFrom) a = checkId(s, s.number('from'), 'from');
      else if (field === cTo) b = checkId(s, s.number('to'), 'to');
      else if (field === cLen) l = s.number('length_m');
      else if (field === cMin) t = s.number('minutes');
      else s.skipField();
      field++;
      c = buf[s.pos];
      if (s.pos < len && c === COMMA) { s.pos++; continue; }
      break;
    }
    if (field < needed) throw lineError(file, s.line, `expected at least ${needed} columns, found ${field}`);
    while (s.pos < len && buf[s.pos] === CR) s.pos++;
    if (!(l >= 0)) throw lineError(file, s.line, `column "length_m": negative length ${l}`);
    if (minutes && !(t >= 0)) throw lineError(file, s.line, `column "minutes": negative time ${t}`);
    fromId[rows] = a;
    toId[rows] = b;
    lengthM[rows] = l;
    if (minutes) minutes[rows] = t;
    rows++;
    if (s.pos < len) {
      if (buf[s.pos] !== LF) s.fail('(row)', s.pos);
      s.pos++;
      s.line++;
    }
  }
  let maxId = 0;
  for (let i = 0; i < rows; i++) {
    if (fromId[i] > maxId) maxId = fromId[i];
    if (toId[i] > maxId) maxId = toId[i];
  }
  const ids: IdLookup = maxId < 8 * rows + 1024 ? new DirectIdIndex(maxId, rows) : new IdIndex(Math.max(1024, rows / 2));
  const from = new Int32Array(rows);
  const to = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    from[i] = ids.intern(fromId[i]);
    to[i] = ids.intern(toId[i]);
  }
  return {
    input: {
      nodeCount: ids.size,
      from,
      to,
      lengthM: lengthM.subarray(0, rows),
      minutes: minutes?.subarray(0, rows),
      externalIds: ids.ids.subarray(0, ids.size),
    },
    ids,
  };
}

export interface SourceCsv {
  /** Types in order of first appearance. */
  types: string[];
  /** Per type, the edge-list indices of its source nodes (deduplicated). */
  nodesByType: Map<string, number[]>;
}

/** Reads `node,type`; every node must exist in the edge list (an unknown id is a user error). */
export function readSourceCsv(file: string, ids: IdLookup, buf: Buffer = readCsvFile(file)): SourceCsv {
  const header = readHeader(buf, file);
  const cNode = columnIndex(header, 'node', file, true);
  const cType = columnIndex(header, 'type', file, true);
  const text = buf.toString('utf8', header.bodyStart);
  const lines = text.split('\n');
  const nodesByType = new Map<string, number[]>();
  const seen = new Map<string, Set<number>>();
  lines.forEach((raw, i) => {
    const lineNo = i + 2;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length <= Math.max(cNode, cType)) throw lineError(file, lineNo, `expected at least ${Math.max(cNode, cType) + 1} columns, found ${cells.length}`);
    const idText = cells[cNode];
    const id = Number(idText);
    if (idText === '' || !Number.isInteger(id) || id < 0 || id > 2 ** 53) throw lineError(file, lineNo, `column "node": "${idText}" is not a node id`);
    const type = cells[cType];
    if (type === '') throw lineError(file, lineNo, 'column "type" is empty');
    const idx = ids.get(id);
    if (idx < 0) throw lineError(file, lineNo, `node ${idText} does not occur in the edge list`);
    let list = nodesByType.get(type);
    if (!list) {
      list = [];
      nodesByType.set(type, list);
      seen.set(type, new Set());
    }
    if (!seen.get(type)!.has(idx)) {
      seen.get(type)!.add(idx);
      list.push(idx);
    }
  });
  return { types: [...nodesByType.keys()], nodesByType };
}
