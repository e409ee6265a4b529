import fc from 'fast-check';
import type { EdgeListInput } from './network/contract.js';

/**
 * Random small directed graphs for property tests: duplicate edges, self loops, zero lengths and
 * lengths from a small set (so equal distances — ties — are common), sometimes disconnected.
 */
export const arbGraph = (maxNodes = 24): fc.Arbitrary<EdgeListInput> =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc
      .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom(0, 1, 2, 2.5, 3, 5, 7.25, 10), fc.boolean()), { maxLength: n * 4 })
      .map((rows) => {
        const from: number[] = [], to: number[] = [], len: number[] = [];
        for (const [a, b, l, twoWay] of rows) {
          from.push(a); to.push(b); len.push(l);
          if (twoWay) { from.push(b); to.push(a); len.push(l); }
        }
        return { nodeCount: n, from: Int32Array.from(from), to: Int32Array.from(to), lengthM: Float64Array.from(len), minutes: Float64Array.from(len, (l) => l / 700) };
      }),
  );

/** Up to `max` distinct seed nodes of a graph with n nodes. */
export const arbSeeds = (n: number, max = 5) => fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: Math.min(n, max) });
