import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { geodesicM, haversineM, vincentyM } from './geodesy.js';
import { readOsm, type OsmImportResult } from './osm.js';
import { classifyWay, parseDuration, parseMaxspeed, poiTypes } from './osm-tags.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../../test-fixtures');
const OSM_DIR = '/work/shared/data/osm';
const ANDORRA = join(OSM_DIR, 'andorra.osm.pbf');

function requireFile(path: string): boolean {
  if (existsSync(path)) return true;
  console.log(`skipping: ${path} is absent (shared open data not mounted)`);
  return false;
}

/** Edges as "fromId>toId" strings, for comparing networks independent of node numbering. */
function edgeSet(r: OsmImportResult): string[] {
  const n = r.network;
  const out: string[] = [];
  for (let e = 0; e < n.from.length; e++) out.push(`${n.externalIds![n.from[e]]}>${n.externalIds![n.to[e]]}`);
  return out.sort();
}

// ------------------------------------------------------------------------------------------------
// A minimal OSM PBF writer, test-only: it builds files the reader has never seen from known data.

class PbWriter {
  private b: number[] = [];
  varint(v: number): this {
    while (v >= 0x80) {
      this.b.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.b.push(v);
    return this;
  }
  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }
  uint(field: number, v: number): this {
    return this.key(field, 0).varint(v);
  }
  sint(field: number, v: number): this {
    return this.key(field, 0).varint(v >= 0 ? 2 * v : -2 * v - 1);
  }
  bytes(field: number, data: Uint8Array): this {
    this.key(field, 2).varint(data.length);
    for (const x of data) this.b.push(x);
    return this;
  }
  str(field: number, s: string): this {
    return this.bytes(field, new TextEncoder().encode(s));
  }
  packedUint(field: number, vs: number[]): this {
    const w = new PbWriter();
    for (const v of vs) w.varint(v);
    return this.bytes(field, w.done());
  }
  packedSint(field: number, vs: number[]): this {
    const w = new PbWriter();
    for (const v of vs) w.varint(v >= 0 ? 2 * v : -2 * v - 1);
    return this.bytes(field, w.done());
  }
  done(): Uint8Array {
    return Uint8Array.from(this.b);
  }
}

interface FixNode {
  id: number;
  lon: number;
  lat: number;
  tags?: Record<string, string>;
}
interface FixWay {
  id: number;
  refs: number[];
  tags: Record<string, string>;
}

function blob(type: string, payload: Uint8Array): Buffer {
  const b = new PbWriter().uint(2, payload.length).bytes(3, deflateSync(payload)).done();
  const h = new PbWriter().str(1, type).uint(3, b.length).done();
  const len = Buffer.alloc(4);
  len.writeUInt32BE(h.length);
  return Buffer.concat([len, h, b]);
}

