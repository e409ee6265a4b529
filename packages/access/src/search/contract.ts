import { Heap4 } from './heap.js';
import type { Adjacency } from '../network/build.js';

/**
 * Contraction-hierarchy preprocessing with a core (Geisberger et al.; "core-CH"). Nodes are
 * contracted greedily by edge difference + contracted neighbours, with lazy re-evaluation: the
 * simulation that re-checks a node's priority also yields its shortcuts, so a node is searched
 * about once. Contraction stops when `coreFraction` of the nodes remain: the last nodes of a grid-like
 * network would otherwise need huge witness searches and dense shortcuts (the reason a published
 * JS CH took 16 minutes), and a small core is cheap to search with plain Dijkstra at query time.
 *
 * Output: for every contracted node v, its arcs to higher nodes at contraction time (out: v→w,
 * in: u→v) — exactly the arcs PHAST needs — plus the remaining core graph.
 */
export interface ContractionResult {
  nodeCount: number;
  /** Contracted nodes in contraction order (lowest rank first). */
  order: Int32Array;
  /** Nodes never contracted (the core). */
  core: Int32Array;
  /** Arcs v→w with v contracted before w (or w in the core); both directions are recorded. */
  upOut: ArcList;
  /** Arcs u→v with v contracted before u (or u in the core). */
  downIn: ArcList;
  /** Arcs among core nodes. */
  coreArcs: ArcList;
  shortcuts: number;
}

/** A flat list of arcs (from, to, weight in units). */
export class ArcList {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  size = 0;
  constructor(capacity = 1024) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
  }
  push(a: number, b: number, w: number): void {
    if (this.size === this.from.length) {
      const cap = this.from.length * 2;
      const f = new Int32Array(cap); f.set(this.from); this.from = f;
      const t = new Int32Array(cap); t.set(this.to); this.to = t;
      const x = new Float64Array(cap); x.set(this.weight); this.weight = x;
    }
    this.from[this.size] = a;
    this.to[this.size] = b;
    this.weight[this.size] = w;
    this.size++;
  }
}

/** Per-node growable neighbour lists in one pool (millions of small JS arrays would cost ~10× the memory). */
class DynamicLists {
  start: Int32Array;
  len: Int32Array;
  cap: Int32Array;
  nbr: Int32Array;
  wt: Float64Array;
  top = 0;

  constructor(n: number, offsets: Int32Array) {
    this.start = new Int32Array(n);
    this.len = new Int32Array(n);
    this.cap = new Int32Array(n);
    const total = offsets[n] + 2 * n;
    this.nbr = new Int32Array(Math.ceil(total * 1.5));
    this.wt = new Float64Array(this.nbr.length);
    for (let v = 0; v < n; v++) {
      const c = offsets[v + 1] - offsets[v] + 2;
      this.start[v] = this.top;
      this.cap[v] = c;
      this.top += c;
    }
  }

  private ensurePool(extra: number): void {
    if (this.top + extra <= this.nbr.length) return;
    const size = Math.max(this.nbr.length * 2, this.top + extra);
    const nbr = new Int32Array(size); nbr.set(this.nbr.subarray(0, this.top)); this.nbr = nbr;
    const wt = new Float64Array(size); wt.set(this.wt.subarray(0, this.top)); this.wt = wt;
  }

  /** Add v→w or lower its weight; returns true when the arc is new. */
  upsert(v: number, w: number, weight: number): boolean {
    const s = this.start[v];
    const l = this.len[v];
    const nbr = this.nbr;
    for (let i = s; i < s + l; i++) {
      if (nbr[i] === w) {
        if (weight < this.wt[i]) this.wt[i] = weight;
        return false;
      }
    }
    this.append(v, w, weight);
    return true;
  }

  append(v: number, w: number, weight: number): void {
    if (this.len[v] === this.cap[v]) {
      const c = this.cap[v] * 2;
      this.ensurePool(c);
      this.nbr.copyWithin(this.top, this.start[v], this.start[v] + this.len[v]);
      this.wt.copyWithin(this.top, this.start[v], this.start[v] + this.len[v]);
      this.start[v] = this.top;
      this.cap[v] = c;
      this.top += c;
    }
    const p = this.start[v] + this.len[v]++;
    this.nbr[p] = w;
    this.wt[p] = weight;
  }

  remove(v: number, w: number): void {
    const s = this.start[v];
    const last = s + this.len[v] - 1;
    for (let i = s; i <= last; i++) {
      if (this.nbr[i] === w) {
        this.nbr[i] = this.nbr[last];
        this.wt[i] = this.wt[last];
        this.len[v]--;
        return;
      }
    }
  }
}

export interface ContractOptions {
  /** Stop when this fraction of nodes is left uncontracted (default 0.03). */
  coreFraction?: number;
  /** Settled-node limit of a witness search: lower is faster but adds unneeded shortcuts. */
  witnessLimit?: number;
  onProgress?: (contracted: number, total: number) => void;
}

