import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { toSharedBuffer } from '../network/cache.js';
import type { PreparedNetwork } from '../network/prepared.js';
import type { Metric, NearestField } from '../search/field.js';
import type { WorkerTask } from '../worker.js';
import { DEFAULT_ACCESS_SPEED_KMH, seedsFor, typesOf, type PreparedPoints } from './inputs.js';
import type { NearestOptions, NearestResults } from './nearest.js';

/**
 * computeNearest on a pool of worker threads (default: os.availableParallelism()), one (metric,
 * type) task at a time per worker. The network travels once, as a SharedArrayBuffer in the cache
 * file's layout; results come back as transferred buffers. Same results as computeNearest.
 */
export async function computeNearestParallel(
  prepared: PreparedNetwork,
  points: PreparedPoints,
  options: NearestOptions & { threads?: number } = {},
): Promise<NearestResults & { taskMs: number[] }> {
  const net = prepared.network;
  const direction = options.direction ?? 'toSeeds';
  const speed = options.accessSpeedKmh ?? DEFAULT_ACCESS_SPEED_KMH;
  const metrics = options.metrics ?? (net.forward.time ? ['distance', 'time'] : ['distance']);
  const types = options.types ?? typesOf(points);
  const tasks: WorkerTask[] = [];
  for (const metric of metrics) for (const type of types) {
    tasks.push({ id: tasks.length, metric, direction, seeds: seedsFor(points, type, metric, speed), second: options.second ?? true, engine: options.engine ?? 'auto' });
  }
  prepared.shared ??= toSharedBuffer(prepared);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), tasks.length));
  const results: NearestField[] = new Array(tasks.length);
  const taskMs: number[] = new Array(tasks.length);
  const workers = Array.from({ length: threads }, () => spawnWorker());
  try {
    let next = 0;
    await Promise.all(
      workers.map(async (w) => {
        w.postMessage({ kind: 'network', sab: prepared.shared });
        while (next < tasks.length) {
          const task = tasks[next++];
          const reply = await new Promise<{ id: number; field: NearestField; ms: number }>((resolve, reject) => {
            w.once('message', resolve);
            w.once('error', reject);
            w.postMessage({ kind: 'task', task });
          });
          w.removeAllListeners('error');
          results[reply.id] = reply.field;
          taskMs[reply.id] = reply.ms;
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const fields: NearestResults['fields'] = {};
  tasks.forEach((t, i) => {
    const map = (fields[t.metric as Metric] ??= new Map());
    map.set(types[i % types.length], results[i]);
  });
  return { direction, accessSpeedKmh: speed, fields, taskMs };
}

/** dist/worker.js next to this file; under tsx/vitest the .ts source with the tsx loader. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Worker execArgv loaders are unreliable on Node 20: register tsx from inside the worker instead.
    const url = new URL('../worker.ts', here).href;
    return new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
  }
  return new Worker(new URL('../worker.js', here));
}