/** Writes nodes as DenseNodes (delta-coded) and ways in a second block, with a non-default granularity. */
function writePbf(nodes: FixNode[], ways: FixWay[], relations: FixWay[] = []): Buffer {
  const header = new PbWriter().str(4, 'OsmSchema-V0.6').str(4, 'DenseNodes').str(16, 'osm.test.ts').done();
  const granularity = 1000;
  const latOffset = 50_000_000_000; // 50°: exercises lat_offset
  const lonOffset = 0;
  const strings = [''];
  const sid = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const ids: number[] = [];
  const lats: number[] = [];
  const lons: number[] = [];
  const kv: number[] = [];
  let pid = 0;
  let plat = 0;
  let plon = 0;
  for (const n of nodes) {
    const lat = Math.round((n.lat * 1e9 - latOffset) / granularity);
    const lon = Math.round((n.lon * 1e9 - lonOffset) / granularity);
    ids.push(n.id - pid);
    lats.push(lat - plat);
    lons.push(lon - plon);
    pid = n.id;
    plat = lat;
    plon = lon;
    for (const [k, v] of Object.entries(n.tags ?? {})) kv.push(sid(k), sid(v));
    kv.push(0);
  }
  const dense = new PbWriter().packedSint(1, ids).packedSint(8, lats).packedSint(9, lons).packedUint(10, kv).done();
  const wayMsgs = ways.map((w) => {
    const refs: number[] = [];
    let prev = 0;
    for (const r of w.refs) {
      refs.push(r - prev);
      prev = r;
    }
    return new PbWriter()
      .uint(1, w.id)
      .packedUint(2, Object.keys(w.tags).map(sid))
      .packedUint(3, Object.values(w.tags).map(sid))
      .packedSint(8, refs)
      .done();
  });
  const relMsgs = relations.map((r) =>
    new PbWriter().uint(1, r.id).packedUint(2, Object.keys(r.tags).map(sid)).packedUint(3, Object.values(r.tags).map(sid)).done(),
  );
  const block = (groups: Uint8Array[]) => {
    const st = new PbWriter();
    for (const s of strings) st.str(1, s);
    const w = new PbWriter().bytes(1, st.done());
    for (const g of groups) w.bytes(2, g);
    return w.uint(17, granularity).uint(19, latOffset).done();
  };
  const nodeGroup = new PbWriter().bytes(2, dense).done();
  const wayGroup = new PbWriter();
  for (const m of wayMsgs) wayGroup.bytes(3, m);
  const relGroup = new PbWriter();
  for (const m of relMsgs) relGroup.bytes(4, m);
  // Build blocks after all strings are interned (the way/relation messages above did that).
  return Buffer.concat([blob('OSMHeader', header), blob('OSMData', block([nodeGroup])), blob('OSMData', block([wayGroup.done(), relGroup.done()]))]);
}

/** The same data as test-fixtures/tiny.osm, as objects. */
function tinyFixture(): { nodes: FixNode[]; ways: FixWay[]; relations: FixWay[] } {
  const xml = readFileSync(join(FIXTURES, 'tiny.osm'), 'utf8');
  // Deliberately not using the reader under test: a regex pass over this one hand-written file.
  const nodes: FixNode[] = [];
  for (const m of xml.matchAll(/<node id="(\d+)" lat="([\d.]+)" lon="([\d.]+)"[^>]*?(\/>|>([\s\S]*?)<\/node>)/g)) {
    const tags: Record<string, string> = {};
    for (const t of (m[5] ?? '').matchAll(/<tag k=["']([^"']+)["'] v=["']([^"']*)["']\/>/g)) tags[t[1]] = decode(t[2]);
    nodes.push({ id: Number(m[1]), lat: Number(m[2]), lon: Number(m[3]), tags });
  }
  const parseBody = (body: string) => {
    const tags: Record<string, string> = {};
    for (const t of body.matchAll(/<tag k="([^"]+)" v="([^"]*)"\/>/g)) tags[t[1]] = decode(t[2]);
    return { refs: [...body.matchAll(/<nd ref="(\d+)"\/>/g)].map((x) => Number(x[1])), tags };
  };
  const ways = [...xml.matchAll(/<way id="(\d+)">([\s\S]*?)<\/way>/g)].map((m) => ({ id: Number(m[1]), ...parseBody(m[2]) }));
  const relations = [...xml.matchAll(/<relation id="(\d+)">([\s\S]*?)<\/relation>/g)].map((m) => ({ id: Number(m[1]), ...parseBody(m[2]) }));
  return { nodes, ways, relations };
}

function decode(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<');
}

// ------------------------------------------------------------------------------------------------

