import type { EdgeListInput } from './contract.js';
import { toUnits } from './units.js';

/** Compressed sparse rows: the edges of node v are offsets[v] .. offsets[v+1]-1. */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
  /** Metres in integer units (see units.ts). */
  length: Float64Array;
  /** Minutes in integer units; present when the input had minutes. */
  time?: Float64Array;
}

export interface NetworkStats {
  /** Self loops can never be on a shortest path, so they are dropped at build time. */
  droppedSelfLoops: number;
  weakComponents: number;
  largestWeakComponent: number;
  largestStrongComponent: number;
  /** Nodes a point or square may snap to (in a large strongly connected component). */
  snappableNodes: number;
  /** Sizes of the weakly connected fragments other than the largest, biggest first (at most 20). */
  fragmentSizes: number[];
}

/**
 * The prepared road graph. Nodes are renumbered (Hilbert order when coordinates exist, BFS order
 * otherwise) so that neighbours sit close in memory: the searches are bound by cache misses, not
 * arithmetic. Every per-node array is indexed by the internal number; `inputIndex` maps back.
 */
export interface RoadNetwork {
  nodeCount: number;
  edgeCount: number;
  /** Out-edges: a search over these gives distances from the seeds to every node. */
  forward: Adjacency;
  /** In-edges: a search over these gives distances from every node to the seeds. */
  backward: Adjacency;
  lon?: Float64Array;
  lat?: Float64Array;
  externalIds?: Float64Array;
  /** Internal node → index in the EdgeListInput. */
  inputIndex: Int32Array;
  /** EdgeListInput index → internal node. */
  nodeOfInput: Int32Array;
  /** Weakly connected component per node; 0 is the largest, numbered by decreasing size. */
  weakComponent: Int32Array;
  /** 1 for nodes in a strongly connected component large enough to snap to. */
  snappable: Uint8Array;
  stats: NetworkStats;
}

export interface BuildOptions {
  /**
   * A strongly connected component with at least this many nodes is a snapping target (the largest
   * always is). Islands with their own road network (Gotland) qualify; a car park or a one-way
   * stub does not, so squares never snap onto a fragment from which no service can be reached.
   */
  minSnapComponentNodes?: number;
  /** Renumber nodes for locality (default true). Tests turn it off to exercise both paths. */
  renumber?: boolean;
  /**
   * Skip the strongly-connected-component pass (every node snappable). For generic graphs that are
   * never snapped to (the CLI's verification mode), where it would only cost load time.
   */
  skipStrongComponents?: boolean;
}

