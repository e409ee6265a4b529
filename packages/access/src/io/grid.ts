/**
 * SCB population squares (1 km and 250 m, SWEREF 99 TM / EPSG:3006) from CSV or GeoPackage.
 *
 * Square id ("rutid", SCB's `rutid_scb`): 13 digits = the lower-left corner's easting in metres as
 * 6 digits followed by its northing in metres as 7 digits, for both square sizes. Example: the 1 km
 * square with corner E 394 000, N 6 133 000 is "3940006133000"; the 250 m square with corner
 * E 394 250, N 6 133 750 is "3942506133750". SCB also publishes the INSPIRE-style id
 * "SE_CRS3006RES1000mN6133000E394000" (northing first there); both are parsed. The id alone does not
 * give the size (a 1 km corner is also a 250 m corner), so size comes from a column, the caller, or the
 * file (all corners on the 1 km lattice → 1 km).
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import proj4 from 'proj4';
import type { PopulationSquareInput } from '../network/contract.js';
import { findColumn, InputError, normName, parseNumber, readCsvFile, type CsvTable } from './csv.js';

export { InputError };

export const SWEREF99TM_PROJ4 = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
proj4.defs('EPSG:3006', SWEREF99TM_PROJ4);
const toWgs84 = proj4('EPSG:3006', 'WGS84');

/**
 * Accepted extent of EPSG:3006 coordinates: Sweden's land and territorial waters lie within about
 * E 265 000–925 000, N 6 130 000–7 670 000; the bounds below leave a margin for squares on the edge.
 */
export const SWEDEN_BOUNDS_3006 = { minX: 200_000, maxX: 1_000_000, minY: 6_100_000, maxY: 7_700_000 } as const;

export const SQUARE_SIZES = [1000, 250] as const;
export type SquareSize = (typeof SQUARE_SIZES)[number];

export function sweref99tmToWgs84(x: number, y: number): [lon: number, lat: number] {
  const [lon, lat] = toWgs84.forward([x, y]);
  return [lon, lat];
}

export function wgs84ToSweref99tm(lon: number, lat: number): [x: number, y: number] {
  const [x, y] = toWgs84.inverse([lon, lat]);
  return [x, y];
}

export function inSweden3006(x: number, y: number): boolean {
  const b = SWEDEN_BOUNDS_3006;
  return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY;
}

/** SCB rutid of the square with lower-left corner (x, y). */
export function squareIdFromCorner(x: number, y: number): string {
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || x > 999_999 || y < 0 || y > 9_999_999) {
    throw new RangeError(`corner (${x}, ${y}) cannot be written as an SCB rutid (6-digit easting, 7-digit northing)`);
  }
  return String(x).padStart(6, '0') + String(y).padStart(7, '0');
}

/** Corner (and size when the id states it) from an SCB rutid or INSPIRE-style id; null if not an id. */
export function cornerFromSquareId(id: string): { x: number; y: number; size?: number } | null {
  const s = id.trim();
  if (/^\d{13}$/.test(s)) return { x: Number(s.slice(0, 6)), y: Number(s.slice(6)) };
  const m = /^(?:SE_)?CRS3006RES(\d+)mN(\d+)E(\d+)$/i.exec(s);
  if (m) return { x: Number(m[3]), y: Number(m[2]), size: Number(m[1]) };
  return null;
}

/** Lower-left corner of the square of `size` containing (x, y). */
export function squareCornerOf(x: number, y: number, size: number): [number, number] {
  return [Math.floor(x / size) * size, Math.floor(y / size) * size];
}

export interface GridSquare extends PopulationSquareInput {
  /** Square centre in WGS84 degrees. */
  lon: number;
  lat: number;
}

export interface GridReadOptions {
  /** Square size when the file has no size column; otherwise inferred from the corners. */
  size?: SquareSize;
  /** GeoPackage: feature table to read when the file has several. */
  layer?: string;
}