describe('OSM tag rules', () => {
  it('parses maxspeed values', () => {
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed('50 mph')).toBeCloseTo(80.47, 1);
    expect(parseMaxspeed('SE:rural')).toBe(70);
    expect(parseMaxspeed('SE:urban')).toBe(50);
    expect(parseMaxspeed('SE:motorway')).toBe(110);
    expect(parseMaxspeed('none')).toBeUndefined();
    expect(parseMaxspeed('walk')).toBe(7);
    expect(parseMaxspeed('70;50')).toBe(50);
    expect(parseMaxspeed('signals')).toBeUndefined();
  });

  it('decides car access and one-way direction', () => {
    expect(classifyWay({ highway: 'footway' })).toEqual({ usable: false, reason: 'highway_footway' });
    expect(classifyWay({ highway: 'residential', access: 'private' })).toMatchObject({ usable: false });
    expect(classifyWay({ highway: 'residential', access: 'no', motorcar: 'yes' })).toMatchObject({ usable: true });
    expect(classifyWay({ highway: 'residential', motor_vehicle: 'no' })).toMatchObject({ usable: false });
    expect(classifyWay({ highway: 'primary', motorcar: 'no' })).toMatchObject({ usable: false });
    expect(classifyWay({ highway: 'residential', access: 'destination' })).toMatchObject({ usable: true });
    expect(classifyWay({ highway: 'motorway' })).toMatchObject({ oneway: 1, speedKmh: 110 });
    expect(classifyWay({ highway: 'motorway', oneway: 'no' })).toMatchObject({ oneway: 0 });
    expect(classifyWay({ highway: 'tertiary', junction: 'roundabout' })).toMatchObject({ oneway: 1 });
    expect(classifyWay({ highway: 'tertiary', junction: 'circular', oneway: 'no' })).toMatchObject({ oneway: 0 });
    expect(classifyWay({ highway: 'tertiary', oneway: 'reverse' })).toMatchObject({ oneway: -1 });
    expect(classifyWay({ highway: 'tertiary', oneway: 'true' })).toMatchObject({ oneway: 1 });
    expect(classifyWay({ highway: 'track' })).toMatchObject({ usable: false, reason: 'track_not_for_cars' });
    expect(classifyWay({ highway: 'track', tracktype: 'grade2' })).toMatchObject({ usable: true, speedKmh: 20 });
    expect(classifyWay({ highway: 'construction' })).toMatchObject({ usable: false });
    expect(classifyWay({ highway: 'residential', maxspeed: 'SE:urban' })).toMatchObject({ speedKmh: 50 });
    expect(classifyWay({ route: 'ferry', motor_vehicle: 'yes', duration: '00:30' })).toMatchObject({ usable: true, durationMin: 30 });
    expect(classifyWay({ route: 'ferry', foot: 'yes' })).toMatchObject({ usable: false });
    expect(parseDuration('1:15')).toBe(75);
    expect(parseDuration('PT1H30M')).toBe(90);
  });

  it('maps POI tags to service types', () => {
    expect(poiTypes({ shop: 'supermarket' })).toEqual(['grocery_full', 'grocery']);
    expect(poiTypes({ shop: 'convenience' })).toEqual(['grocery']);
    expect(poiTypes({ amenity: 'fuel' })).toEqual(['fuel']);
    expect(poiTypes({ healthcare: 'pharmacy' })).toEqual(['pharmacy']);
    expect(poiTypes({ amenity: 'bank', atm: 'yes' })).toEqual(['cash']);
    expect(poiTypes({ amenity: 'parcel_locker' })).toEqual(['parcel']);
    expect(poiTypes({ amenity: 'vending_machine', vending: 'parcel_pickup;parcel_mail_in' })).toEqual(['parcel']);
    expect(poiTypes({ shop: 'supermarket', post_office: 'post_partner' })).toEqual(['grocery_full', 'grocery', 'parcel']);
    expect(poiTypes({ amenity: 'post_box' })).toEqual([]);
    expect(poiTypes({ shop: 'greengrocer' })).toEqual([]);
  });
});

