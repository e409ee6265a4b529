/**
 * The multi-source Dijkstra of `rsp access nearest` (main thread and worker threads): nearest
 * (distance, label) per node only — no second label, no undo log — over CSR typed arrays with a
 * radix heap.
 *
 * Results are those of NearestSearch.run (the lexicographically smallest (distance, label) over all
 * seeds), and distances are exact sums of integer weights. Ties between equal distances through
 * zero-length edges are settled label-correctingly: an entry popped at key d uses the node's current
 * label, and a later same-key improvement of the label pushes the node again.
 */
/** 2^-32: multiplying by a power of two is exact (and cheaper than dividing). */
const INV_TWO32 = 1 / 4294967296;

/**
 * Radix-heap variant (monotone integer keys, no decrease-key: an improved node is pushed again and
 * its stale entry dropped when met). Entries live in 55 append-only buckets, so pushes and pops are
 * sequential memory traffic; each entry moves to a lower bucket at most ~log2(max key) times.
 */
export class RadixKernel {
  private bn: Int32Array[] = [];
  private bk: Float64Array[] = [];
  private readonly bs = new Int32Array(66);

  constructor(readonly nodeCount: number) {
    for (let b = 0; b < 66; b++) {
      this.bn.push(new Int32Array(1024));
      this.bk.push(new Float64Array(1024));
    }
  }

  private grow(b: number): void {
    const n = new Int32Array(this.bn[b].length * 2);
    n.set(this.bn[b]);
    this.bn[b] = n;
    const k = new Float64Array(this.bk[b].length * 2);
    k.set(this.bk[b]);
    this.bk[b] = k;
  }

  run(offsets: Int32Array, targets: Int32Array, weights: Float64Array, seedNodes: ArrayLike<number>, seedLabels: ArrayLike<number>, dist: Float64Array, label: Int32Array): number {
    dist.fill(Infinity);
    label.fill(-1);
    const bs = this.bs;
    bs.fill(0);
    let last = 0;
    let lastHi = 0;
    let lastLo = 0;
    let count = 0;
    for (let k = 0; k < seedNodes.length; k++) {
      const s = seedNodes[k];
      const l = seedLabels[k];
      if (dist[s] === 0 && label[s] <= l) continue;
      if (dist[s] !== 0) {
        if (bs[0] === this.bn[0].length) this.grow(0);
        this.bn[0][bs[0]] = s;
        this.bk[0][bs[0]++] = 0;
        count++;
      }
      dist[s] = 0;
      label[s] = l;
    }
    let settled = 0;
    // grow() replaces a bucket's arrays inside these two lists, so the lists themselves stay valid.
    const bn = this.bn, bk = this.bk;
    let b0n = bn[0];
    let b0k = bk[0];
    while (count > 0) {
      if (bs[0] === 0) {
        // Refill bucket 0 from the lowest non-empty bucket.
        let b = 1;
        while (bs[b] === 0) b++;
        const nodes = this.bn[b], keys = this.bk[b], sz = bs[b];
        // No stale check here: it would read dist[] at random. Stale entries (a node improved since)
        // are dropped when popped; the minimum over all entries is still a valid radix base.
        let min = Infinity;
        for (let i = 0; i < sz; i++) if (keys[i] < min) min = keys[i];
        bs[b] = 0;
        last = min;
        lastHi = Math.floor(min * INV_TWO32);
        lastLo = min >>> 0;
        for (let i = 0; i < sz; i++) {
          const k = keys[i];
          const hi = Math.floor(k * INV_TWO32);
          const nb = hi !== lastHi ? 64 - Math.clz32(hi ^ lastHi) : k === last ? 0 : 32 - Math.clz32((k >>> 0) ^ lastLo);
          if (bs[nb] === this.bn[nb].length) this.grow(nb);
          this.bn[nb][bs[nb]] = nodes[i];
          this.bk[nb][bs[nb]++] = k;
        }
        b0n = this.bn[0];
        b0k = this.bk[0];
        continue;
      }
      const at = --bs[0];
      const u = b0n[at];
      const du = b0k[at];
      count--;
      if (du !== dist[u]) continue;
      const lu = label[u];
      settled++;
      const end = offsets[u + 1];
      for (let e = offsets[u]; e < end; e++) {
        const v = targets[e];
        const nd = du + weights[e];
        const dv = dist[v];
        if (nd < dv || (nd === dv && lu < label[v])) {
          dist[v] = nd;
          label[v] = lu;
          const hi = Math.floor(nd * INV_TWO32);
          const nb = hi !== lastHi ? 64 - Math.clz32(hi ^ lastHi) : nd === last ? 0 : 32 - Math.clz32((nd >>> 0) ^ lastLo);
          const at = bs[nb];
          if (at === bn[nb].length) {
            this.grow(nb);
            b0n = bn[0];
            b0k = bk[0];
          }
          bn[nb][at] = v;
          bk[nb][at] = nd;
          bs[nb] = at + 1;
          count++;
        }
      }
    }
    return settled;
  }
}