export interface GridReadResult {
  squares: GridSquare[];
  /** False when the file had no 70+ information: population70plus is then 0 everywhere. */
  has70plus: boolean;
  size: SquareSize;
  warnings: string[];
}

/** Column names accepted (normalised: lower case, å/ä→a, ö→o, spaces/hyphens→_). Order = preference. */
export const GRID_COLUMNS = {
  id: ['rutid_scb', 'rutid', 'ruta', 'rut_id', 'ruta_id', 'square_id', 'id', 'rutid_inspire'],
  x: ['x', 'e', 'easting', 'ostkoordinat', 'x_sweref99tm', 'x_corner'],
  y: ['y', 'n', 'northing', 'nordkoordinat', 'y_sweref99tm', 'y_corner'],
  size: ['rutstorl', 'rutstorlek', 'storlek', 'size', 'square_size'],
  population: ['beftotalt', 'bef_totalt', 'befolkning', 'pop', 'population', 'total', 'totalt', 'bef', 'antal'],
  population70plus: ['pop_70plus', 'pop70plus', 'population_70plus', 'bef_70plus', 'bef70plus', 'ald70plus', 'alder_70plus', 'age_70plus', 'age70plus', '70plus', '70+'],
  municipality: ['kommunkod', 'kommun', 'kn_kod', 'knkod', 'kommun_kod', 'municipality', 'municipality_code', 'kn'],
} as const;

/**
 * Age-band columns: SCB's "ald70_75" … "ald95_100", "ald100w" (upper bound exclusive, "w" = and older),
 * or "age_70_74" / "70-74" (inclusive), "75+" / "ald80plus". Bands starting at 70 or more sum to 70+.
 * Returns [lowest age, highest age inclusive] or null.
 */
export function parseAgeBand(name: string): [number, number] | null {
  const n = normName(name);
  let m = /^(?:ald|alder|age|bef)_?(\d{1,3})_(\d{1,3})$/.exec(n);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    // SCB writes five-year classes as [lo, lo+5): "ald65_70" is 65–69. Other "age_70_74" is inclusive.
    return n.startsWith('ald') && hi - lo === 5 ? [lo, hi - 1] : [lo, hi];
  }
  m = /^(?:ald|alder|age|bef)?_?(\d{1,3})(?:w|plus|\+|_plus|_w)$/.exec(n);
  if (m) return [Number(m[1]), Infinity];
  m = /^(\d{1,3})_(\d{1,3})$/.exec(n);
  if (m) return [Number(m[1]), Number(m[2])];
  return null;
}

interface ColumnPlan {
  id: number;
  x: number;
  y: number;
  size: number;
  population: number;
  population70plus: number;
  bands70: number[];
  municipality: number;
}

function planColumns(header: string[], where: string): ColumnPlan {
  const col = (k: keyof typeof GRID_COLUMNS) => findColumn(header, GRID_COLUMNS[k]);
  const plan: ColumnPlan = {
    id: col('id'),
    x: col('x'),
    y: col('y'),
    size: col('size'),
    population: col('population'),
    population70plus: col('population70plus'),
    bands70: [],
    municipality: col('municipality'),
  };
  if (plan.id < 0 && (plan.x < 0 || plan.y < 0)) {
    throw new InputError(`${where}: no square id column (${GRID_COLUMNS.id.join('/')}) and no x/y columns (${GRID_COLUMNS.x.join('/')} + ${GRID_COLUMNS.y.join('/')})`);
  }
  if (plan.population < 0) throw new InputError(`${where}: no population column (one of ${GRID_COLUMNS.population.join(', ')})`);
  if (plan.population70plus < 0) {
    for (let i = 0; i < header.length; i++) {
      const band = parseAgeBand(header[i]);
      if (!band) continue;
      const [lo, hi] = band;
      if (lo < 70 && hi >= 70) throw new InputError(`${where}: age band column "${header[i]}" straddles age 70, so 70+ cannot be summed`);
      if (lo >= 70) plan.bands70.push(i);
    }
    if (plan.bands70.length > 0 && !plan.bands70.some((i) => parseAgeBand(header[i])![0] === 70)) {
      throw new InputError(`${where}: age band columns above 70 found but none starting at 70`);
    }
  }
  return plan;
}

