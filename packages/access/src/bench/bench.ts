import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliContext } from '../cli.js';
import { parseArgs } from '../cli/args.js';
import { readEdgeCsv, readCsvFile } from '../cli/csv.js';
import { CsvWriter } from '../cli/writer.js';
import { Progress } from '../cli/progress.js';
import { buildNetwork } from '../network/build.js';
import { loadNetwork, saveNetwork } from '../network/cache.js';
import type { PreparedNetwork } from '../network/prepared.js';
import { Snapper } from '../network/snap.js';
import { fromUnits } from '../network/units.js';
import { buildHierarchy, phastNearest, PhastWorkspace } from '../search/phast.js';
import { nearestByDijkstra, searchGraph, type Seeds } from '../search/field.js';
import { NearestSearch } from '../search/dijkstra.js';
import { computeNearest } from '../analysis/nearest.js';
import { computeNearestParallel } from '../analysis/parallel.js';
import { prepareSquares, preparePoints, typesOf } from '../analysis/inputs.js';
import { ScenarioEngine } from '../analysis/scenario.js';
import { runScipy, scipyAvailable } from './scipy.js';
import { prng, syntheticCountry } from './synthetic.js';

/** Peak resident memory: the kernel's high-water mark when available, else sampled. */
class PeakMemory {
  private peak = 0;
  private timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 20);
    this.timer.unref();
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
      if (m) return Math.max(this.peak, Number(m[1]) * 1024);
    } catch {
      /* not Linux */
    }
    return this.peak;
  }
}

