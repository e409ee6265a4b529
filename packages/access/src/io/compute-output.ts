/**
 * Output files of `rsp access compute`: squares, service points and area aggregates, as CSV or
 * GeoJSON. Counts of people are suppressed (null = empty CSV cell) below the threshold:
 * squares with secondary suppression per municipality (their totals are published in the
 * aggregates), aggregate and point counts with primary suppression.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServicePointInput } from '../network/contract.js';
import type { PreparedPoints, PreparedSquares } from '../analysis/inputs.js';
import { pointStats, squareValues, type NearestResults } from '../analysis/nearest.js';
import { aggregate, AreaIndex, type AggregateRow } from '../analysis/aggregate.js';
import { suppress } from '../analysis/suppress.js';
import type { GridSquare } from './grid.js';
import { sweref99tmToWgs84 } from './grid.js';

export interface AccessOutputInput {
  outDir: string;
  format: 'csv' | 'geojson' | string;
  threshold: number;
  grid: GridSquare[];
  has70plus: boolean;
  squares: PreparedSquares;
  points: PreparedPoints;
  pointInputs: ServicePointInput[];
  types: string[];
  results: NearestResults;
}

type Row = Record<string, string | number | null>;

const round = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(rows: Row[], columns: string[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

function toGeoJson(rows: Row[], geometry: (r: Row, i: number) => object | null): string {
  const features = rows.map((r, i) => ({ type: 'Feature', geometry: geometry(r, i), properties: r }));
  return JSON.stringify({ type: 'FeatureCollection', features }) + '\n';
}

/** Writes squares, points and aggregates; returns the file names. */
export async function writeAccessOutputs(a: AccessOutputInput): Promise<string[]> {
  const { squares, points, types, results } = a;
  const dist = results.fields.distance!;
  const time = results.fields.time;
  const metres = new Map(types.map((t) => [t, squareValues(squares, dist.get(t)!, 'distance', results.accessSpeedKmh)]));
  const minutes = time ? new Map(types.map((t) => [t, squareValues(squares, time.get(t)!, 'time', results.accessSpeedKmh)])) : undefined;

  // Squares.
  const sqCols = ['square_id', 'municipality', 'population', 'population_70plus', 'access_m'];
  for (const t of types) {
    sqCols.push(`${t}_m`, `${t}_nearest`);
    if (minutes) sqCols.push(`${t}_min`);
  }
  const sqRows: Row[] = [];
  for (let i = 0; i < squares.count; i++) {
    const r: Row = {
      square_id: squares.ids[i],
      municipality: squares.municipality[i] || null,
      population: squares.population[i],
      population_70plus: a.has70plus ? squares.population70[i] : null,
      access_m: round(squares.accessM[i], 1),
    };
    const v = squares.node[i];
    for (const t of types) {
      r[`${t}_m`] = round(metres.get(t)![i], 1);
      const label = v >= 0 ? dist.get(t)!.label[v] : -1;
      r[`${t}_nearest`] = label >= 0 && Number.isFinite(metres.get(t)![i]) ? points.ids[label] : null;
      if (minutes) r[`${t}_min`] = round(minutes.get(t)![i], 2);
    }
    sqRows.push(r);
  }
  const countFields = a.has70plus ? (['population', 'population_70plus'] as const) : (['population'] as const);
  const sqSup = suppress(sqRows, { threshold: a.threshold, fields: [...countFields], groupBy: (r) => String(r.municipality ?? '') });
  const withheld = new Set<string>();
  for (const [m, rec] of sqSup.totals) if (Object.values(rec).some((x) => x === null)) withheld.add(m);

  // Aggregates per municipality, county, nation.
  const index = new AreaIndex(squares);
  const aggRows: Row[] = [];
  for (const t of types) {
    for (const row of aggregate(index, squares, t, metres.get(t)!, minutes?.get(t))) aggRows.push(flattenAggregate(row, a.has70plus));
  }
  const aggCounts = Object.keys(aggRows[0] ?? {}).filter((k) => /^(population|unreachable_population|pop)/.test(k));
  const aggSup = suppress(aggRows, { threshold: a.threshold, fields: aggCounts });
  // A municipality whose square-level total had to be withheld keeps its total withheld here too.
  for (const r of aggSup.rows as Row[]) if (r.level === 'municipality' && withheld.has(String(r.code))) r.population = null;

  // Points.
  const ptRows: Row[] = [];
  for (const t of types) {
    for (const st of pointStats(points, squares, dist.get(t)!, t)) {
      const p = a.pointInputs[st.pointIndex];
      ptRows.push({
        point_id: st.id,
        name: p.name,
        type: t,
        lon: p.lon,
        lat: p.lat,
        access_m: round(points.accessM[st.pointIndex], 1),
        next_same_type_m: round(st.nextSameTypeM, 1),
        served_population: st.servedPopulation,
        served_population_70plus: a.has70plus ? st.servedPopulation70 : null,
        population_without_alternative: st.populationWithoutAlternative,
        extra_person_km_if_closed: round(st.extraPersonKmIfClosed, 1),
        mean_extra_km_if_closed: round(st.meanExtraKmIfClosed, 3),
      });
    }
  }
  const ptSup = suppress(ptRows, { threshold: a.threshold, fields: ['served_population', 'served_population_70plus', 'population_without_alternative'] });
  // A suppressed served population must not be recoverable from the person-km either.
  for (const r of ptSup.rows) if (r.served_population === null) r.extra_person_km_if_closed = null;

  const files: string[] = [];
  const put = async (name: string, text: string) => {
    await writeFile(join(a.outDir, name), text);
    files.push(name);
  };
  if (a.format === 'geojson') {
    const bySquare = new Map(a.grid.map((g) => [g.id, g]));
    await put('squares.geojson', toGeoJson(sqSup.rows as Row[], (r) => squarePolygon(bySquare.get(String(r.square_id))!)));
    await put('points.geojson', toGeoJson(ptSup.rows as Row[], (r) => ({ type: 'Point', coordinates: [r.lon, r.lat] })));
    await put('aggregates.geojson', toGeoJson(aggSup.rows as Row[], () => null));
  } else {
    await put('squares.csv', toCsv(sqSup.rows as Row[], sqCols));
    await put('points.csv', toCsv(ptSup.rows as Row[], Object.keys(ptRows[0] ?? { point_id: 0 })));
    await put('aggregates.csv', toCsv(aggSup.rows as Row[], Object.keys(aggRows[0] ?? { level: 0 })));
  }
  return files;
}

