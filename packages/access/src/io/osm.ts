/**
 * OSM (.osm.pbf, .osm, .osm.gz) → car road graph (EdgeListInput) + service points.
 *
 * Two passes, so memory is bounded by what the network needs rather than by the file:
 *  1. Ways and tagged nodes: keep the node refs of car-usable ways and of POI ways (8 bytes per ref),
 *     a few numbers per car way, and the POIs found on nodes. Untagged nodes are decoded and dropped.
 *  2. Node coordinates, only for the ids collected in pass 1 (sorted unique Float64Array + two
 *     Float64Arrays, 24 bytes per needed node). For PBF, pass 2 re-reads only the blobs that held nodes.
 * Peak memory ≈ 8 B × (car-way refs) × 2 (sort copy) + 24 B × (distinct needed nodes) + output arrays
 * + one decompressed blob (≤ 32 MiB). Independent of the number of nodes in the file.
 */
import { stat } from 'node:fs/promises';
import type { EdgeListInput, ServicePointInput, ServiceType } from '../network/contract.js';
import { SERVICE_TYPES } from '../network/contract.js';
import { geodesicM } from './geodesy.js';
import { readOsmXml } from './osm-xml.js';
import { classifyWay, poiTypes, POI_ATTRIBUTE_KEYS } from './osm-tags.js';
import { decodeHeaderBlock, decodePrimitiveBlock, readBlobs, type PrimitiveHandler, type Tags } from './pbf.js';

export interface OsmProgress {
  /** 0..1 over both passes. */
  fraction: number;
  phase: 'ways' | 'nodes';
  bytes: number;
  totalBytes: number;
}

export interface OsmReadOptions {
  /**
   * 'all' (default): every node of a car way is a graph node, so populated squares snap to the road
   * where they are, not to the next junction (which can be km away on a rural road).
   * 'junctions': split ways only at nodes shared by several ways (or repeated in one) and at way ends;
   * shape points are dropped from the graph but their length stays in the edge. ~3–5× smaller graph.
   */
  nodes?: 'all' | 'junctions';
  /** Read POIs as service points (default true). */
  points?: boolean;
  onProgress?: (p: OsmProgress) => void;
  /** Override format detection by file name. */
  format?: 'pbf' | 'xml';
}

export interface OsmImportStats {
  nodesRead: number;
  waysRead: number;
  relationsRead: number;
  /** Ways accepted as car roads (incl. car ferries). */
  roadWays: number;
  /** Directed edges. */
  edges: number;
  graphNodes: number;
  /** Oneway ways among roadWays. */
  onewayWays: number;
  /** Service points per type (a point with several types counts in each). */
  poisByType: Record<ServiceType, number>;
  /** POIs found on nodes and on ways. */
  poiElements: { nodes: number; ways: number };
  /** Why ways, nodes, segments or POIs were left out (reason → count). */
  skipped: Record<string, number>;
  /** Segments between distinct nodes at identical coordinates, given MIN_EDGE_LENGTH_M. */
  zeroLengthSegments: number;
  totalLengthKm: number;
  elapsedMs: number;
}

export interface OsmImportResult {
  network: EdgeListInput;
  points: ServicePointInput[];
  stats: OsmImportStats;
}

/**
 * Distinct nodes at the same position (common at mapping errors and bridges' ends) would give 0 m edges;
 * 1 cm keeps every edge positive without changing any distance that matters.
 */
export const MIN_EDGE_LENGTH_M = 0.01;

