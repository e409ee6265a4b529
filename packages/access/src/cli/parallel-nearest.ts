import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RadixKernel } from '../search/multisource.js';

/**
 * All types of `rsp access nearest` on several threads. The graph (forward CSR) and the results live
 * in SharedArrayBuffers; every thread — the main thread included — takes the next type from an
 * atomic counter until none is left, so a thread that starts late simply takes fewer types.
 */
export interface NearestJob {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Per type: seed nodes and labels. */
  seedNodes: Int32Array[];
  seedLabels: Int32Array[];
  /** types × nodes, row per type. */
  dist: Float64Array;
  label: Int32Array;
  /** [next task, tasks finished] (shared). */
  counter: Int32Array;
}

/** Runs tasks from the shared counter; returns how many this thread did. */
export function runTasks(job: NearestJob, kernel?: RadixKernel): number {
  const n = job.offsets.length - 1;
  const types = job.seedNodes.length;
  let done = 0;
  for (;;) {
    const k = Atomics.add(job.counter, 0, 1);
    if (k >= types) return done;
    kernel ??= new RadixKernel(n);
    kernel.run(job.offsets, job.targets, job.weights, job.seedNodes[k], job.seedLabels[k], job.dist.subarray(k * n, (k + 1) * n), job.label.subarray(k * n, (k + 1) * n));
    done++;
    Atomics.add(job.counter, 1, 1);
    Atomics.notify(job.counter, 1);
  }
}

/** Worker threads started ahead of need (during the CSV load), then given one job. */
export class NearestPool {
  private readonly workers: Worker[];
  /** Resolves when every worker has loaded its code (tests; the CLI never waits for it). */
  readonly ready: Promise<void>;
  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => spawn());
    this.ready = Promise.all(this.workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve())))).then(() => undefined);
  }

  /**
   * Runs the job on the workers and this thread; returns the tasks done by this thread and by the
   * workers. Completion is counted in shared memory, so a worker still starting up when the types run
   * out is not waited for.
   */
  run(job: NearestJob): number[] {
    for (const w of this.workers) w.postMessage(job);
    const mine = runTasks(job);
    const types = job.seedNodes.length;
    for (;;) {
      const finished = Atomics.load(job.counter, 1);
      if (finished >= types) break;
      Atomics.wait(job.counter, 1, finished, 100);
    }
    return [mine, types - mine];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export function defaultThreads(): number {
  return availableParallelism();
}

function spawn(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Under vitest/tsx: register tsx inside the worker (execArgv loaders are unreliable on Node 20).
    const url = new URL('./nearest-worker.ts', here).href;
    return new Worker(`import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
  }
  return new Worker(new URL('./nearest-worker.js', here));
}