interface RawSquare {
  where: string;
  x: number;
  y: number;
  size?: number;
  population: number;
  population70plus: number;
  municipalityCode?: string;
}

function finish(raw: RawSquare[], file: string, opts: GridReadOptions, has70plus: boolean, warnings: string[]): GridReadResult {
  let size: SquareSize | undefined = opts.size;
  const explicit = raw.find((r) => r.size !== undefined)?.size;
  if (size === undefined && explicit !== undefined) {
    if (explicit !== 1000 && explicit !== 250) throw new InputError(`${raw.find((r) => r.size !== undefined)!.where}: square size ${explicit} m (expected 1000 or 250)`);
    size = explicit;
  }
  if (size === undefined) {
    size = raw.every((r) => r.x % 1000 === 0 && r.y % 1000 === 0) ? 1000 : 250;
    if (raw.length > 0) warnings.push(`${file}: no square size column; inferred ${size} m from the corners`);
  }
  const seen = new Map<string, string>();
  const squares: GridSquare[] = [];
  for (const r of raw) {
    if (r.size !== undefined && r.size !== size) throw new InputError(`${r.where}: square size ${r.size} m, but the file's squares are ${size} m (mixed sizes are not supported)`);
    if (r.x % size !== 0 || r.y % size !== 0) throw new InputError(`${r.where}: corner (${r.x}, ${r.y}) is not on the ${size} m grid`);
    const id = squareIdFromCorner(r.x, r.y);
    const prev = seen.get(id);
    if (prev) throw new InputError(`${r.where}: square ${id} appears twice (first at ${prev})`);
    seen.set(id, r.where);
    const [lon, lat] = sweref99tmToWgs84(r.x + size / 2, r.y + size / 2);
    const sq: GridSquare = { id, size, x: r.x, y: r.y, population: r.population, population70plus: r.population70plus, lon, lat };
    if (r.municipalityCode !== undefined) sq.municipalityCode = r.municipalityCode;
    squares.push(sq);
  }
  return { squares, has70plus, size, warnings };
}

function checkCorner(where: string, x: number, y: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputError(`${where}: square coordinates are not numbers`);
  if (!inSweden3006(x, y)) {
    const b = SWEDEN_BOUNDS_3006;
    throw new InputError(`${where}: square corner (${x}, ${y}) is outside Sweden in SWEREF 99 TM (x ${b.minX}–${b.maxX}, y ${b.minY}–${b.maxY}); is the file in EPSG:3006?`);
  }
}

function municipalityCode(raw: string, where: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  // Spreadsheets drop the leading zero of Stockholm county's codes ("0180" → "180").
  const code = /^\d{3}$/.test(s) ? `0${s}` : s;
  if (!/^\d{4}$/.test(code)) throw new InputError(`${where}: municipality code "${raw}" is not 4 digits`);
  return code;
}

function count(raw: string | number | null | undefined, where: string, what: string, delimiter: string): number {
  const v = typeof raw === 'number' ? raw : raw == null ? NaN : parseNumber(raw, delimiter);
  if (!Number.isFinite(v) || v < 0) throw new InputError(`${where}: ${what} "${raw ?? ''}" is not a non-negative number`);
  return v;
}