function squarePolygon(g: GridSquare): object {
  const c = [
    [g.x, g.y],
    [g.x + g.size, g.y],
    [g.x + g.size, g.y + g.size],
    [g.x, g.y + g.size],
    [g.x, g.y],
  ].map(([x, y]) => sweref99tmToWgs84(x, y).map((d) => Number(d.toFixed(7))));
  return { type: 'Polygon', coordinates: [c] };
}

function flattenAggregate(r: AggregateRow, has70: boolean): Row {
  const km = (x: number | null) => (x === null ? 'inf' : String(x));
  const out: Row = {
    level: r.level,
    code: r.code,
    type: r.type,
    population: r.population,
    population_70plus: has70 ? r.population70 : null,
    unreachable_population: r.unreachablePopulation,
  };
  for (const b of r.bands) {
    out[`pop_${km(b.fromKm)}_${km(b.toKm)}km`] = b.population;
    out[`pop70_${km(b.fromKm)}_${km(b.toKm)}km`] = has70 ? b.population70 : null;
  }
  for (const w of r.withinKm) {
    out[`share_within_${w.km}km`] = round(w.share, 4);
    out[`share70_within_${w.km}km`] = has70 ? round(w.share70, 4) : null;
  }
  for (const w of r.withinMin ?? []) {
    out[`share_within_${w.min}min`] = round(w.share, 4);
    out[`share70_within_${w.min}min`] = has70 ? round(w.share70, 4) : null;
  }
  out.mean_km = round(r.meanKm, 3);
  out.median_km = round(r.medianKm, 3);
  out.mean_km_70plus = has70 ? round(r.meanKm70, 3) : null;
  out.median_km_70plus = has70 ? round(r.medianKm70, 3) : null;
  if (r.meanMin !== undefined) {
    out.mean_min = round(r.meanMin, 2);
    out.median_min = round(r.medianMin ?? NaN, 2);
  }
  out.transport_need_person_km = round(r.transportNeedPersonKm, 1);
  return out;
}
