/**
 * A binary file for an EdgeListInput, so `import-osm` can hand its result to later commands without
 * re-parsing the OSM file. Interim: when the core's saveNetwork/loadNetwork (prepared network) exists,
 * `import-osm` should write that instead; this format stays readable as a plain edge list.
 *
 * Layout (little endian): "RSPEDGE1" (8 bytes), uint32 JSON header length, JSON header, zero padding
 * to a multiple of 8, then the arrays named in the header, each padded to 8 bytes.
 */
import { open, readFile } from 'node:fs/promises';
import type { EdgeListInput } from '../network/contract.js';

const MAGIC = 'RSPEDGE1';

interface Header {
  version: 1;
  nodeCount: number;
  edgeCount: number;
  arrays: Array<{ name: keyof EdgeListInput; type: 'i32' | 'f64'; length: number }>;
  meta?: Record<string, unknown>;
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

export async function writeEdgeListFile(file: string, net: EdgeListInput, meta?: Record<string, unknown>): Promise<void> {
  const arrays: Header['arrays'] = [];
  const parts: Array<Int32Array | Float64Array> = [];
  const add = (name: keyof EdgeListInput, a: Int32Array | Float64Array | undefined) => {
    if (!a) return;
    arrays.push({ name, type: a instanceof Int32Array ? 'i32' : 'f64', length: a.length });
    parts.push(a);
  };
  add('from', net.from);
  add('to', net.to);
  add('lengthM', net.lengthM);
  add('minutes', net.minutes);
  add('lon', net.lon);
  add('lat', net.lat);
  add('externalIds', net.externalIds);
  const header: Header = { version: 1, nodeCount: net.nodeCount, edgeCount: net.from.length, arrays, meta };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  const fh = await open(file, 'w');
  try {
    await fh.write(head);
    await fh.write(json);
    await fh.write(Buffer.alloc(pad8(12 + json.length)));
    for (const a of parts) {
      // Typed arrays are little endian on every platform Node supports.
      await fh.write(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      await fh.write(Buffer.alloc(pad8(a.byteLength)));
    }
  } finally {
    await fh.close();
  }
}

export async function readEdgeListFile(file: string): Promise<{ network: EdgeListInput; meta: Record<string, unknown> }> {
  const buf = await readFile(file);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${file}: not an edge-list network file (expected ${MAGIC} at byte 0)`);
  const jsonLen = buf.readUInt32LE(8);
  if (12 + jsonLen > buf.length) throw new Error(`${file}: truncated header`);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 12, 12 + jsonLen)) as Header;
  } catch {
    throw new Error(`${file}: corrupt header`);
  }
  if (header.version !== 1) throw new Error(`${file}: unsupported version ${String(header.version)}`);
  let pos = 12 + jsonLen + pad8(12 + jsonLen);
  const out: Partial<EdgeListInput> = { nodeCount: header.nodeCount };
  for (const a of header.arrays) {
    const bytes = a.length * (a.type === 'i32' ? 4 : 8);
    if (pos + bytes > buf.length) throw new Error(`${file}: truncated at byte offset ${pos} (array ${a.name})`);
    // Copy into a fresh aligned buffer: the file buffer's offset is not guaranteed to be 8-aligned.
    const slice = buf.buffer.slice(buf.byteOffset + pos, buf.byteOffset + pos + bytes);
    (out as Record<string, unknown>)[a.name] = a.type === 'i32' ? new Int32Array(slice) : new Float64Array(slice);
    pos += bytes + pad8(bytes);
  }
  const net = out as EdgeListInput;
  if (!net.from || !net.to || !net.lengthM) throw new Error(`${file}: missing edge arrays`);
  return { network: net, meta: header.meta ?? {} };
}
