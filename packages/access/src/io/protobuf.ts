/**
 * A minimal protobuf wire-format reader, just enough for the OSM PBF messages.
 *
 * OSM ids and coordinates exceed 32 bits, so varints are decoded into JS numbers (exact up to 2^53)
 * rather than with 32-bit bit operations; the fast path still uses bit operations while the value fits.
 */

export class ProtobufError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export class PbfReader {
  pos: number;
  readonly end: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    end = buf.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Unsigned varint as a JS number (exact up to 2^53). */
  varint(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= this.end) throw new ProtobufError(`varint starts past the end of the message (offset ${pos})`);
    let b = buf[pos++];
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let result = b & 0x7f;
    let shift = 7;
    // Up to 4 bytes (28 bits) the value fits in a signed 32-bit int, so shifts are safe.
    while (shift < 28) {
      if (pos >= this.end) throw new ProtobufError(`varint runs past the end of the message (offset ${pos})`);
      b = buf[pos++];
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
      shift += 7;
    }
    let value = result >>> 0;
    let mul = 2 ** 28;
    for (let i = 0; i < 6; i++) {
      if (pos >= this.end) throw new ProtobufError(`varint runs past the end of the message (offset ${pos})`);
      b = buf[pos++];
      value += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = pos;
        return value;
      }
      mul *= 128;
    }
    throw new ProtobufError(`varint longer than 10 bytes (offset ${this.pos})`);
  }

  /** int32/int64 as written by protobuf: negative values are 10-byte two's complement varints. */
  int64(): number {
    const v = this.varint();
    // Two's complement 64-bit: anything >= 2^63 is negative. Precision loss is fine here because OSM
    // int64 fields that can be negative are small offsets.
    return v >= 2 ** 63 ? v - 2 ** 64 : v;
  }

  /** ZigZag-decoded sint32/sint64. */
  sint(): number {
    const v = this.varint();
    if (v < 2 ** 31) return (v >>> 1) ^ -(v & 1);
    // Beyond 32 bits: n % 2 decides the sign; division is exact for integers below 2^53.
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  /** Reads a tag, returning field number * 8 + wire type. */
  tag(): number {
    return this.varint();
  }

  /** Length of a length-delimited field; returns [start, end) and advances past it. */
  bytes(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    const end = start + len;
    if (end > this.end) {
      throw new ProtobufError(`length-delimited field of ${len} bytes runs past the end of the message (offset ${start})`);
    }
    this.pos = end;
    return [start, end];
  }

  string(): string {
    const [s, e] = this.bytes();
    return utf8.decode(this.buf.subarray(s, e));
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LEN:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wireType} at offset ${this.pos}`);
    }
    if (this.pos > this.end) throw new ProtobufError(`fixed-width field runs past the end of the message`);
  }

  /** A reader over a nested message or packed field; advances this reader past it. */
  sub(): PbfReader {
    const [s, e] = this.bytes();
    return new PbfReader(this.buf, s, e);
  }
}

export const utf8 = new TextDecoder('utf-8');

/** Reads a packed repeated varint field (or a single unpacked value) into `out`. */
export function readPackedUint(r: PbfReader, wireType: number, out: number[]): void {
  if (wireType === WIRE_LEN) {
    const p = r.sub();
    while (!p.atEnd()) out.push(p.varint());
  } else {
    out.push(r.varint());
  }
}

/** Packed sint64 with delta coding (DenseNodes ids/lat/lon, Way refs, Relation memids). */
export function readPackedDeltaSint(r: PbfReader, wireType: number, out: number[]): void {
  let acc = 0;
  if (out.length > 0) acc = out[out.length - 1];
  if (wireType === WIRE_LEN) {
    const p = r.sub();
    while (!p.atEnd()) {
      acc += p.sint();
      out.push(acc);
    }
  } else {
    acc += r.sint();
    out.push(acc);
  }
}
