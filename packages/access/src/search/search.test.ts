import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildNetwork } from '../network/build.js';
import { fromUnits } from '../network/units.js';
import { arbGraph, arbSeeds } from '../test-support.js';
import { nearestByDijkstra, searchGraph, type Direction, type Seeds } from './field.js';
import { buildHierarchy, phastNearest } from './phast.js';
import { floydWarshall, referenceDijkstra } from './reference.js';
import type { EdgeListInput } from '../network/contract.js';

/** Brute force: one reference search per seed, then the lexicographic (distance, label) minimum. */
function bruteForce(input: EdgeListInput, seedNodes: number[], direction: Direction) {
  const runs = seedNodes.map((s) => referenceDijkstra(input, s, direction === 'toSeeds'));
  const n = input.nodeCount;
  const best: { d: number; l: number }[][] = [];
  for (let v = 0; v < n; v++) {
    const c = seedNodes.map((_, i) => ({ d: runs[i][v], l: i })).filter((x) => x.d < Infinity);
    c.sort((a, b) => a.d - b.d || a.l - b.l);
    best.push(c);
  }
  return best;
}

function seedsOf(net: ReturnType<typeof buildNetwork>, seedNodes: number[]): Seeds {
  return { nodes: Int32Array.from(seedNodes, (s) => net.nodeOfInput[s]), dist: new Float64Array(seedNodes.length), labels: Int32Array.from(seedNodes, (_, i) => i) };
}

describe('reference Dijkstra', () => {
  it('agrees with Floyd–Warshall', () => {
    fc.assert(
      fc.property(arbGraph(12), (g) => {
        const fw = floydWarshall(g);
        for (let s = 0; s < g.nodeCount; s++) expect(Array.from(referenceDijkstra(g, s))).toEqual(Array.from(fw[s]));
      }),
      { numRuns: 100 },
    );
  });
});

describe('nearest seed', () => {
  for (const direction of ['fromSeeds', 'toSeeds'] as const) {
    it(`multi-source Dijkstra equals the minimum over single-source runs (${direction})`, () => {
      fc.assert(
        fc.property(arbGraph(), fc.boolean(), (g, renumber) => {
          const seedNodes = [...new Set([0, g.nodeCount - 1, g.nodeCount >> 1])];
          const net = buildNetwork(g, { renumber });
          const field = nearestByDijkstra(searchGraph(net, direction, 'distance'), seedsOf(net, seedNodes), { second: false });
          const best = bruteForce(g, seedNodes, direction);
          for (let i = 0; i < g.nodeCount; i++) {
            const v = net.nodeOfInput[i];
            const b = best[i][0];
            if (!b) {
              expect(field.dist[v]).toBe(Infinity);
              expect(field.label[v]).toBe(-1);
            } else {
              expect(fromUnits(field.dist[v])).toBeCloseTo(b.d, 9);
              expect(field.label[v]).toBe(b.l);
            }
          }
        }),
        { numRuns: 300 },
      );
    });

    it(`second-nearest distinct seed is exact (${direction})`, () => {
      fc.assert(
        fc.property(arbGraph().chain((g) => fc.tuple(fc.constant(g), arbSeeds(g.nodeCount))), ([g, seedNodes]) => {
          const net = buildNetwork(g);
          const f = nearestByDijkstra(searchGraph(net, direction, 'distance'), seedsOf(net, seedNodes), { second: true });
          const best = bruteForce(g, seedNodes, direction);
          for (let i = 0; i < g.nodeCount; i++) {
            const v = net.nodeOfInput[i];
            const [b1, b2] = best[i];
            expect(f.label[v]).toBe(b1 ? b1.l : -1);
            expect(f.label2![v]).toBe(b2 ? b2.l : -1);
            expect(fromUnits(f.dist2![v])).toBeCloseTo(b2 ? b2.d : Infinity, 9);
          }
        }),
        { numRuns: 300 },
      );
    });

    it(`PHAST over a contraction hierarchy equals Dijkstra exactly, ties and second-nearest included (${direction})`, () => {
      fc.assert(
        fc.property(
          arbGraph(40).chain((g) => fc.tuple(fc.constant(g), arbSeeds(g.nodeCount, 6), fc.constantFrom(0, 0.1, 0.5), fc.constantFrom(3, 60))),
          ([g, seedNodes, coreFraction, witnessLimit]) => {
            const net = buildNetwork(g);
            const h = buildHierarchy(net, 'distance', { coreFraction, witnessLimit });
            const seeds = seedsOf(net, seedNodes);
            const want = nearestByDijkstra(searchGraph(net, direction, 'distance'), seeds, { second: true });
            const got1 = phastNearest(h, direction, seeds);
            const got2 = phastNearest(h, direction, seeds, { second: true });
            expect(Array.from(got1.dist)).toEqual(Array.from(want.dist));
            expect(Array.from(got1.label)).toEqual(Array.from(want.label));
            expect(Array.from(got2.dist)).toEqual(Array.from(want.dist));
            expect(Array.from(got2.label)).toEqual(Array.from(want.label));
            expect(Array.from(got2.dist2!)).toEqual(Array.from(want.dist2!));
            expect(Array.from(got2.label2!)).toEqual(Array.from(want.label2!));
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('time metric uses minutes', () => {
    const g: EdgeListInput = { nodeCount: 3, from: Int32Array.of(0, 1, 0), to: Int32Array.of(1, 2, 2), lengthM: Float64Array.of(1, 1, 1), minutes: Float64Array.of(1, 1, 5) };
    const net = buildNetwork(g);
    const f = nearestByDijkstra(searchGraph(net, 'fromSeeds', 'time'), seedsOf(net, [0]));
    expect(fromUnits(f.dist[net.nodeOfInput[2]])).toBe(2);
  });
});