class Growable<T extends Float64Array | Int32Array | Float32Array | Int8Array> {
  arr: T;
  length = 0;
  constructor(private readonly make: (n: number) => T, initial = 1024) {
    this.arr = make(initial);
  }
  push(v: number): void {
    if (this.length === this.arr.length) {
      const next = this.make(this.arr.length * 2);
      next.set(this.arr);
      this.arr = next;
    }
    this.arr[this.length++] = v;
  }
  /** A right-sized copy; the growth buffer is released with this object. */
  trimmed(): T {
    return this.arr.slice(0, this.length) as T;
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const f32 = (n: number) => new Float32Array(n);
const i8 = (n: number) => new Int8Array(n);

function detectFormat(file: string): 'pbf' | 'xml' {
  const f = file.toLowerCase();
  if (f.endsWith('.pbf')) return 'pbf';
  if (f.endsWith('.osm') || f.endsWith('.xml') || f.endsWith('.osm.gz') || f.endsWith('.xml.gz')) return 'xml';
  throw new Error(`${file}: unknown OSM file type (expected .osm.pbf, .osm or .osm.gz)`);
}

function bump(rec: Record<string, number>, k: string, n = 1): void {
  rec[k] = (rec[k] ?? 0) + n;
}

function pointFromTags(kind: 'node' | 'way', id: number, tags: Tags, types: ServiceType[], lon: number, lat: number): ServicePointInput {
  const attributes: Record<string, string | number | boolean> = { source: 'osm', osm_type: kind, osm_id: id };
  for (const k of POI_ATTRIBUTE_KEYS) if (tags[k] !== undefined) attributes[k] = tags[k];
  return { id: `${kind}/${id}`, name: tags.name ?? tags.brand ?? '', types, lon, lat, attributes };
}

/** Index of `id` in the sorted array, or -1. `hint` speeds up ascending lookups (files sorted by id). */
function findSorted(sorted: Float64Array, id: number, hint: number): number {
  const n = sorted.length;
  let lo = 0;
  let hi = n;
  if (hint < n && sorted[hint] <= id) {
    // Gallop forward from the previous hit: node ids arrive ascending in sorted files.
    lo = hint;
    let step = 1;
    while (lo + step < n && sorted[lo + step] <= id) {
      lo += step;
      step *= 2;
    }
    hi = Math.min(n, lo + step + 1);
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && sorted[lo] === id ? lo : -1;
}

export async function readOsm(file: string, opts: OsmReadOptions = {}): Promise<OsmImportResult> {
  const t0 = performance.now();
  const format = opts.format ?? detectFormat(file);
  const mode = opts.nodes ?? 'all';
  const wantPoints = opts.points ?? true;
  const totalBytes = (await stat(file)).size;
  const skipped: Record<string, number> = {};
  const poisByType = Object.fromEntries(SERVICE_TYPES.map((t) => [t, 0])) as Record<ServiceType, number>;
  const points: ServicePointInput[] = [];
  const poiElements = { nodes: 0, ways: 0 };

  // Pass 1 state.
  const wayRefs = new Growable(f64, 1 << 16);
  const wayStart = new Growable(i32);
  const wayOneway = new Growable(i8);
  const waySpeed = new Growable(f32);
  const wayDuration = new Growable(f32);
  const poiWays: Array<{ id: number; tags: Tags; types: ServiceType[]; start: number; end: number }> = [];
  const poiRefs = new Growable(f64);
  let roadWays = 0;
  let onewayWays = 0;
  let nodesRead = 0;
  let waysRead = 0;
  let relationsRead = 0;

  const progress = (phase: 'ways' | 'nodes', bytes: number) => {
    if (!opts.onProgress) return;
    const f = bytes / Math.max(1, totalBytes);
    opts.onProgress({ fraction: phase === 'ways' ? 0.6 * f : 0.6 + 0.4 * f, phase, bytes, totalBytes });
  };

  const pass1: PrimitiveHandler = {
    wantNodes: wantPoints,
    wantNodeTags: wantPoints,
    wantWays: true,
    node(id, lon, lat, tags) {
      if (!tags) return;
      const types = poiTypes(tags);
      if (types.length === 0) return;
      poiElements.nodes++;
      for (const t of types) poisByType[t]++;
      points.push(pointFromTags('node', id, tags, types, lon, lat));
    },
    way(id, refs, tags) {
      if (wantPoints) {
        const types = poiTypes(tags);
        if (types.length > 0) {
          const start = poiRefs.length;
          for (const r of refs) poiRefs.push(r);
          poiWays.push({ id, tags, types, start, end: poiRefs.length });
        }
      }
      if (tags.highway === undefined && tags.route !== 'ferry') return;
      const c = classifyWay(tags);
      if (!c.usable) {
        bump(skipped, `way:${c.reason}`);
        return;
      }
      if (refs.length < 2) {
        bump(skipped, 'way:fewer_than_2_nodes');
        return;
      }
      roadWays++;
      if (c.oneway !== 0) onewayWays++;
      wayStart.push(wayRefs.length);
      for (const r of refs) wayRefs.push(r);
      wayOneway.push(c.oneway);
      waySpeed.push(c.speedKmh);
      wayDuration.push(c.durationMin ?? NaN);
    },
    relation(_id, tags) {
      if (wantPoints && poiTypes(tags).length > 0) bump(skipped, 'poi:relation_not_supported');
    },
  };

  // Blobs that held nodes, so pass 2 can skip the (usually larger) way/relation blobs.
  const nodeBlobs = new Set<number>();
  if (format === 'pbf') {
    let sawHeader = false;
    for await (const { ref, data } of readBlobs(file, { onBytes: (b) => progress('ways', b) })) {
      if (ref.type === 'OSMHeader') {
        decodeHeaderBlock(data, file, ref);
        sawHeader = true;
      } else if (ref.type === 'OSMData') {
        if (!sawHeader) throw new Error(`${file}: OSM PBF has no OSMHeader before data (blob #${ref.index} at byte offset ${ref.offset})`);
        const s = decodePrimitiveBlock(data, file, ref, pass1);
        nodesRead += s.nodes;
        waysRead += s.ways;
        relationsRead += s.relations;
        if (s.nodes > 0) nodeBlobs.add(ref.index);
      }
      // Unknown blob types are skippable by the format's rules.
    }
    if (!sawHeader) throw new Error(`${file}: not an OSM PBF file (no OSMHeader blob)`);
  } else {
    const s = await readOsmXml(file, pass1, (b) => progress('ways', b));
    nodesRead = s.nodes;
    waysRead = s.ways;
    relationsRead = s.relations;
  }
  wayStart.push(wayRefs.length); // sentinel: way w spans [wayStart[w], wayStart[w+1])

  // Sorted unique ids of every node pass 2 must locate.
  const refsAll = new Float64Array(wayRefs.length + poiRefs.length);
  refsAll.set(wayRefs.arr.subarray(0, wayRefs.length));
  refsAll.set(poiRefs.arr.subarray(0, poiRefs.length), wayRefs.length);
  refsAll.sort();
  let u = 0;
  for (let i = 0; i < refsAll.length; i++) if (i === 0 || refsAll[i] !== refsAll[i - 1]) refsAll[u++] = refsAll[i];
  const needed = refsAll.slice(0, u);
  const lonOf = new Float64Array(u).fill(NaN);
  const latOf = new Float64Array(u).fill(NaN);

  let hint = 0;
  const pass2: PrimitiveHandler = {
    wantNodes: true,
    wantNodeTags: false,
    wantWays: false,
    node(id, lon, lat) {
      const i = findSorted(needed, id, hint);
      if (i < 0) return;
      hint = i;
      lonOf[i] = lon;
      latOf[i] = lat;
    },
  };
  if (u > 0) {
    if (format === 'pbf') {
      for await (const { ref, data } of readBlobs(file, { filter: (r) => nodeBlobs.has(r.index), onBytes: (b) => progress('nodes', b) })) {
        decodePrimitiveBlock(data, file, ref, pass2);
      }
    } else {
      await readOsmXml(file, pass2, (b) => progress('nodes', b));
    }
  }
  progress('nodes', totalBytes);

  // Way refs → indices into `needed` (once; the graph build below walks them twice in junction mode).
  const nRefs = wayRefs.length;
  const refIdx = new Int32Array(nRefs);
  for (let i = 0; i < nRefs; i++) refIdx[i] = findSorted(needed, wayRefs.arr[i], 0);
  const nWays = roadWays;
  const starts = wayStart.arr;

  // In junction mode a node is kept when used twice (by two ways, or twice by one) or at a way end.
  let keep: Uint8Array | null = null;
  if (mode === 'junctions') {
    const uses = new Uint8Array(u);
    for (let i = 0; i < nRefs; i++) if (uses[refIdx[i]] < 2) uses[refIdx[i]]++;
    keep = uses;
    for (let w = 0; w < nWays; w++) {
      const first = refIdx[starts[w]];
      const last = refIdx[starts[w + 1] - 1];
      keep[first] = 2;
      keep[last] = 2;
      // A closed way touching nothing else would collapse into a self-loop; a middle node keeps it a cycle.
      if (first === last) keep[refIdx[(starts[w] + starts[w + 1]) >>> 1]] = 2;
    }
  }

  const nodeIndex = new Int32Array(u).fill(-1);
  const outLon = new Growable(f64, 1 << 14);
  const outLat = new Growable(f64, 1 << 14);
  const outIds = new Growable(f64, 1 << 14);
  const eFrom = new Growable(i32, 1 << 15);
  const eTo = new Growable(i32, 1 << 15);
  const eLen = new Growable(f64, 1 << 15);
  const eMin = new Growable(f64, 1 << 15);
  let zeroLengthSegments = 0;
  let totalLengthM = 0;

  const graphNode = (i: number): number => {
    let g = nodeIndex[i];
    if (g < 0) {
      g = nodeIndex[i] = outIds.length;
      outIds.push(needed[i]);
      outLon.push(lonOf[i]);
      outLat.push(latOf[i]);
    }
    return g;
  };

  for (let w = 0; w < nWays; w++) {
    const s = starts[w];
    const e = starts[w + 1];
    const oneway = wayOneway.arr[w];
    const speed = waySpeed.arr[w];
    const duration = wayDuration.arr[w];
    let minPerM = 0.06 / speed; // minutes per metre
    if (!Number.isNaN(duration)) {
      // Ferries: a timetable duration for the whole crossing, spread over its length.
      let total = 0;
      for (let k = s + 1; k < e; k++) {
        const a = refIdx[k - 1];
        const b = refIdx[k];
        if (a >= 0 && b >= 0 && !Number.isNaN(lonOf[a]) && !Number.isNaN(lonOf[b])) total += geodesicM(lonOf[a], latOf[a], lonOf[b], latOf[b]);
      }
      if (total > 0) minPerM = duration / total;
    }
    const emit = (a: number, b: number, len: number) => {
      if (a === b) {
        bump(skipped, 'segment:self_loop');
        return;
      }
      if (len <= 0) {
        zeroLengthSegments++;
        len = MIN_EDGE_LENGTH_M;
      }
      const ga = graphNode(a);
      const gb = graphNode(b);
      totalLengthM += len;
      const minutes = len * minPerM;
      if (oneway >= 0) {
        eFrom.push(ga);
        eTo.push(gb);
        eLen.push(len);
        eMin.push(minutes);
      }
      if (oneway <= 0) {
        eFrom.push(gb);
        eTo.push(ga);
        eLen.push(len);
        eMin.push(minutes);
      }
    };
    let start = -1; // needed-index where the current edge began, -1 after a gap
    let prev = -1;
    let prevPrev = -1;
    let acc = 0;
    let lastSeg = 0;
    for (let k = s; k < e; k++) {
      const cur = refIdx[k];
      const has = cur >= 0 && !Number.isNaN(lonOf[cur]);
      if (!has) {
        // Extracts cut ways at their boundary; the part with coordinates is still a road.
        bump(skipped, 'node:missing_coordinates');
        if (start >= 0 && prev !== start) emit(start, prev, acc);
        start = -1;
        prev = -1;
        prevPrev = -1;
        acc = 0;
        continue;
      }
      if (prev < 0) {
        start = prev = cur;
        acc = 0;
        continue;
      }
      if (cur === prev) continue; // the same node listed twice in a row
      lastSeg = geodesicM(lonOf[prev], latOf[prev], lonOf[cur], latOf[cur]);
      acc += lastSeg;
      prevPrev = prev;
      prev = cur;
      if (keep === null || keep[cur] >= 2 || k === e - 1) {
        if (cur === start && prevPrev !== start) {
          // A loop back to where the edge began (a lollipop's end): keep it by splitting before closing.
          emit(start, prevPrev, acc - lastSeg);
          emit(prevPrev, cur, lastSeg);
        } else emit(start, cur, acc);
        start = cur;
        acc = 0;
      }
    }
    if (start >= 0 && prev !== start) emit(start, prev, acc);
  }

  // POI ways: centroid of the outline.
  for (const pw of poiWays) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = pw.start; k < pw.end; k++) {
      const i = findSorted(needed, poiRefs.arr[k], 0);
      if (i >= 0 && !Number.isNaN(lonOf[i])) {
        xs.push(lonOf[i]);
        ys.push(latOf[i]);
      }
    }
    if (xs.length === 0) {
      bump(skipped, 'poi:way_without_coordinates');
      continue;
    }
    const [lon, lat] = centroid(xs, ys, poiRefs.arr[pw.start] === poiRefs.arr[pw.end - 1]);
    poiElements.ways++;
    for (const t of pw.types) poisByType[t]++;
    points.push(pointFromTags('way', pw.id, pw.tags, pw.types, lon, lat));
  }

  const network: EdgeListInput = {
    nodeCount: outIds.length,
    from: eFrom.trimmed(),
    to: eTo.trimmed(),
    lengthM: eLen.trimmed(),
    minutes: eMin.trimmed(),
    lon: outLon.trimmed(),
    lat: outLat.trimmed(),
    externalIds: outIds.trimmed(),
  };
  return {
    network,
    points,
    stats: {
      nodesRead,
      waysRead,
      relationsRead,
      roadWays,
      edges: network.from.length,
      graphNodes: network.nodeCount,
      onewayWays,
      poisByType,
      poiElements,
      skipped,
      zeroLengthSegments,
      totalLengthKm: totalLengthM / 1000,
      elapsedMs: performance.now() - t0,
    },
  };
}

/**
 * Area centroid of a closed outline in a local equirectangular frame (fine at building scale);
 * the vertex mean for open ways or degenerate rings.
 */
export function centroid(lons: number[], lats: number[], closed: boolean): [number, number] {
  const n = lons.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += lons[i];
    my += lats[i];
  }
  mx /= n;
  my /= n;
  if (!closed || n < 4) return [mx, my];
  const k = Math.cos((my * Math.PI) / 180);
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n - 1; i++) {
    const x0 = (lons[i] - mx) * k;
    const y0 = lats[i] - my;
    const x1 = (lons[i + 1] - mx) * k;
    const y1 = lats[i + 1] - my;
    const cr = x0 * y1 - x1 * y0;
    a2 += cr;
    cx += (x0 + x1) * cr;
    cy += (y0 + y1) * cr;
  }
  if (Math.abs(a2) < 1e-18) return [mx, my];
  return [mx + cx / (3 * a2) / k, my + cy / (3 * a2)];
}
