/**
 * Service points from CSV or GeoJSON into ServicePointInput.
 *
 * Types are given by name in a `type`/`types` column or property (several separated by ';', '|' or ','),
 * in English (the contract's names) or Swedish (Pipos' words). A grocery store flagged full-assortment
 * (`full_assortment`/`fullsortiment` = yes) also gets grocery_full; grocery_full always implies grocery,
 * because "all grocery stores" includes the full-assortment ones.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ServicePointInput, ServiceType } from '../network/contract.js';
import { SERVICE_TYPES } from '../network/contract.js';
import { findColumn, InputError, normName, parseNumber, readCsvFile, type CsvTable } from './csv.js';
import { inSweden3006, sweref99tmToWgs84, SWEDEN_BOUNDS_3006 } from './grid.js';

export { InputError };

/** Accepted type names (normalised: lower case, å/ä→a, ö→o, spaces/hyphens→_) → contract type(s). */
export const SERVICE_TYPE_ALIASES: Readonly<Record<string, readonly ServiceType[]>> = {
  grocery_full: ['grocery_full', 'grocery'],
  grocery: ['grocery'],
  fuel: ['fuel'],
  pharmacy: ['pharmacy'],
  parcel: ['parcel'],
  cash: ['cash'],
  // Swedish (Pipos Serviceanalys' categories)
  dagligvaror: ['grocery'],
  dagligvara: ['grocery'],
  dagligvaror_fullsortiment: ['grocery_full', 'grocery'],
  fullsortiment: ['grocery_full', 'grocery'],
  dagligvaror_ej_fullsortiment: ['grocery'],
  drivmedel: ['fuel'],
  bensin: ['fuel'],
  apotek: ['pharmacy'],
  apoteksvaror: ['pharmacy'],
  apoteksombud: ['pharmacy'],
  paket: ['parcel'],
  post: ['parcel'],
  paketombud: ['parcel'],
  postombud: ['parcel'],
  paketskap: ['parcel'],
  utlamningsstalle: ['parcel'],
  kontanter: ['cash'],
  uttag: ['cash'],
  kontantuttag: ['cash'],
  bankomat: ['cash'],
  uttagsautomat: ['cash'],
  atm: ['cash'],
};

export function parseServiceTypes(raw: string | readonly string[], where: string): ServiceType[] {
  const parts = (typeof raw === 'string' ? raw.split(/[;|,]/) : raw).map((p) => normName(String(p))).filter((p) => p !== '');
  if (parts.length === 0) throw new InputError(`${where}: no service type (allowed: ${allowedTypesText()})`);
  const out = new Set<ServiceType>();
  for (const p of parts) {
    const t = SERVICE_TYPE_ALIASES[p];
    if (!t) throw new InputError(`${where}: unknown service type "${p}" (allowed: ${allowedTypesText()})`);
    for (const x of t) out.add(x);
  }
  return SERVICE_TYPES.filter((t) => out.has(t));
}

export function allowedTypesText(): string {
  const sv = Object.keys(SERVICE_TYPE_ALIASES).filter((k) => !(SERVICE_TYPES as readonly string[]).includes(k));
  return `${SERVICE_TYPES.join(', ')}; Swedish: ${sv.join(', ')}`;
}

const TRUE = new Set(['yes', 'true', '1', 'ja', 'j', 'y', 'x']);
const FALSE = new Set(['no', 'false', '0', 'nej', 'n', '']);

