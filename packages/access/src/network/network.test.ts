import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareNetwork } from './prepared.js';
import { loadNetwork, saveNetwork } from './cache.js';
import { Snapper, haversineM } from './snap.js';
import { syntheticCountry } from '../bench/synthetic.js';
import { arbGraph } from '../test-support.js';
import { buildNetwork } from './build.js';

const dir = mkdtempSync(join(tmpdir(), 'access-net-'));

describe('prepared network cache', () => {
  it('round-trips every array', () => {
    fc.assert(
      fc.property(arbGraph(20), (g) => {
        const p = prepareNetwork(g, { contraction: { coreFraction: 0.2 } });
        const file = join(dir, 'rt.bin');
        saveNetwork(file, p);
        const q = loadNetwork(file);
        expect(q.network.nodeCount).toBe(p.network.nodeCount);
        expect(Array.from(q.network.forward.targets)).toEqual(Array.from(p.network.forward.targets));
        expect(Array.from(q.network.backward.length)).toEqual(Array.from(p.network.backward.length));
        expect(Array.from(q.network.forward.time!)).toEqual(Array.from(p.network.forward.time!));
        expect(Array.from(q.network.nodeOfInput)).toEqual(Array.from(p.network.nodeOfInput));
        expect(Array.from(q.hierarchies.distance!.in.weights)).toEqual(Array.from(p.hierarchies.distance!.in.weights));
        expect(q.hierarchies.time!.coreCount).toBe(p.hierarchies.time!.coreCount);
        expect(q.network.stats).toEqual(p.network.stats);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects corrupt and truncated files with a clear error', () => {
    const c = syntheticCountry(400, 3);
    const file = join(dir, 'c.bin');
    saveNetwork(file, prepareNetwork(c.edges));
    const bytes = readFileSync(file);
    const flip = Buffer.from(bytes);
    flip[bytes.length - 13] ^= 0x40;
    writeFileSync(join(dir, 'flip.bin'), flip);
    expect(() => loadNetwork(join(dir, 'flip.bin'))).toThrow(/checksum mismatch/);
    writeFileSync(join(dir, 'short.bin'), bytes.subarray(0, bytes.length - 100));
    expect(() => loadNetwork(join(dir, 'short.bin'))).toThrow(/truncated/);
    writeFileSync(join(dir, 'tiny.bin'), bytes.subarray(0, 10));
    expect(() => loadNetwork(join(dir, 'tiny.bin'))).toThrow(/shorter than the header/);
    const magic = Buffer.from(bytes);
    magic[0] = 0x58;
    writeFileSync(join(dir, 'magic.bin'), magic);
    expect(() => loadNetwork(join(dir, 'magic.bin'))).toThrow(/magic/);
    const ver = Buffer.from(bytes);
    ver.writeUInt32LE(99, 8);
    writeFileSync(join(dir, 'ver.bin'), ver);
    expect(() => loadNetwork(join(dir, 'ver.bin'))).toThrow(/version 99/);
  });
});

describe('components and snapping', () => {
  it('snaps to the nearest node of a large strongly connected component, exactly', () => {
    const c = syntheticCountry(2500, 5);
    const net = buildNetwork(c.edges, { minSnapComponentNodes: 100 });
    const snapper = new Snapper(net);
    for (const sq of c.squares.slice(0, 50)) {
      const s = snapper.snap(sq.lon, sq.lat)!;
      let best = Infinity;
      for (let v = 0; v < net.nodeCount; v++) if (net.snappable[v]) best = Math.min(best, haversineM(sq.lon, sq.lat, net.lon![v], net.lat![v]));
      expect(s.accessM).toBeCloseTo(best, 6);
      expect(net.snappable[s.node]).toBe(1);
    }
  });

  it('reports fragments and never snaps onto them', () => {
    // A 3-node two-way path plus an isolated 2-node fragment sitting right at the query point.
    const g = {
      nodeCount: 5,
      from: Int32Array.of(0, 1, 1, 2, 3),
      to: Int32Array.of(1, 0, 2, 1, 4),
      lengthM: Float64Array.of(100, 100, 100, 100, 5),
      lon: Float64Array.of(18, 18.001, 18.002, 18.01, 18.0101),
      lat: Float64Array.of(59, 59, 59, 59, 59),
    };
    const net = buildNetwork(g, { minSnapComponentNodes: 3 });
    expect(net.stats.weakComponents).toBe(2);
    expect(net.stats.fragmentSizes).toEqual([2]);
    const s = new Snapper(net).snap(18.01, 59)!;
    expect(net.inputIndex[s.node]).toBe(2);
  });
});