export function buildNetwork(input: EdgeListInput, options: BuildOptions = {}): RoadNetwork {
  const n = input.nodeCount;
  const mIn = input.from.length;
  if (input.to.length !== mIn || input.lengthM.length !== mIn) {
    throw new Error('EdgeListInput: from, to and lengthM must have the same length');
  }
  if (input.minutes && input.minutes.length !== mIn) throw new Error('EdgeListInput: minutes has the wrong length');
  if (input.lon && (input.lon.length !== n || !input.lat || input.lat.length !== n)) {
    throw new Error('EdgeListInput: lon/lat must both have nodeCount entries');
  }
  let selfLoops = 0;
  for (let e = 0; e < mIn; e++) {
    const a = input.from[e];
    const b = input.to[e];
    if (a < 0 || a >= n || b < 0 || b >= n) throw new Error(`EdgeListInput: edge ${e} refers to node outside 0..${n - 1}`);
    const len = input.lengthM[e];
    if (!(len >= 0) || len === Infinity) throw new Error(`EdgeListInput: edge ${e} has invalid length ${len}`);
    if (input.minutes) {
      const t = input.minutes[e];
      if (!(t >= 0) || t === Infinity) throw new Error(`EdgeListInput: edge ${e} has invalid minutes ${t}`);
    }
    if (a === b) selfLoops++;
  }

  const rank = options.renumber === false ? identity(n) : input.lon && input.lat ? hilbertRank(input.lon, input.lat) : bfsRank(n, input.from, input.to);
  const inputIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) inputIndex[rank[i]] = i;

  const m = mIn - selfLoops;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const len = new Float64Array(m);
  const time = input.minutes ? new Float64Array(m) : undefined;
  let k = 0;
  for (let e = 0; e < mIn; e++) {
    const a = input.from[e];
    const b = input.to[e];
    if (a === b) continue;
    src[k] = rank[a];
    dst[k] = rank[b];
    len[k] = toUnits(input.lengthM[e]);
    if (time) time[k] = toUnits(input.minutes![e]);
    k++;
  }
  const forward = csr(n, src, dst, len, time);
  const backward = csr(n, dst, src, len, time);

  const permute = (a: Float64Array | undefined) => {
    if (!a) return undefined;
    const out = new Float64Array(n);
    for (let v = 0; v < n; v++) out[v] = a[inputIndex[v]];
    return out;
  };
  const { weakComponent, sizes } = weakComponents(n, forward);
  const { snappable, largest } = options.skipStrongComponents
    ? { snappable: new Uint8Array(n).fill(1), largest: NaN }
    : snappableNodes(n, forward, backward, options.minSnapComponentNodes ?? 1000);
  let snappableCount = 0;
  for (let v = 0; v < n; v++) snappableCount += snappable[v];

  return {
    nodeCount: n,
    edgeCount: m,
    forward,
    backward,
    lon: permute(input.lon),
    lat: permute(input.lat),
    externalIds: permute(input.externalIds),
    inputIndex,
    nodeOfInput: rank,
    weakComponent,
    snappable,
    stats: {
      droppedSelfLoops: selfLoops,
      weakComponents: sizes.length,
      largestWeakComponent: sizes[0] ?? 0,
      largestStrongComponent: largest,
      snappableNodes: snappableCount,
      fragmentSizes: sizes.slice(1, 21),
    },
  };
}

function identity(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** Counting sort of the edges by source node. */
export function csr(n: number, src: Int32Array, dst: Int32Array, len: Float64Array, time?: Float64Array): Adjacency {
  const m = src.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[src[e] + 1]++;
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const length = new Float64Array(m);
  const t = time ? new Float64Array(m) : undefined;
  for (let e = 0; e < m; e++) {
    const p = fill[src[e]]++;
    targets[p] = dst[e];
    length[p] = len[e];
    if (t) t[p] = time![e];
  }
  return { offsets, targets, length, time: t };
}

/** rank[inputIndex] = position along a Hilbert curve over lon/lat (radix-sorted, O(n)). */
function hilbertRank(lon: Float64Array, lat: Float64Array): Int32Array {
  const n = lon.length;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = lon[i], y = lat[i];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const side = 65535;
  const sx = maxX > minX ? side / (maxX - minX) : 0;
  const sy = maxY > minY ? side / (maxY - minY) : 0;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = Number.isFinite(lon[i]) ? Math.floor((lon[i] - minX) * sx) : 0;
    const y = Number.isFinite(lat[i]) ? Math.floor((lat[i] - minY) * sy) : 0;
    keys[i] = hilbertIndex(x, y);
  }
  const order = radixSortIndices(keys);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]] = r;
  return rank;
}

export function hilbertIndex(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d >>> 0;
}

export function radixSortIndices(keys: Uint32Array): Int32Array {
  const n = keys.length;
  let a = new Int32Array(n);
  let b = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let shift = 0; shift < 32; shift += 16) {
    const count = new Int32Array(65537);
    for (let i = 0; i < n; i++) count[((keys[a[i]] >>> shift) & 0xffff) + 1]++;
    for (let i = 0; i < 65536; i++) count[i + 1] += count[i];
    for (let i = 0; i < n; i++) b[count[(keys[a[i]] >>> shift) & 0xffff]++] = a[i];
    const t = a;
    a = b;
    b = t;
  }
  return a;
}

