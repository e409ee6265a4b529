import type { RoadNetwork } from '../network/build.js';
import { NearestSearch, nearestTwo } from './dijkstra.js';

/** Where the search starts. Seeds are service points; labels are point indices (ties: lowest wins). */
export interface Seeds {
  nodes: Int32Array;
  /** Initial distance in units (a point's own access leg; 0 for generic sources). */
  dist: Float64Array;
  labels: Int32Array;
}

/**
 * Per node: distance (units) to the nearest seed and its label; -1 / Infinity when unreachable.
 * `dist2/label2` hold the nearest *other* label when requested: what a node falls back to if its
 * nearest point closes.
 */
export interface NearestField {
  dist: Float64Array;
  label: Int32Array;
  dist2?: Float64Array;
  label2?: Int32Array;
}

/**
 * 'toSeeds' measures from every node to the seeds (people drive to the shop: the search runs on the
 * reversed graph); 'fromSeeds' from the seeds outwards (what scipy's dijkstra(indices=sources)
 * computes, used by the generic CLI mode).
 */
export type Direction = 'toSeeds' | 'fromSeeds';
export type Metric = 'distance' | 'time';

export interface SearchGraph {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

export function searchGraph(net: RoadNetwork, direction: Direction, metric: Metric): SearchGraph {
  const adj = direction === 'fromSeeds' ? net.forward : net.backward;
  const weights = metric === 'distance' ? adj.length : adj.time;
  if (!weights) throw new Error('this network has no travel times (the edge list had no minutes)');
  return { offsets: adj.offsets, targets: adj.targets, weights };
}

/** Seeds to the initial state of a field: the best (distance, label) per seed node. */
export function seedField(n: number, seeds: Seeds, dist = new Float64Array(n), label = new Int32Array(n)): NearestField {
  dist.fill(Infinity);
  label.fill(-1);
  for (let i = 0; i < seeds.nodes.length; i++) {
    const v = seeds.nodes[i];
    const d = seeds.dist[i];
    const l = seeds.labels[i];
    if (d < dist[v] || (d === dist[v] && l < label[v])) {
      dist[v] = d;
      label[v] = l;
    }
  }
  return { dist, label };
}

/** Plain multi-source Dijkstra over the whole graph (the engine's fallback and the scenarios' base). */
export function nearestByDijkstra(g: SearchGraph, seeds: Seeds, options: { second?: boolean; search?: NearestSearch } = {}): NearestField {
  const n = g.offsets.length - 1;
  if (options.second) {
    const out = { dist1: new Float64Array(n), label1: new Int32Array(n), dist2: new Float64Array(n), label2: new Int32Array(n) };
    nearestTwo(g.offsets, g.targets, g.weights, seeds.nodes, seeds.dist, seeds.labels, out, options.search?.heap);
    return { dist: out.dist1, label: out.label1, dist2: out.dist2, label2: out.label2 };
  }
  const field = seedField(n, seeds);
  const search = options.search ?? new NearestSearch(n);
  search.run(g.offsets, g.targets, g.weights, field.dist, field.label, seeds.nodes);
  return field;
}
