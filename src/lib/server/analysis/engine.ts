import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as Access from '@rsp/access';

/**
 * The one door to the accessibility engine (`@rsp/access`, packages/access). The engine is loaded at run
 * time from its built package rather than bundled into the app: its worker pool starts `dist/worker.js`
 * next to its own module, which only exists when the engine runs from its package directory.
 */
export type Engine = typeof Access;

const SPECIFIER = '@rsp/access';
let engine: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  engine ??= import(/* @vite-ignore */ SPECIFIER) as Promise<Engine>;
  return engine;
}

/** The engine package's dist folder (where its io readers and worker live). */
export function engineDist(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(SPECIFIER));
}

/** What the file readers produce (the engine's io module). */
export interface GridSquareRead {
  id: string;
  size: number;
  x: number;
  y: number;
  lon: number;
  lat: number;
  population: number;
  population70plus: number;
  municipalityCode?: string;
}
export interface PointRead {
  id: string;
  name: string;
  types: string[];
  lon: number;
  lat: number;
  attributes?: Record<string, string | number | boolean>;
}

export type ImportTask =
  | { op: 'network'; file: string }
  | { op: 'grid'; file: string }
  | { op: 'points'; file: string };

export type ImportOutcome =
  | { op: 'network'; bytes: Uint8Array; nodeCount: number; edgeCount: number; stats: Record<string, unknown> }
  | { op: 'grid'; squares: GridSquareRead[]; has70plus: boolean; size: number; warnings: string[] }
  | { op: 'points'; points: PointRead[] };

/**
 * Worker-thread body. It runs as an evaluated script (the app is bundled, so there is no worker file of
 * ours on disk) and imports the engine by file URL.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { task, indexUrl } = workerData;
  const access = await import(indexUrl);
  const progress = (fraction, phase) => parentPort.postMessage({ kind: 'progress', fraction, phase });
  try {
    if (task.op === 'network') {
      const readOsm = access.readOsm;
      const read = await readOsm(task.file, { points: false, onProgress: (p) => progress(p.fraction * 0.6, p.phase) });
      progress(0.65, 'prepare');
      const prepared = access.prepareNetwork(read.network);
      progress(0.95, 'encode');
      const sab = access.toSharedBuffer(prepared);
      parentPort.postMessage({ kind: 'done', outcome: { op: 'network', bytes: new Uint8Array(sab), nodeCount: prepared.network.nodeCount, edgeCount: prepared.network.edgeCount, stats: read.stats } });
    } else if (task.op === 'grid') {
      const readGrid = access.readGrid;
      progress(0.1, 'read');
      const grid = await readGrid(task.file);
      parentPort.postMessage({ kind: 'done', outcome: { op: 'grid', squares: grid.squares, has70plus: grid.has70plus, size: grid.size, warnings: grid.warnings } });
    } else {
      const readPoints = access.readPoints;
      progress(0.1, 'read');
      const points = await readPoints(task.file);
      parentPort.postMessage({ kind: 'done', outcome: { op: 'points', points } });
    }
  } catch (err) {
    parentPort.postMessage({ kind: 'error', message: err && err.message ? err.message : String(err) });
  }
})();
`;

/** Runs one file import in a worker thread, so a large file never blocks the requests. */
export function runImportInWorker(task: ImportTask, onProgress: (fraction: number, phase: string) => void): Promise<ImportOutcome> {
  const dist = engineDist();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { task, indexUrl: pathToFileURL(path.join(dist, 'index.js')).href }
  });
  return new Promise<ImportOutcome>((resolve, reject) => {
    let settled = false;
    worker.on('message', (msg: { kind: string; fraction?: number; phase?: string; outcome?: ImportOutcome; message?: string }) => {
      if (msg.kind === 'progress') onProgress(msg.fraction ?? 0, msg.phase ?? '');
      else if (msg.kind === 'done') {
        settled = true;
        resolve(msg.outcome!);
        void worker.terminate();
      } else if (msg.kind === 'error') {
        settled = true;
        reject(new Error(msg.message));
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the import worker stopped (exit code ${code})`));
      settled = true;
    });
  });
}

/** The engine's prepared-network bytes → a PreparedNetwork viewing a shared copy (workers can share it). */
export async function networkFromBytes(bytes: Uint8Array): Promise<Access.PreparedNetwork> {
  const access = await loadEngine();
  const sab = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(sab).set(bytes);
  return access.fromShared(sab, 'database');
}
