import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli.js';
import { arbGraph } from '../test-support.js';
import { referenceDijkstra } from '../search/reference.js';
import { NearestSearch } from '../search/dijkstra.js';
import { RadixKernel } from '../search/multisource.js';
import { csr } from '../network/build.js';
import { toUnits } from '../network/units.js';
import { landmarkOrder } from './order.js';
import { forwardGraph } from './nearest.js';
import type { EdgeListInput } from '../network/contract.js';

const dir = mkdtempSync(join(tmpdir(), 'access-nearest-'));

/** Random non-road graphs: arbitrary endpoints, lengths with up to 3 decimals up to 10 km, some zero. */
const arbRandomGraph = (maxNodes = 60): fc.Arbitrary<EdgeListInput> =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 }).map((x) => x / 1000))), { maxLength: n * 5 }).map((rows) => ({
      nodeCount: n,
      from: Int32Array.from(rows, (r) => r[0]),
      to: Int32Array.from(rows, (r) => r[1]),
      lengthM: Float64Array.from(rows, (r) => r[2]),
    })),
  );

const arbCase = (g: fc.Arbitrary<EdgeListInput>) =>
  g.chain((input) => fc.tuple(fc.constant(input), fc.array(fc.nat(input.nodeCount - 1), { minLength: 1, maxLength: 6 })));