describe('geodesy', () => {
  it('agrees with Vincenty and differs from the sphere by the expected ellipsoid effect', () => {
    // 1 km east-west and north-south at Swedish latitudes.
    for (const lat of [55.5, 59.3, 67.8]) {
      const dLon = 1000 / (111_320 * Math.cos((lat * Math.PI) / 180));
      const ew = geodesicM(15, lat, 15 + dLon, lat);
      expect(Math.abs(ew - vincentyM(15, lat, 15 + dLon, lat))).toBeLessThan(0.001);
      const ns = geodesicM(15, lat, 15, lat + 0.009);
      expect(Math.abs(ns - vincentyM(15, lat, 15, lat + 0.009))).toBeLessThan(0.001);
      expect(Math.abs(ns / haversineM(15, lat, 15, lat + 0.009) - 1)).toBeLessThan(0.005);
    }
    // Long segments take the Vincenty path: Stockholm–Kiruna ≈ 1 046 km (reference value from Vincenty on GRS80).
    expect(geodesicM(18.0686, 59.3293, 20.2253, 67.8558) / 1000).toBeCloseTo(vincentyM(18.0686, 59.3293, 20.2253, 67.8558) / 1000, 6);
  });
});

describe('OSM XML reader on the hand-made fixture', () => {
  const file = join(FIXTURES, 'tiny.osm');

  it('builds the expected car network', async () => {
    const r = await readOsm(file);
    const edges = edgeSet(r);
    expect(edges).toEqual(
      [
        '1>2', '2>1', '2>3', '3>2', // residential, two-way
        '3>4', // primary oneway=yes
        '5>4', // tertiary oneway=-1
        '5>6', '6>7', '7>5', // roundabout: implied one-way
        '7>10', '10>7', // service access=private but motor_vehicle=yes
        '10>11', // motorway: implied one-way
        '11>12', '12>11', // motorway oneway=no
        '13>14', '14>13', // track grade1
        '14>15', '15>14', // residential maxspeed SE:urban
      ].sort(),
    );
    expect(r.stats.skipped).toMatchObject({ 'way:access_denied': 1, 'way:highway_footway': 1, 'way:track_not_for_cars': 1, 'poi:relation_not_supported': 1 });
    expect(r.stats.roadWays).toBe(9);
    expect(r.network.nodeCount).toBe(13);
    // Speeds: maxspeed SE:urban → 50 km/h; 0.002° of longitude at 59.009° ≈ 115 m.
    const n = r.network;
    const e = [...n.from.keys()].find((i) => n.externalIds![n.from[i]] === 14 && n.externalIds![n.to[i]] === 15)!;
    expect(n.minutes![e]).toBeCloseTo((n.lengthM[e] / 1000 / 50) * 60, 9);
    expect(n.lengthM[e]).toBeCloseTo(geodesicM(13.002, 59.009, 13.004, 59.009), 6);
  });

  it('finds POIs on nodes and ways, decoding XML entities', async () => {
    const r = await readOsm(file);
    const byId = new Map(r.points.map((p) => [p.id, p]));
    expect(byId.get('node/20')).toMatchObject({ name: 'Åke & Söner "Livs"', types: ['grocery_full', 'grocery'] });
    expect(byId.get('node/26')).toMatchObject({ name: 'Macken > allt', types: ['grocery'] });
    expect(byId.get('node/25')!.types).toEqual(['cash']);
    const fuel = byId.get('way/30')!;
    expect(fuel.types).toEqual(['fuel']);
    expect(fuel.lon).toBeCloseTo(13.0055, 9);
    expect(fuel.lat).toBeCloseTo(59.0025, 9);
    expect(r.stats.poisByType).toEqual({ grocery_full: 1, grocery: 2, fuel: 1, pharmacy: 0, parcel: 0, cash: 1 });
    expect(r.stats.poiElements).toEqual({ nodes: 3, ways: 1 });
  });

  it('junction mode keeps the same total length and drops only shape points', async () => {
    const all = await readOsm(file);
    const j = await readOsm(file, { nodes: 'junctions' });
    expect(j.stats.totalLengthKm).toBeCloseTo(all.stats.totalLengthKm, 9);
    // Node 2 is also on the private way 14, but only car-usable ways make junctions: it is a shape point.
    expect(edgeSet(j)).toContain('1>3');
    expect(edgeSet(j)).not.toContain('1>2');
    // The roundabout stays a cycle (split at a middle node) instead of collapsing to a self-loop.
    expect(j.stats.skipped['segment:self_loop']).toBeUndefined();
  });

  it('reports a truncated XML file with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osmxml-'));
    const text = readFileSync(file, 'utf8');
    const cut = join(dir, 'cut.osm');
    writeFileSync(cut, text.slice(0, text.indexOf('<way id="13">') + 40));
    await expect(readOsm(cut)).rejects.toThrow(/cut\.osm:\d+: .*(never closed|unterminated)/);
  });
});

