import { openSync, writeSync, closeSync } from 'node:fs';

/**
 * Buffered byte writer for large CSV outputs (millions of rows): numbers are formatted straight into
 * a byte buffer, so no per-row string is ever created.
 */
export class CsvWriter {
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  private flushIfNeeded(room: number): void {
    if (this.pos + room > this.buf.length) this.flush();
  }

  flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.pos = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  text(s: string): void {
    this.flushIfNeeded(Buffer.byteLength(s) + 8);
    this.pos += this.buf.write(s, this.pos);
  }

  bytes(b: Uint8Array): void {
    this.flushIfNeeded(b.length + 8);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  byte(c: number): void {
    this.flushIfNeeded(1);
    this.buf[this.pos++] = c;
  }

  /** A non-negative integer up to 2^53. */
  integer(v: number): void {
    this.flushIfNeeded(24);
    const buf = this.buf;
    if (v < 10) {
      buf[this.pos++] = 48 + v;
      return;
    }
    let digits = 0;
    for (let x = v; x >= 1; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits - 1;
    let x = v;
    while (x >= 1) {
      const q = Math.floor(x / 10);
      buf[p--] = 48 + (x - q * 10);
      x = q;
    }
    this.pos += digits;
  }

  /** A non-negative value with exactly three decimals. */
  fixed3(v: number): void {
    const milli = Math.round(v * 1000);
    const whole = Math.floor(milli / 1000);
    const frac = milli - whole * 1000;
    this.integer(whole);
    this.flushIfNeeded(4);
    const buf = this.buf;
    buf[this.pos++] = 46;
    buf[this.pos++] = 48 + Math.floor(frac / 100);
    buf[this.pos++] = 48 + (Math.floor(frac / 10) % 10);
    buf[this.pos++] = 48 + (frac % 10);
  }
}
