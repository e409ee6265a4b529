import type { TextSink } from '../cli.js';

/**
 * Progress on stderr for long steps. On a terminal it redraws one line; elsewhere (logs, tests) it
 * prints only the start and the end of a step so logs stay readable.
 */
export class Progress {
  private last = 0;
  private readonly started = performance.now();
  private readonly tty: boolean;

  constructor(private readonly label: string, private readonly total: number, private readonly stream: TextSink | null = process.stderr) {
    this.tty = !!stream?.isTTY;
    if (stream && !this.tty) stream.write(`${label} …\n`);
    else this.tick(0);
  }

  tick(done: number): void {
    if (!this.stream || !this.tty) return;
    const now = performance.now();
    if (done < this.total && now - this.last < 100) return;
    this.last = now;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 30;
    const full = Math.round(frac * width);
    this.stream.write(`\r${this.label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(frac * 100).toFixed(0).padStart(3)}%`);
  }

  done(note = ''): void {
    if (!this.stream) return;
    const secs = ((performance.now() - this.started) / 1000).toFixed(1);
    if (this.tty) this.stream.write(`\r${this.label} [${'#'.repeat(30)}] 100% ${secs} s ${note}\n`);
    else this.stream.write(`${this.label} done in ${secs} s ${note}\n`);
  }
}
