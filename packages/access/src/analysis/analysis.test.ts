import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prepareNetwork } from '../network/prepared.js';
import { arbGraph } from '../test-support.js';
import { computeNearest, pointStats, squareValues } from './nearest.js';
import { pointsOnNodes, squaresOnNodes } from './inputs.js';
import { aggregate, AreaIndex, weightedMedian } from './aggregate.js';
import { ScenarioEngine } from './scenario.js';
import { suppress } from './suppress.js';

const arbWorld = arbGraph(30).chain((g) =>
  fc.tuple(
    fc.constant(g),
    fc.array(fc.record({ node: fc.nat(g.nodeCount - 1), type: fc.constantFrom('a', 'b'), accessM: fc.constantFrom(0, 10, 25) }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.record({ node: fc.nat(g.nodeCount - 1), pop: fc.integer({ min: 0, max: 40 }), muni: fc.constantFrom('0114', '0115', '0180', '2480') }), { minLength: 1, maxLength: 20 }),
  ),
);

function world(g: Parameters<typeof prepareNetwork>[0], pts: { node: number; type: string; accessM: number }[], sqs: { node: number; pop: number; muni: string }[], hierarchy: boolean) {
  const prepared = prepareNetwork(g, { hierarchies: hierarchy ? ['distance', 'time'] : [], contraction: { coreFraction: 0.2 } });
  const net = prepared.network;
  const points = pointsOnNodes(pts.map((p, i) => ({ id: `p${i}`, types: [p.type], node: net.nodeOfInput[p.node], accessM: p.accessM })));
  const squares = squaresOnNodes(sqs.map((s, i) => ({ id: `s${i}`, node: net.nodeOfInput[s.node], accessM: 5, population: s.pop, population70plus: s.pop >> 2, municipalityCode: s.muni })));
  return { prepared, points, squares };
}

describe('computeNearest', () => {
  it('hierarchy and Dijkstra give identical fields', () => {
    fc.assert(
      fc.property(arbWorld, ([g, pts, sqs]) => {
        const { prepared, points } = world(g, pts, sqs, true);
        const a = computeNearest(prepared, points);
        const b = computeNearest(prepared, points, { engine: 'dijkstra' });
        for (const m of ['distance', 'time'] as const)
          for (const [t, f] of a.fields[m]!) {
            const h = b.fields[m]!.get(t)!;
            expect(Array.from(f.dist)).toEqual(Array.from(h.dist));
            expect(Array.from(f.label)).toEqual(Array.from(h.label));
            expect(Array.from(f.dist2!)).toEqual(Array.from(h.dist2!));
          }
      }),
      { numRuns: 100 },
    );
  });
});

describe('scenarios', () => {
  it('closing and adding points equals a full recompute', () => {
    fc.assert(
      fc.property(arbWorld, fc.array(fc.nat(7), { maxLength: 3 }), fc.array(fc.record({ node: fc.nat(29), type: fc.constantFrom('a', 'b') }), { maxLength: 2 }), ([g, pts, sqs], closeRaw, addRaw) => {
        const { prepared, points, squares } = world(g, pts, sqs, false);
        const close = [...new Set(closeRaw.filter((i) => i < points.count))];
        const add = addRaw.filter((a) => a.node < g.nodeCount).map((a, k) => ({ id: `new${k}`, types: [a.type], node: prepared.network.nodeOfInput[a.node], accessM: 3 }));
        const base = computeNearest(prepared, points);
        const engine = new ScenarioEngine(prepared, points, squares, base);
        const result = engine.evaluate({ close, add });
        // Full recompute on the modified point set.
        const kept = pts.map((p, i) => ({ ...p, i })).filter((p) => !close.includes(p.i));
        const all = pointsOnNodes([
          ...kept.map((p) => ({ id: `p${p.i}`, types: [p.type], node: prepared.network.nodeOfInput[p.node], accessM: p.accessM })),
          ...add,
        ]);
        const full = computeNearest(prepared, all);
        const idx = new AreaIndex(squares);
        for (const type of ['a', 'b']) {
          for (const metric of ['distance', 'time'] as const) {
            const before = base.fields[metric]!.get(type);
            const afterField = full.fields[metric]!.get(type);
            const vb = before ? squareValues(squares, before, metric) : new Float64Array(squares.count).fill(NaN);
            const va = afterField ? squareValues(squares, afterField, metric) : new Float64Array(squares.count).fill(NaN);
            for (let s = 0; s < squares.count; s++) {
              const change = result.changedSquares.find((c) => c.square === s && c.type === type && c.metric === metric);
              const same = vb[s] === va[s] || (Number.isNaN(vb[s]) && Number.isNaN(va[s]));
              if (same) expect(change).toBeUndefined();
              else {
                expect(change).toBeDefined();
                if (Number.isNaN(va[s])) expect(change!.after).toBeNaN();
                else expect(change!.after).toBeCloseTo(va[s], 9);
              }
            }
          }
          // Aggregates: every reported "after" row equals the full recompute's row.
          const metres = full.fields.distance!.get(type) ? squareValues(squares, full.fields.distance!.get(type)!, 'distance') : new Float64Array(squares.count).fill(NaN);
          const minutes = full.fields.time!.get(type) ? squareValues(squares, full.fields.time!.get(type)!, 'time') : undefined;
          const rows = aggregate(idx, squares, type, metres, minutes);
          for (const r of result.aggregates.filter((x) => x.after.type === type)) {
            const want = rows.find((x) => x.level === r.after.level && x.code === r.after.code)!;
            const close = (a: number, b: number) => (Number.isNaN(b) ? expect(a).toBeNaN() : expect(a).toBeCloseTo(b, 9));
            close(r.after.meanKm, want.meanKm);
            expect(r.after.medianKm).toEqual(want.medianKm);
            expect(r.after.bands).toEqual(want.bands);
            expect(r.after.transportNeedPersonKm).toBeCloseTo(want.transportNeedPersonKm, 9);
          }
        }
        // The baseline is restored: a second evaluation gives the same answer.
        expect(engine.evaluate({ close, add }).changedSquares).toEqual(result.changedSquares);
      }),
      { numRuns: 200 },
    );
  });
});

describe('per-point statistics', () => {
  it('extra distance if closed equals the closure computed by search', () => {
    fc.assert(
      fc.property(arbWorld, ([g, pts, sqs]) => {
        const { prepared, points, squares } = world(g, pts, sqs, false);
        const base = computeNearest(prepared, points);
        const engine = new ScenarioEngine(prepared, points, squares, base);
        for (const type of ['a', 'b']) {
          const field = base.fields.distance!.get(type);
          if (!field) continue;
          for (const st of pointStats(points, squares, field, type)) {
            const r = engine.evaluate({ close: [st.pointIndex] });
            let extra = 0;
            for (const c of r.changedSquares) if (c.type === type && c.metric === 'distance' && !Number.isNaN(c.after)) extra += (squares.population[c.square] * (c.after - c.before)) / 1000;
            expect(st.extraPersonKmIfClosed).toBeCloseTo(extra, 6);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('aggregates', () => {
  it('weighted median equals the sorted definition', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 40 }), (pairs) => {
        const total = pairs.reduce((s, p) => s + p[1], 0);
        const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
        let acc = 0;
        let want = NaN;
        if (total > 0) for (const [v, w] of sorted) { acc += w; if (acc >= total / 2) { want = v; break; } }
        expect(weightedMedian(Float64Array.from(pairs, (p) => p[0]), Float64Array.from(pairs, (p) => p[1]))).toBe(want);
      }),
    );
  });

  it('bands and shares for a hand-made case', () => {
    const squares = squaresOnNodes([
      { id: 'a', node: 0, population: 10, population70plus: 1, municipalityCode: '0114' },
      { id: 'b', node: 0, population: 30, population70plus: 3, municipalityCode: '0114' },
      { id: 'c', node: 0, population: 60, population70plus: 6, municipalityCode: '0180' },
    ]);
    const rows = aggregate(new AreaIndex(squares), squares, 'grocery', Float64Array.of(1500, 7000, NaN));
    const nation = rows.find((r) => r.level === 'nation')!;
    expect(nation.population).toBe(100);
    expect(nation.unreachablePopulation).toBe(60);
    expect(nation.bands.map((b) => b.population)).toEqual([10, 0, 30, 0, 0]);
    expect(nation.withinKm.find((w) => w.km === 2)!.share).toBeCloseTo(0.1);
    expect(nation.meanKm).toBeCloseTo((10 * 1.5 + 30 * 7) / 40);
    expect(nation.transportNeedPersonKm).toBeCloseTo(225);
    expect(rows.find((r) => r.level === 'county' && r.code === '01')!.population).toBe(100);
    expect(rows.filter((r) => r.level === 'municipality').map((r) => r.code)).toEqual(['0114', '0180']);
  });
});

describe('suppress', () => {
  it('never publishes a small count, directly or as total minus published cells', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ g: fc.constantFrom('x', 'y', 'z'), pop: fc.integer({ min: 0, max: 30 }), pop70: fc.integer({ min: 0, max: 8 }) }), { maxLength: 30 }), fc.integer({ min: 1, max: 10 }), (rows, threshold) => {
        const small = (c: number) => c > 0 && c < threshold;
        const { rows: out, totals } = suppress(rows, { threshold, fields: ['pop', 'pop70'], groupBy: (r) => r.g });
        for (const f of ['pop', 'pop70'] as const) {
          for (const r of out) if (r[f] !== null) expect(small(r[f]!)).toBe(false);
          for (const [g, t] of totals) {
            const total = t[f];
            if (total === null) continue;
            expect(small(total)).toBe(false);
            const published = out.filter((r) => r.g === g && r[f] !== null).reduce((s, r) => s + r[f]!, 0);
            const residual = total - published;
            expect(small(residual)).toBe(false);
            // One hidden non-zero cell would be recovered exactly.
            const hiddenNonZero = rows.filter((r, i) => r.g === g && out[i][f] === null && r[f] > 0).length;
            if (residual > 0) expect(hiddenNonZero).toBeGreaterThanOrEqual(2);
          }
        }
        // Unsuppressed cells keep their values.
        rows.forEach((r, i) => { if (out[i].pop !== null) expect(out[i].pop).toBe(r.pop); });
      }),
      { numRuns: 500 },
    );
  });
});
