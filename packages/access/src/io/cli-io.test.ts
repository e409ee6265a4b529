import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { buildNetwork } from '../network/build.js';
import { nearestByDijkstra, searchGraph } from '../search/field.js';
import { readEdgeListFile, writeEdgeListFile } from './edgelist-file.js';
import { geodesicM } from './geodesy.js';
import { readOsm } from './osm.js';
import { readPointsGeoJson } from './points.js';

const ANDORRA = '/work/shared/data/osm/andorra.osm.pbf';
const dir = mkdtempSync(join(tmpdir(), 'cli-io-'));

function ctx() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, ctx: { stdout: (t: string) => void out.push(t), stderr: { write: (t: string) => err.push(t), isTTY: false } } };
}

describe('edge-list network file', () => {
  it('round-trips every array', async () => {
    const net = {
      nodeCount: 3,
      from: Int32Array.from([0, 1, 2]),
      to: Int32Array.from([1, 2, 0]),
      lengthM: Float64Array.from([1.5, 2.5, 3.25]),
      minutes: Float64Array.from([0.1, 0.2, 0.3]),
      lon: Float64Array.from([1, 2, 3]),
      lat: Float64Array.from([40, 41, 42]),
      externalIds: Float64Array.from([2 ** 40, 5, 7]),
    };
    const f = join(dir, 'n.bin');
    await writeEdgeListFile(f, net, { note: 'x' });
    const r = await readEdgeListFile(f);
    expect(r.network).toEqual(net);
    expect(r.meta).toEqual({ note: 'x' });
    writeFileSync(join(dir, 'cut.bin'), readFileSync(f).subarray(0, 100));
    await expect(readEdgeListFile(join(dir, 'cut.bin'))).rejects.toThrow(/cut\.bin: truncated/);
  });
});

describe('rsp access import-osm / compute', () => {
  it('imports Andorra to a network file and a points GeoJSON', async () => {
    if (!existsSync(ANDORRA)) {
      console.log(`skipping: ${ANDORRA} is absent`);
      return;
    }
    const c = ctx();
    const code = await main(['access', 'import-osm', ANDORRA, '--out', join(dir, 'a.bin'), '--points', join(dir, 'a.geojson')], c.ctx);
    expect(code).toBe(0);
    const { network } = await readEdgeListFile(join(dir, 'a.bin'));
    expect(network.nodeCount).toBeGreaterThan(20_000);
    const pts = await readPointsGeoJson(join(dir, 'a.geojson'));
    expect(pts.filter((p) => p.types.includes('fuel'))).toHaveLength(43);
    expect(JSON.parse(c.out.join('')).stats.poisByType.pharmacy).toBe(30);
  });

  it('exits 2 with one line naming the file for bad input', async () => {
    const bad = join(dir, 'bad.osm.pbf');
    writeFileSync(bad, Buffer.from([0, 0, 0, 9, 1, 2, 3]));
    const c = ctx();
    expect(await main(['access', 'import-osm', bad, '--out', join(dir, 'x.bin')], c.ctx)).toBe(2);
    expect(c.err.at(-1)).toMatch(/^rsp access import-osm: .*bad\.osm\.pbf: corrupt or truncated OSM PBF at byte offset 0 \(blob #0\).*\n$/);
    const g = join(dir, 'g.csv');
    writeFileSync(g, 'rutid,pop\n3940006133000,4\n0000006133000,1\n');
    const p = join(dir, 'p.csv');
    writeFileSync(p, 'id,type,lon,lat\n1,fuel,14,63\n');
    const net = join(dir, 'n2.bin');
    await writeEdgeListFile(net, { nodeCount: 2, from: Int32Array.from([0]), to: Int32Array.from([1]), lengthM: Float64Array.from([1]) });
    const c2 = ctx();
    expect(await main(['access', 'compute', '--net', net, '--grid', g, '--points', p, '--out-dir', join(dir, 'out')], c2.ctx)).toBe(2);
    expect(c2.err.at(-1)).toMatch(/g\.csv:3: square corner \(0, 6133000\) is outside Sweden/);
  });
});

describe('OSM network with the core search', () => {
  it('a supermarket snapped to the network is at distance 0 from itself', async () => {
    if (!existsSync(ANDORRA)) {
      console.log(`skipping: ${ANDORRA} is absent`);
      return;
    }
    const r = await readOsm(ANDORRA);
    const net = buildNetwork(r.network);
    // Nearest snappable node by a linear scan: the core's spatial snapping is not exported yet.
    const snap = (lon: number, lat: number) => {
      let best = -1;
      let bestD = Infinity;
      for (let v = 0; v < net.nodeCount; v++) {
        if (!net.snappable[v]) continue;
        const d = geodesicM(lon, lat, net.lon![v], net.lat![v]);
        if (d < bestD) {
          bestD = d;
          best = v;
        }
      }
      return { node: best, metres: bestD };
    };
    const markets = r.points.filter((p) => p.types.includes('grocery_full'));
    const snapped = markets.map((p) => snap(p.lon, p.lat));
    // One Andorran supermarket (node 4149383503) lies ~640 m from the nearest car road in this extract.
    expect(snapped.every((s) => s.node >= 0 && s.metres < 1000)).toBe(true);
    expect(snapped.filter((s) => s.metres < 200).length).toBeGreaterThanOrEqual(markets.length - 1);
    const seeds = { nodes: Int32Array.from(snapped.map((s) => s.node)), dist: new Float64Array(snapped.length), labels: Int32Array.from(snapped.map((_, i) => i)) };
    const field = nearestByDijkstra(searchGraph(net, 'toSeeds', 'distance'), seeds);
    for (const s of snapped) expect(field.dist[s.node]).toBe(0);
    // And most of the snappable network reaches some supermarket.
    let reached = 0;
    let snappable = 0;
    for (let v = 0; v < net.nodeCount; v++) {
      if (!net.snappable[v]) continue;
      snappable++;
      if (Number.isFinite(field.dist[v])) reached++;
    }
    expect(reached / snappable).toBeGreaterThan(0.99);
  });
});
