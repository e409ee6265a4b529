import { sql } from 'kysely';
import type * as Access from '@rsp/access';
import type { Queryable } from '../db';
import { loadEngine, networkFromBytes, type Engine } from './engine';

/**
 * The computed accessibility of one county: the current data sets loaded into the engine, the nearest
 * service of every type for every node (the baseline), and a scenario engine over it. Built on first use
 * and kept in memory while the data sets and the register stay the same; an edit of the register or a new
 * current data set gives a new key and the next request rebuilds it (the demo county: well under a second).
 */
export interface DatasetRef {
  id: string;
  kind: string;
  year: number;
  name: string;
  source: string;
  generatedDemo: boolean;
  madeCurrentAt: Date | null;
}

export interface PointRow {
  id: string;
  name: string;
  types: string[];
  lon: number;
  lat: number;
  municipalityCode: string | null;
}

export interface SquareRow {
  id: string;
  x: number;
  y: number;
  size: number;
  population: number;
  population70plus: number;
  municipalityCode: string;
}

export interface CountyState {
  countyCode: string;
  key: string;
  computedAt: Date;
  datasets: { network: DatasetRef; population: DatasetRef; points: DatasetRef; boundaries: DatasetRef | null };
  engine: Engine;
  prepared: Access.PreparedNetwork;
  snapper: Access.Snapper;
  points: Access.PreparedPoints;
  pointRows: PointRow[];
  pointIndex: Map<string, number>;
  squares: Access.PreparedSquares;
  squareRows: SquareRow[];
  baseline: Access.NearestResults;
  scenarios: Access.ScenarioEngine;
  /** Per type, the baseline rows of every area (county, municipalities). */
  rows: Map<string, Access.AggregateRow[]>;
  /** Per type, distance in metres per square (NaN: unreachable). */
  values: Map<string, Float64Array>;
  pointStats: Map<string, Access.PointStats[]>;
}

export async function currentDatasets(db: Queryable, countyCode: string): Promise<Partial<Record<string, DatasetRef>>> {
  const rows = await db
    .selectFrom('analysis_datasets')
    .select(['id', 'kind', 'year', 'name', 'source', 'generated_demo', 'made_current_at'])
    .where('county_code', '=', countyCode)
    .where('status', '=', 'current')
    .execute();
  return Object.fromEntries(
    rows.map((r) => [r.kind, { id: r.id, kind: r.kind, year: r.year, name: r.name, source: r.source, generatedDemo: r.generated_demo, madeCurrentAt: r.made_current_at }])
  );
}

async function stateKey(db: Queryable, countyCode: string) {
  const ds = await currentDatasets(db, countyCode);
  if (!ds.network || !ds.population || !ds.service_points) return null;
  const { rows } = await sql<{ n: number; v: number; at: string | null; today: string }>`
    select count(*)::int as n, coalesce(sum(version), 0)::int as v, max(updated_at)::text as at, current_date::text as today
    from analysis_service_points where dataset_id = ${ds.service_points.id}`.execute(db);
  const r = rows[0];
  const key = [ds.network.id, ds.population.id, ds.service_points.id, ds.boundaries?.id ?? '-', r.n, r.v, r.at, r.today].join('|');
  return { key, ds, today: r.today };
}

const cache = new Map<string, CountyState>();
const loading = new Map<string, Promise<CountyState | null>>();

/** The county's computed state, or null when it has no current network, population and service points. */
export async function countyState(db: Queryable, countyCode: string): Promise<CountyState | null> {
  const k = await stateKey(db, countyCode);
  if (!k) return null;
  const cached = cache.get(countyCode);
  if (cached?.key === k.key) return cached;
  const inFlight = loading.get(k.key);
  if (inFlight) return inFlight;
  const promise = build(db, countyCode, k.key, k.ds as Record<string, DatasetRef>, k.today).finally(() => loading.delete(k.key));
  loading.set(k.key, promise);
  const state = await promise;
  if (state) cache.set(countyCode, state);
  return state;
}

