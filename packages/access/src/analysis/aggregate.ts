import type { PreparedSquares } from './inputs.js';

export type AreaLevel = 'municipality' | 'county' | 'nation';

export interface AggregateOptions {
  /** Upper band edges in km; the last band is open-ended. Default 2, 5, 10, 20 (0–2, 2–5, 5–10, 10–20, >20). */
  bandsKm?: number[];
  /** "Share within N km" figures. Default [2, 5, 10, 20]. */
  withinKm?: number[];
  /** "Share within N min" figures, when times are given. Default [5, 10, 20, 30]. */
  withinMin?: number[];
}

export interface AggregateRow {
  level: AreaLevel;
  /** Municipality code (4 chars), county code (its first 2) or 'SE'. */
  code: string;
  type: string;
  population: number;
  population70: number;
  /** People in squares that could not be snapped or reach no point of the type. */
  unreachablePopulation: number;
  bands: { fromKm: number; toKm: number | null; population: number; population70: number }[];
  withinKm: { km: number; share: number; share70: number }[];
  withinMin?: { min: number; share: number; share70: number }[];
  /** Population-weighted, over reachable people; NaN when nobody is reachable. */
  meanKm: number;
  /** Lower weighted median: the smallest distance with at least half the people at or below it. */
  medianKm: number;
  meanKm70: number;
  medianKm70: number;
  meanMin?: number;
  medianMin?: number;
  /** Sum of one-way distances, person-km. */
  transportNeedPersonKm: number;
}

/** Squares grouped by municipality, county (first two chars of the code) and nation. */
export class AreaIndex {
  readonly areas: { level: AreaLevel; code: string; squares: Int32Array }[] = [];
  /** Per square, the indices of its areas in `areas`. */
  readonly areasOfSquare: Int32Array[];

  constructor(squares: PreparedSquares) {
    const byKey = new Map<string, number[]>();
    const keysOf: string[][] = [];
    for (let i = 0; i < squares.count; i++) {
      const m = squares.municipality[i];
      const keys = ['nation:SE'];
      if (m) keys.push(`county:${m.slice(0, 2)}`, `municipality:${m}`);
      keysOf.push(keys);
      for (const k of keys) {
        let l = byKey.get(k);
        if (!l) byKey.set(k, (l = []));
        l.push(i);
      }
    }
    const order = [...byKey.keys()].sort();
    const idOf = new Map<string, number>();
    for (const k of order) {
      const [level, code] = k.split(':') as [AreaLevel, string];
      idOf.set(k, this.areas.length);
      this.areas.push({ level, code, squares: Int32Array.from(byKey.get(k)!) });
    }
    this.areasOfSquare = keysOf.map((ks) => Int32Array.from(ks, (k) => idOf.get(k)!));
  }
}

/** Rows for every area (or just `only`), for one type. Values are per square: metres, minutes, NaN = unreachable. */
export function aggregate(index: AreaIndex, squares: PreparedSquares, type: string, metres: Float64Array, minutes?: Float64Array, options: AggregateOptions = {}, only?: Iterable<number>): AggregateRow[] {
  const ids = only ? [...only] : index.areas.map((_, i) => i);
  return ids.map((a) => aggregateArea(index.areas[a], squares, type, metres, minutes, options));
}