export function contract(n: number, forward: Adjacency, backward: Adjacency, weightsFwd: Float64Array, weightsBwd: Float64Array, options: ContractOptions = {}): ContractionResult {
  const coreTarget = Math.max(1, Math.floor(n * (options.coreFraction ?? 0.03)));
  const witnessLimit = options.witnessLimit ?? 60;
  const out = new DynamicLists(n, forward.offsets);
  const inn = new DynamicLists(n, backward.offsets);
  for (let v = 0; v < n; v++) {
    for (let e = forward.offsets[v]; e < forward.offsets[v + 1]; e++) out.upsert(v, forward.targets[e], weightsFwd[e]);
    for (let e = backward.offsets[v]; e < backward.offsets[v + 1]; e++) inn.upsert(v, backward.targets[e], weightsBwd[e]);
  }

  const contracted = new Uint8Array(n);
  const contractedNeighbours = new Int32Array(n);
  // Witness-search scratch.
  const dist = new Float64Array(n).fill(Infinity);
  const touched = new Int32Array(n);
  let touchedCount = 0;
  const isTarget = new Uint8Array(n);
  const wheap = new Heap4(n);
  // Shortcuts found by the last simulation.
  let scFrom = new Int32Array(256);
  let scTo = new Int32Array(256);
  let scW = new Float64Array(256);
  let scCount = 0;

  const addShortcutCandidate = (a: number, b: number, w: number) => {
    if (scCount === scFrom.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T): T => {
        const y = new (x.constructor as new (k: number) => T)(x.length * 2);
        y.set(x);
        return y;
      };
      scFrom = grow(scFrom);
      scTo = grow(scTo);
      scW = grow(scW);
    }
    scFrom[scCount] = a;
    scTo[scCount] = b;
    scW[scCount] = w;
    scCount++;
  };

  /** Shortcuts needed if v were contracted now (into sc*); returns their number. */
  const simulate = (v: number): number => {
    scCount = 0;
    const os = out.start[v], ol = out.len[v];
    const is = inn.start[v], il = inn.len[v];
    if (ol === 0 || il === 0) return 0;
    let maxOut = 0;
    for (let j = os; j < os + ol; j++) if (out.wt[j] > maxOut) maxOut = out.wt[j];
    for (let i = is; i < is + il; i++) {
      const u = inn.nbr[i];
      const duv = inn.wt[i];
      // Witness search from u avoiding v, up to the longest path through v.
      let targets = 0;
      for (let j = os; j < os + ol; j++) {
        const w = out.nbr[j];
        if (w !== u && !isTarget[w]) {
          isTarget[w] = 1;
          targets++;
        }
      }
      if (targets === 0) continue;
      const limit = duv + maxOut;
      wheap.clear();
      dist[u] = 0;
      touched[touchedCount++] = u;
      wheap.push(u, 0, 0);
      let settled = 0;
      while (wheap.size > 0 && targets > 0 && settled < witnessLimit) {
        const x = wheap.pop();
        const dx = wheap.topKey;
        if (dx > limit) break;
        settled++;
        if (isTarget[x]) {
          isTarget[x] = 2;
          targets--;
        }
        const xs = out.start[x], xe = xs + out.len[x];
        for (let k = xs; k < xe; k++) {
          const y = out.nbr[k];
          if (y === v) continue;
          const nd = dx + out.wt[k];
          if (nd < dist[y]) {
            if (dist[y] === Infinity) touched[touchedCount++] = y;
            dist[y] = nd;
            wheap.push(y, nd, 0);
          }
        }
      }
      for (let j = os; j < os + ol; j++) {
        const w = out.nbr[j];
        if (w === u) continue;
        const via = duv + out.wt[j];
        // A shortcut is needed unless a witness path is at least as short (ties need none).
        if (dist[w] > via) addShortcutCandidate(u, w, via);
        isTarget[w] = 0;
      }
      for (let k = 0; k < touchedCount; k++) dist[touched[k]] = Infinity;
      touchedCount = 0;
    }
    return scCount;
  };

  const priority = (v: number): number => simulate(v) - out.len[v] - inn.len[v] + contractedNeighbours[v];

  const queue = new Heap4(n);
  for (let v = 0; v < n; v++) queue.push(v, priority(v), v);

  const upOut = new ArcList(Math.max(1024, forward.targets.length));
  const downIn = new ArcList(Math.max(1024, forward.targets.length));
  const order = new Int32Array(n);
  let orderCount = 0;
  let shortcuts = 0;
  let remaining = n;
  while (queue.size > 0 && remaining > coreTarget) {
    const v = queue.pop();
    const p = priority(v);
    if (queue.size > 0 && p > queue.keys[0]) {
      queue.push(v, p, v);
      continue;
    }
    // simulate(v) just ran inside priority(v): sc* hold v's shortcuts.
    contracted[v] = 1;
    order[orderCount++] = v;
    remaining--;
    const os = out.start[v], ol = out.len[v];
    const is = inn.start[v], il = inn.len[v];
    for (let j = os; j < os + ol; j++) {
      const w = out.nbr[j];
      upOut.push(v, w, out.wt[j]);
      inn.remove(w, v);
      contractedNeighbours[w]++;
    }
    for (let i = is; i < is + il; i++) {
      const u = inn.nbr[i];
      downIn.push(u, v, inn.wt[i]);
      out.remove(u, v);
      contractedNeighbours[u]++;
    }
    for (let k = 0; k < scCount; k++) {
      const a = scFrom[k], b = scTo[k], w = scW[k];
      if (out.upsert(a, b, w)) shortcuts++;
      inn.upsert(b, a, w);
    }
    if ((orderCount & 0xffff) === 0) options.onProgress?.(orderCount, n - coreTarget);
  }
  const core = new Int32Array(remaining);
  let c = 0;
  const coreArcs = new ArcList(1024);
  for (let v = 0; v < n; v++) {
    if (contracted[v]) continue;
    core[c++] = v;
    for (let j = out.start[v]; j < out.start[v] + out.len[v]; j++) coreArcs.push(v, out.nbr[j], out.wt[j]);
  }
  return { nodeCount: n, order: order.slice(0, orderCount), core, upOut, downIn, coreArcs, shortcuts };
}
