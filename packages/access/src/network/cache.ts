import { openSync, readSync, closeSync, fstatSync, writeFileSync, renameSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { RoadNetwork, Adjacency } from './build.js';
import type { PreparedNetwork } from './prepared.js';
import type { Hierarchy } from '../search/phast.js';
import type { Metric, SearchGraph } from '../search/field.js';

/**
 * The prepared-network file: typed arrays laid out 8-byte aligned after a small JSON table, read in
 * one go into a SharedArrayBuffer and viewed in place (no parsing, no copying — and worker threads
 * get the same memory for free). A CRC-32 over everything after the fixed header catches corrupt or
 * truncated files before any search trusts them.
 *
 *   0  magic "RSPNET\0\1"       8 bytes
 *   8  format version          u32
 *  12  table length (bytes)    u32
 *  16  payload length (bytes)  f64 (table + arrays)
 *  24  CRC-32 of the payload   u32
 *  28  reserved                u32
 *  32  table (JSON, UTF-8), padded to 8, then the arrays
 */
const MAGIC = Buffer.from('RSPNET\0\x01', 'latin1');
export const CACHE_FORMAT_VERSION = 1;
const HEADER = 32;

type Typed = Int32Array | Float64Array | Uint8Array;
const DTYPES = { i32: Int32Array, f64: Float64Array, u8: Uint8Array } as const;
type DType = keyof typeof DTYPES;

interface Table {
  arrays: { name: string; dtype: DType; offset: number; length: number }[];
  meta: Record<string, unknown>;
}

export class CacheError extends Error {
  constructor(path: string, why: string) {
    super(`${path}: not a usable prepared network file (${why}); rebuild it`);
    this.name = 'CacheError';
  }
}

function dtypeOf(a: Typed): DType {
  return a instanceof Int32Array ? 'i32' : a instanceof Float64Array ? 'f64' : 'u8';
}

export function saveNetwork(path: string, prepared: PreparedNetwork): void {
  const bytes = encodeNetwork(prepared, false);
  // Write then rename: a reader never sees a half-written file under the final name.
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** The file's bytes, in an ordinary or a SharedArrayBuffer (for worker threads). */
export function encodeNetwork(prepared: PreparedNetwork, shared: boolean): Uint8Array {
  const net = prepared.network;
  const arrays: [string, Typed][] = [];
  const add = (name: string, a: Typed | undefined) => a && arrays.push([name, a]);
  const addAdj = (p: string, a: Adjacency) => {
    add(`${p}.offsets`, a.offsets);
    add(`${p}.targets`, a.targets);
    add(`${p}.length`, a.length);
    add(`${p}.time`, a.time);
  };
  addAdj('forward', net.forward);
  addAdj('backward', net.backward);
  add('lon', net.lon);
  add('lat', net.lat);
  add('externalIds', net.externalIds);
  add('inputIndex', net.inputIndex);
  add('nodeOfInput', net.nodeOfInput);
  add('weakComponent', net.weakComponent);
  add('snappable', net.snappable);
  const hmeta: Record<string, unknown> = {};
  for (const [metric, h] of Object.entries(prepared.hierarchies) as [Metric, Hierarchy][]) {
    add(`h.${metric}.nodeAt`, h.nodeAt);
    add(`h.${metric}.positionOf`, h.positionOf);
    for (const side of ['out', 'in'] as const) {
      add(`h.${metric}.${side}.offsets`, h[side].offsets);
      add(`h.${metric}.${side}.targets`, h[side].targets);
      add(`h.${metric}.${side}.weights`, h[side].weights);
    }
    hmeta[metric] = { coreCount: h.coreCount, info: h.info };
  }
  const table: Table = { arrays: [], meta: { nodeCount: net.nodeCount, edgeCount: net.edgeCount, stats: net.stats, hierarchies: hmeta } };
  // Offsets depend on the table's length, which depends on the offsets' digits: iterate to a fixpoint.
  let tableBytes = 0;
  let json = '';
  for (let iter = 0; iter < 5; iter++) {
    let off = align8(HEADER + tableBytes);
    table.arrays = arrays.map(([name, a]) => {
      const entry = { name, dtype: dtypeOf(a), offset: off, length: a.length };
      off = align8(off + a.byteLength);
      return entry;
    });
    json = JSON.stringify(table);
    const len = Buffer.byteLength(json);
    if (len === tableBytes) break;
    tableBytes = len;
  }
  const last = table.arrays[table.arrays.length - 1];
  const total = last ? align8(last.offset + arrays[arrays.length - 1][1].byteLength) : align8(HEADER + tableBytes);
  const backing = shared ? new SharedArrayBuffer(total) : new ArrayBuffer(total);
  const buf = Buffer.from(backing as ArrayBuffer);
  MAGIC.copy(buf, 0);
  buf.writeUInt32LE(CACHE_FORMAT_VERSION, 8);
  buf.writeUInt32LE(tableBytes, 12);
  buf.writeDoubleLE(total - HEADER, 16);
  buf.write(json, HEADER, 'utf8');
  table.arrays.forEach((e, i) => {
    const a = arrays[i][1];
    buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), e.offset);
  });
  buf.writeUInt32LE(crc32(buf.subarray(HEADER)), 24);
  return new Uint8Array(backing);
}

