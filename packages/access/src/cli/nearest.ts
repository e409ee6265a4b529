import { parseArgs, requireString } from './args.js';
import { readEdgeCsv, readSourceCsv, readCsvFile } from './csv.js';
import { CsvWriter } from './writer.js';
import { Progress } from './progress.js';
import { UsageError } from './errors.js';
import { landmarkOrder } from './order.js';
import { defaultThreads, NearestPool, runTasks, type NearestJob } from './parallel-nearest.js';
import { fromUnits, toUnits } from '../network/units.js';
import type { EdgeListInput } from '../network/contract.js';
import type { CliContext } from '../cli.js';

/** Below this many nodes × types the threads would cost more to start than they save. */
const PARALLEL_MIN_WORK = 200_000;

/**
 * `rsp access nearest --edges E.csv --sources S.csv --out O.csv [--threads N]`: the generic
 * verification mode. Distances run from the sources along the directed edges, as scipy's
 * dijkstra(indices=sources) does. Ties between equally near sources go to the smallest source node id.
 *
 * Load phase (load_ms): read and parse both files, renumber the nodes for locality
 * (landmarkOrder), build the forward CSR in SharedArrayBuffers. Compute phase (compute_ms): one
 * multi-source search per type (RadixKernel), types spread over the threads; wall-clock time.
 * The worker threads are started before the files are read, so their start-up overlaps the load.
 * Extra JSON fields: `threads`, and `compute_cpu_ms` (CPU time of all threads during the compute
 * phase: on a shared machine the wall-clock figure depends on what else runs).
 */
export async function nearestCommand(args: string[], ctx: CliContext): Promise<number> {
  const opts = parseArgs(args, { edges: 'string', sources: 'string', out: 'string', quiet: 'boolean', threads: 'string' });
  const edgesPath = requireString(opts, 'edges');
  const sourcesPath = requireString(opts, 'sources');
  const outPath = requireString(opts, 'out');
  const stream = opts.quiet ? null : ctx.stderr;
  const threadsOpt = opts.threads === undefined ? undefined : Number(opts.threads);
  if (threadsOpt !== undefined && !(Number.isInteger(threadsOpt) && threadsOpt >= 1)) throw new UsageError(`--threads must be a positive integer, not "${String(opts.threads)}"`);
  let threads = threadsOpt ?? defaultThreads();

  const t0 = performance.now();
  // Started now, ready by the time the graph is: the start-up overlaps the CSV parse.
  let pool: NearestPool | null = threads > 1 ? new NearestPool(threads - 1) : null;
  try {
    const edgeBuf = readCsvFile(edgesPath);
    const sourceBuf = readCsvFile(sourcesPath);
    const load = new Progress('loading edges', 1, stream);
    const { input, ids } = readEdgeCsv(edgesPath, edgeBuf);
    const sources = readSourceCsv(sourcesPath, ids, sourceBuf);
    const rank = landmarkOrder(input.nodeCount, input.from, input.to);
    const graph = forwardGraph(input, rank);
    const loadMs = performance.now() - t0;
    const n = input.nodeCount;
    load.done(`${n} nodes, ${input.from.length} edges, renumbered`);

    const types = sources.types;
    if (threadsOpt === undefined && n * types.length < PARALLEL_MIN_WORK) threads = 1;
    threads = Math.max(1, Math.min(threads, types.length));
    if (pool && threads === 1) {
      await pool.close();
      pool = null;
    }
    const progress = new Progress(`nearest sources (${types.length} types, ${threads} thread${threads > 1 ? 's' : ''})`, types.length, stream);
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const ext = input.externalIds!;
    // Label = rank of the source id, so the lowest id wins a tie.
    const sourceIds = types.map((type) => Float64Array.from(sources.nodesByType.get(type)!.map((i) => ext[i])).sort());
    const job: NearestJob = {
      ...graph,
      seedNodes: sourceIds.map((list) => Int32Array.from(list, (id) => rank[ids.get(id)])),
      seedLabels: sourceIds.map((list) => Int32Array.from(list, (_, i) => i)),
      dist: new Float64Array(new SharedArrayBuffer(8 * n * types.length)),
      label: new Int32Array(new SharedArrayBuffer(4 * n * types.length)),
      counter: new Int32Array(new SharedArrayBuffer(8)),
    };
    const perThread = pool && threads > 1 ? pool.run(job) : [runTasks(job)];
    const computeMs = performance.now() - t1;
    const cpu = process.cpuUsage(cpu0);
    progress.done(`(types on the main thread: ${perThread[0]}, on workers: ${perThread[1] ?? 0})`);
    if (pool) {
      void pool.close();
      pool = null;
    }

    const write = new Progress('writing results', 1, stream);
    const out = new CsvWriter(outPath);
    out.text('node,type,distance_m,nearest\n');
    types.forEach((type, k) => {
      const typeBytes = Buffer.from(`,${type},`);
      const dist = job.dist.subarray(k * n, (k + 1) * n);
      const label = job.label.subarray(k * n, (k + 1) * n);
      const idsOfType = sourceIds[k];
      for (let i = 0; i < n; i++) {
        const v = rank[i];
        const d = dist[v];
        if (d === Infinity) continue;
        out.integer(ext[i]);
        out.bytes(typeBytes);
        out.fixed3(fromUnits(d));
        out.byte(44);
        out.integer(idsOfType[label[v]]);
        out.byte(10);
      }
    });
    out.close();
    write.done();
    ctx.stdout(JSON.stringify({ nodes: n, edges: input.from.length, load_ms: Math.round(loadMs), compute_ms: Math.round(computeMs), threads, compute_cpu_ms: Math.round((cpu.user + cpu.system) / 1000) }) + '\n');
    return 0;
  } finally {
    if (pool) await pool.close();
  }
}

/** Forward CSR under the new numbering, self loops dropped, weights in integer units, all shared. */
export function forwardGraph(input: EdgeListInput, rank: Int32Array): { offsets: Int32Array; targets: Int32Array; weights: Float64Array } {
  const n = input.nodeCount;
  const { from, to, lengthM } = input;
  const mIn = from.length;
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
  let m = 0;
  for (let e = 0; e < mIn; e++) {
    const a = from[e];
    if (a === to[e]) continue;
    offsets[rank[a] + 1]++;
    m++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] += offsets[v];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(new SharedArrayBuffer(4 * m));
  const weights = new Float64Array(new SharedArrayBuffer(8 * m));
  for (let e = 0; e < mIn; e++) {
    const a = from[e];
    const b = to[e];
    if (a === b) continue;
    const p = fill[rank[a]]++;
    targets[p] = rank[b];
    weights[p] = toUnits(lengthM[e]);
  }
  return { offsets, targets, weights };
}
