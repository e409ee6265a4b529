import type { ServicePointInput } from '../network/contract.js';
import type { RoadNetwork } from '../network/build.js';
import { Snapper } from '../network/snap.js';
import { toUnits } from '../network/units.js';
import type { Metric, Seeds } from '../search/field.js';

/**
 * The straight-line leg between a square's centre (or a service point) and its snapped node is
 * counted at this speed when travel times are reported. Walking speed is deliberately slow: the leg
 * is a straight line, shorter than any real path, and in the countryside it is a private road or a
 * forest track rather than a public road. Distances always add the leg in metres.
 */
export const DEFAULT_ACCESS_SPEED_KMH = 5;

export function accessMinutes(accessM: number, speedKmh = DEFAULT_ACCESS_SPEED_KMH): number {
  return accessM / ((speedKmh * 1000) / 60);
}

export interface PreparedPoints {
  count: number;
  ids: string[];
  types: string[][];
  /** Snapped node, -1 when the point could not be snapped (no network nearby). */
  node: Int32Array;
  accessM: Float64Array;
}

export function preparePoints(net: RoadNetwork, points: { id: string; types: readonly string[]; lon: number; lat: number }[], snapper = new Snapper(net)): PreparedPoints {
  const node = new Int32Array(points.length).fill(-1);
  const accessM = new Float64Array(points.length).fill(NaN);
  points.forEach((p, i) => {
    const s = snapper.snap(p.lon, p.lat);
    if (s) {
      node[i] = s.node;
      accessM[i] = s.accessM;
    }
  });
  return { count: points.length, ids: points.map((p) => p.id), types: points.map((p) => [...p.types]), node, accessM };
}

/** Points already on nodes (generic graphs without coordinates, tests). */
export function pointsOnNodes(list: { id: string; types: readonly string[]; node: number; accessM?: number }[]): PreparedPoints {
  return {
    count: list.length,
    ids: list.map((p) => p.id),
    types: list.map((p) => [...p.types]),
    node: Int32Array.from(list, (p) => p.node),
    accessM: Float64Array.from(list, (p) => p.accessM ?? 0),
  };
}

export function typesOf(points: PreparedPoints): string[] {
  const set = new Set<string>();
  for (const t of points.types) for (const x of t) set.add(x);
  return [...set].sort();
}

/** Seeds for one type: label = point index, initial distance = the point's own access leg. */
export function seedsFor(points: PreparedPoints, type: string, metric: Metric, accessSpeedKmh = DEFAULT_ACCESS_SPEED_KMH, exclude?: ReadonlySet<number>): Seeds {
  const idx: number[] = [];
  for (let i = 0; i < points.count; i++) {
    if (points.node[i] >= 0 && points.types[i].includes(type) && !exclude?.has(i)) idx.push(i);
  }
  return {
    nodes: Int32Array.from(idx, (i) => points.node[i]),
    dist: Float64Array.from(idx, (i) => seedUnits(points.accessM[i], metric, accessSpeedKmh)),
    labels: Int32Array.from(idx),
  };
}

export function seedUnits(accessM: number, metric: Metric, accessSpeedKmh = DEFAULT_ACCESS_SPEED_KMH): number {
  return toUnits(metric === 'distance' ? accessM : accessMinutes(accessM, accessSpeedKmh));
}

/** A populated square whose centre the io side has converted to WGS84. */
export interface SquareLocation {
  id: string;
  lon: number;
  lat: number;
  population: number;
  population70plus: number;
  municipalityCode?: string;
}

export interface PreparedSquares {
  count: number;
  ids: string[];
  node: Int32Array;
  accessM: Float64Array;
  population: Float64Array;
  population70: Float64Array;
  municipality: string[];
}

export function prepareSquares(net: RoadNetwork, squares: SquareLocation[], snapper = new Snapper(net)): PreparedSquares {
  const node = new Int32Array(squares.length).fill(-1);
  const accessM = new Float64Array(squares.length).fill(NaN);
  squares.forEach((s, i) => {
    const snap = snapper.snap(s.lon, s.lat);
    if (snap) {
      node[i] = snap.node;
      accessM[i] = snap.accessM;
    }
  });
  return squaresOnNodes(squares.map((s, i) => ({ ...s, node: node[i], accessM: accessM[i] })));
}

export function squaresOnNodes(list: { id: string; node: number; accessM?: number; population: number; population70plus: number; municipalityCode?: string }[]): PreparedSquares {
  return {
    count: list.length,
    ids: list.map((s) => s.id),
    node: Int32Array.from(list, (s) => s.node),
    accessM: Float64Array.from(list, (s) => s.accessM ?? 0),
    population: Float64Array.from(list, (s) => s.population),
    population70: Float64Array.from(list, (s) => s.population70plus),
    municipality: list.map((s) => s.municipalityCode ?? ''),
  };
}