/** Attribute values: booleans and plain numbers typed, everything else kept as text (ids like "0123" too). */
function typedValue(raw: string): string | number | boolean {
  const s = raw.trim();
  const l = s.toLowerCase();
  if (l === 'yes' || l === 'true' || l === 'ja') return true;
  if (l === 'no' || l === 'false' || l === 'nej') return false;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

const FULL_ASSORTMENT_KEYS = ['full_assortment', 'fullsortiment', 'full_sortiment'];

function applyFullAssortment(types: ServiceType[], flag: string | boolean | number | undefined, where: string): ServiceType[] {
  if (flag === undefined) return types;
  const l = String(flag).trim().toLowerCase();
  let on: boolean;
  if (flag === true || TRUE.has(l)) on = true;
  else if (flag === false || FALSE.has(l)) on = false;
  else throw new InputError(`${where}: full_assortment must be yes/no (ja/nej), got "${String(flag)}"`);
  if (!on) return types;
  if (!types.includes('grocery')) throw new InputError(`${where}: flagged full assortment but not a grocery store`);
  return SERVICE_TYPES.filter((t) => t === 'grocery_full' || types.includes(t));
}

function checkLonLat(lon: number, lat: number, where: string): void {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new InputError(`${where}: coordinates are missing or not numbers`);
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw new InputError(`${where}: lon/lat (${lon}, ${lat}) out of range`);
}

function fromSweref(x: number, y: number, where: string): [number, number] {
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputError(`${where}: coordinates are missing or not numbers`);
  if (x > 6_000_000 && y < 1_100_000) [x, y] = [y, x]; // northing/easting order; ranges never overlap
  if (!inSweden3006(x, y)) {
    const b = SWEDEN_BOUNDS_3006;
    throw new InputError(`${where}: point (${x}, ${y}) is outside Sweden in SWEREF 99 TM (x ${b.minX}–${b.maxX}, y ${b.minY}–${b.maxY})`);
  }
  return sweref99tmToWgs84(x, y);
}

export const POINT_COLUMNS = {
  id: ['id', 'point_id', 'service_id', 'objekt_id', 'objektid'],
  name: ['name', 'namn', 'butik', 'benamning'],
  type: ['types', 'type', 'typ', 'typer', 'service_type', 'tjanst', 'kategori', 'category'],
  lon: ['lon', 'lng', 'long', 'longitude', 'longitud'],
  lat: ['lat', 'latitude', 'latitud'],
  x: ['x', 'e', 'easting', 'x_sweref99tm', 'ostkoordinat'],
  y: ['y', 'n', 'northing', 'y_sweref99tm', 'nordkoordinat'],
} as const;

export function pointsFromCsvTable(t: CsvTable): ServicePointInput[] {
  const col = (k: keyof typeof POINT_COLUMNS) => findColumn(t.header, POINT_COLUMNS[k]);
  const c = { id: col('id'), name: col('name'), type: col('type'), lon: col('lon'), lat: col('lat'), x: col('x'), y: col('y') };
  const full = findColumn(t.header, FULL_ASSORTMENT_KEYS);
  const useLonLat = c.lon >= 0 && c.lat >= 0;
  if (!useLonLat && (c.x < 0 || c.y < 0)) {
    throw new InputError(`${t.file}:1: no coordinate columns (lon/lat in WGS84, or x/y in SWEREF 99 TM / EPSG:3006)`);
  }
  if (c.type < 0) throw new InputError(`${t.file}:1: no service type column (${POINT_COLUMNS.type.join('/')})`);
  const used = new Set([c.id, c.name, c.type, c.lon, c.lat, c.x, c.y, full].filter((i) => i >= 0));
  // With lon/lat present, x/y columns are ordinary attributes (and vice versa).
  if (useLonLat) {
    used.delete(c.x);
    used.delete(c.y);
  }
  const seen = new Map<string, number>();
  const out: ServicePointInput[] = [];
  for (const r of t.rows) {
    const where = `${t.file}:${r.line}`;
    const f = r.fields;
    const id = c.id >= 0 && f[c.id].trim() !== '' ? f[c.id].trim() : `${basename(t.file)}:${r.line}`;
    const prev = seen.get(id);
    if (prev !== undefined) throw new InputError(`${where}: id "${id}" already used on line ${prev}`);
    seen.set(id, r.line);
    let lon: number;
    let lat: number;
    if (useLonLat) {
      lon = parseNumber(f[c.lon], t.delimiter);
      lat = parseNumber(f[c.lat], t.delimiter);
      checkLonLat(lon, lat, where);
    } else {
      [lon, lat] = fromSweref(parseNumber(f[c.x], t.delimiter), parseNumber(f[c.y], t.delimiter), where);
    }
    let types = parseServiceTypes(f[c.type], where);
    if (full >= 0) types = applyFullAssortment(types, f[full], where);
    const attributes: Record<string, string | number | boolean> = {};
    for (let i = 0; i < t.header.length; i++) if (!used.has(i) && t.header[i] !== '') attributes[t.header[i]] = typedValue(f[i]);
    if (full >= 0) attributes.full_assortment = types.includes('grocery_full');
    const p: ServicePointInput = { id, name: c.name >= 0 ? f[c.name].trim() : '', types, lon, lat };
    if (Object.keys(attributes).length > 0) p.attributes = attributes;
    out.push(p);
  }
  return out;
}

export async function readPointsCsv(file: string): Promise<ServicePointInput[]> {
  return pointsFromCsvTable(await readCsvFile(file));
}

function propLookup(props: Record<string, unknown>, names: readonly string[]): [string, unknown] | undefined {
  const byNorm = new Map(Object.keys(props).map((k) => [normName(k), k]));
  for (const n of names) {
    const k = byNorm.get(n);
    if (k !== undefined) return [k, props[k]];
  }
  return undefined;
}

/**
 * GeoJSON FeatureCollection of Point features, in WGS84 (RFC 7946). A legacy `crs` member naming
 * EPSG:3006 is honoured, since Swedish GIS exports still write it.
 */
export function pointsFromGeoJson(doc: unknown, file: string): ServicePointInput[] {
  const fc = doc as { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } } };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError(`${file}: not a GeoJSON FeatureCollection`);
  const crsName = fc.crs?.properties?.name ?? '';
  const sweref = /(EPSG:+|EPSG::)3006$/i.test(crsName) || /3006$/.test(crsName);
  if (crsName && !sweref && !/(4326|CRS84)$/i.test(crsName)) throw new InputError(`${file}: unsupported crs "${crsName}" (use WGS84 or EPSG:3006)`);
  const out: ServicePointInput[] = [];
  const seen = new Map<string, number>();
  fc.features.forEach((feat, i) => {
    const where = `${file}: feature ${i}`;
    const ft = feat as { type?: string; id?: string | number; geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    if (!ft || ft.type !== 'Feature') throw new InputError(`${where}: not a Feature`);
    if (!ft.geometry || ft.geometry.type !== 'Point') throw new InputError(`${where}: geometry must be a Point (got ${ft.geometry?.type ?? 'none'})`);
    const co = ft.geometry.coordinates;
    if (!Array.isArray(co) || co.length < 2 || typeof co[0] !== 'number' || typeof co[1] !== 'number') throw new InputError(`${where}: Point coordinates must be [lon, lat]`);
    let lon = co[0];
    let lat = co[1];
    if (sweref) [lon, lat] = fromSweref(co[0], co[1], where);
    else checkLonLat(lon, lat, where);
    const props = ft.properties ?? {};
    const idProp = propLookup(props, POINT_COLUMNS.id);
    const rawId = idProp?.[1] ?? ft.id;
    const id = rawId !== undefined && rawId !== null && String(rawId) !== '' ? String(rawId) : `${basename(file)}#${i}`;
    const prev = seen.get(id);
    if (prev !== undefined) throw new InputError(`${where}: id "${id}" already used by feature ${prev}`);
    seen.set(id, i);
    const typeProp = propLookup(props, POINT_COLUMNS.type);
    if (!typeProp) throw new InputError(`${where}: no "type"/"types" property (allowed: ${allowedTypesText()})`);
    const tv = typeProp[1];
    let types = parseServiceTypes(Array.isArray(tv) ? tv.map(String) : String(tv ?? ''), where);
    const fullProp = propLookup(props, FULL_ASSORTMENT_KEYS);
    if (fullProp) types = applyFullAssortment(types, fullProp[1] as string | boolean | number, where);
    const nameProp = propLookup(props, POINT_COLUMNS.name);
    const attributes: Record<string, string | number | boolean> = {};
    const usedKeys = new Set([idProp?.[0], typeProp[0], nameProp?.[0], fullProp?.[0]]);
    for (const [k, v] of Object.entries(props)) {
      if (usedKeys.has(k)) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attributes[k] = v;
      else if (v !== null && v !== undefined) attributes[k] = JSON.stringify(v);
    }
    if (fullProp) attributes.full_assortment = types.includes('grocery_full');
    const p: ServicePointInput = { id, name: nameProp ? String(nameProp[1] ?? '') : '', types, lon, lat };
    if (Object.keys(attributes).length > 0) p.attributes = attributes;
    out.push(p);
  });
  return out;
}

export async function readPointsGeoJson(file: string): Promise<ServicePointInput[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return pointsFromGeoJson(doc, file);
}

/** Points from .csv, .geojson/.json, or an OSM file (service points found by the OSM reader's tag table). */
export async function readPoints(file: string): Promise<ServicePointInput[]> {
  const f = file.toLowerCase();
  if (f.endsWith('.csv') || f.endsWith('.txt') || f.endsWith('.tsv')) return readPointsCsv(file);
  if (f.endsWith('.geojson') || f.endsWith('.json')) return readPointsGeoJson(file);
  if (f.endsWith('.pbf') || f.endsWith('.osm') || f.endsWith('.osm.gz')) {
    const { readOsm } = await import('./osm.js');
    return (await readOsm(file, { nodes: 'junctions' })).points;
  }
  throw new InputError(`${file}: unknown service point file type (expected .csv, .geojson or an OSM file)`);
}
