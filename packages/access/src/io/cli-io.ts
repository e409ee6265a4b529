/**
 * Handlers for `rsp access import-osm` and `rsp access compute`, registered in ../cli.ts.
 * Reader errors (bad or missing input files) become UsageError: one line naming the file (and line,
 * blob or feature), exit code 2.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliContext } from '../cli.js';
import { parseArgs, requireString } from '../cli/args.js';
import { UsageError } from '../cli/errors.js';
import { Progress } from '../cli/progress.js';
import type { ServicePointInput } from '../network/contract.js';
import { InputError } from './csv.js';
import { readEdgeListFile } from './edgelist-file.js';
import { writeAccessOutputs } from './compute-output.js';
import { prepareNetwork, type PreparedNetwork } from '../network/prepared.js';
import { CacheError, loadNetwork, saveNetwork } from '../network/cache.js';
import { Snapper } from '../network/snap.js';
import { preparePoints, prepareSquares, typesOf } from '../analysis/inputs.js';
import { computeNearest, type NearestResults } from '../analysis/nearest.js';
import type { Metric } from '../search/field.js';
import { readGrid } from './grid.js';
import { readOsm } from './osm.js';
import { OsmXmlError } from './osm-xml.js';
import { PbfFormatError } from './pbf.js';
import { readPoints } from './points.js';

/** Turns reader and file-system errors into a one-line UsageError; anything else is a bug and propagates. */
export async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof InputError || e instanceof CacheError || e instanceof PbfFormatError || e instanceof OsmXmlError) throw new UsageError(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && typeof err.path === 'string') throw new UsageError(`${err.path}: ${err.code === 'ENOENT' ? 'no such file' : err.code}`);
    if (err instanceof Error && /^[^\n]+: (not an edge-list|truncated|corrupt|unsupported|missing)/.test(err.message)) throw new UsageError(err.message);
    throw e;
  }
}

