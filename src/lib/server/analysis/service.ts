import * as z from 'zod';
import type * as Access from '@rsp/access';
import type { MaybeActor } from '../auth/actor';
import type { Queryable } from '../db';
import { DomainError, invalid } from '../errors';
import { assertRead, resolveArea, type Area } from './access';
import { squareRing } from './geo';
import { countyState, rowsOf, valuesOf, type CountyState, type DatasetRef } from './state';
import { areaSchema, SERVICE_TYPES, serviceTypeSchema, SUPPRESS_THRESHOLD } from './types';

/** Band edges in km (the engine's default): 0–2, 2–5, 5–10, 10–20, 20+. */
export const BAND_EDGES = [2, 5, 10, 20];

export function bandOf(km: number): number {
  if (Number.isNaN(km)) return -1;
  let b = 0;
  while (b < BAND_EDGES.length && km >= BAND_EDGES[b]) b++;
  return b;
}

export interface Band {
  fromKm: number;
  toKm: number | null;
  population: number;
  population70plus: number;
}

export interface AreaFigures {
  code: string;
  name: string;
  population: number;
  population70plus: number;
  unreachablePopulation: number;
  bands: Band[];
  meanKm: number | null;
  medianKm: number | null;
  /** Share of the population within 10 km (0..1). */
  shareWithin10Km: number | null;
  beyond10Km: number;
}

export interface DatasetInfo {
  /** The year the population figures describe. */
  year: number;
  network: { id: string; year: number; name: string };
  population: { id: string; year: number; name: string };
  servicePoints: { id: string; year: number; name: string };
  generatedDemo: boolean;
  computedAt: string;
}