describe('RadixKernel (rsp access nearest)', () => {
  for (const [name, arb] of [['road-like graphs with ties', arbGraph(30)], ['random non-road graphs', arbRandomGraph()]] as const) {
    it(`equals NearestSearch exactly (distances and labels) on ${name}, under any renumbering`, () => {
      fc.assert(
        fc.property(arbCase(arb), ([input, seedList]) => {
          const n = input.nodeCount;
          const rank = landmarkOrder(n, input.from, input.to);
          expect([...rank].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          const g = forwardGraph(input, rank);
          const seeds = Int32Array.from(seedList, (s) => rank[s]);
          const labels = Int32Array.from(seedList, (_, i) => i);
          const dist = new Float64Array(n), label = new Int32Array(n);
          new RadixKernel(n).run(g.offsets, g.targets, g.weights, seeds, labels, dist, label);
          // Old engine, input numbering.
          const w = Float64Array.from(input.lengthM, toUnits);
          const keep = [...input.from.keys()].filter((e) => input.from[e] !== input.to[e]);
          const old = csr(n, Int32Array.from(keep, (e) => input.from[e]), Int32Array.from(keep, (e) => input.to[e]), Float64Array.from(keep, (e) => w[e]));
          const d0 = new Float64Array(n).fill(Infinity), l0 = new Int32Array(n).fill(-1);
          seedList.forEach((s, i) => {
            if (d0[s] !== 0) {
              d0[s] = 0;
              l0[s] = i;
            }
          });
          new NearestSearch(n).run(old.offsets, old.targets, old.length, d0, l0, [...new Set(seedList)]);
          for (let v = 0; v < n; v++) {
            expect(dist[rank[v]]).toBe(d0[v]);
            expect(label[rank[v]]).toBe(l0[v]);
          }
          // And the textbook reference, per seed.
          const ref = seedList.map((s) => referenceDijkstra(input, s));
          for (let v = 0; v < n; v++) {
            const best = Math.min(...ref.map((r) => r[v]));
            if (best === Infinity) expect(dist[rank[v]]).toBe(Infinity);
            else expect(Math.abs(dist[rank[v]] / 1e6 - best)).toBeLessThan(1e-6);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('copes with long paths and large keys (bucket boundaries above 2^32 units)', () => {
    // A 3 000-node path of 5 km edges: distances up to 1.5e10 m in units, far above 2^32.
    const n = 3000;
    const from = Int32Array.from({ length: n - 1 }, (_, i) => i);
    const to = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
    const lengthM = Float64Array.from({ length: n - 1 }, (_, i) => 5000 + (i % 7) * 0.001);
    const input = { nodeCount: n, from, to, lengthM };
    const rank = landmarkOrder(n, from, to);
    const g = forwardGraph(input, rank);
    const dist = new Float64Array(n), label = new Int32Array(n);
    new RadixKernel(n).run(g.offsets, g.targets, g.weights, [rank[0], rank[1500]], [0, 1], dist, label);
    let sum = 0;
    for (let v = 1; v < n; v++) {
      sum = v === 1500 ? 0 : sum + toUnits(lengthM[v - 1]);
      expect(dist[rank[v]]).toBe(sum);
      expect(label[rank[v]]).toBe(v < 1500 ? 0 : 1);
    }
  });
});

function readRows(p: string) {
  const [, ...lines] = readFileSync(p, 'utf8').trim().split('\n');
  return new Map(lines.filter((l) => l).map((l) => {
    const [node, type, d, nearest] = l.split(',');
    return [`${node}|${type}`, { d: Number(d), nearest }];
  }));
}

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

describe('rsp access nearest against the reference', () => {
  let k = 0;
  const check = async (input: EdgeListInput, seedList: number[], idOf: (i: number) => bigint, threads: number) => {
    // Every node of the graph appears in the file (a node without edges would not exist for scipy either).
    const lines = ['from,to,length_m'];
    for (let e = 0; e < input.from.length; e++) lines.push(`${idOf(input.from[e])},${idOf(input.to[e])},${input.lengthM[e]}`);
    const present = new Set<number>();
    for (let e = 0; e < input.from.length; e++) present.add(input.from[e]).add(input.to[e]);
    const seeds = seedList.filter((s) => present.has(s));
    if (seeds.length === 0) return;
    const types = ['a', 'b'];
    const src = ['type,node', ...seeds.map((s, i) => `${types[i % 2]},${idOf(s)}`)];
    const e = join(dir, `e${k}.csv`), s = join(dir, `s${k}.csv`), o = join(dir, `o${k}.csv`);
    k++;
    writeFileSync(e, lines.join('\n') + '\n');
    writeFileSync(s, src.join('\r\n'));
    const r = await run(['access', 'nearest', '--edges', e, '--sources', s, '--out', o, '--quiet', '--threads', String(threads)]);
    expect(r.code, r.err).toBe(0);
    const stats = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(Object.keys(stats)).toEqual(['nodes', 'edges', 'load_ms', 'compute_ms', 'threads', 'compute_cpu_ms']);
    const rows = readRows(o);
    types.forEach((t, ti) => {
      const mine = seeds.filter((_, i) => i % 2 === ti);
      const ref = mine.map((x) => referenceDijkstra(input, x));
      for (const v of present) {
        const got = rows.get(`${idOf(v)}|${t}`);
        const best = mine.length ? Math.min(...ref.map((d) => d[v])) : Infinity;
        if (best === Infinity) {
          expect(got).toBeUndefined();
          continue;
        }
        expect(got).toBeDefined();
        expect(Math.abs(got!.d - best)).toBeLessThanOrEqual(0.0005 + 1e-9);
        // The nearest reported is the smallest id among the sources at the (exact) best distance.
        const tied = mine.filter((_, i) => Math.abs(ref[i][v] - best) < 1e-7).map(idOf).sort((a, b) => (a < b ? -1 : 1));
        expect(got!.nearest).toBe(String(tied[0]));
      }
    });
  };

  it('random graphs (duplicate edges, zero lengths, unreachable nodes, ids up to 2^53), one thread', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase(fc.oneof(arbGraph(30), arbRandomGraph(40))), fc.integer({ min: 0, max: 1000 }), async ([input, seedList], salt) => {
        // Ids spread up to 2^53 (exact in doubles), order unrelated to the node index.
        const idOf = (i: number) => (i === 0 ? 2n ** 53n : BigInt(i) * 9_007_199_254_731n + BigInt(salt));
        await check(input, seedList, idOf, 1);
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('the same with two threads (types on a worker and the main thread)', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase(arbRandomGraph(40)), async ([input, seedList]) => {
        await check(input, seedList, (i) => BigInt(i * 3 + 7), 2);
      }),
      { numRuns: 4 },
    );
  }, 60_000);
});

describe('NearestPool', () => {
  it('a worker thread and the main thread share the types and agree with one thread', async () => {
    const { NearestPool, runTasks } = await import('./parallel-nearest.js');
    const sample = fc.sample(arbRandomGraph(300).filter((g) => g.nodeCount > 100), { numRuns: 1, seed: 7 })[0];
    const n = sample.nodeCount;
    const g = forwardGraph(sample, landmarkOrder(n, sample.from, sample.to));
    const types = 40;
    const job = (shared: boolean) => ({
      ...g,
      seedNodes: Array.from({ length: types }, (_, t) => Int32Array.from([t % n, (t * 7) % n, (t * 13 + 5) % n])),
      seedLabels: Array.from({ length: types }, () => Int32Array.from([0, 1, 2])),
      dist: new Float64Array(shared ? new SharedArrayBuffer(8 * n * types) : n * types),
      label: new Int32Array(shared ? new SharedArrayBuffer(4 * n * types) : n * types),
      counter: new Int32Array(new SharedArrayBuffer(8)),
    });
    const one = job(false);
    expect(runTasks(one)).toBe(types);
    const pool = new NearestPool(1);
    try {
      await pool.ready;
      const two = job(true);
      const per = pool.run(two);
      expect(per[0] + per[1]).toBe(types);
      expect(two.dist).toEqual(one.dist);
      expect(two.label).toEqual(one.label);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
