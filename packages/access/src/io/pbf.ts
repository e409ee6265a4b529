/**
 * OSM PBF decoding: the file is a sequence of [4-byte big-endian length][BlobHeader][Blob]; each Blob
 * holds one zlib-compressed (or raw) OSMHeader or OSMData (PrimitiveBlock) message.
 *
 * Reading is blob by blob with positional reads, so memory holds one blob (at most 32 MiB uncompressed
 * by the format's own limit) at a time, never the whole file.
 */
import { open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { PbfReader, ProtobufError, readPackedDeltaSint, readPackedUint, WIRE_LEN } from './protobuf.js';

/** Format limits from the OSM PBF specification. */
const MAX_BLOB_HEADER_SIZE = 64 * 1024;
const MAX_BLOB_SIZE = 32 * 1024 * 1024;

const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

export interface BlobRef {
  index: number;
  /** Byte offset of the blob's 4-byte length prefix. */
  offset: number;
  type: string;
  /** Byte offset and size of the Blob message. */
  dataOffset: number;
  dataSize: number;
}

export class PbfFormatError extends Error {}

function fail(file: string, blob: number, offset: number, what: string): never {
  throw new PbfFormatError(`${file}: corrupt or truncated OSM PBF at byte offset ${offset} (blob #${blob}): ${what}`);
}

/**
 * Iterates the blobs of a PBF file: yields each blob's ref and its decompressed payload.
 * `filter` lets a pass skip decompressing blobs it does not need (the second pass reads node blocks only).
 */
export async function* readBlobs(
  file: string,
  opts: { filter?: (ref: BlobRef) => boolean; onBytes?: (pos: number, total: number) => void } = {},
): AsyncGenerator<{ ref: BlobRef; data: Uint8Array }> {
  const fh = await open(file, 'r');
  try {
    const total = (await fh.stat()).size;
    let pos = 0;
    let index = 0;
    const lenBuf = Buffer.alloc(4);
    while (pos < total) {
      const blobOffset = pos;
      if (total - pos < 4) fail(file, index, pos, `${total - pos} stray bytes where a blob header length was expected`);
      await readExactly(fh, lenBuf, pos, file, index);
      const headerLen = lenBuf.readUInt32BE(0);
      pos += 4;
      if (headerLen === 0 || headerLen > MAX_BLOB_HEADER_SIZE) {
        fail(file, index, blobOffset, `implausible BlobHeader length ${headerLen} (not a PBF file?)`);
      }
      if (pos + headerLen > total) fail(file, index, blobOffset, `BlobHeader of ${headerLen} bytes runs past end of file (${total} bytes)`);
      const headerBuf = Buffer.alloc(headerLen);
      await readExactly(fh, headerBuf, pos, file, index);
      pos += headerLen;
      let type = '';
      let dataSize = -1;
      try {
        const r = new PbfReader(headerBuf);
        while (!r.atEnd()) {
          const t = r.tag();
          const field = t >>> 3;
          if (field === 1 && (t & 7) === WIRE_LEN) type = r.string();
          else if (field === 3 && (t & 7) === 0) dataSize = r.varint();
          else r.skip(t & 7);
        }
      } catch (e) {
        fail(file, index, blobOffset, `malformed BlobHeader: ${(e as Error).message}`);
      }
      if (dataSize < 0 || dataSize > MAX_BLOB_SIZE) fail(file, index, blobOffset, `BlobHeader has invalid datasize ${dataSize}`);
      if (pos + dataSize > total) {
        fail(file, index, blobOffset, `Blob of ${dataSize} bytes runs past end of file (only ${total - pos} bytes left; file truncated?)`);
      }
      const ref: BlobRef = { index, offset: blobOffset, type, dataOffset: pos, dataSize };
      pos += dataSize;
      if (!opts.filter || opts.filter(ref)) {
        const blobBuf = Buffer.alloc(dataSize);
        await readExactly(fh, blobBuf, ref.dataOffset, file, index);
        yield { ref, data: decodeBlob(blobBuf, file, ref) };
      }
      opts.onBytes?.(pos, total);
      index++;
    }
  } finally {
    await fh.close();
  }
}

async function readExactly(
  fh: import('node:fs/promises').FileHandle,
  buf: Buffer,
  position: number,
  file: string,
  blob: number,
): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await fh.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) fail(file, blob, position + done, 'unexpected end of file');
    done += bytesRead;
  }
}