/** rank[inputIndex] = BFS discovery order over the undirected graph, component after component. */
function bfsRank(n: number, from: Int32Array, to: Int32Array): Int32Array {
  const m = from.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    offsets[from[e] + 1]++;
    offsets[to[e] + 1]++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const adj = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    adj[fill[from[e]]++] = to[e];
    adj[fill[to[e]]++] = from[e];
  }
  const rank = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (rank[s] >= 0) continue;
    let head = next;
    rank[s] = next;
    queue[next++] = s;
    while (head < next) {
      const v = queue[head++];
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = adj[e];
        if (rank[w] < 0) {
          rank[w] = next;
          queue[next++] = w;
        }
      }
    }
  }
  return rank;
}

function weakComponents(n: number, g: Adjacency): { weakComponent: Int32Array; sizes: number[] } {
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let v = 0; v < n; v++) {
    for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
      const a = find(v);
      const b = find(g.targets[e]);
      if (a !== b) {
        if (a < b) parent[b] = a;
        else parent[a] = b;
      }
    }
  }
  return relabelBySize(n, (v) => find(v));
}

/** Component ids renumbered 0.. by decreasing size (ties by first node), so 0 is the largest. */
function relabelBySize(n: number, rootOf: (v: number) => number): { weakComponent: Int32Array; sizes: number[] } {
  const root = new Int32Array(n);
  const count = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    root[v] = rootOf(v);
    count[root[v]]++;
  }
  const roots: number[] = [];
  for (let v = 0; v < n; v++) if (count[v] > 0) roots.push(v);
  roots.sort((a, b) => count[b] - count[a] || a - b);
  const id = new Int32Array(n);
  roots.forEach((r, i) => (id[r] = i));
  const comp = new Int32Array(n);
  for (let v = 0; v < n; v++) comp[v] = id[root[v]];
  return { weakComponent: comp, sizes: roots.map((r) => count[r]) };
}

/** Kosaraju's strongly connected components, iterative (road graphs are deep). */
export function strongComponents(n: number, fwd: Adjacency, bwd: Adjacency): { comp: Int32Array; sizes: number[] } {
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  const edgePos = new Int32Array(n);
  let oc = 0;
  for (let s = 0; s < n; s++) {
    if (visited[s]) continue;
    let sp = 0;
    stack[sp++] = s;
    visited[s] = 1;
    edgePos[s] = fwd.offsets[s];
    while (sp > 0) {
      const v = stack[sp - 1];
      const e = edgePos[v];
      if (e < fwd.offsets[v + 1]) {
        edgePos[v] = e + 1;
        const w = fwd.targets[e];
        if (!visited[w]) {
          visited[w] = 1;
          edgePos[w] = fwd.offsets[w];
          stack[sp++] = w;
        }
      } else {
        sp--;
        order[oc++] = v;
      }
    }
  }
  const comp = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const s = order[i];
    if (comp[s] >= 0) continue;
    const c = sizes.length;
    let size = 0;
    let sp = 0;
    stack[sp++] = s;
    comp[s] = c;
    while (sp > 0) {
      const v = stack[--sp];
      size++;
      for (let e = bwd.offsets[v]; e < bwd.offsets[v + 1]; e++) {
        const w = bwd.targets[e];
        if (comp[w] < 0) {
          comp[w] = c;
          stack[sp++] = w;
        }
      }
    }
    sizes.push(size);
  }
  return { comp, sizes };
}

function snappableNodes(n: number, fwd: Adjacency, bwd: Adjacency, minNodes: number): { snappable: Uint8Array; largest: number } {
  const { comp, sizes } = strongComponents(n, fwd, bwd);
  let largest = 0;
  for (const s of sizes) if (s > largest) largest = s;
  const threshold = Math.min(minNodes, largest);
  const snappable = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (sizes[comp[v]] >= threshold) snappable[v] = 1;
  return { snappable, largest };
}
