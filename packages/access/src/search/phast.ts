import type { RoadNetwork } from '../network/build.js';
import { contract, type ArcList, type ContractOptions } from './contract.js';
import { NearestSearch, nearestTwo } from './dijkstra.js';
import type { Direction, Metric, NearestField, SearchGraph, Seeds } from './field.js';

/**
 * A contraction hierarchy laid out for PHAST (Delling et al.): nodes are numbered by *sweep
 * position* — core nodes first, then contracted nodes from the last contracted to the first — so
 * the downward pass is one linear scan over positions and arcs. Two CSRs over positions:
 *  - `out`: per contracted node its arcs to higher nodes (v→w); per core node its core out-arcs;
 *  - `in`:  per contracted node its arcs from higher nodes (u→v); per core node its core in-arcs.
 * A search from the seeds runs upward on one and sweeps down the other; the reversed direction
 * swaps their roles, so one hierarchy serves both directions.
 */
export interface Hierarchy {
  metric: Metric;
  nodeCount: number;
  coreCount: number;
  /** Sweep position → network node. */
  nodeAt: Int32Array;
  /** Network node → sweep position. */
  positionOf: Int32Array;
  out: SearchGraph;
  in: SearchGraph;
  /** Preprocessing figures for the bench and the README. */
  info: { shortcuts: number; buildMs: number };
}

export function buildHierarchy(net: RoadNetwork, metric: Metric, options: ContractOptions = {}): Hierarchy {
  const t0 = performance.now();
  const wf = metric === 'distance' ? net.forward.length : net.forward.time;
  const wb = metric === 'distance' ? net.backward.length : net.backward.time;
  if (!wf || !wb) throw new Error('this network has no travel times');
  const n = net.nodeCount;
  const r = contract(n, net.forward, net.backward, wf, wb, options);
  const nodeAt = new Int32Array(n);
  const positionOf = new Int32Array(n);
  let p = 0;
  for (let i = 0; i < r.core.length; i++) nodeAt[p++] = r.core[i];
  for (let i = r.order.length - 1; i >= 0; i--) nodeAt[p++] = r.order[i];
  for (let i = 0; i < n; i++) positionOf[nodeAt[i]] = i;
  // out: upOut keyed by source, plus core arcs keyed by source.
  const outG = csrOver(n, positionOf, [r.upOut, r.coreArcs], false);
  // in: downIn keyed by target (the lower node), plus core arcs keyed by target.
  const inG = csrOver(n, positionOf, [r.downIn, r.coreArcs], true);
  return {
    metric,
    nodeCount: n,
    coreCount: r.core.length,
    nodeAt,
    positionOf,
    out: outG,
    in: inG,
    info: { shortcuts: r.shortcuts, buildMs: performance.now() - t0 },
  };
}