export function pointsToGeoJson(points: ServicePointInput[]): string {
  const features = points.map((p) => ({
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    properties: { id: p.id, name: p.name, types: p.types, ...(p.attributes ?? {}) },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features }) + '\n';
}

export async function importOsmCommand(args: string[], ctx: CliContext): Promise<number> {
  // The OSM file is positional in the documented usage: `import-osm FILE.osm.pbf --out NET.bin`.
  const o = parseArgs(withPositionalFile(args), { out: 'string', points: 'string', nodes: 'string', file: 'string' });
  const file = typeof o.file === 'string' ? o.file : undefined;
  if (!file) throw new UsageError('missing OSM file (usage: rsp access import-osm FILE.osm.pbf --out NET.bin [--points POINTS.geojson] [--nodes all|junctions])');
  const out = requireString(o, 'out');
  const nodes = (o.nodes ?? 'all') as string;
  if (nodes !== 'all' && nodes !== 'junctions') throw new UsageError(`--nodes must be "all" or "junctions", not "${nodes}"`);
  const progress = new Progress(`reading ${file}`, 1000, ctx.stderr);
  const r = await asUsage(() => readOsm(file, { nodes, onProgress: (p) => progress.tick(Math.round(p.fraction * 1000)) }));
  progress.done(`${r.stats.graphNodes} nodes, ${r.stats.edges} edges, ${r.points.length} service points`);
  // The core's prepared network (graph + hierarchies), the file `compute --net` loads in well under a second.
  const prep = new Progress('preparing the network (renumbering, contraction hierarchies)', 1, ctx.stderr);
  const prepared = prepareNetwork(r.network);
  prep.done(`${prepared.network.nodeCount} nodes, ${prepared.network.edgeCount} edges, ${prepared.network.stats.snappableNodes} snappable`);
  await asUsage(async () => saveNetwork(out, prepared));
  if (typeof o.points === 'string') {
    const pf = o.points;
    await asUsage(() => writeFile(pf, pointsToGeoJson(r.points)));
  }
  ctx.stdout(JSON.stringify({ network: out, points: o.points ?? null, stats: r.stats }, null, 2) + '\n');
  return 0;
}

/** Splits `import-osm FILE --out X` so the positional file reaches parseArgs as --file. */
export function withPositionalFile(args: string[]): string[] {
  if (args.length > 0 && !args[0].startsWith('--')) return ['--file', args[0], ...args.slice(1)];
  return args;
}

/**
 * Reads a network written by `import-osm`: the core's prepared-network file, or (older files) the
 * interim edge-list format, prepared here in memory.
 */
export async function readNetworkFile(file: string): Promise<PreparedNetwork> {
  const head = await asUsage(async () => {
    const fh = await open(file, 'r');
    try {
      const b = Buffer.alloc(8);
      await fh.read(b, 0, 8, 0);
      return b.toString('latin1');
    } finally {
      await fh.close();
    }
  });
  if (head === 'RSPEDGE1') {
    const { network } = await asUsage(() => readEdgeListFile(file));
    return prepareNetwork(network);
  }
  return asUsage(async () => loadNetwork(file));
}

/**
 * `rsp access compute --net NET.bin --grid GRID.csv|.gpkg --points P.csv|.geojson --out-dir DIR
 * [--format csv|geojson] [--suppress 5] [--size 1000|250] [--layer T] [--metric distance|time]`:
 * per-square nearest distance (and time) per type, per-point dependency figures, and aggregates per
 * municipality, county and nation, with small counts suppressed. Distances are measured from the
 * square to the service (direction 'toSeeds'), access legs included.
 */
export async function computeCommand(args: string[], ctx: CliContext): Promise<number> {
  const o = parseArgs(args, { net: 'string', grid: 'string', points: 'string', 'out-dir': 'string', format: 'string', suppress: 'string', size: 'string', layer: 'string', metric: 'string' });
  const netFile = requireString(o, 'net');
  const gridFile = requireString(o, 'grid');
  const pointsFile = requireString(o, 'points');
  const outDir = requireString(o, 'out-dir');
  const format = (o.format ?? 'csv') as string;
  if (format !== 'csv' && format !== 'geojson') throw new UsageError(`--format must be csv or geojson, not "${format}"`);
  const threshold = o.suppress === undefined ? 5 : Number(o.suppress);
  if (!Number.isInteger(threshold) || threshold < 0) throw new UsageError(`--suppress must be a non-negative integer, not "${String(o.suppress)}"`);
  const size = o.size === undefined ? undefined : Number(o.size);
  if (size !== undefined && size !== 1000 && size !== 250) throw new UsageError('--size must be 1000 or 250');
  const metric = (o.metric ?? 'distance') as string;
  if (metric !== 'distance' && metric !== 'time') throw new UsageError('--metric must be distance or time');

  const load = new Progress(`loading ${netFile}`, 1, ctx.stderr);
  const prepared = await readNetworkFile(netFile);
  const net = prepared.network;
  load.done(`${net.nodeCount} nodes, ${net.edgeCount} edges`);
  if (metric === 'time' && !net.forward.time) throw new UsageError(`${netFile}: --metric time, but the network has no travel times`);
  const grid = await asUsage(() => readGrid(gridFile, { size: size as 1000 | 250 | undefined, layer: typeof o.layer === 'string' ? o.layer : undefined }));
  for (const w of grid.warnings) ctx.stderr?.write(`warning: ${w}\n`);
  const pointInputs = await asUsage(() => readPoints(pointsFile));
  await asUsage(() => mkdir(outDir, { recursive: true }));

  const snap = new Progress('snapping squares and points', 1, ctx.stderr);
  const snapper = new Snapper(net);
  const points = preparePoints(net, pointInputs, snapper);
  const squares = prepareSquares(net, grid.squares, snapper);
  let unsnapped = 0;
  for (let i = 0; i < squares.count; i++) if (squares.node[i] < 0) unsnapped++;
  snap.done(`${squares.count} squares, ${points.count} points${unsnapped ? `, ${unsnapped} squares not snapped` : ''}`);

  const types = typesOf(points);
  const metrics: Metric[] = net.forward.time ? ['distance', 'time'] : ['distance'];
  const progress = new Progress('nearest service per type', types.length * metrics.length, ctx.stderr);
  const results: NearestResults = { direction: 'toSeeds', accessSpeedKmh: 0, fields: {} };
  let done = 0;
  for (const m of metrics) {
    const map = new Map();
    for (const type of types) {
      // Second-nearest for distances: pointStats' "extra km if closed" needs it.
      const r = computeNearest(prepared, points, { types: [type], metrics: [m], second: m === 'distance' });
      results.accessSpeedKmh = r.accessSpeedKmh;
      map.set(type, r.fields[m]!.get(type)!);
      progress.tick(++done);
    }
    results.fields[m] = map;
  }
  progress.done();

  const write = new Progress(`writing ${format} to ${outDir}`, 1, ctx.stderr);
  const files = await asUsage(() => writeAccessOutputs({ outDir, format, threshold, grid: grid.squares, has70plus: grid.has70plus, squares, points, pointInputs, types, results }));
  write.done();
  ctx.stdout(JSON.stringify({ squares: squares.count, unsnappedSquares: unsnapped, points: points.count, types, metrics, suppress: threshold, files: files.map((f) => join(outDir, f)) }, null, 2) + '\n');
  return 0;
}