const round = (x: number, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export function figuresOf(row: Access.AggregateRow | undefined, code: string, name: string): AreaFigures {
  const bands: Band[] = (row?.bands ?? [...BAND_EDGES.map((e, i) => ({ fromKm: i ? BAND_EDGES[i - 1] : 0, toKm: e })), { fromKm: 20, toKm: null }].map((b) => ({ ...b, population: 0, population70: 0 }))).map((b) => ({
    fromKm: b.fromKm,
    toKm: b.toKm,
    population: Math.round(b.population),
    population70plus: Math.round(b.population70)
  }));
  const within10 = row?.withinKm.find((w) => w.km === 10);
  return {
    code,
    name,
    population: Math.round(row?.population ?? 0),
    population70plus: Math.round(row?.population70 ?? 0),
    unreachablePopulation: Math.round(row?.unreachablePopulation ?? 0),
    bands,
    meanKm: row ? round(row.meanKm) : null,
    medianKm: row ? round(row.medianKm) : null,
    shareWithin10Km: within10 ? round(within10.share, 4) : null,
    beyond10Km: bands.filter((b) => b.fromKm >= 10).reduce((s, b) => s + b.population, 0) + Math.round(row?.unreachablePopulation ?? 0)
  };
}

function datasetInfo(state: CountyState): DatasetInfo {
  const brief = (d: DatasetRef) => ({ id: d.id, year: d.year, name: d.name });
  return {
    year: state.datasets.population.year,
    network: brief(state.datasets.network),
    population: brief(state.datasets.population),
    servicePoints: brief(state.datasets.points),
    generatedDemo: state.datasets.network.generatedDemo || state.datasets.population.generatedDemo || state.datasets.points.generatedDemo,
    computedAt: state.computedAt.toISOString()
  };
}

async function municipalityNames(db: Queryable, countyCode: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('municipalities').select(['code', 'name']).where('county_code', '=', countyCode).orderBy('code').execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function stateFor(db: Queryable, area: Area): Promise<CountyState> {
  const state = await countyState(db, area.countyCode);
  if (!state) throw new DomainError('not_found', 'analysis.error.noData');
  return state;
}

export const accessibilityQuery = z.object({ area: areaSchema, serviceType: serviceTypeSchema });

export interface AccessibilityView {
  dataset: DatasetInfo;
  area: { code: string; name: string; level: 'county' | 'municipality' };
  serviceType: string;
  bands: Band[];
  meanKm: number | null;
  medianKm: number | null;
  population: number;
  population70plus: number;
  unreachablePopulation: number;
  shareWithin10Km: number | null;
  /** The area's municipalities, each with its own bands. */
  municipalities: AreaFigures[];
}

export async function accessibility(db: Queryable, actor: MaybeActor, input: z.output<typeof accessibilityQuery>): Promise<AccessibilityView> {
  const area = await resolveArea(db, input.area);
  assertRead(actor, area.countyCode);
  const state = await stateFor(db, area);
  const rows = rowsOf(state, input.serviceType);
  const names = await municipalityNames(db, area.countyCode);
  const row = rows.find((r) => r.level === area.level && r.code === area.code);
  const f = figuresOf(row, area.code, area.name);
  const municipalities = [...names]
    .filter(([code]) => area.level === 'county' || code === area.code)
    .map(([code, name]) => figuresOf(rows.find((r) => r.level === 'municipality' && r.code === code), code, name));
  return {
    dataset: datasetInfo(state),
    area: { code: area.code, name: area.name, level: area.level },
    serviceType: input.serviceType,
    bands: f.bands,
    meanKm: f.meanKm,
    medianKm: f.medianKm,
    population: f.population,
    population70plus: f.population70plus,
    unreachablePopulation: f.unreachablePopulation,
    shareWithin10Km: f.shareWithin10Km,
    municipalities
  };
}

// ---------------------------------------------------------------- scenarios (what if)

export const additionSchema = z.object({
  lon: z.coerce.number({ error: 'analysis.error.lon' }).min(-180, { error: 'analysis.error.lon' }).max(180, { error: 'analysis.error.lon' }),
  lat: z.coerce.number({ error: 'analysis.error.lat' }).min(-90, { error: 'analysis.error.lat' }).max(90, { error: 'analysis.error.lat' }),
  types: z.array(serviceTypeSchema).min(1, { error: 'analysis.error.types' }).max(SERVICE_TYPES.length),
  name: z.string().trim().max(200, { error: 'error.tooLong' }).optional()
});
export const evaluateSchema = z.object({
  area: areaSchema,
  serviceType: serviceTypeSchema,
  close: z.array(z.string().max(100)).max(500).default([]),
  add: z.array(additionSchema).max(100).default([])
});
export type EvaluateInput = z.output<typeof evaluateSchema>;

export interface ScenarioEvaluation {
  dataset: DatasetInfo;
  area: { code: string; name: string; level: 'county' | 'municipality' };
  serviceType: string;
  before: AreaFigures;
  after: AreaFigures;
  municipalities: { code: string; name: string; before: AreaFigures; after: AreaFigures }[];
  /** Squares of the area whose distance to the nearest point of the type changed (km; null = unreachable). */
  changedSquares: { id: string; beforeKm: number | null; afterKm: number | null; beforeBand: number; afterBand: number }[];
  closed: { id: string; name: string }[];
  added: { lon: number; lat: number; types: string[]; name: string; snappedM: number }[];
  computeMs: number;
}

/** Evaluates a what-if against the current data: the county's baseline stays untouched. */
export async function evaluateScenario(db: Queryable, actor: MaybeActor, input: EvaluateInput): Promise<ScenarioEvaluation> {
  const area = await resolveArea(db, input.area);
  assertRead(actor, area.countyCode);
  const state = await stateFor(db, area);
  const names = await municipalityNames(db, area.countyCode);
  const t0 = performance.now();
  const errors: Record<string, string> = {};
  const close: number[] = [];
  [...new Set(input.close)].forEach((id, i) => {
    const idx = state.pointIndex.get(id);
    if (idx === undefined) errors[`close.${i}`] = 'analysis.error.unknownPoint';
    else close.push(idx);
  });
  const add = input.add.map((a, i) => {
    const snap = state.snapper.snap(a.lon, a.lat);
    if (!snap || snap.accessM > 25_000) errors[`add.${i}.lon`] = 'analysis.error.farFromRoads';
    return { id: `new-${i + 1}`, types: a.types, node: snap?.node ?? -1, accessM: snap?.accessM ?? 0 };
  });
  if (Object.keys(errors).length) throw invalid(errors);
  const result = state.scenarios.evaluate({ close, add });
  const type = input.serviceType;
  const base = rowsOf(state, type);
  const afterRow = (level: string, code: string) =>
    result.aggregates.find((a) => a.after.type === type && a.after.level === level && a.after.code === code)?.after ?? base.find((r) => r.level === level && r.code === code);
  const beforeRow = (level: string, code: string) => base.find((r) => r.level === level && r.code === code);
  const inArea = (s: number) => area.level === 'county' || state.squares.municipality[s] === area.code;
  const changedSquares = result.changedSquares
    .filter((c) => c.type === type && c.metric === 'distance' && inArea(c.square))
    .map((c) => {
      const b = c.before / 1000;
      const a = c.after / 1000;
      return { id: c.id, beforeKm: round(b), afterKm: round(a), beforeBand: bandOf(b), afterBand: bandOf(a) };
    });
  const municipalities = [...names]
    .filter(([code]) => area.level === 'county' || code === area.code)
    .map(([code, name]) => ({ code, name, before: figuresOf(beforeRow('municipality', code), code, name), after: figuresOf(afterRow('municipality', code), code, name) }));
  const computeMs = Math.round((performance.now() - t0) * 100) / 100;
  return {
    dataset: datasetInfo(state),
    area: { code: area.code, name: area.name, level: area.level },
    serviceType: type,
    before: figuresOf(beforeRow(area.level, area.code), area.code, area.name),
    after: figuresOf(afterRow(area.level, area.code), area.code, area.name),
    municipalities,
    changedSquares,
    closed: close.map((i) => ({ id: state.pointRows[i].id, name: state.pointRows[i].name })),
    added: input.add.map((a, i) => ({ lon: a.lon, lat: a.lat, types: a.types, name: a.name || `Ny punkt ${i + 1}`, snappedM: Math.round(add[i].accessM) })),
    computeMs
  };
}

// ---------------------------------------------------------------- map layers (GeoJSON)

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: string | number; properties: Record<string, unknown>; geometry: unknown }[];
  metadata?: Record<string, unknown>;
}

