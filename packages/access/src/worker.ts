/**
 * Worker-thread entry (dist/worker.js). Receives the prepared network as one SharedArrayBuffer (the
 * cache file's bytes: zero-copy), then answers one nearest-field task per message. Types are
 * independent, so one worker per core is a free factor on nationwide runs.
 */
import { parentPort } from 'node:worker_threads';
import { fromShared } from './network/cache.js';
import type { PreparedNetwork } from './network/prepared.js';
import { NearestSearch } from './search/dijkstra.js';
import { nearestByDijkstra, searchGraph, type Direction, type Metric, type Seeds } from './search/field.js';
import { phastNearest, PhastWorkspace } from './search/phast.js';

export interface WorkerTask {
  id: number;
  metric: Metric;
  direction: Direction;
  seeds: Seeds;
  second: boolean;
  engine: 'auto' | 'dijkstra';
}

export type WorkerMessage = { kind: 'network'; sab: SharedArrayBuffer } | { kind: 'task'; task: WorkerTask };

let prepared: PreparedNetwork | null = null;
let search: NearestSearch | null = null;
let workspace: PhastWorkspace | null = null;

parentPort?.on('message', (msg: WorkerMessage) => {
  if (msg.kind === 'network') {
    prepared = fromShared(msg.sab);
    return;
  }
  const { id, metric, direction, seeds, second, engine } = msg.task;
  if (!prepared) throw new Error('worker: task before network');
  const t0 = performance.now();
  const h = engine === 'dijkstra' ? undefined : prepared.hierarchies[metric];
  let field;
  if (h) {
    workspace ??= new PhastWorkspace(prepared.network.nodeCount);
    field = phastNearest(h, direction, seeds, { second, workspace });
  } else {
    search ??= new NearestSearch(prepared.network.nodeCount);
    field = nearestByDijkstra(searchGraph(prepared.network, direction, metric), seeds, { second, search });
  }
  const transfer = [field.dist.buffer, field.label.buffer, field.dist2?.buffer, field.label2?.buffer].filter((b): b is ArrayBuffer => !!b);
  parentPort!.postMessage({ id, field, ms: performance.now() - t0 }, transfer);
});
