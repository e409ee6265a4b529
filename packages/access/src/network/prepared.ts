import type { EdgeListInput } from './contract.js';
import { buildNetwork, type BuildOptions, type RoadNetwork } from './build.js';
import { buildHierarchy, type Hierarchy } from '../search/phast.js';
import type { ContractOptions } from '../search/contract.js';
import type { Metric } from '../search/field.js';

/** A road network plus the hierarchies built for it: what the cache file stores. */
export interface PreparedNetwork {
  network: RoadNetwork;
  hierarchies: Partial<Record<Metric, Hierarchy>>;
  /** The file bytes every array views, when loaded from a cache file: handed to workers as is. */
  shared?: SharedArrayBuffer;
}

export interface PrepareOptions extends BuildOptions {
  /** Metrics to build a hierarchy for (default: distance, plus time when minutes exist). [] = none. */
  hierarchies?: Metric[];
  contraction?: ContractOptions;
}

export function prepareNetwork(input: EdgeListInput, options: PrepareOptions = {}): PreparedNetwork {
  const network = buildNetwork(input, options);
  const metrics = options.hierarchies ?? (network.forward.time ? ['distance', 'time'] : ['distance']);
  const hierarchies: Partial<Record<Metric, Hierarchy>> = {};
  for (const m of metrics) hierarchies[m] = buildHierarchy(network, m, options.contraction);
  return { network, hierarchies };
}