function decodeBlob(buf: Uint8Array, file: string, ref: BlobRef): Uint8Array {
  let raw: [number, number] | null = null;
  let zlib: [number, number] | null = null;
  let rawSize = -1;
  let unsupported = '';
  try {
    const r = new PbfReader(buf);
    while (!r.atEnd()) {
      const t = r.tag();
      const field = t >>> 3;
      if (field === 1) raw = r.bytes();
      else if (field === 2) rawSize = r.varint();
      else if (field === 3) zlib = r.bytes();
      else if (field === 4) (unsupported = 'lzma'), r.skip(t & 7);
      else if (field === 5) (unsupported = 'bzip2'), r.skip(t & 7);
      else if (field === 6) (unsupported = 'lz4'), r.skip(t & 7);
      else if (field === 7) (unsupported = 'zstd'), r.skip(t & 7);
      else r.skip(t & 7);
    }
  } catch (e) {
    fail(file, ref.index, ref.offset, `malformed Blob: ${(e as Error).message}`);
  }
  if (raw) return buf.subarray(raw[0], raw[1]);
  if (zlib) {
    let out: Buffer;
    try {
      out = inflateSync(buf.subarray(zlib[0], zlib[1]));
    } catch (e) {
      fail(file, ref.index, ref.offset, `zlib data does not decompress (${(e as Error).message})`);
    }
    if (rawSize >= 0 && out.length !== rawSize) {
      fail(file, ref.index, ref.offset, `decompressed ${out.length} bytes but the Blob announces ${rawSize}`);
    }
    return out;
  }
  if (unsupported) fail(file, ref.index, ref.offset, `${unsupported}-compressed blobs are not supported (re-encode with zlib, e.g. osmium cat)`);
  fail(file, ref.index, ref.offset, 'Blob has no data');
}

export interface OsmHeaderInfo {
  requiredFeatures: string[];
  optionalFeatures: string[];
  writingProgram?: string;
  bbox?: { left: number; right: number; top: number; bottom: number };
}

export function decodeHeaderBlock(data: Uint8Array, file: string, ref: BlobRef): OsmHeaderInfo {
  const info: OsmHeaderInfo = { requiredFeatures: [], optionalFeatures: [] };
  try {
    const r = new PbfReader(data);
    while (!r.atEnd()) {
      const t = r.tag();
      switch (t >>> 3) {
        case 1: {
          const b = r.sub();
          const box = { left: 0, right: 0, top: 0, bottom: 0 };
          while (!b.atEnd()) {
            const bt = b.tag();
            const v = b.sint() * 1e-9;
            const f = bt >>> 3;
            if (f === 1) box.left = v;
            else if (f === 2) box.right = v;
            else if (f === 3) box.top = v;
            else if (f === 4) box.bottom = v;
          }
          info.bbox = box;
          break;
        }
        case 4:
          info.requiredFeatures.push(r.string());
          break;
        case 5:
          info.optionalFeatures.push(r.string());
          break;
        case 16:
          info.writingProgram = r.string();
          break;
        default:
          r.skip(t & 7);
      }
    }
  } catch (e) {
    fail(file, ref.index, ref.offset, `malformed OSMHeader: ${(e as Error).message}`);
  }
  const missing = info.requiredFeatures.filter((f) => !SUPPORTED_FEATURES.has(f));
  if (missing.length > 0) fail(file, ref.index, ref.offset, `file requires unsupported features: ${missing.join(', ')}`);
  return info;
}

/** Tags as parallel key/value string arrays; objects are built only for elements that need them. */
export type Tags = Record<string, string>;

/**
 * Callbacks for one PrimitiveBlock. Node tags are materialised only when `wantNodeTags` is true and the
 * node has tags; most nodes are untagged shape points, and building objects for them dominates time.
 */