export const layerQuery = z.object({ area: areaSchema, serviceType: serviceTypeSchema });

/**
 * Populated squares of the area with the distance to the nearest point of the type. Populations below
 * the threshold are suppressed (null) with the engine's suppression, grouped by municipality because the
 * municipality totals are published beside them.
 */
export async function squaresGeoJson(db: Queryable, actor: MaybeActor, input: z.output<typeof layerQuery>): Promise<FeatureCollection> {
  const area = await resolveArea(db, input.area);
  assertRead(actor, area.countyCode);
  const state = await stateFor(db, area);
  const values = valuesOf(state, input.serviceType);
  const rows = state.squareRows
    .map((s, i) => ({ i, id: s.id, municipality: s.municipalityCode, population: s.population, population70plus: s.population70plus }))
    .filter((r) => area.level === 'county' || r.municipality === area.code);
  const { rows: safe } = state.engine.suppress(rows, { threshold: SUPPRESS_THRESHOLD, fields: ['population', 'population70plus'], groupBy: (r) => r.municipality });
  return {
    type: 'FeatureCollection',
    metadata: { dataset: datasetInfo(state), serviceType: input.serviceType, suppressionThreshold: SUPPRESS_THRESHOLD, crs: 'EPSG:4326', note: 'Population below the threshold is suppressed (null).' },
    features: safe.map((r) => {
      const s = state.squareRows[r.i];
      const km = values[r.i] / 1000;
      return {
        type: 'Feature',
        id: s.id,
        properties: { id: s.id, municipality: s.municipalityCode, population: r.population, population70plus: r.population70plus, distanceKm: round(km), band: bandOf(km) },
        geometry: { type: 'Polygon', coordinates: [squareRing(s.x, s.y, s.size)] }
      };
    })
  };
}