describe('OSM PBF reader', () => {
  it('reads a PBF built from the same data as the XML fixture into the same network', async () => {
    const { nodes, ways, relations } = tinyFixture();
    expect(nodes.length).toBe(22);
    const dir = mkdtempSync(join(tmpdir(), 'osmpbf-'));
    const pbf = join(dir, 'tiny.osm.pbf');
    writeFileSync(pbf, writePbf(nodes, ways, relations));
    const fromPbf = await readOsm(pbf);
    const fromXml = await readOsm(join(FIXTURES, 'tiny.osm'));
    expect(edgeSet(fromPbf)).toEqual(edgeSet(fromXml));
    expect(fromPbf.points.map((p) => [p.id, p.name, p.types.join()]).sort()).toEqual(fromXml.points.map((p) => [p.id, p.name, p.types.join()]).sort());
    expect(fromPbf.stats.skipped).toEqual(fromXml.stats.skipped);
    expect(fromPbf.stats.nodesRead).toBe(22);
    for (let i = 0; i < fromPbf.network.nodeCount; i++) {
      const id = fromPbf.network.externalIds![i];
      const n = nodes.find((x) => x.id === id)!;
      // granularity 1000 nanodegrees = 1e-6°: coordinates are rounded to that.
      expect(fromPbf.network.lon![i]).toBeCloseTo(n.lon, 6);
      expect(fromPbf.network.lat![i]).toBeCloseTo(n.lat, 6);
    }
  });

  it('rejects a truncated PBF with file, byte offset and blob number', async () => {
    if (!requireFile(ANDORRA)) return;
    const dir = mkdtempSync(join(tmpdir(), 'osmpbf-'));
    const bytes = readFileSync(ANDORRA);
    const cut = join(dir, 'andorra-cut.osm.pbf');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const err = await readOsm(cut).then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/andorra-cut\.osm\.pbf: corrupt or truncated OSM PBF at byte offset \d+ \(blob #\d+\): .*past end of file/);
    expect(err!.message.split('\n')).toHaveLength(1);
  });

  it('rejects corrupted compressed data clearly', async () => {
    if (!requireFile(ANDORRA)) return;
    const dir = mkdtempSync(join(tmpdir(), 'osmpbf-'));
    const bytes = Buffer.from(readFileSync(ANDORRA));
    // Scribble over compressed data a third into the file (inside some blob's zlib stream).
    const mid = Math.floor(bytes.length / 3);
    for (let i = 0; i < 64; i++) bytes[mid + i] ^= 0x5a;
    const bad = join(dir, 'andorra-bad.osm.pbf');
    writeFileSync(bad, bytes);
    await expect(readOsm(bad)).rejects.toThrow(/andorra-bad\.osm\.pbf: corrupt or truncated OSM PBF at byte offset \d+ \(blob #\d+\)/);
  });

  it('rejects a file that is not PBF', async () => {
    await expect(readOsm(join(FIXTURES, 'tiny.osm'), { format: 'pbf' })).rejects.toThrow(/tiny\.osm: corrupt or truncated OSM PBF at byte offset 0 \(blob #0\)/);
  });
});

describe('real extracts', () => {
  it('imports Andorra quickly with plausible network and POI counts', async () => {
    if (!requireFile(ANDORRA)) return;
    const t0 = performance.now();
    let lastFraction = 0;
    const r = await readOsm(ANDORRA, { onProgress: (p) => (lastFraction = p.fraction) });
    const ms = performance.now() - t0;
    console.log(`andorra: ${ms.toFixed(0)} ms, ${r.network.nodeCount} nodes, ${r.stats.edges} edges, ${r.stats.totalLengthKm.toFixed(1)} km, POIs ${JSON.stringify(r.stats.poisByType)}`);
    expect(ms).toBeLessThan(2000);
    expect(lastFraction).toBe(1);
    const s = r.stats;
    expect(s.nodesRead).toBeGreaterThan(230_000);
    expect(s.nodesRead).toBeLessThan(240_000);
    expect(s.roadWays).toBeGreaterThan(2000);
    expect(r.network.nodeCount).toBeGreaterThan(20_000);
    expect(s.edges).toBeGreaterThan(2 * r.network.nodeCount * 0.8);
    expect(s.onewayWays).toBeGreaterThan(100);
    expect(s.totalLengthKm).toBeGreaterThan(300);

    // Every edge is one segment in 'all' mode: its length is the endpoints' distance (ellipsoid vs
    // sphere differ by < 0.5 %), and > 0.
    const n = r.network;
    let oneways = 0;
    const pairs = new Set<string>();
    for (let e = 0; e < n.from.length; e++) pairs.add(`${n.from[e]},${n.to[e]}`);
    const bad: string[] = [];
    for (let e = 0; e < n.from.length; e++) {
      const a = n.from[e];
      const b = n.to[e];
      const h = haversineM(n.lon![a], n.lat![a], n.lon![b], n.lat![b]);
      if (!(n.lengthM[e] > 0) || !(n.minutes![e] > 0) || Math.abs(n.lengthM[e] - h) > 0.005 * h + 0.011) {
        bad.push(`edge ${e}: ${n.lengthM[e]} m vs haversine ${h} m, ${n.minutes![e]} min`);
      }
      if (!pairs.has(`${b},${a}`)) oneways++;
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(oneways).toBeGreaterThan(500);

    // The data README counts tags on nodes and ways: fuel 43, supermarket 41, pharmacy 30, atm 13,
    // convenience 6, post_office 4.
    const withTag = (k: string, v: string) => r.points.filter((p) => p.attributes?.[k] === v).length;
    expect(withTag('amenity', 'fuel')).toBe(43);
    expect(withTag('shop', 'supermarket')).toBe(41);
    expect(withTag('amenity', 'pharmacy')).toBe(30);
    expect(withTag('amenity', 'atm')).toBe(13);
    expect(withTag('shop', 'convenience')).toBe(6);
    expect(withTag('amenity', 'post_office')).toBe(4);
    expect(s.poisByType.fuel).toBe(43);
    expect(s.poisByType.grocery_full).toBe(41);
    expect(s.poisByType.grocery).toBe(41 + 6);
    expect(s.poisByType.pharmacy).toBe(30);
    expect(s.poisByType.parcel).toBe(4);
    // cash = 13 ATMs + banks (and others) tagged atm=yes.
    expect(s.poisByType.cash).toBe(13 + r.points.filter((p) => p.attributes?.atm === 'yes' && p.attributes?.amenity !== 'atm').length);
    expect(s.poiElements.nodes + s.poiElements.ways).toBe(r.points.length);
  });

  it('junction mode on Andorra: same length, far fewer nodes', async () => {
    if (!requireFile(ANDORRA)) return;
    const all = await readOsm(ANDORRA, { points: false });
    const j = await readOsm(ANDORRA, { nodes: 'junctions', points: false });
    expect(j.stats.totalLengthKm).toBeCloseTo(all.stats.totalLengthKm, 6);
    expect(j.network.nodeCount).toBeLessThan(all.network.nodeCount / 4);
    expect(all.points).toHaveLength(0);
  });

  for (const name of ['stockholm', 'monaco']) {
    it(`parses ${name}.osm.pbf`, async () => {
      const f = join(OSM_DIR, `${name}.osm.pbf`);
      if (!requireFile(f)) return;
      const r = await readOsm(f);
      expect(r.stats.roadWays).toBeGreaterThan(10);
      expect(r.network.nodeCount).toBeGreaterThan(50);
      for (let e = 0; e < r.network.from.length; e++) expect(r.network.lengthM[e]).toBeGreaterThan(0);
      expect(r.points.length).toBeGreaterThan(0);
    });
  }
});
