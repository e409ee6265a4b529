import type { EdgeListInput } from '../network/contract.js';

/**
 * The reference: a textbook single-source Dijkstra over the raw edge list (input numbering, metres as
 * given, a lazy binary heap of [distance, node] pairs). Deliberately naive and independent of the
 * engine's CSR, renumbering, integer units and hierarchies; tests compare everything against it.
 */
export function referenceDijkstra(input: EdgeListInput, source: number, reverse = false, weights: Float64Array = input.lengthM): Float64Array {
  const n = input.nodeCount;
  const adj: [number, number][][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < input.from.length; e++) {
    const a = reverse ? input.to[e] : input.from[e];
    const b = reverse ? input.from[e] : input.to[e];
    adj[a].push([b, weights[e]]);
  }
  const dist = new Float64Array(n).fill(Infinity);
  dist[source] = 0;
  const heap: [number, number][] = [[0, source]];
  const done = new Uint8Array(n);
  while (heap.length > 0) {
    const [d, u] = popMin(heap);
    if (done[u]) continue;
    done[u] = 1;
    for (const [v, w] of adj[u]) {
      if (d + w < dist[v]) {
        dist[v] = d + w;
        pushHeap(heap, [d + w, v]);
      }
    }
  }
  return dist;
}

function pushHeap(h: [number, number][], x: [number, number]): void {
  h.push(x);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p][0] <= h[i][0]) break;
    [h[p], h[i]] = [h[i], h[p]];
    i = p;
  }
}

function popMin(h: [number, number][]): [number, number] {
  const top = h[0];
  const last = h.pop()!;
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && h[l][0] < h[m][0]) m = l;
      if (r < h.length && h[r][0] < h[m][0]) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
  return top;
}

/** Floyd–Warshall, for the smallest graphs: an algorithm with nothing in common with Dijkstra. */
export function floydWarshall(input: EdgeListInput): Float64Array[] {
  const n = input.nodeCount;
  const d = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(n).fill(Infinity);
    row[i] = 0;
    return row;
  });
  for (let e = 0; e < input.from.length; e++) {
    const a = input.from[e], b = input.to[e];
    if (input.lengthM[e] < d[a][b]) d[a][b] = input.lengthM[e];
  }
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
  return d;
}
