import type { EdgeListInput, ServicePointInput, PopulationSquareInput, ServiceType } from '../network/contract.js';
import { SERVICE_TYPES } from '../network/contract.js';

/** Small, fast, deterministic PRNG (mulberry32): the bench must generate the same network every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCountry {
  edges: EdgeListInput;
  points: ServicePointInput[];
  /** Squares with lon/lat centres already computed (the io side converts EPSG:3006 in real runs). */
  squares: (PopulationSquareInput & { lon: number; lat: number })[];
}

const M_PER_DEG = 111_320;

/**
 * A road-like country: a jittered grid (~600 m spacing) with a fifth of the links missing, some
 * diagonals, 5 % one-way links, curvy edges (length 1.0–1.35 × straight line) and a hierarchy of
 * speeds (every 10th line a 90 km/h road, every 50th a 110 km/h road that is never interrupted).
 * Grid-like graphs are the hard case for hierarchies and the easy case for nothing, which keeps the
 * figures honest.
 */
export function syntheticCountry(nodeTarget: number, seed = 1): SyntheticCountry {
  const rnd = prng(seed);
  const w = Math.ceil(Math.sqrt(nodeTarget));
  const h = Math.ceil(nodeTarget / w);
  const n = w * h;
  const spacing = 600;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const v = j * w + i;
      x[v] = i * spacing + (rnd() - 0.5) * spacing * 0.6;
      y[v] = j * spacing + (rnd() - 0.5) * spacing * 0.6;
      lat[v] = 55.5 + y[v] / M_PER_DEG;
      lon[v] = 12 + x[v] / (M_PER_DEG * Math.cos((lat[v] * Math.PI) / 180));
    }
  }
  const cap = Math.ceil(n * 3.6);
  const from = new Int32Array(cap);
  const to = new Int32Array(cap);
  const lengthM = new Float64Array(cap);
  const minutes = new Float64Array(cap);
  let m = 0;
  const link = (a: number, b: number, speedKmh: number, oneWay: boolean) => {
    const len = Math.hypot(x[a] - x[b], y[a] - y[b]) * (1 + rnd() * 0.35);
    const lenM = Math.round(len * 10) / 10;
    const min = (lenM / 1000 / speedKmh) * 60;
    const forward = !oneWay || rnd() < 0.5;
    if (forward || !oneWay) {
      from[m] = a; to[m] = b; lengthM[m] = lenM; minutes[m] = min; m++;
    }
    if (!forward || !oneWay) {
      from[m] = b; to[m] = a; lengthM[m] = lenM; minutes[m] = min; m++;
    }
  };
  const speedOf = (line: number) => (line % 50 === 0 ? 110 : line % 10 === 0 ? 90 : rnd() < 0.5 ? 50 : 70);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const v = j * w + i;
      if (i + 1 < w) {
        const major = j % 10 === 0;
        if (major || rnd() < 0.8) link(v, v + 1, speedOf(j), !major && rnd() < 0.05);
      }
      if (j + 1 < h) {
        const major = i % 10 === 0;
        if (major || rnd() < 0.8) link(v, v + w, speedOf(i), !major && rnd() < 0.05);
      }
      if (i + 1 < w && j + 1 < h && rnd() < 0.1) link(v, v + w + 1, 50, false);
    }
  }
  const externalIds = new Float64Array(n);
  for (let v = 0; v < n; v++) externalIds[v] = v;
  const edges: EdgeListInput = {
    nodeCount: n,
    from: from.slice(0, m),
    to: to.slice(0, m),
    lengthM: lengthM.slice(0, m),
    minutes: minutes.slice(0, m),
    lon,
    lat,
    externalIds,
  };

  // Point counts per type scale with the country; ~6 600 at 1 M nodes.
  const perMillion: Record<ServiceType, number> = { grocery_full: 800, grocery: 1600, fuel: 1200, pharmacy: 700, parcel: 1800, cash: 500 };
  const points: ServicePointInput[] = [];
  for (const type of SERVICE_TYPES) {
    const count = Math.max(3, Math.round((perMillion[type] * n) / 1e6));
    for (let k = 0; k < count; k++) {
      const v = Math.floor(rnd() * n);
      points.push({ id: `${type}-${k}`, name: `${type} ${k}`, types: [type], lon: lon[v] + (rnd() - 0.5) * 0.001, lat: lat[v] + (rnd() - 0.5) * 0.0005 });
    }
  }

  // Squares: 250 m cells around a tenth of the nodes, grouped into 17×17 municipalities in 21 counties.
  const squares: SyntheticCountry['squares'] = [];
  const squareCount = Math.max(50, Math.round(n / 8));
  const blocks = 17;
  for (let k = 0; k < squareCount; k++) {
    const v = Math.floor(rnd() * n);
    const sx = Math.floor(x[v] / 250) * 250 + (k % 3) * 250;
    const sy = Math.floor(y[v] / 250) * 250;
    const bi = Math.min(blocks - 1, Math.floor((sx / (w * spacing)) * blocks));
    const bj = Math.min(blocks - 1, Math.floor((sy / (h * spacing)) * blocks));
    const muni = bj * blocks + bi;
    const county = 1 + Math.floor(muni / 14);
    const pop = Math.max(1, Math.floor(Math.exp(rnd() * 6)));
    const cy = sy + 125;
    const cx = sx + 125;
    const clat = 55.5 + cy / M_PER_DEG;
    squares.push({
      id: `sq${k}`,
      size: 250,
      x: sx,
      y: sy,
      population: pop,
      population70plus: Math.floor(pop * rnd() * 0.4),
      municipalityCode: `${String(county).padStart(2, '0')}${String(muni % 100).padStart(2, '0')}`,
      lat: clat,
      lon: 12 + cx / (M_PER_DEG * Math.cos((clat * Math.PI) / 180)),
    });
  }
  return { edges, points, squares };
}
