import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The reference the engine is measured against: scipy's csgraph Dijkstra with min_only=True, one call
 * per type, on the same CSV files. Written to the bench's temp dir at run time (the engine package
 * ships no Python files). Duplicate edges keep their minimum (scipy would sum them), self loops are
 * dropped, and zero lengths become 1e-9 m because scipy's sparse graphs drop explicit zeros.
 */
export const SCIPY_SCRIPT = String.raw`
import sys, json, time
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

edges_path, sources_path, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
with open(edges_path) as f:
    header = [c.strip().lower() for c in f.readline().split(',')]
t0 = time.perf_counter()
data = np.loadtxt(edges_path, delimiter=',', skiprows=1, usecols=(header.index('from'), header.index('to'), header.index('length_m')), ndmin=2)
load_s = time.perf_counter() - t0
t1 = time.perf_counter()
src_ids = data[:, 0].astype(np.int64)
dst_ids = data[:, 1].astype(np.int64)
w = data[:, 2]
with open(sources_path) as f:
    sheader = [c.strip().lower() for c in f.readline().split(',')]
    ni, ti = sheader.index('node'), sheader.index('type')
    rows = [l.rstrip('\r\n').split(',') for l in f if l.strip()]
s_ids = np.array([int(r[ni]) for r in rows], dtype=np.int64)
s_types = [r[ti].strip() for r in rows]
ids, inv = np.unique(np.concatenate([src_ids, dst_ids, s_ids]), return_inverse=True)
m = len(src_ids)
a, b, s_idx = inv[:m], inv[m:2 * m], inv[2 * m:]
keep = a != b
a, b, w = a[keep], b[keep], np.where(w[keep] == 0, 1e-9, w[keep])
order = np.lexsort((w, b, a))
a, b, w = a[order], b[order], w[order]
first = np.ones(len(a), dtype=bool)
first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
n = len(ids)
g = csr_matrix((w[first], (a[first], b[first])), shape=(n, n))
build_s = time.perf_counter() - t1
types = list(dict.fromkeys(s_types))
compute_s = 0.0
for k, t in enumerate(types):
    idx = np.unique(np.array([s_idx[i] for i in range(len(rows)) if s_types[i] == t]))
    t2 = time.perf_counter()
    d = dijkstra(g, directed=True, indices=idx, min_only=True)
    compute_s += time.perf_counter() - t2
    d.astype(np.float64).tofile(out_dir + '/scipy_dist_%d.f64' % k)
ids.astype(np.float64).tofile(out_dir + '/scipy_ids.f64')
print(json.dumps({"load_s": load_s, "build_s": build_s, "compute_s": compute_s, "types": types, "nodes": int(n)}))
`;

export function scipyAvailable(): string | null {
  const r = spawnSync('python3', ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  if (r.error) return 'python3 not found';
  if (r.status !== 0) return 'python3 has no scipy/numpy';
  return null;
}

export interface ScipyResult {
  loadMs: number;
  buildMs: number;
  computeMs: number;
  types: string[];
  /** Sorted node ids and, per type, distances in that order (Infinity = unreachable). */
  ids: Float64Array;
  dist: Float64Array[];
}

export function runScipy(dir: string, edgesCsv: string, sourcesCsv: string): ScipyResult {
  const script = join(dir, 'scipy_nearest.py');
  writeFileSync(script, SCIPY_SCRIPT);
  const out = execFileSync('python3', [script, edgesCsv, sourcesCsv, dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = out.trim().split('\n').pop()!;
  const r = JSON.parse(last) as { load_s: number; build_s: number; compute_s: number; types: string[] };
  const f64 = (p: string) => {
    const b = readFileSync(p);
    return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  return {
    loadMs: r.load_s * 1000,
    buildMs: r.build_s * 1000,
    computeMs: r.compute_s * 1000,
    types: r.types,
    ids: f64(join(dir, 'scipy_ids.f64')),
    dist: r.types.map((_, k) => f64(join(dir, `scipy_dist_${k}.f64`))),
  };
}