/** Reads one record's values (CSV fields or GeoPackage attributes) into a RawSquare. */
function rowToSquare(
  get: (i: number) => string | number | null,
  plan: ColumnPlan,
  where: string,
  delimiter: string,
  geomCorner?: { x: number; y: number; size?: number; point?: boolean },
): RawSquare {
  let x: number;
  let y: number;
  let size: number | undefined;
  const sizeRaw = plan.size >= 0 ? get(plan.size) : null;
  if (sizeRaw !== null && sizeRaw !== '') size = count(sizeRaw, where, 'square size', delimiter);
  if (geomCorner && !geomCorner.point) {
    ({ x, y } = geomCorner);
    size ??= geomCorner.size;
  } else if (plan.id >= 0 && String(get(plan.id) ?? '').trim() !== '') {
    const idRaw = String(get(plan.id));
    const c = cornerFromSquareId(idRaw);
    if (!c) throw new InputError(`${where}: "${idRaw}" is not an SCB square id (13 digits: 6-digit easting + 7-digit northing of the lower-left corner)`);
    ({ x, y } = c);
    if (c.size !== undefined) size ??= c.size;
  } else if (plan.x >= 0 && plan.y >= 0) {
    x = count(get(plan.x), where, 'x', delimiter);
    y = count(get(plan.y), where, 'y', delimiter);
    // EPSG:3006's official axis order is northing, easting; the value ranges never overlap in Sweden.
    if (x > 6_000_000 && y < 1_100_000) [x, y] = [y, x];
    if (size === undefined) throw new InputError(`${where}: x/y given without a square size column; pass --size or add a size column`);
    checkCorner(where, x, y);
    // x/y may be a corner or any point inside; either way the containing square is meant.
    [x, y] = squareCornerOf(x, y, size);
  } else if (geomCorner?.point) {
    if (geomCorner.size === undefined && size === undefined) throw new InputError(`${where}: point geometry without a square size`);
    [x, y] = squareCornerOf(geomCorner.x, geomCorner.y, (size ?? geomCorner.size)!);
  } else {
    throw new InputError(`${where}: no square id and no coordinates`);
  }
  checkCorner(where, x, y);
  const population = count(get(plan.population), where, 'population', delimiter);
  let population70plus = 0;
  if (plan.population70plus >= 0) population70plus = count(get(plan.population70plus), where, 'population 70+', delimiter);
  else for (const i of plan.bands70) population70plus += count(get(i), where, 'age band', delimiter);
  const sq: RawSquare = { where, x, y, size, population, population70plus };
  if (plan.municipality >= 0) {
    const m = municipalityCode(String(get(plan.municipality) ?? ''), where);
    if (m !== undefined) sq.municipalityCode = m;
  }
  return sq;
}

export function gridFromCsvTable(t: CsvTable, opts: GridReadOptions = {}): GridReadResult {
  const plan = planColumns(t.header, `${t.file}:1`);
  const raw: RawSquare[] = [];
  for (const r of t.rows) {
    const where = `${t.file}:${r.line}`;
    const sq = rowToSquare((i) => r.fields[i], plan, where, t.delimiter);
    if (sq.size === undefined && opts.size !== undefined) sq.size = opts.size;
    raw.push(sq);
  }
  // x/y rows need a size before snapping; the caller's size makes that work without a column.
  return finish(raw, t.file, opts, plan.population70plus >= 0 || plan.bands70.length > 0, []);
}

export async function readGridCsv(file: string, opts: GridReadOptions = {}): Promise<GridReadResult> {
  const t = await readCsvFile(file);
  if (opts.size !== undefined && findColumn(t.header, GRID_COLUMNS.size) < 0) {
    // Inject the caller's size as a virtual column so x/y rows can be snapped to their square.
    t.header.push('rutstorl');
    for (const r of t.rows) r.fields.push(String(opts.size));
  }
  return gridFromCsvTable(t, opts);
}

// ---------------------------------------------------------------------------------------------------
// GeoPackage

interface SqlJsDatabase {
  exec(sql: string, params?: unknown[]): Array<{ columns: string[]; values: unknown[][] }>;
  prepare(sql: string): SqlJsStatement;
  close(): void;
}
interface SqlJsStatement {
  step(): boolean;
  get(): unknown[];
  getColumnNames(): string[];
  bind(values: unknown[]): boolean;
  free(): void;
}
interface SqlJsStatic {
  Database: new (data?: Uint8Array) => SqlJsDatabase;
}

