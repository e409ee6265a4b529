import type { PreparedNetwork } from '../network/prepared.js';
import { fromUnits } from '../network/units.js';
import { NearestSearch } from '../search/dijkstra.js';
import { nearestByDijkstra, searchGraph, type Direction, type Metric, type NearestField } from '../search/field.js';
import { phastNearest, PhastWorkspace } from '../search/phast.js';
import { accessMinutes, DEFAULT_ACCESS_SPEED_KMH, seedsFor, typesOf, type PreparedPoints, type PreparedSquares } from './inputs.js';

export interface NearestOptions {
  types?: string[];
  metrics?: Metric[];
  /** Default 'toSeeds': from where people live to the service. */
  direction?: Direction;
  /** Also the second-nearest distinct point (needed by pointStats and closure what-ifs). Default true. */
  second?: boolean;
  accessSpeedKmh?: number;
  /** Force plain Dijkstra even when a hierarchy exists (tests, verification). */
  engine?: 'auto' | 'dijkstra';
}

/** Fields per metric and type: distance/time (units) from every node to the nearest point and which. */
export interface NearestResults {
  direction: Direction;
  accessSpeedKmh: number;
  fields: Partial<Record<Metric, Map<string, NearestField>>>;
}

export function computeNearest(prepared: PreparedNetwork, points: PreparedPoints, options: NearestOptions = {}): NearestResults {
  const net = prepared.network;
  const direction = options.direction ?? 'toSeeds';
  const speed = options.accessSpeedKmh ?? DEFAULT_ACCESS_SPEED_KMH;
  const metrics = options.metrics ?? (net.forward.time ? ['distance', 'time'] : ['distance']);
  const types = options.types ?? typesOf(points);
  const second = options.second ?? true;
  const fields: NearestResults['fields'] = {};
  const search = new NearestSearch(net.nodeCount);
  let workspace: PhastWorkspace | undefined;
  for (const metric of metrics) {
    const map = new Map<string, NearestField>();
    const h = options.engine === 'dijkstra' ? undefined : prepared.hierarchies[metric];
    for (const type of types) {
      const seeds = seedsFor(points, type, metric, speed);
      if (h) {
        workspace ??= new PhastWorkspace(net.nodeCount);
        map.set(type, phastNearest(h, direction, seeds, { second, workspace }));
      } else {
        map.set(type, nearestByDijkstra(searchGraph(net, direction, metric), seeds, { second, search }));
      }
    }
    fields[metric] = map;
  }
  return { direction, accessSpeedKmh: speed, fields };
}

/**
 * Per square: metres (or minutes) to the nearest point, access leg included; NaN when the square
 * could not be snapped or no point of the type is reachable.
 */
export function squareValues(squares: PreparedSquares, field: NearestField, metric: Metric, accessSpeedKmh = DEFAULT_ACCESS_SPEED_KMH): Float64Array {
  const out = new Float64Array(squares.count);
  for (let i = 0; i < squares.count; i++) out[i] = squareValue(squares, i, field.dist, metric, accessSpeedKmh);
  return out;
}

export function squareValue(squares: PreparedSquares, i: number, dist: Float64Array, metric: Metric, accessSpeedKmh: number): number {
  const v = squares.node[i];
  if (v < 0) return NaN;
  const d = dist[v];
  if (d === Infinity) return NaN;
  const leg = metric === 'distance' ? squares.accessM[i] : accessMinutes(squares.accessM[i], accessSpeedKmh);
  return leg + fromUnits(d);
}

export interface PointStats {
  pointIndex: number;
  id: string;
  type: string;
  /** Distance from this point to the next point of the same type (access legs included), metres. */
  nextSameTypeM: number;
  /** Population (and 70+) whose nearest point of this type this is. */
  servedPopulation: number;
  servedPopulation70: number;
  /** Extra one-way person-km if this point closed and its people went to their second-nearest. */
  extraPersonKmIfClosed: number;
  /** Mean extra km per served person if closed (population-weighted). */
  meanExtraKmIfClosed: number;
  /** Served people with no other point of the type reachable at all. */
  populationWithoutAlternative: number;
}

/**
 * Dependency figures per service point of one type, from a distance field with second-nearest.
 * Closing a point sends each of its people to their second-nearest point, which is exactly the
 * nearest point once it is gone — so no extra search is needed.
 */
export function pointStats(points: PreparedPoints, squares: PreparedSquares, field: NearestField, type: string): PointStats[] {
  if (!field.dist2 || !field.label2) throw new Error('pointStats needs a field computed with second: true');
  const stats = new Map<number, PointStats>();
  for (let i = 0; i < points.count; i++) {
    if (!points.types[i].includes(type)) continue;
    const a = points.node[i];
    let next = NaN;
    if (a >= 0) {
      const d = field.label[a] !== i ? field.dist[a] : field.dist2[a];
      if (d < Infinity) next = points.accessM[i] + fromUnits(d);
    }
    stats.set(i, { pointIndex: i, id: points.ids[i], type, nextSameTypeM: next, servedPopulation: 0, servedPopulation70: 0, extraPersonKmIfClosed: 0, meanExtraKmIfClosed: 0, populationWithoutAlternative: 0 });
  }
  for (let s = 0; s < squares.count; s++) {
    const v = squares.node[s];
    if (v < 0) continue;
    const p = field.label[v];
    const st = stats.get(p);
    if (!st) continue;
    const pop = squares.population[s];
    st.servedPopulation += pop;
    st.servedPopulation70 += squares.population70[s];
    const d2 = field.dist2[v];
    if (d2 === Infinity) st.populationWithoutAlternative += pop;
    else st.extraPersonKmIfClosed += (pop * fromUnits(d2 - field.dist[v])) / 1000;
  }
  for (const st of stats.values()) {
    const withAlt = st.servedPopulation - st.populationWithoutAlternative;
    st.meanExtraKmIfClosed = withAlt > 0 ? st.extraPersonKmIfClosed / withAlt : 0;
  }
  return [...stats.values()];
}
