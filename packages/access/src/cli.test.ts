import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './cli.js';
import { prng } from './bench/synthetic.js';
import { runScipy, scipyAvailable } from './bench/scipy.js';

const dir = mkdtempSync(join(tmpdir(), 'access-cli-'));

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function readRows(p: string) {
  const [header, ...lines] = readFileSync(p, 'utf8').trim().split('\n');
  expect(header).toBe('node,type,distance_m,nearest');
  return new Map(lines.map((l) => {
    const [node, type, d, nearest] = l.split(',');
    return [`${node}|${type}`, { d: Number(d), nearest }];
  }));
}

describe('rsp access nearest', () => {
  it('handles column order, CRLF, duplicates, self loops, zero lengths, huge ids and unreachable nodes', async () => {
    const big = '9007199254740991'; // 2^53 - 1: exact in a double, not in an Int32
    const edges = file('e.csv', `length_m,to,from\r\n5,2,1\r\n3,2,1\r\n0,3,2\r\n4,4,4\r\n1,${big},3\r\n2,1,${big}\r\n7,6,5\r\n`);
    const sources = file('s.csv', `type,node\r\nshop,1\r\nshop,${big}\r\npost,5\r\npost,5\r\n`);
    const outPath = join(dir, 'o.csv');
    const r = await run(['access', 'nearest', '--edges', edges, '--sources', sources, '--out', outPath, '--quiet']);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.out.trim().split('\n').pop()!);
    expect(stats).toMatchObject({ nodes: 7, edges: 7 });
    expect(typeof stats.load_ms).toBe('number');
    expect(typeof stats.compute_ms).toBe('number');
    const rows = readRows(outPath);
    expect(rows.get('1|shop')).toEqual({ d: 0, nearest: '1' });
    expect(rows.get('2|shop')).toEqual({ d: 3, nearest: '1' });
    expect(rows.get('3|shop')).toEqual({ d: 3, nearest: '1' });
    expect(rows.get(`${big}|shop`)).toEqual({ d: 0, nearest: big });
    expect(rows.has('4|shop')).toBe(false); // only a self loop: unreachable
    expect(rows.has('5|shop')).toBe(false);
    expect(rows.get('6|post')).toEqual({ d: 7, nearest: '5' });
    expect(rows.has('1|post')).toBe(false);
  });

  it('breaks ties by the smallest source id, without trailing newline', async () => {
    const edges = file('t.csv', 'from,to,length_m,minutes\n10,20,1,0.1\n30,20,1,0.1\n20,10,1,0.1\n20,30,1,0.1');
    const sources = file('ts.csv', 'node,type\n30,a\n10,a');
    const outPath = join(dir, 'to.csv');
    expect((await run(['access', 'nearest', '--edges', edges, '--sources', sources, '--out', outPath, '--quiet'])).code).toBe(0);
    expect(readRows(outPath).get('20|a')).toEqual({ d: 1, nearest: '10' });
  });

  const errorCases: [string, string, string, RegExp][] = [
    ['missing column', 'from,to\n1,2\n', 'node,type\n1,a\n', /e-err\.csv:1: missing column "length_m"/],
    ['non-numeric value', 'from,to,length_m\n1,2,3\n2,1,abc\n', 'node,type\n1,a\n', /e-err\.csv:3: column "length_m": "abc" is not a number/],
    ['unknown source node', 'from,to,length_m\n1,2,3\n', 'node,type\n1,a\n\n7,a\n', /s-err\.csv:4: node 7 does not occur in the edge list/],
    ['negative length', 'from,to,length_m\n1,2,-3\n', 'node,type\n1,a\n', /e-err\.csv:2: .*negative/],
    ['fractional id', 'from,to,length_m\n1.5,2,3\n', 'node,type\n2,a\n', /e-err\.csv:2: column "from"/],
    ['id beyond 2^53', 'from,to,length_m\n9007199254740993,2,3\n', 'node,type\n2,a\n', /e-err\.csv:2: column "from"/],
    ['missing source column', 'from,to,length_m\n1,2,3\n', 'node\n1\n', /s-err\.csv:1: missing column "type"/],
  ];
  for (const [name, e, s, message] of errorCases) {
    it(`fails with exit code 2 and one line naming file and line: ${name}`, async () => {
      const r = await run(['access', 'nearest', '--edges', file('e-err.csv', e), '--sources', file('s-err.csv', s), '--out', join(dir, 'x.csv'), '--quiet']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    });
  }

  it('usage errors exit with 2', async () => {
    expect((await run(['access', 'nearest', '--edges', 'x.csv'])).code).toBe(2);
    expect((await run(['access', 'nearest', '--bogus', '1'])).code).toBe(2);
    expect((await run(['access', 'nearest', '--edges', join(dir, 'none.csv'), '--sources', 'x', '--out', 'y'])).err).toMatch(/cannot read/);
    expect((await run(['nonsense'])).code).toBe(2);
  });

  const why = scipyAvailable();
  it.skipIf(why !== null)(`agrees with scipy within 0.5 m on a random 2 000-node graph${why ? ` (skipped: ${why})` : ''}`, async () => {
    const rnd = prng(42);
    const n = 2000;
    const ids = Array.from({ length: n }, (_, i) => 1e12 + i * 7919); // sparse, large ids
    let e = 'from,to,length_m\n';
    for (let k = 0; k < 7000; k++) {
      const a = Math.floor(rnd() * n);
      const b = rnd() < 0.7 ? (a + 1 + Math.floor(rnd() * 5)) % n : Math.floor(rnd() * n);
      const len = rnd() < 0.02 ? 0 : Math.round(rnd() * 500000) / 100;
      e += `${ids[a]},${ids[b]},${len}\n`;
    }
    let s = 'node,type\n';
    for (const t of ['a', 'b', 'c']) for (let k = 0; k < (t === 'c' ? 1 : 12); k++) s += `${ids[Math.floor(rnd() * n)]},${t}\n`;
    const edges = file('r-e.csv', e);
    const sources = file('r-s.csv', s);
    // Some ids appear only in the edge list's "from" column or not at all: use the ones scipy sees.
    const outPath = join(dir, 'r-o.csv');
    const r = await run(['access', 'nearest', '--edges', edges, '--sources', sources, '--out', outPath, '--quiet']);
    expect(r.code).toBe(0);
    const ours = readRows(outPath);
    const ref = runScipy(dir, edges, sources);
    let worst = 0;
    let compared = 0;
    ref.types.forEach((t, k) => {
      for (let i = 0; i < ref.ids.length; i++) {
        const want = ref.dist[k][i];
        const got = ours.get(`${ref.ids[i]}|${t}`);
        if (want === Infinity) expect(got).toBeUndefined();
        else {
          expect(got).toBeDefined();
          worst = Math.max(worst, Math.abs(got!.d - want));
          compared++;
        }
      }
    });
    expect(compared).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(0.5);
  }, 60_000);
});