function aggregateArea(area: AreaIndex['areas'][number], sq: PreparedSquares, type: string, metres: Float64Array, minutes: Float64Array | undefined, options: AggregateOptions): AggregateRow {
  const edges = options.bandsKm ?? [2, 5, 10, 20];
  const withinKm = options.withinKm ?? [2, 5, 10, 20];
  const withinMin = options.withinMin ?? [5, 10, 20, 30];
  const bands = edges.map((e, i) => ({ fromKm: i === 0 ? 0 : edges[i - 1], toKm: e as number | null, population: 0, population70: 0 }));
  bands.push({ fromKm: edges[edges.length - 1] ?? 0, toKm: null, population: 0, population70: 0 });
  const wk = withinKm.map(() => [0, 0]);
  const wm = withinMin.map(() => [0, 0]);
  let pop = 0, pop70 = 0, unreachable = 0, reach = 0, reach70 = 0, sumKm = 0, sumKm70 = 0, sumMin = 0, reachMin = 0;
  const n = area.squares.length;
  const km = new Float64Array(n);
  const w = new Float64Array(n);
  const w70 = new Float64Array(n);
  const mins = minutes ? new Float64Array(n) : undefined;
  const wMin = minutes ? new Float64Array(n) : undefined;
  let k = 0, kMin = 0;
  for (let j = 0; j < n; j++) {
    const s = area.squares[j];
    const p = sq.population[s];
    const p70 = sq.population70[s];
    pop += p;
    pop70 += p70;
    const d = metres[s];
    if (Number.isNaN(d)) {
      unreachable += p;
      continue;
    }
    const x = d / 1000;
    reach += p;
    reach70 += p70;
    sumKm += p * x;
    sumKm70 += p70 * x;
    // Band i holds fromKm <= x < toKm.
    let b = 0;
    while (b < edges.length && x >= edges[b]) b++;
    bands[b].population += p;
    bands[b].population70 += p70;
    for (let i = 0; i < withinKm.length; i++) if (x <= withinKm[i]) { wk[i][0] += p; wk[i][1] += p70; }
    km[k] = x; w[k] = p; w70[k] = p70; k++;
    if (minutes && mins && wMin) {
      const t = minutes[s];
      if (!Number.isNaN(t)) {
        sumMin += p * t;
        reachMin += p;
        for (let i = 0; i < withinMin.length; i++) if (t <= withinMin[i]) { wm[i][0] += p; wm[i][1] += p70; }
        mins[kMin] = t; wMin[kMin] = p; kMin++;
      }
    }
  }
  const row: AggregateRow = {
    level: area.level,
    code: area.code,
    type,
    population: pop,
    population70: pop70,
    unreachablePopulation: unreachable,
    bands,
    withinKm: withinKm.map((km_, i) => ({ km: km_, share: pop > 0 ? wk[i][0] / pop : NaN, share70: pop70 > 0 ? wk[i][1] / pop70 : NaN })),
    meanKm: reach > 0 ? sumKm / reach : NaN,
    medianKm: weightedMedian(km.subarray(0, k), w.subarray(0, k)),
    meanKm70: reach70 > 0 ? sumKm70 / reach70 : NaN,
    medianKm70: weightedMedian(km.subarray(0, k), w70.subarray(0, k)),
    transportNeedPersonKm: sumKm,
  };
  if (minutes) {
    row.withinMin = withinMin.map((m, i) => ({ min: m, share: pop > 0 ? wm[i][0] / pop : NaN, share70: pop70 > 0 ? wm[i][1] / pop70 : NaN }));
    row.meanMin = reachMin > 0 ? sumMin / reachMin : NaN;
    row.medianMin = weightedMedian(mins!.subarray(0, kMin), wMin!.subarray(0, kMin));
  }
  return row;
}

/**
 * Lower weighted median by quickselect on copies: O(n), so the nation row (hundreds of thousands of
 * squares) can be refreshed inside a scenario's time budget without sorting.
 */
export function weightedMedian(values: Float64Array, weights: Float64Array): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) return NaN;
  const v = Float64Array.from(values);
  const w = Float64Array.from(weights);
  let lo = 0, hi = v.length - 1;
  let need = total / 2; // weight still needed from [lo..hi] to reach half
  for (;;) {
    if (lo === hi) return v[lo];
    const pivot = v[(lo + hi) >> 1];
    // Three-way partition: [lo, lt) < pivot, [lt, gt] = pivot, (gt, hi] > pivot.
    let lt = lo, gt = hi, i = lo;
    while (i <= gt) {
      if (v[i] < pivot) { swap(v, w, lt++, i++); }
      else if (v[i] > pivot) { swap(v, w, i, gt--); }
      else i++;
    }
    let below = 0;
    for (let j = lo; j < lt; j++) below += w[j];
    let equal = 0;
    for (let j = lt; j <= gt; j++) equal += w[j];
    if (below >= need && lt > lo) hi = lt - 1;
    else if (below + equal >= need) return pivot;
    else {
      need -= below + equal;
      lo = gt + 1;
      if (lo > hi) return pivot;
    }
  }
}

function swap(v: Float64Array, w: Float64Array, a: number, b: number): void {
  const t = v[a]; v[a] = v[b]; v[b] = t;
  const u = w[a]; w[a] = w[b]; w[b] = u;
}