export interface PrimitiveHandler {
  wantNodes: boolean;
  wantNodeTags: boolean;
  wantWays: boolean;
  node?(id: number, lon: number, lat: number, tags: Tags | null): void;
  way?(id: number, refs: number[], tags: Tags): void;
  /** The network does not use relations; their tags are passed so POIs mapped as relations can be counted. */
  relation?(id: number, tags: Tags): void;
}

export interface BlockSummary {
  nodes: number;
  ways: number;
  relations: number;
}

export function decodePrimitiveBlock(data: Uint8Array, file: string, ref: BlobRef, h: PrimitiveHandler): BlockSummary {
  try {
    return decodePrimitiveBlockUnsafe(data, h);
  } catch (e) {
    if (e instanceof ProtobufError || e instanceof RangeError) {
      fail(file, ref.index, ref.offset, `malformed PrimitiveBlock: ${e.message}`);
    }
    throw e;
  }
}

function decodePrimitiveBlockUnsafe(data: Uint8Array, h: PrimitiveHandler): BlockSummary {
  const r = new PbfReader(data);
  let strings: string[] = [];
  const groups: Array<[number, number]> = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  // The string table and scaling fields may come after the groups, so groups are decoded in a second step.
  while (!r.atEnd()) {
    const t = r.tag();
    switch (t >>> 3) {
      case 1:
        strings = decodeStringTable(r.sub());
        break;
      case 2:
        groups.push(r.bytes());
        break;
      case 17:
        granularity = r.varint();
        break;
      case 19:
        latOffset = r.int64();
        break;
      case 20:
        lonOffset = r.int64();
        break;
      default:
        r.skip(t & 7);
    }
  }
  const ctx: BlockCtx = { strings, granularity, latOffset, lonOffset };
  const summary: BlockSummary = { nodes: 0, ways: 0, relations: 0 };
  for (const [s, e] of groups) {
    const g = new PbfReader(data, s, e);
    while (!g.atEnd()) {
      const t = g.tag();
      switch (t >>> 3) {
        case 1:
          summary.nodes++;
          if (h.wantNodes) decodeNode(g.sub(), ctx, h);
          else g.skip(t & 7);
          break;
        case 2:
          if (h.wantNodes) summary.nodes += decodeDense(g.sub(), ctx, h);
          else summary.nodes += countDense(g.sub());
          break;
        case 3:
          summary.ways++;
          if (h.wantWays) decodeWay(g.sub(), ctx, h);
          else g.skip(t & 7);
          break;
        case 4: {
          summary.relations++;
          if (h.relation) decodeRelation(g.sub(), ctx, h);
          else g.skip(t & 7);
          break;
        }
        default:
          g.skip(t & 7);
      }
    }
  }
  return summary;
}

interface BlockCtx {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function decodeStringTable(r: PbfReader): string[] {
  const out: string[] = [];
  while (!r.atEnd()) {
    const t = r.tag();
    if (t >>> 3 === 1) out.push(r.string());
    else r.skip(t & 7);
  }
  return out;
}

function str(ctx: BlockCtx, i: number): string {
  const s = ctx.strings[i];
  if (s === undefined) throw new ProtobufError(`string index ${i} outside the block's string table (${ctx.strings.length})`);
  return s;
}

function coord(offset: number, granularity: number, v: number): number {
  // Nanodegrees -> degrees; rounding to 1e-9 keeps values identical to what osmium/osmosis print.
  return Math.round(offset + granularity * v) / 1e9;
}

function decodeNode(r: PbfReader, ctx: BlockCtx, h: PrimitiveHandler): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  while (!r.atEnd()) {
    const t = r.tag();
    switch (t >>> 3) {
      case 1:
        id = r.sint();
        break;
      case 2:
        readPackedUint(r, t & 7, keys);
        break;
      case 3:
        readPackedUint(r, t & 7, vals);
        break;
      case 8:
        lat = r.sint();
        break;
      case 9:
        lon = r.sint();
        break;
      default:
        r.skip(t & 7);
    }
  }
  let tags: Tags | null = null;
  if (h.wantNodeTags && keys.length > 0) {
    tags = {};
    for (let i = 0; i < keys.length; i++) tags[str(ctx, keys[i])] = str(ctx, vals[i]);
  }
  h.node?.(id, coord(ctx.lonOffset, ctx.granularity, lon), coord(ctx.latOffset, ctx.granularity, lat), tags);
}

