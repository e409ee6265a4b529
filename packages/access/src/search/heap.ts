/**
 * Indexed 4-ary min-heap over node ids with decrease-key. n slots (one per node) instead of one per
 * relaxed edge keeps the queue small and cache-friendly; four children per level halve the depth of a
 * binary heap, and the four keys sit in one cache line. Keys are compared lexicographically as
 * (key, label) so that equal distances resolve to the smallest label (point index) deterministically,
 * including across zero-length edges.
 */
export class Heap4 {
  readonly nodes: Int32Array;
  readonly keys: Float64Array;
  readonly labels: Int32Array;
  /** Position of a node in the heap, -1 when absent. */
  readonly pos: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.labels = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.nodes[i]] = -1;
    this.size = 0;
  }

  /** Insert, or lower the key of a node already present (the new key must not be larger). */
  push(node: number, key: number, label: number): void {
    let i = this.pos[node];
    if (i < 0) i = this.size++;
    const nodes = this.nodes, keys = this.keys, labels = this.labels, pos = this.pos;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = keys[p];
      if (pk < key || (pk === key && labels[p] <= label)) break;
      const pn = nodes[p];
      nodes[i] = pn;
      keys[i] = pk;
      labels[i] = labels[p];
      pos[pn] = i;
      i = p;
    }
    nodes[i] = node;
    keys[i] = key;
    labels[i] = label;
    pos[node] = i;
  }

  /** Remove and return the minimum node; its key and label are in topKey/topLabel. */
  topKey = 0;
  topLabel = 0;
  pop(): number {
    const nodes = this.nodes, keys = this.keys, labels = this.labels, pos = this.pos;
    const top = nodes[0];
    this.topKey = keys[0];
    this.topLabel = labels[0];
    pos[top] = -1;
    const size = --this.size;
    if (size === 0) return top;
    const node = nodes[size];
    const key = keys[size];
    const label = labels[size];
    let i = 0;
    for (;;) {
      const c = 4 * i + 1;
      if (c >= size) break;
      let best = c;
      let bk = keys[c];
      let bl = labels[c];
      const end = c + 4 < size ? c + 4 : size;
      for (let j = c + 1; j < end; j++) {
        const k = keys[j];
        if (k < bk || (k === bk && labels[j] < bl)) {
          best = j;
          bk = k;
          bl = labels[j];
        }
      }
      if (key < bk || (key === bk && label <= bl)) break;
      const bn = nodes[best];
      nodes[i] = bn;
      keys[i] = bk;
      labels[i] = bl;
      pos[bn] = i;
      i = best;
    }
    nodes[i] = node;
    keys[i] = key;
    labels[i] = label;
    pos[node] = i;
    return top;
  }
}
