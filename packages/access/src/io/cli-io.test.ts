import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { buildNetwork } from '../network/build.js';
import { nearestByDijkstra, searchGraph } from '../search/field.js';
import { writeEdgeListFile, readEdgeListFile } from './edgelist-file.js';
import { loadNetwork, saveNetwork } from '../network/cache.js';
import { prepareNetwork } from '../network/prepared.js';
import { haversineM } from '../network/snap.js';
import { sweref99tmToWgs84 } from './grid.js';
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
    // import-osm writes the core's prepared network: it round-trips to what the core builds from the same OSM data.
    const loaded = loadNetwork(join(dir, 'a.bin'));
    const direct = buildNetwork((await readOsm(ANDORRA)).network);
    expect(loaded.network.nodeCount).toBeGreaterThan(20_000);
    expect(loaded.network.nodeCount).toBe(direct.nodeCount);
    expect(loaded.network.edgeCount).toBe(direct.edgeCount);
    expect(loaded.network.forward.length).toEqual(direct.forward.length);
    expect(loaded.network.externalIds).toEqual(direct.externalIds);
    expect(loaded.hierarchies.distance).toBeDefined();
    expect(loaded.hierarchies.time).toBeDefined();
    const pts = await readPointsGeoJson(join(dir, 'a.geojson'));
    expect(pts.filter((p) => p.types.includes('fuel'))).toHaveLength(43);
    expect(JSON.parse(c.out.join('')).stats.poisByType.pharmacy).toBe(30);

    // compute --net reads what import-osm wrote. Andorra is outside Sweden's grid, so these squares
    // (SWEREF 99 TM) snap a long way off: this checks the plumbing on real OSM data, not the values.
    const g = join(dir, 'a-grid.csv');
    writeFileSync(g, 'rutid,pop,pop_70plus,kommunkod\n3940006133000,40,7,1214\n3950006133000,3,1,1214\n');
    const c2 = ctx();
    expect(await main(['access', 'compute', '--net', join(dir, 'a.bin'), '--grid', g, '--points', join(dir, 'a.geojson'), '--out-dir', join(dir, 'a-out')], c2.ctx)).toBe(0);
    const summary = JSON.parse(c2.out.join(''));
    expect(summary.types).toEqual(['cash', 'fuel', 'grocery', 'grocery_full', 'parcel', 'pharmacy']);
    const sq = readFileSync(join(dir, 'a-out', 'squares.csv'), 'utf8').trim().split('\n');
    expect(sq).toHaveLength(3);
    expect(sq[2].split(',')[2]).toBe(''); // 3 people: suppressed
  }, 60_000);

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
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'not a network at all, just some bytes to fail on');
    const c3 = ctx();
    writeFileSync(g, 'rutid,pop\n3940006133000,4\n');
    expect(await main(['access', 'compute', '--net', junk, '--grid', g, '--points', p, '--out-dir', join(dir, 'out')], c3.ctx)).toBe(2);
    expect(c3.err.at(-1)).toMatch(/^rsp access compute: .*junk\.bin: not a usable prepared network file/);
    expect(c3.err.at(-1)!.trim().split('\n')).toHaveLength(1);
  });

  it('compute: a generated network, grid and points end to end (CSV and GeoJSON)', async () => {
    // A 30 × 30 road grid, 300 m spacing, in Stockholm (SWEREF 99 TM), two-way, 50 km/h.
    const W = 30, x0 = 674_000, y0 = 6_580_000, step = 300;
    const lon = new Float64Array(W * W), lat = new Float64Array(W * W);
    for (let j = 0; j < W; j++) for (let i = 0; i < W; i++) [lon[j * W + i], lat[j * W + i]] = sweref99tmToWgs84(x0 + i * step, y0 + j * step);
    const from: number[] = [], to: number[] = [], len: number[] = [];
    const link = (a: number, b: number) => {
      const d = haversineM(lon[a], lat[a], lon[b], lat[b]);
      from.push(a, b); to.push(b, a); len.push(d, d);
    };
    for (let j = 0; j < W; j++) for (let i = 0; i < W; i++) {
      if (i + 1 < W) link(j * W + i, j * W + i + 1);
      if (j + 1 < W) link(j * W + i, (j + 1) * W + i);
    }
    const input = { nodeCount: W * W, from: Int32Array.from(from), to: Int32Array.from(to), lengthM: Float64Array.from(len), minutes: Float64Array.from(len, (l) => (l / 1000 / 50) * 60), lon, lat };
    const netFile = join(dir, 'gen.bin');
    saveNetwork(netFile, prepareNetwork(input));
    // 8 × 8 squares of 1 km over the grid; small populations among them; two municipalities in two counties.
    let grid = 'x,y,pop,pop_70plus,kommunkod\n';
    let total = 0;
    const pops: number[] = [];
    for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) {
      const pop = (i * 7 + j * 3) % 11 === 0 ? 2 : 10 + ((i * 13 + j * 5) % 40);
      pops.push(pop);
      total += pop;
      grid += `${x0 + i * 1000},${y0 + j * 1000},${pop},${Math.floor(pop / 4)},${i < 4 ? '0180' : '0381'}\n`;
    }
    const gridFile = join(dir, 'gen-grid.csv');
    writeFileSync(gridFile, grid);
    const shops = [[1, 1, 'grocery'], [7, 6, 'grocery'], [4, 4, 'fuel;grocery'], [2, 7, 'pharmacy']] as const;
    let pts = 'id,name,type,lon,lat\n';
    const shopLonLat = shops.map(([i, j]) => sweref99tmToWgs84(x0 + i * 1000 + 120, y0 + j * 1000 + 80));
    shops.forEach(([, , t], k) => (pts += `s${k},Shop ${k},${t},${shopLonLat[k][0]},${shopLonLat[k][1]}\n`));
    const ptsFile = join(dir, 'gen-points.csv');
    writeFileSync(ptsFile, pts);

    const out = join(dir, 'gen-out');
    const c = ctx();
    expect(await main(['access', 'compute', '--net', netFile, '--grid', gridFile, '--points', ptsFile, '--out-dir', out, '--size', '1000'], c.ctx)).toBe(0);
    expect(c.err.join('')).toMatch(/nearest service per type/);
    const parse = (f: string) => {
      const [h, ...rows] = readFileSync(join(out, f), 'utf8').trim().split('\n');
      const cols = h.split(',');
      return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
    };
    const squares = parse('squares.csv');
    expect(squares).toHaveLength(64);
    squares.forEach((r, k) => {
      // Small counts are suppressed; a few more are, so that the municipality totals reveal nothing.
      if (pops[k] < 5) expect(r.population).toBe('');
      else expect(['', String(pops[k])]).toContain(r.population);
      // Network distance is never shorter than the straight line to the nearest grocery, and on a grid
      // at most √2 times it plus the access legs.
      const [i, j] = [k % 8, Math.floor(k / 8)];
      const [clon, clat] = sweref99tmToWgs84(x0 + i * 1000 + 500, y0 + j * 1000 + 500);
      const straight = Math.min(...shops.map((s, n) => (s[2].includes('grocery') ? haversineM(clon, clat, shopLonLat[n][0], shopLonLat[n][1]) : Infinity)));
      expect(Number(r.grocery_m)).toBeGreaterThanOrEqual(straight - 1);
      expect(Number(r.grocery_m)).toBeLessThanOrEqual(straight * Math.SQRT2 + 600);
      expect(['s0', 's1', 's2']).toContain(r.grocery_nearest);
      expect(Number(r.grocery_min)).toBeGreaterThan(0);
    });
    expect(squares.filter((r) => r.population !== '').length).toBeGreaterThan(50);
    const agg = parse('aggregates.csv');
    const nation = agg.find((r) => r.level === 'nation' && r.type === 'grocery')!;
    expect(Number(nation.population)).toBe(total);
    expect(agg.filter((r) => r.level === 'county' && r.type === 'fuel').map((r) => r.code)).toEqual(['01', '03']);
    expect(agg.filter((r) => r.level === 'municipality' && r.type === 'fuel').map((r) => r.code)).toEqual(['0180', '0381']);
    const bands = Object.keys(nation).filter((k) => /^pop_/.test(k));
    expect(bands).toEqual(['pop_0_2km', 'pop_2_5km', 'pop_5_10km', 'pop_10_20km', 'pop_20_infkm']);
    expect(bands.reduce((s, k) => s + Number(nation[k]), 0)).toBe(total);
    expect(Number(nation.transport_need_person_km)).toBeGreaterThan(0);
    const points = parse('points.csv');
    const served = points.filter((r) => r.type === 'grocery').reduce((s, r) => s + Number(r.served_population), 0);
    expect(served).toBe(total);

    const c2 = ctx();
    expect(await main(['access', 'compute', '--net', netFile, '--grid', gridFile, '--points', ptsFile, '--out-dir', out, '--size', '1000', '--format', 'geojson', '--suppress', '0'], c2.ctx)).toBe(0);
    const fc = JSON.parse(readFileSync(join(out, 'squares.geojson'), 'utf8'));
    expect(fc.features).toHaveLength(64);
    expect(fc.features[0].geometry.type).toBe('Polygon');
    expect(fc.features.map((f: { properties: { population: number } }) => f.properties.population)).toEqual(pops);
    expect(JSON.parse(readFileSync(join(out, 'aggregates.geojson'), 'utf8')).features.length).toBe(agg.length);
  }, 60_000);
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