function countDense(r: PbfReader): number {
  let n = 0;
  while (!r.atEnd()) {
    const t = r.tag();
    if (t >>> 3 === 1 && (t & 7) === WIRE_LEN) {
      const p = r.sub();
      while (!p.atEnd()) {
        p.varint();
        n++;
      }
    } else r.skip(t & 7);
  }
  return n;
}

function decodeDense(r: PbfReader, ctx: BlockCtx, h: PrimitiveHandler): number {
  let ids: [number, number] | null = null;
  let lats: [number, number] | null = null;
  let lons: [number, number] | null = null;
  let kv: [number, number] | null = null;
  while (!r.atEnd()) {
    const t = r.tag();
    const f = t >>> 3;
    if ((t & 7) !== WIRE_LEN) {
      r.skip(t & 7);
      continue;
    }
    if (f === 1) ids = r.bytes();
    else if (f === 8) lats = r.bytes();
    else if (f === 9) lons = r.bytes();
    else if (f === 10) kv = r.bytes();
    else r.skip(t & 7);
  }
  if (!ids) return 0;
  if (!lats || !lons) throw new ProtobufError('DenseNodes without lat/lon arrays');
  const buf = r.buf;
  const idR = new PbfReader(buf, ids[0], ids[1]);
  const latR = new PbfReader(buf, lats[0], lats[1]);
  const lonR = new PbfReader(buf, lons[0], lons[1]);
  const kvR = kv ? new PbfReader(buf, kv[0], kv[1]) : null;
  let id = 0;
  let lat = 0;
  let lon = 0;
  let n = 0;
  const { granularity, latOffset, lonOffset } = ctx;
  while (!idR.atEnd()) {
    id += idR.sint();
    lat += latR.sint();
    lon += lonR.sint();
    n++;
    let tags: Tags | null = null;
    if (kvR) {
      // keys_vals: (key, val)* 0 per node; a block where no node has tags may omit the array entirely.
      let k = kvR.atEnd() ? 0 : kvR.varint();
      if (k !== 0 && h.wantNodeTags) tags = {};
      while (k !== 0) {
        const v = kvR.varint();
        if (tags) tags[str(ctx, k)] = str(ctx, v);
        k = kvR.varint();
      }
    }
    h.node?.(id, coord(lonOffset, granularity, lon), coord(latOffset, granularity, lat), tags);
  }
  if (!latR.atEnd() || !lonR.atEnd()) throw new ProtobufError('DenseNodes id/lat/lon arrays differ in length');
  return n;
}

function decodeWay(r: PbfReader, ctx: BlockCtx, h: PrimitiveHandler): void {
  let id = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  const refs: number[] = [];
  while (!r.atEnd()) {
    const t = r.tag();
    switch (t >>> 3) {
      case 1:
        id = r.varint();
        break;
      case 2:
        readPackedUint(r, t & 7, keys);
        break;
      case 3:
        readPackedUint(r, t & 7, vals);
        break;
      case 8:
        readPackedDeltaSint(r, t & 7, refs);
        break;
      default:
        r.skip(t & 7);
    }
  }
  if (keys.length !== vals.length) throw new ProtobufError(`way ${id} has ${keys.length} keys but ${vals.length} values`);
  const tags: Tags = {};
  for (let i = 0; i < keys.length; i++) tags[str(ctx, keys[i])] = str(ctx, vals[i]);
  h.way?.(id, refs, tags);
}

function decodeRelation(r: PbfReader, ctx: BlockCtx, h: PrimitiveHandler): void {
  let id = 0;
  const keys: number[] = [];
  const vals: number[] = [];
  while (!r.atEnd()) {
    const t = r.tag();
    const f = t >>> 3;
    if (f === 1) id = r.varint();
    else if (f === 2) readPackedUint(r, t & 7, keys);
    else if (f === 3) readPackedUint(r, t & 7, vals);
    else r.skip(t & 7);
  }
  const tags: Tags = {};
  for (let i = 0; i < keys.length && i < vals.length; i++) tags[str(ctx, keys[i])] = str(ctx, vals[i]);
  h.relation?.(id, tags);
}