function align8(x: number): number {
  return (x + 7) & ~7;
}

/** Reads a prepared network into shared memory. Throws CacheError on any inconsistency. */
export function loadNetwork(path: string): PreparedNetwork {
  const fd = openSync(path, 'r');
  let sab: SharedArrayBuffer;
  try {
    const size = fstatSync(fd).size;
    if (size < HEADER) throw new CacheError(path, `file is ${size} bytes, shorter than the header`);
    sab = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(sab);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, bytes, off, Math.min(size - off, 1 << 30), off);
      if (n === 0) throw new CacheError(path, 'unexpected end of file');
      off += n;
    }
  } finally {
    closeSync(fd);
  }
  return fromShared(sab, path);
}

/** Views a prepared network over a shared buffer holding the file's bytes (also used by workers). */
export function fromShared(sab: SharedArrayBuffer, path = '(shared buffer)'): PreparedNetwork {
  const bytes = new Uint8Array(sab);
  const view = Buffer.from(sab as unknown as ArrayBuffer);
  if (bytes.length < HEADER) throw new CacheError(path, 'shorter than the header');
  if (!view.subarray(0, 8).equals(MAGIC)) throw new CacheError(path, 'wrong magic number');
  const version = view.readUInt32LE(8);
  if (version !== CACHE_FORMAT_VERSION) throw new CacheError(path, `format version ${version}, this engine reads ${CACHE_FORMAT_VERSION}`);
  const tableBytes = view.readUInt32LE(12);
  const payload = view.readDoubleLE(16);
  if (HEADER + payload !== bytes.length) throw new CacheError(path, `truncated or padded: header says ${HEADER + payload} bytes, file has ${bytes.length}`);
  if (crc32(view.subarray(HEADER)) !== view.readUInt32LE(24)) throw new CacheError(path, 'checksum mismatch (corrupt file)');
  let table: Table;
  try {
    table = JSON.parse(view.toString('utf8', HEADER, HEADER + tableBytes)) as Table;
  } catch {
    throw new CacheError(path, 'unreadable table');
  }
  const arrays = new Map<string, Typed>();
  for (const e of table.arrays) {
    const C = DTYPES[e.dtype];
    if (!C || e.offset % 8 !== 0 || e.offset + e.length * C.BYTES_PER_ELEMENT > bytes.length) throw new CacheError(path, `bad array entry ${e.name}`);
    arrays.set(e.name, new C(sab as unknown as ArrayBuffer, e.offset, e.length));
  }
  const need = <T extends Typed>(name: string): T => {
    const a = arrays.get(name);
    if (!a) throw new CacheError(path, `missing array ${name}`);
    return a as T;
  };
  const adj = (p: string): Adjacency => ({
    offsets: need(`${p}.offsets`),
    targets: need(`${p}.targets`),
    length: need(`${p}.length`),
    time: arrays.get(`${p}.time`) as Float64Array | undefined,
  });
  const meta = table.meta as { nodeCount: number; edgeCount: number; stats: RoadNetwork['stats']; hierarchies: Record<string, { coreCount: number; info: Hierarchy['info'] }> };
  const network: RoadNetwork = {
    nodeCount: meta.nodeCount,
    edgeCount: meta.edgeCount,
    forward: adj('forward'),
    backward: adj('backward'),
    lon: arrays.get('lon') as Float64Array | undefined,
    lat: arrays.get('lat') as Float64Array | undefined,
    externalIds: arrays.get('externalIds') as Float64Array | undefined,
    inputIndex: need('inputIndex'),
    nodeOfInput: need('nodeOfInput'),
    weakComponent: need('weakComponent'),
    snappable: need('snappable'),
    stats: meta.stats,
  };
  const hierarchies: PreparedNetwork['hierarchies'] = {};
  for (const [metric, hm] of Object.entries(meta.hierarchies) as [Metric, { coreCount: number; info: Hierarchy['info'] }][]) {
    const g = (side: string): SearchGraph => ({ offsets: need(`h.${metric}.${side}.offsets`), targets: need(`h.${metric}.${side}.targets`), weights: need(`h.${metric}.${side}.weights`) });
    hierarchies[metric] = { metric, nodeCount: network.nodeCount, coreCount: hm.coreCount, nodeAt: need(`h.${metric}.nodeAt`), positionOf: need(`h.${metric}.positionOf`), out: g('out'), in: g('in'), info: hm.info };
  }
  if (network.forward.offsets.length !== network.nodeCount + 1) throw new CacheError(path, 'inconsistent node count');
  return { network, hierarchies, shared: sab };
}

/** One SharedArrayBuffer holding the whole prepared network, for worker threads. */
export function toSharedBuffer(prepared: PreparedNetwork): SharedArrayBuffer {
  return encodeNetwork(prepared, true).buffer as SharedArrayBuffer;
}
