/**
 * Worker thread of `rsp access nearest`: takes types from a shared counter and writes each type's
 * field straight into the shared result arrays (nothing is copied back). See ./parallel-nearest.ts.
 */
import { parentPort } from 'node:worker_threads';
import { runTasks, type NearestJob } from './parallel-nearest.js';

parentPort?.on('message', (job: NearestJob) => {
  const done = runTasks(job);
  parentPort!.postMessage({ done });
parentPort?.postMessage({ ready: true });
});
parentPort?.postMessage({ ready: true });
