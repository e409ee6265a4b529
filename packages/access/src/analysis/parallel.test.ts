import { describe, expect, it } from 'vitest';
import { prepareNetwork } from '../network/prepared.js';
import { syntheticCountry } from '../bench/synthetic.js';
import { preparePoints } from './inputs.js';
import { computeNearest } from './nearest.js';
import { computeNearestParallel } from './parallel.js';

describe('computeNearestParallel', () => {
  it('returns the same fields as the single-thread API, through worker threads and shared memory', async () => {
    const c = syntheticCountry(3000, 11);
    const prepared = prepareNetwork(c.edges, { contraction: { coreFraction: 0.2 } });
    const points = preparePoints(prepared.network, c.points);
    const single = computeNearest(prepared, points);
    const par = await computeNearestParallel(prepared, points, { threads: 2 });
    for (const metric of ['distance', 'time'] as const)
      for (const [type, f] of single.fields[metric]!) {
        const g = par.fields[metric]!.get(type)!;
        expect(Array.from(g.dist)).toEqual(Array.from(f.dist));
        expect(Array.from(g.label2!)).toEqual(Array.from(f.label2!));
      }
  }, 30_000);
});