/** Drops cached states (tests; after a data set is replaced). */
export function forgetStates(): void {
  cache.clear();
}

async function build(db: Queryable, countyCode: string, key: string, ds: Record<string, DatasetRef>, today: string): Promise<CountyState | null> {
  const engine = await loadEngine();
  const blob = await db.selectFrom('analysis_network_blobs').select('bytes').where('dataset_id', '=', ds.network.id).executeTakeFirst();
  if (!blob) return null;
  const prepared = await networkFromBytes(new Uint8Array(blob.bytes));
  const snapper = new engine.Snapper(prepared.network);
  const pointRows = (
    await db
      .selectFrom('analysis_service_points')
      .select(['id', 'name', 'types', 'lon', 'lat', 'municipality_code', 'closed_from'])
      .where('dataset_id', '=', ds.service_points.id)
      .where((eb) => eb.or([eb('closed_from', 'is', null), eb('closed_from', '>', today)]))
      .orderBy('id')
      .execute()
  ).map((r) => ({ id: r.id, name: r.name, types: r.types as string[], lon: r.lon, lat: r.lat, municipalityCode: r.municipality_code }));
  const squareRows = (
    await db
      .selectFrom('analysis_squares')
      .select(['square_id', 'x', 'y', 'size', 'lon', 'lat', 'population', 'population_70plus', 'municipality_code'])
      .where('dataset_id', '=', ds.population.id)
      .orderBy('square_id')
      .execute()
  ).map((r) => ({ id: r.square_id, x: r.x, y: r.y, size: r.size, lon: r.lon, lat: r.lat, population: r.population, population70plus: r.population_70plus, municipalityCode: r.municipality_code ?? '' }));
  const points = engine.preparePoints(prepared.network, pointRows, snapper);
  const squares = engine.prepareSquares(
    prepared.network,
    squareRows.map((s) => ({ id: s.id, lon: s.lon, lat: s.lat, population: s.population, population70plus: s.population70plus, municipalityCode: s.municipalityCode })),
    snapper
  );
  // Distances only: the views report kilometres, and one metric halves the work of every scenario.
  const baseline = engine.computeNearest(prepared, points, { metrics: ['distance'], types: [...new Set(pointRows.flatMap((p) => p.types))] });
  const scenarios = new engine.ScenarioEngine(prepared, points, squares, baseline);
  return {
    countyCode,
    key,
    computedAt: new Date(),
    datasets: { network: ds.network, population: ds.population, points: ds.service_points, boundaries: ds.boundaries ?? null },
    engine,
    prepared,
    snapper,
    points,
    pointRows,
    pointIndex: new Map(pointRows.map((p, i) => [p.id, i])),
    squares,
    squareRows: squareRows.map((s) => ({ id: s.id, x: s.x, y: s.y, size: s.size, population: s.population, population70plus: s.population70plus, municipalityCode: s.municipalityCode })),
    baseline,
    scenarios,
    rows: new Map(),
    values: new Map(),
    pointStats: new Map()
  };
}

/** Per-square distances (metres) for a type, cached on the state. */
export function valuesOf(state: CountyState, type: string): Float64Array {
  let v = state.values.get(type);
  if (!v) {
    const field = state.baseline.fields.distance?.get(type);
    v = field ? state.engine.squareValues(state.squares, field, 'distance') : new Float64Array(state.squares.count).fill(NaN);
    state.values.set(type, v);
  }
  return v;
}

export function rowsOf(state: CountyState, type: string): Access.AggregateRow[] {
  let rows = state.rows.get(type);
  if (!rows) {
    rows = state.engine.aggregate(new state.engine.AreaIndex(state.squares), state.squares, type, valuesOf(state, type));
    state.rows.set(type, rows);
  }
  return rows;
}

export function statsOf(state: CountyState, type: string): Access.PointStats[] {
  let stats = state.pointStats.get(type);
  if (!stats) {
    const field = state.baseline.fields.distance?.get(type);
    stats = field ? state.engine.pointStats(state.points, state.squares, field, type) : [];
    state.pointStats.set(type, stats);
  }
  return stats;
}
