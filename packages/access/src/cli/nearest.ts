import { parseArgs, requireString } from './args.js';
import { readEdgeCsv, readSourceCsv, readCsvFile } from './csv.js';
import { CsvWriter } from './writer.js';
import { Progress } from './progress.js';
import { buildNetwork } from '../network/build.js';
import { fromUnits } from '../network/units.js';
import { nearestByDijkstra, searchGraph, type NearestField, type Seeds } from '../search/field.js';
import { NearestSearch } from '../search/dijkstra.js';
import type { CliContext } from '../cli.js';

/**
 * `rsp access nearest --edges E.csv --sources S.csv --out O.csv`: the generic verification mode.
 * Distances run from the sources along the directed edges, as scipy's dijkstra(indices=sources) does.
 * Ties between equally near sources go to the smallest source node id.
 */
export async function nearestCommand(args: string[], ctx: CliContext): Promise<number> {
  const opts = parseArgs(args, { edges: 'string', sources: 'string', out: 'string', quiet: 'boolean' });
  const edgesPath = requireString(opts, 'edges');
  const sourcesPath = requireString(opts, 'sources');
  const outPath = requireString(opts, 'out');
  const stream = opts.quiet ? null : ctx.stderr;

  const t0 = performance.now();
  const edgeBuf = readCsvFile(edgesPath);
  const sourceBuf = readCsvFile(sourcesPath);
  const load = new Progress('loading edges', 1, stream);
  const { input, ids } = readEdgeCsv(edgesPath, edgeBuf);
  const sources = readSourceCsv(sourcesPath, ids, sourceBuf);
  const net = buildNetwork(input, { skipStrongComponents: true });
  const loadMs = performance.now() - t0;
  load.done(`${net.nodeCount} nodes, ${net.edgeCount} edges`);

  const graph = searchGraph(net, 'fromSeeds', 'distance');
  const search = new NearestSearch(net.nodeCount);
  const fields: { type: string; field: NearestField; sourceIds: Float64Array }[] = [];
  const progress = new Progress('nearest sources', sources.types.length, stream);
  let computeMs = 0;
  for (const type of sources.types) {
    const inputNodes = sources.nodesByType.get(type)!;
    // Label = rank of the source id, so the lowest id wins a tie.
    const sourceIds = Float64Array.from(inputNodes.map((i) => input.externalIds![i])).sort();
    const seeds: Seeds = {
      nodes: Int32Array.from(sourceIds, (id) => net.nodeOfInput[ids.get(id)]),
      dist: new Float64Array(sourceIds.length),
      labels: Int32Array.from(sourceIds, (_, i) => i),
    };
    const t = performance.now();
    const field = nearestByDijkstra(graph, seeds, { search });
    computeMs += performance.now() - t;
    fields.push({ type, field, sourceIds });
    progress.tick(fields.length);
  }
  progress.done();

  const write = new Progress('writing results', 1, stream);
  const out = new CsvWriter(outPath);
  out.text('node,type,distance_m,nearest\n');
  const ext = input.externalIds!;
  for (const { type, field, sourceIds } of fields) {
    const typeBytes = Buffer.from(`,${type},`);
    for (let i = 0; i < input.nodeCount; i++) {
      const v = net.nodeOfInput[i];
      const d = field.dist[v];
      if (d === Infinity) continue;
      out.integer(ext[i]);
      out.bytes(typeBytes);
      out.fixed3(fromUnits(d));
      out.byte(44);
      out.integer(sourceIds[field.label[v]]);
      out.byte(10);
    }
  }
  out.close();
  write.done();
  ctx.stdout(JSON.stringify({ nodes: net.nodeCount, edges: input.from.length, load_ms: Math.round(loadMs), compute_ms: Math.round(computeMs) }) + '\n');
  return 0;
}
