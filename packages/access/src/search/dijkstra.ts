import { Heap4 } from './heap.js';

/**
 * Multi-source Dijkstra: one search from a virtual super-source joined at cost seedDist to every
 * point, instead of one search per point. The result at each node is the lexicographically smallest
 * (distance, label) over all seeds; labels are point indices, so ties go to the lowest index.
 *
 * `dist` and `label` carry state in and out: callers set the seeds' entries (and Infinity / -1
 * elsewhere) before calling. Because a node's entry is only replaced by a strictly better one, the
 * same function also serves the incremental scenarios: seeding a new point into a finished field
 * stops by itself wherever the point is no longer an improvement.
 */
export class NearestSearch {
  readonly heap: Heap4;
  /** Undo log (scenarios): nodes whose entry changed and their entries before the first change. */
  logNodes: Int32Array | null = null;
  logDist: Float64Array | null = null;
  logLabel: Int32Array | null = null;
  logCount = 0;
  private mark: Uint8Array | null = null;

  constructor(readonly nodeCount: number) {
    this.heap = new Heap4(nodeCount);
  }

  /** Turn the undo log on; it records until resetLog. */
  enableLog(): void {
    if (!this.mark) {
      this.logNodes = new Int32Array(this.nodeCount);
      this.logDist = new Float64Array(this.nodeCount);
      this.logLabel = new Int32Array(this.nodeCount);
      this.mark = new Uint8Array(this.nodeCount);
    }
    this.resetLog();
  }

  resetLog(): void {
    for (let i = 0; i < this.logCount; i++) this.mark![this.logNodes![i]] = 0;
    this.logCount = 0;
  }

  /** Remember v's entry before its first change (also used by callers that edit entries directly). */
  noteChange(v: number, dist: Float64Array, label: Int32Array): void {
    if (this.mark && !this.mark[v]) {
      this.mark[v] = 1;
      const i = this.logCount++;
      this.logNodes![i] = v;
      this.logDist![i] = dist[v];
      this.logLabel![i] = label[v];
    }
  }

  /** Put every logged entry back (a scenario is evaluated, then the baseline restored). */
  undo(dist: Float64Array, label: Int32Array): void {
    for (let i = 0; i < this.logCount; i++) {
      const v = this.logNodes![i];
      dist[v] = this.logDist![i];
      label[v] = this.logLabel![i];
    }
    this.resetLog();
  }

  /** Returns the number of nodes settled. */
  run(
    offsets: Int32Array,
    targets: Int32Array,
    weights: Float64Array,
    dist: Float64Array,
    label: Int32Array,
    seeds: ArrayLike<number>,
  ): number {
    const heap = this.heap;
    heap.clear();
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i];
      if (dist[s] < Infinity) heap.push(s, dist[s], label[s]);
    }
    const log = this.mark !== null;
    let settled = 0;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = heap.topKey;
      const lu = heap.topLabel;
      settled++;
      const end = offsets[u + 1];
      for (let e = offsets[u]; e < end; e++) {
        const v = targets[e];
        const nd = du + weights[e];
        const dv = dist[v];
        if (nd < dv || (nd === dv && lu < label[v])) {
          if (log) this.noteChange(v, dist, label);
          dist[v] = nd;
          label[v] = lu;
          heap.push(v, nd, lu);
        }
      }
    }
    return settled;
  }
}

const better = (a: number, la: number, b: number, lb: number) => a < b || (a === b && la < lb);

/**
 * Nearest and second-nearest distinct seed label per node (k = 2 label-setting search). Each node is
 * settled at most twice, once per label. Correct because if a seed is not among a node's two best,
 * two other seeds are at least as good there and stay at least as good along any continuation.
 * The second label is what a node falls back to if its nearest point closes.
 */
export function nearestTwo(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  seeds: ArrayLike<number>,
  seedDist: ArrayLike<number>,
  seedLabel: ArrayLike<number>,
  out: { dist1: Float64Array; label1: Int32Array; dist2: Float64Array; label2: Int32Array },
  heap?: Heap4,
): void {
  const n = out.dist1.length;
  const { dist1: d1, label1: l1, dist2: d2, label2: l2 } = out;
  d1.fill(Infinity);
  l1.fill(-1);
  d2.fill(Infinity);
  l2.fill(-1);
  const state = new Uint8Array(n);
  const h = heap ?? new Heap4(n);
  h.clear();

  const offer = (v: number, nd: number, lab: number) => {
    const st = state[v];
    if (st === 0) {
      if (lab === l1[v]) {
        if (nd < d1[v]) {
          d1[v] = nd;
          h.push(v, nd, lab);
        }
      } else if (better(nd, lab, d1[v], l1[v])) {
        d2[v] = d1[v];
        l2[v] = l1[v];
        d1[v] = nd;
        l1[v] = lab;
        h.push(v, nd, lab);
      } else if (better(nd, lab, d2[v], l2[v])) {
        d2[v] = nd;
        l2[v] = lab;
      }
    } else if (st === 1) {
      if (lab !== l1[v] && better(nd, lab, d2[v], l2[v])) {
        d2[v] = nd;
        l2[v] = lab;
        h.push(v, nd, lab);
      }
    }
  };

  for (let i = 0; i < seeds.length; i++) offer(seeds[i], seedDist[i], seedLabel[i]);
  while (h.size > 0) {
    const u = h.pop();
    const du = h.topKey;
    const lu = h.topLabel;
    if (state[u] === 0) {
      state[u] = 1;
      if (d2[u] < Infinity) h.push(u, d2[u], l2[u]);
    } else {
      state[u] = 2;
    }
    const end = offsets[u + 1];
    for (let e = offsets[u]; e < end; e++) offer(targets[e], du + weights[e], lu);
  }
}