/** CSR keyed by arc source (or by target when `byTarget`), node ids mapped to positions. */
function csrOver(n: number, pos: Int32Array, lists: ArcList[], byTarget: boolean): SearchGraph {
  const offsets = new Int32Array(n + 1);
  let m = 0;
  for (const l of lists) {
    const key = byTarget ? l.to : l.from;
    for (let i = 0; i < l.size; i++) offsets[pos[key[i]] + 1]++;
    m += l.size;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(m);
  const weights = new Float64Array(m);
  for (const l of lists) {
    const key = byTarget ? l.to : l.from;
    const other = byTarget ? l.from : l.to;
    for (let i = 0; i < l.size; i++) {
      const q = fill[pos[key[i]]]++;
      targets[q] = pos[other[i]];
      weights[q] = l.weight[i];
    }
  }
  return { offsets, targets, weights };
}

/** Reusable per-thread buffers (1 M nodes: ~20 MB), so repeated queries allocate nothing. */
export class PhastWorkspace {
  readonly search: NearestSearch;
  readonly dist: Float64Array;
  readonly label: Int32Array;
  constructor(readonly nodeCount: number) {
    this.search = new NearestSearch(nodeCount);
    this.dist = new Float64Array(nodeCount);
    this.label = new Int32Array(nodeCount);
  }
}

/**
 * Nearest seed for every node: an upward Dijkstra from all seeds at once (it settles only the seeds'
 * upward closure and the small core), then one linear downward sweep. Results are in network
 * numbering and identical to a plain Dijkstra's, ties included (integer weights, same lexicographic
 * order).
 */
export function phastNearest(h: Hierarchy, direction: Direction, seeds: Seeds, options: { second?: boolean; workspace?: PhastWorkspace } = {}): NearestField {
  const n = h.nodeCount;
  const up = direction === 'fromSeeds' ? h.out : h.in;
  const down = direction === 'fromSeeds' ? h.in : h.out;
  const pos = h.positionOf;
  const seedPos = new Int32Array(seeds.nodes.length);
  for (let i = 0; i < seedPos.length; i++) seedPos[i] = pos[seeds.nodes[i]];
  if (options.second) return phastTwo(h, up, down, seedPos, seeds);

  const ws = options.workspace ?? new PhastWorkspace(n);
  const dist = ws.dist;
  const label = ws.label;
  dist.fill(Infinity);
  label.fill(-1);
  for (let i = 0; i < seedPos.length; i++) {
    const v = seedPos[i];
    const d = seeds.dist[i];
    const l = seeds.labels[i];
    if (d < dist[v] || (d === dist[v] && l < label[v])) {
      dist[v] = d;
      label[v] = l;
    }
  }
  ws.search.run(up.offsets, up.targets, up.weights, dist, label, seedPos);
  sweep(h.coreCount, n, down.offsets, down.targets, down.weights, dist, label);
  const outDist = new Float64Array(n);
  const outLabel = new Int32Array(n);
  const nodeAt = h.nodeAt;
  for (let p = 0; p < n; p++) {
    const v = nodeAt[p];
    outDist[v] = dist[p];
    outLabel[v] = label[p];
  }
  return { dist: outDist, label: outLabel };
}

function sweep(from: number, n: number, offsets: Int32Array, sources: Int32Array, weights: Float64Array, dist: Float64Array, label: Int32Array): void {
  let e = offsets[from];
  for (let p = from; p < n; p++) {
    let d = dist[p];
    let l = label[p];
    const end = offsets[p + 1];
    for (; e < end; e++) {
      const u = sources[e];
      const nd = dist[u] + weights[e];
      if (nd < d || (nd === d && label[u] < l)) {
        d = nd;
        l = label[u];
      }
    }
    dist[p] = d;
    label[p] = l;
  }
}

function phastTwo(h: Hierarchy, up: SearchGraph, down: SearchGraph, seedPos: Int32Array, seeds: Seeds): NearestField {
  const n = h.nodeCount;
  const f = { dist1: new Float64Array(n), label1: new Int32Array(n), dist2: new Float64Array(n), label2: new Int32Array(n) };
  nearestTwo(up.offsets, up.targets, up.weights, seedPos, seeds.dist, seeds.labels, f);
  const { dist1: d1, label1: l1, dist2: d2, label2: l2 } = f;
  const { offsets, targets, weights } = down;
  for (let p = h.coreCount; p < n; p++) {
    let a1 = d1[p], b1 = l1[p], a2 = d2[p], b2 = l2[p];
    for (let e = offsets[p]; e < offsets[p + 1]; e++) {
      const u = targets[e];
      const w = weights[e];
      // Offer u's two labels; keep the best two with distinct labels.
      for (let k = 0; k < 2; k++) {
        const nd = (k === 0 ? d1[u] : d2[u]) + w;
        const nl = k === 0 ? l1[u] : l2[u];
        if (nd === Infinity) break;
        if (nl === b1) {
          if (nd < a1) a1 = nd;
        } else if (nd < a1 || (nd === a1 && nl < b1)) {
          a2 = a1; b2 = b1; a1 = nd; b1 = nl;
        } else if (nl !== b2 ? nd < a2 || (nd === a2 && nl < b2) : nd < a2) {
          a2 = nd; b2 = nl;
        }
      }
    }
    d1[p] = a1; l1[p] = b1; d2[p] = a2; l2[p] = b2;
  }
  const out: NearestField = { dist: new Float64Array(n), label: new Int32Array(n), dist2: new Float64Array(n), label2: new Int32Array(n) };
  for (let p = 0; p < n; p++) {
    const v = h.nodeAt[p];
    out.dist[v] = d1[p];
    out.label[v] = l1[p];
    out.dist2![v] = d2[p];
    out.label2![v] = l2[p];
  }
  return out;
}
