/**
 * Open-addressing hash from external node ids (integers up to 2^53, kept as doubles) to dense
 * indices. A JS Map on 6 M lookups costs several hundred ms; this costs a few tens.
 */
export class IdIndex {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  size = 0;
  /** Dense index → id, in order of first appearance. */
  ids: Float64Array;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.values = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.ids = new Float64Array(Math.max(16, expected));
  }

  private slot(id: number): number {
    const lo = id >>> 0;
    const hi = (id / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  get(id: number): number {
    let s = this.slot(id);
    for (;;) {
      const v = this.values[s];
      if (v < 0) return -1;
      if (this.keys[s] === id) return v;
      s = (s + 1) & this.mask;
    }
  }

  /** Index of id, adding it if new. */
  intern(id: number): number {
    let s = this.slot(id);
    for (;;) {
      const v = this.values[s];
      if (v < 0) break;
      if (this.keys[s] === id) return v;
      s = (s + 1) & this.mask;
    }
    const idx = this.size++;
    this.keys[s] = id;
    this.values[s] = idx;
    if (idx >= this.ids.length) {
      const grown = new Float64Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[idx] = id;
    if (this.size * 2 > this.mask) this.grow();
    return idx;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const cap = oldKeys.length * 2;
    this.keys = new Float64Array(cap);
    this.values = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] < 0) continue;
      let s = this.slot(oldKeys[i]);
      while (this.values[s] >= 0) s = (s + 1) & this.mask;
      this.keys[s] = oldKeys[i];
      this.values[s] = oldValues[i];
    }
  }
}

/**
 * The same interface for ids that are small non-negative integers (the usual generic CSV: 0..n-1):
 * a direct-address table, no hashing, and sequential memory access when rows are ordered.
 */
export class DirectIdIndex {
  private readonly map: Int32Array;
  size = 0;
  ids: Float64Array;

  constructor(maxId: number, expected: number) {
    this.map = new Int32Array(maxId + 1).fill(-1);
    this.ids = new Float64Array(Math.max(16, Math.min(expected, maxId + 1)));
  }

  get(id: number): number {
    return id >= 0 && id < this.map.length && Math.floor(id) === id ? this.map[id] : -1;
  }

  intern(id: number): number {
    const v = this.map[id];
    if (v >= 0) return v;
    const idx = this.size++;
    this.map[id] = idx;
    if (idx >= this.ids.length) {
      const grown = new Float64Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[idx] = id;
    return idx;
  }
}

export type IdLookup = IdIndex | DirectIdIndex;
