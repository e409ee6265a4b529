/**
 * Handlers for `rsp access import-osm` and `rsp access compute`, registered in ../cli.ts.
 * Reader errors (bad or missing input files) become UsageError: one line naming the file (and line,
 * blob or feature), exit code 2.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { CliContext } from '../cli.js';
import { parseArgs, requireString } from '../cli/args.js';
import { UsageError } from '../cli/errors.js';
import { Progress } from '../cli/progress.js';
import type { ServicePointInput } from '../network/contract.js';
import { InputError } from './csv.js';
import { readEdgeListFile, writeEdgeListFile } from './edgelist-file.js';
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
    if (e instanceof InputError || e instanceof PbfFormatError || e instanceof OsmXmlError) throw new UsageError(e.message);
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
  await asUsage(() => writeEdgeListFile(out, r.network, { source: file, nodes, stats: r.stats }));
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
 * `compute`: reads and validates every input, then hands them to the core's analysis entry point.
 * The core API (snapping, per-square nearest, aggregates, suppression) lives outside io/; until it
 * exports `computeAccessibility` from ../index.js this command validates inputs and says what is missing.
 */
export async function computeCommand(args: string[], ctx: CliContext): Promise<number> {
  const o = parseArgs(args, { net: 'string', grid: 'string', points: 'string', 'out-dir': 'string', format: 'string', suppress: 'string', size: 'string', layer: 'string', metric: 'string' });
  const netFile = requireString(o, 'net');
  const gridFile = requireString(o, 'grid');
  const pointsFile = requireString(o, 'points');
  const outDir = requireString(o, 'out-dir');
  const format = (o.format ?? 'csv') as string;
  if (format !== 'csv' && format !== 'geojson') throw new UsageError(`--format must be csv or geojson, not "${format}"`);
  const suppress = o.suppress === undefined ? 5 : Number(o.suppress);
  if (!Number.isInteger(suppress) || suppress < 0) throw new UsageError(`--suppress must be a non-negative integer, not "${String(o.suppress)}"`);
  const size = o.size === undefined ? undefined : Number(o.size);
  if (size !== undefined && size !== 1000 && size !== 250) throw new UsageError('--size must be 1000 or 250');
  const metric = (o.metric ?? 'distance') as string;
  if (metric !== 'distance' && metric !== 'time') throw new UsageError('--metric must be distance or time');

  const { network } = await asUsage(() => readEdgeListFile(netFile));
  const grid = await asUsage(() => readGrid(gridFile, { size: size as 1000 | 250 | undefined, layer: typeof o.layer === 'string' ? o.layer : undefined }));
  for (const w of grid.warnings) ctx.stderr?.write(`warning: ${w}\n`);
  const points = await asUsage(() => readPoints(pointsFile));
  await asUsage(() => mkdir(outDir, { recursive: true }));

  const spec = '../index.js';
  let core: Record<string, unknown> = {};
  try {
    core = (await import(spec)) as Record<string, unknown>;
  } catch {
    // No index.ts yet: handled below.
  }
  const compute = core.computeAccessibility as
    | ((input: { network: typeof network; squares: typeof grid.squares; points: typeof points; outDir: string; format: string; suppress: number; metric: string; has70plus: boolean }, ctx: CliContext) => Promise<number>)
    | undefined;
  if (typeof compute !== 'function') {
    ctx.stderr?.write(
      `rsp access compute: inputs are valid (${network.nodeCount} nodes, ${grid.squares.length} squares of ${grid.size} m, ${points.length} service points), ` +
        `but the core's computeAccessibility (src/index.ts) is not available yet\n`,
    );
    return 1;
  }
  return compute({ network, squares: grid.squares, points, outDir, format, suppress, metric, has70plus: grid.has70plus }, ctx);
}