let sqlJs: Promise<SqlJsStatic> | null = null;
/** sql.js (SQLite compiled to WebAssembly): no native build, same results on every platform. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const require = createRequire(import.meta.url);
    const init = require('sql.js') as (cfg?: object) => Promise<SqlJsStatic>;
    sqlJs = init();
  }
  return sqlJs;
}

export interface ParsedGeometry {
  srsId: number;
  type: 'Point' | 'Polygon' | 'MultiPolygon' | 'Other';
  /** Bounding box of all coordinates. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  empty: boolean;
}

/**
 * Parses a GeoPackage geometry BLOB: "GP", version, flags (bit 0 byte order, bits 1–3 envelope
 * kind, bit 4 empty), int32 srs_id, optional envelope, then standard WKB (ISO or EWKB-style Z/M flags).
 * Only the bounding box is kept: a grid square is fully described by it.
 */
export function parseGpkgGeometry(blob: Uint8Array): ParsedGeometry {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry (missing "GP" magic)');
  const flags = blob[3];
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const le = (flags & 1) === 1;
  const srsId = dv.getInt32(4, le);
  const envKind = (flags >> 1) & 7;
  const envBytes = [0, 32, 48, 48, 64][envKind];
  if (envBytes === undefined) throw new Error(`invalid envelope indicator ${envKind}`);
  const g: ParsedGeometry = { srsId, type: 'Other', minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity, empty: (flags & 0x10) !== 0 };
  if (g.empty) return g;
  let pos = 8 + envBytes;
  const need = (n: number) => {
    if (pos + n > blob.length) throw new Error('WKB truncated');
  };
  const readGeom = (depth: number): string => {
    need(5);
    const wle = blob[pos] === 1;
    let type = dv.getUint32(pos + 1, wle);
    pos += 5;
    let dims = 2;
    // EWKB flags (0x80000000 Z, 0x40000000 M, 0x20000000 SRID) and ISO codes (1000 Z, 2000 M, 3000 ZM).
    if (type & 0x20000000) {
      need(4);
      pos += 4;
    }
    if (type & 0x80000000) dims++;
    if (type & 0x40000000) dims++;
    type &= 0x0fffffff;
    const iso = Math.floor(type / 1000);
    if (iso === 1 || iso === 2) dims++;
    else if (iso === 3) dims += 2;
    type %= 1000;
    const readPoints = (n: number) => {
      need(n * dims * 8);
      for (let k = 0; k < n; k++) {
        const x = dv.getFloat64(pos, wle);
        const y = dv.getFloat64(pos + 8, wle);
        pos += dims * 8;
        if (Number.isNaN(x)) continue; // empty point
        if (x < g.minX) g.minX = x;
        if (x > g.maxX) g.maxX = x;
        if (y < g.minY) g.minY = y;
        if (y > g.maxY) g.maxY = y;
      }
    };
    const u32 = () => {
      need(4);
      const v = dv.getUint32(pos, wle);
      pos += 4;
      return v;
    };
    switch (type) {
      case 1:
        readPoints(1);
        return 'Point';
      case 2:
        readPoints(u32());
        return 'Other';
      case 3: {
        const rings = u32();
        for (let r = 0; r < rings; r++) readPoints(u32());
        return 'Polygon';
      }
      case 4:
      case 5:
      case 6:
      case 7: {
        if (depth > 2) throw new Error('geometry nesting too deep');
        const parts = u32();
        for (let p = 0; p < parts; p++) readGeom(depth + 1);
        return type === 6 ? 'MultiPolygon' : 'Other';
      }
      default:
        throw new Error(`unsupported WKB geometry type ${type}`);
    }
  };
  g.type = readGeom(0) as ParsedGeometry['type'];
  if (g.minX === Infinity) g.empty = true;
  return g;
}