interface SizeResult {
  nodes: number;
  edges: number;
  points: number;
  squares: number;
  csvLoadMs: number;
  preprocessMs: number;
  core: number;
  binLoadMs: number;
  binBytes: number;
  phastMs: number;
  phastSecondMs: number;
  dijkstraMs: number;
  parallelMs: number | null;
  scipy: { loadMs: number; computeMs: number; maxDiffM: number; cliMaxDiffM: number | null } | string;
  /** `rsp access nearest` run as a child process on the same CSV files. */
  cli: { loadMs: number; computeMs: number; threads: number; outPath: string } | string;
  scenarioMedianMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

export async function benchCommand(args: string[], ctx: CliContext): Promise<number> {
  const opts = parseArgs(args, { sizes: 'string', 'no-scipy': 'boolean', 'no-parallel': 'boolean', core: 'string' });
  const sizes = String(opts.sizes ?? '250000,500000,1000000').split(',').map(Number);
  const coreFraction = Number(opts.core ?? 0.2);
  const scipyWhy = opts['no-scipy'] ? 'disabled by --no-scipy' : scipyAvailable();
  const mem = new PeakMemory();
  const out = (s: string) => ctx.stdout(s + '\n');
  const results: SizeResult[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'rsp-bench-'));
  try {
    for (const size of sizes) results.push(await benchSize(size, tmp, coreFraction, scipyWhy, !opts['no-parallel'], ctx));
    const andorra = await benchAndorra(tmp, coreFraction, ctx);
    const peak = mem.stop();
    printTable(out, results, andorra, peak, scipyWhy, coreFraction);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}

async function benchSize(size: number, tmp: string, coreFraction: number, scipyWhy: string | null, parallel: boolean, ctx: CliContext): Promise<SizeResult> {
  const say = (s: string) => ctx.stderr?.write(`[${(size / 1e6).toFixed(2)} M] ${s}\n`);
  say('generating the synthetic country');
  const country = syntheticCountry(size, 1);
  let input = country.edges;

  // The same graph and sources as CSV files, for the CSV-load figure and for scipy.
  let plain = buildNetwork(input, { renumber: false });
  const snapper = new Snapper(plain);
  const pts = preparePoints(plain, country.points, snapper);
  const types = typesOf(pts);
  const edgesCsv = join(tmp, `edges-${size}.csv`);
  const sourcesCsv = join(tmp, `sources-${size}.csv`);
  const w = new CsvWriter(edgesCsv);
  w.text('from,to,length_m\n');
  for (let e = 0; e < input.from.length; e++) {
    w.integer(input.from[e]);
    w.byte(44);
    w.integer(input.to[e]);
    w.byte(44);
    w.fixed3(input.lengthM[e]);
    w.byte(10);
  }
  w.close();
  const ws = new CsvWriter(sourcesCsv);
  ws.text('node,type\n');
  const sourceIds = new Map<string, number[]>();
  for (const t of types) sourceIds.set(t, []);
  for (let i = 0; i < pts.count; i++) {
    for (const t of pts.types[i]) {
      const id = plain.externalIds![pts.node[i]];
      sourceIds.get(t)!.push(id);
      ws.text(`${id},${t}\n`);
    }
  }
  ws.close();

  say('rsp access nearest (CLI, child process)');
  const cli = runCli(edgesCsv, sourcesCsv, join(tmp, `cli-out-${size}.csv`));

  say('loading the CSV edge list');
  let t = performance.now();
  let csvLoadMs: number;
  let edges: number;
  {
    // Block scope: the CSV copy of the graph is garbage as soon as it is timed.
    const csv = readEdgeCsv(edgesCsv, readCsvFile(edgesCsv));
    buildNetwork(csv.input, { skipStrongComponents: true });
    csvLoadMs = performance.now() - t;
    edges = csv.input.from.length;
  }

  say(`contracting (core ${coreFraction * 100} %)`);
  t = performance.now();
  let preprocessMs: number;
  const binPath = join(tmp, `net-${size}.bin`);
  {
    // Block scope: only the loaded copy stays alive, as in the app.
    const network = buildNetwork(input);
    const progress = new Progress(`[${(size / 1e6).toFixed(2)} M] hierarchy`, network.nodeCount, ctx.stderr);
    const hierarchy = buildHierarchy(network, 'distance', { coreFraction, onProgress: (d) => progress.tick(d) });
    progress.done();
    preprocessMs = performance.now() - t;
    saveNetwork(binPath, { network, hierarchies: { distance: hierarchy } });
  }
  (country as { edges?: unknown }).edges = undefined;
  const plainInputIndex = plain.inputIndex;
  plain = undefined as never;
  input = undefined as never;
  (globalThis as { gc?: () => void }).gc?.();
  const binBytes = statSync(binPath).size;
  t = performance.now();
  const loaded: PreparedNetwork = loadNetwork(binPath);
  const binLoadMs = performance.now() - t;

  // Seeds per type on the loaded network; direction fromSeeds = what scipy computes.
  const net = loaded.network;
  const seedsByType = new Map<string, Seeds>();
  for (const type of types) {
    const ids = [...new Set(sourceIds.get(type)!)].sort((a, b) => a - b);
    seedsByType.set(type, { nodes: Int32Array.from(ids, (id) => net.nodeOfInput[id]), dist: new Float64Array(ids.length), labels: Int32Array.from(ids, (_, i) => i) });
  }
  say('nearest, all types: PHAST');
  const h = loaded.hierarchies.distance!;
  const workspace = new PhastWorkspace(net.nodeCount);
  const ours = new Map<string, Float64Array>();
  phastNearest(h, 'fromSeeds', seedsByType.get(types[0])!, { workspace }); // warm-up (JIT), not timed
  t = performance.now();
  for (const type of types) ours.set(type, phastNearest(h, 'fromSeeds', seedsByType.get(type)!, { workspace }).dist);
  const phastMs = performance.now() - t;
  t = performance.now();
  for (const type of types) phastNearest(h, 'fromSeeds', seedsByType.get(type)!, { second: true });
  const phastSecondMs = performance.now() - t;
  say('nearest, all types: plain Dijkstra');
  const g = searchGraph(net, 'fromSeeds', 'distance');
  const search = new NearestSearch(net.nodeCount);
  let dijkstraDiff = 0;
  t = performance.now();
  // One field at a time, compared and dropped: six 1 M-node fields kept alive would raise the peak memory.
  let dijkstraMs = 0;
  for (const type of types) {
    t = performance.now();
    const dist = nearestByDijkstra(g, seedsByType.get(type)!, { search }).dist;
    dijkstraMs += performance.now() - t;
    const a = ours.get(type)!;
    for (let v = 0; v < a.length; v++) if (a[v] !== dist[v]) dijkstraDiff++;
  }
  if (dijkstraDiff > 0) throw new Error(`PHAST and Dijkstra disagree on ${dijkstraDiff} entries`);

  let parallelMs: number | null = null;
  if (parallel) {
    say('nearest, all types: worker threads');
    const pp = { ...pts, node: Int32Array.from(pts.node, (v) => net.nodeOfInput[plainInputIndex[v]]) };
    t = performance.now();
    await computeNearestParallel(loaded, pp, { direction: 'fromSeeds', metrics: ['distance'], second: false });
    parallelMs = performance.now() - t;
  }

  let scipy: SizeResult['scipy'] = scipyWhy ?? '';
  if (!scipyWhy) {
    say('scipy reference');
    const r = runScipy(tmp, edgesCsv, sourcesCsv);
    let maxDiffM = 0;
    r.types.forEach((type, k) => {
      const mine = ours.get(type)!;
      const ref = r.dist[k];
      for (let i = 0; i < r.ids.length; i++) {
        const v = net.nodeOfInput[r.ids[i]];
        const a = fromUnits(mine[v]);
        const b = ref[i];
        const d = a === Infinity && b === Infinity ? 0 : Math.abs(a - b);
        if (d > maxDiffM) maxDiffM = d;
      }
    });
    let cliMaxDiffM: number | null = null;
    if (typeof cli !== 'string') cliMaxDiffM = cliDifference(cli.outPath, r);
    scipy = { loadMs: r.loadMs, computeMs: r.computeMs, maxDiffM, cliMaxDiffM };
  }

  say('closure scenarios');
  const squares = prepareSquares(net, country.squares, new Snapper(net));
  const points = preparePoints(net, country.points, new Snapper(net));
  const base = computeNearest(loaded, points, { metrics: ['distance'] });
  const engine = new ScenarioEngine(loaded, points, squares, base);
  for (const type of types) engine.baselineRows(type);
  const rnd = prng(99);
  const times: number[] = [];
  for (let k = 0; k < 31; k++) {
    const p = Math.floor(rnd() * points.count);
    t = performance.now();
    engine.evaluate({ close: [p] });
    times.push(performance.now() - t);
  }
  return {
    nodes: net.nodeCount,
    edges,
    points: country.points.length,
    squares: squares.count,
    csvLoadMs,
    preprocessMs,
    core: h.coreCount,
    binLoadMs,
    binBytes,
    phastMs,
    phastSecondMs,
    dijkstraMs,
    parallelMs,
    scipy,
    cli,
    scenarioMedianMs: median(times.slice(1)),
  };
}

/** Runs `rsp access nearest` as a user would (its own process, all cores) and reads its JSON line. */
function runCli(edgesCsv: string, sourcesCsv: string, outPath: string): SizeResult['cli'] {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return 'skipped: run the bench from dist/';
  const cliJs = join(dirname(here), '..', 'cli.js');
  const r = spawnSync(process.execPath, [cliJs, 'access', 'nearest', '--edges', edgesCsv, '--sources', sourcesCsv, '--out', outPath, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return `failed: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`;
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { load_ms: number; compute_ms: number; threads: number };
  return { loadMs: j.load_ms, computeMs: j.compute_ms, threads: j.threads, outPath };
}

/** Largest |CLI − scipy| over every (node, type) either reports; a node only one of them reaches counts as Infinity. */
function cliDifference(outPath: string, ref: ReturnType<typeof runScipy>): number {
  let maxId = 0;
  for (const id of ref.ids) if (id > maxId) maxId = id;
  const indexOf = new Int32Array(maxId + 1).fill(-1);
  ref.ids.forEach((id, i) => (indexOf[id] = i));
  const typeIndex = new Map(ref.types.map((t, k) => [t, k]));
  const seen = ref.types.map(() => new Uint8Array(ref.ids.length));
  let worst = 0;
  // Streamed in 8 MB chunks and parsed byte by byte (no per-row strings): the output has a row per
  // (node, type) and must not raise the bench's peak memory. Rows come grouped by type.
  const fd = openSync(outPath, 'r');
  const chunk = Buffer.allocUnsafe(8 << 20);
  let fill = 0;
  let header = true;
  let k = -1;
  let typeBytes = Buffer.alloc(0);
  try {
    for (;;) {
      const got = readSync(fd, chunk, fill, chunk.length - fill, null);
      const end = fill + got;
      let p = 0;
      for (;;) {
        const nl = chunk.indexOf(10, p);
        if (nl < 0 || nl >= end) break;
        if (header) header = false;
        else {
          let q = p;
          let id = 0;
          while (chunk[q] !== 44) id = id * 10 + (chunk[q++] - 48);
          const t0 = ++q;
          while (chunk[q] !== 44) q++;
          if (k < 0 || chunk.compare(typeBytes, 0, typeBytes.length, t0, q) !== 0) {
            typeBytes = Buffer.from(chunk.subarray(t0, q));
            k = typeIndex.get(typeBytes.toString('latin1'))!;
          }
          q++;
          let mant = 0;
          let scale = 1;
          let frac = false;
          while (chunk[q] !== 44) {
            const c = chunk[q++];
            if (c === 46) frac = true;
            else {
              mant = mant * 10 + (c - 48);
              if (frac) scale *= 10;
            }
          }
          const i = indexOf[id];
          const d = Math.abs(mant / scale - ref.dist[k][i]);
          if (!(d <= worst)) worst = d;
          seen[k][i] = 1;
        }
        p = nl + 1;
      }
      chunk.copy(chunk, 0, p, end);
      fill = end - p;
      if (got === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  ref.types.forEach((_, k) => {
    for (let i = 0; i < ref.ids.length; i++) if (!seen[k][i] && ref.dist[k][i] !== Infinity) worst = Infinity;
  });
  rmSync(outPath, { force: true });
  return worst;
}

async function benchAndorra(tmp: string, coreFraction: number, ctx: CliContext): Promise<string> {
  const file = '/work/shared/data/osm/andorra.osm.pbf';
  try {
    statSync(file);
  } catch {
    return `skipped: ${file} not found`;
  }
  let osm: { readOsm: (f: string) => Promise<{ network: import('../network/contract.js').EdgeListInput; points: import('../network/contract.js').ServicePointInput[] }> };
  try {
    const path = './io/osm.js';
    osm = await import(`.${path}`);
  } catch (e) {
    return `skipped: io reader not available (${(e as Error).message.split('\n')[0]})`;
  }
  ctx.stderr?.write('[andorra] reading OSM\n');
  let t = performance.now();
  const r = await osm.readOsm(file);
  const readMs = performance.now() - t;
  t = performance.now();
  const network = buildNetwork(r.network);
  const h = buildHierarchy(network, 'distance', { coreFraction });
  const prepMs = performance.now() - t;
  const points = preparePoints(network, r.points);
  const prepared = { network, hierarchies: { distance: h } };
  t = performance.now();
  const a = computeNearest(prepared, points, { metrics: ['distance'], second: false });
  const phastMs = performance.now() - t;
  t = performance.now();
  const b = computeNearest(prepared, points, { metrics: ['distance'], second: false, engine: 'dijkstra' });
  const dijMs = performance.now() - t;
  let mismatch = 0;
  for (const [type, f] of a.fields.distance!) {
    const g = b.fields.distance!.get(type)!;
    for (let v = 0; v < f.dist.length; v++) if (f.dist[v] !== g.dist[v]) mismatch++;
  }
  void tmp;
  return `${network.nodeCount} nodes, ${network.edgeCount} edges, ${points.count} points; read ${readMs.toFixed(0)} ms, prepare ${prepMs.toFixed(0)} ms, nearest (all types) PHAST ${phastMs.toFixed(0)} ms vs Dijkstra ${dijMs.toFixed(0)} ms, ${mismatch} mismatches`;
}

function printTable(out: (s: string) => void, rs: SizeResult[], andorra: string, peak: number, scipyWhy: string | null, coreFraction: number): void {
  const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  out('');
  out(`## rsp access bench (core-CH with ${coreFraction * 100} % core + PHAST; single thread unless noted)`);
  out('');
  out('| size | nodes | edges | points | squares |');
  out('|---|---|---|---|---|');
  for (const r of rs) out(`| ${(r.nodes / 1e6).toFixed(2)} M | ${r.nodes} | ${r.edges} | ${r.points} | ${r.squares} |`);
  out('');
  out('| measure | ' + rs.map((r) => `${(r.nodes / 1e6).toFixed(2)} M`).join(' | ') + ' | target | result (largest size) |');
  out('|---|' + rs.map(() => '---|').join('') + '---|---|');
  const last = rs[rs.length - 1];
  const sc = (r: SizeResult) => (typeof r.scipy === 'string' ? null : r.scipy);
  const row = (name: string, vals: string[], target: string, result: string) => out(`| ${name} | ${vals.join(' | ')} | ${target} | ${result} |`);
  row('nearest, 6 types, PHAST (ms)', rs.map((r) => f(r.phastMs)), '≤ 0.5 × scipy compute', sc(last) ? `${pass(last.phastMs <= 0.5 * sc(last)!.computeMs)} (${(last.phastMs / sc(last)!.computeMs).toFixed(2)} × scipy)` : 'n/a (no scipy)');
  row('scipy dijkstra(min_only) compute (ms)', rs.map((r) => (sc(r) ? f(sc(r)!.computeMs) : '–')), 'reference', scipyWhy ?? '');
  row('nearest + second-nearest, PHAST (ms)', rs.map((r) => f(r.phastSecondMs)), 'info', '');
  row('nearest, 6 types, plain Dijkstra (ms)', rs.map((r) => f(r.dijkstraMs)), 'info (reference impl.)', '');
  row('nearest, 6 types, worker threads wall (ms)', rs.map((r) => (r.parallelMs === null ? '–' : f(r.parallelMs))), 'info (incl. worker start-up)', '');
  row('largest difference from scipy (m)', rs.map((r) => (sc(r) ? sc(r)!.maxDiffM.toExponential(2) : '–')), '≤ 0.5 m', sc(last) ? pass(rs.every((r) => sc(r)!.maxDiffM <= 0.5)) : 'n/a');
  row('load CSV edge list (ms)', rs.map((r) => f(r.csvLoadMs)), '≤ numpy loadtxt', sc(last) ? pass(last.csvLoadMs <= sc(last)!.loadMs) : 'n/a');
  row('numpy loadtxt (ms)', rs.map((r) => (sc(r) ? f(sc(r)!.loadMs) : '–')), 'reference', '');
  row('preprocessing: build + hierarchy, once, cached (ms)', rs.map((r) => f(r.preprocessMs)), 'reported, not in the 0.5× figure', `core ${last.core} nodes`);
  const cl = (r: SizeResult) => (typeof r.cli === 'string' ? null : r.cli);
  const cliWhy = typeof last.cli === 'string' ? last.cli : '';
  const ratio = cl(last) && sc(last) ? cl(last)!.computeMs / sc(last)!.computeMs : NaN;
  row(`rsp access nearest (CLI, plain Dijkstra, ${cl(last)?.threads ?? '?'} threads): compute_ms`, rs.map((r) => (cl(r) ? f(cl(r)!.computeMs) : '–')), '≤ 0.5 × scipy compute', cl(last) && sc(last) ? `${pass(ratio <= 0.5)} (${ratio.toFixed(2)} × scipy)` : cliWhy || 'n/a (no scipy)');
  row('rsp access nearest (CLI): load_ms (parse + renumber + CSR)', rs.map((r) => (cl(r) ? f(cl(r)!.loadMs) : '–')), '≤ numpy loadtxt', cl(last) && sc(last) ? `${pass(cl(last)!.loadMs <= sc(last)!.loadMs)} (${(cl(last)!.loadMs / sc(last)!.loadMs).toFixed(2)} × loadtxt)` : 'n/a');
  row('rsp access nearest (CLI): largest difference from scipy (m)', rs.map((r) => (sc(r) && sc(r)!.cliMaxDiffM !== null ? sc(r)!.cliMaxDiffM!.toExponential(2) : '–')), '≤ 0.5 m', sc(last) && sc(last)!.cliMaxDiffM !== null ? pass(rs.every((r) => (sc(r)?.cliMaxDiffM ?? 0) <= 0.5)) : 'n/a');
  row('load prepared binary network (ms)', rs.map((r) => f(r.binLoadMs)), '≤ 300 ms', pass(last.binLoadMs <= 300));
  row('prepared file size (MB)', rs.map((r) => f(r.binBytes / 1e6)), 'info', '');
  row('closure scenario, median of 30 (ms)', rs.map((r) => f(r.scenarioMedianMs)), '≤ 20 ms', pass(last.scenarioMedianMs <= 20));
  row('peak RSS, whole bench (MB)', rs.map(() => ''), '≤ 1 536 MB', `${pass(peak <= 1.5 * 1024 ** 3)} (${(peak / 1024 ** 2).toFixed(0)} MB)`);
  out('');
  out(`Andorra (OSM): ${andorra}`);
}