export async function readGridGpkg(file: string, opts: GridReadOptions = {}): Promise<GridReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (bytes.length < 100 || new TextDecoder().decode(bytes.subarray(0, 15)) !== 'SQLite format 3') {
    throw new InputError(`${file}: not a GeoPackage (not an SQLite database)`);
  }
  const SQL = await loadSqlJs();
  const db = new SQL.Database(bytes);
  try {
    let layers: Array<{ table: string; geom: string; srs: number }>;
    try {
      const res = db.exec(
        `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name`,
      );
      layers = (res[0]?.values ?? []).map((v) => ({ table: String(v[0]), geom: String(v[1]), srs: Number(v[2]) }));
    } catch (e) {
      throw new InputError(`${file}: not a GeoPackage (${(e as Error).message})`);
    }
    if (layers.length === 0) throw new InputError(`${file}: GeoPackage has no feature table`);
    let layer = layers[0];
    if (opts.layer !== undefined) {
      const l = layers.find((x) => x.table === opts.layer);
      if (!l) throw new InputError(`${file}: no feature table "${opts.layer}" (tables: ${layers.map((x) => x.table).join(', ')})`);
      layer = l;
    } else if (layers.length > 1) {
      throw new InputError(`${file}: GeoPackage has several feature tables (${layers.map((x) => x.table).join(', ')}); choose one with --layer`);
    }
    if (layer.srs !== 3006 && layer.srs !== 0 && layer.srs !== -1) {
      throw new InputError(`${file}: table "${layer.table}" is in EPSG:${layer.srs}; SCB squares must be in SWEREF 99 TM (EPSG:3006)`);
    }
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const stmt = db.prepare(`SELECT * FROM ${q(layer.table)}`);
    const warnings: string[] = [];
    try {
      const cols = stmt.getColumnNames();
      const geomIdx = cols.indexOf(layer.geom);
      const fidIdx = cols.findIndex((c) => c.toLowerCase() === 'fid');
      const attrHeader = cols.map((c, i) => (i === geomIdx ? '\u0000geom' : c));
      const plan = planColumns(attrHeader, `${file} (table ${layer.table})`);
      const raw: RawSquare[] = [];
      let n = 0;
      while (stmt.step()) {
        n++;
        const row = stmt.get();
        const where = `${file} (table ${layer.table}, feature ${fidIdx >= 0 ? `fid ${String(row[fidIdx])}` : `#${n}`})`;
        let corner: { x: number; y: number; size?: number; point?: boolean } | undefined;
        const blob = row[geomIdx];
        if (blob instanceof Uint8Array) {
          let g: ParsedGeometry;
          try {
            g = parseGpkgGeometry(blob);
          } catch (e) {
            throw new InputError(`${where}: bad geometry: ${(e as Error).message}`);
          }
          if (!g.empty) {
            if (g.type === 'Point') corner = { x: g.minX, y: g.minY, size: opts.size, point: true };
            else {
              const w = g.maxX - g.minX;
              const h = g.maxY - g.minY;
              if (Math.abs(w - h) > 0.01 || !(Math.abs(w - 1000) < 0.01 || Math.abs(w - 250) < 0.01)) {
                throw new InputError(`${where}: geometry is not a 250 m or 1000 m square (${w.toFixed(2)} × ${h.toFixed(2)} m)`);
              }
              corner = { x: Math.round(g.minX), y: Math.round(g.minY), size: Math.round(w) };
            }
          }
        }
        const sq = rowToSquare((i) => row[i] as string | number | null, plan, where, '.', corner);
        if (sq.size === undefined && opts.size !== undefined) sq.size = opts.size;
        raw.push(sq);
      }
      return finish(raw, file, opts, plan.population70plus >= 0 || plan.bands70.length > 0, warnings);
    } finally {
      stmt.free();
    }
  } finally {
    db.close();
  }
}

export async function readGrid(file: string, opts: GridReadOptions = {}): Promise<GridReadResult> {
  const f = file.toLowerCase();
  if (f.endsWith('.gpkg')) return readGridGpkg(file, opts);
  if (f.endsWith('.csv') || f.endsWith('.txt') || f.endsWith('.tsv')) return readGridCsv(file, opts);
  throw new InputError(`${file}: unknown grid file type (expected .csv or .gpkg)`);
}
