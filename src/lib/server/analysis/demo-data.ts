import { toSweref, toWgs84 } from './geo';

/**
 * A generated demo county for Jämtlands län: GENERATED DEMO DATA, NOT REAL. The eight municipality names
 * and codes are real; everything else — the roads, where people live, the shops and the municipality
 * outlines — is made up by a seeded random generator so the analysis views have something plausible to
 * show. Main roads follow the real main routes loosely (E14 west–east, E45 south–north), towns sit roughly
 * where the real ones do, and the invented villages (Lillsjöby, Norrtjärn …) do not exist.
 *
 * Lillsjöby is the test village: its one shop is the only grocery store for well over 10 km, so closing
 * it in a scenario moves its people beyond 10 km.
 */
export const DEMO_COUNTY = '23';
export const DEMO_YEAR = 2025;
export const TEST_VILLAGE = 'Lillsjöby';
export const TEST_VILLAGE_STORE = 'Lillsjöby Lanthandel (byns enda butik)';

export const MUNICIPALITIES: { code: string; name: string; seed: [number, number] }[] = [
  { code: '2303', name: 'Ragunda', seed: [16.2, 63.1] },
  { code: '2305', name: 'Bräcke', seed: [15.6, 62.65] },
  { code: '2309', name: 'Krokom', seed: [14.2, 63.55] },
  { code: '2313', name: 'Strömsund', seed: [15.4, 63.95] },
  { code: '2321', name: 'Åre', seed: [12.9, 63.35] },
  { code: '2326', name: 'Berg', seed: [14.1, 62.75] },
  { code: '2361', name: 'Härjedalen', seed: [13.6, 62.25] },
  { code: '2380', name: 'Östersund', seed: [14.9, 63.05] }
];

/** The county's outline (convex, lon/lat). */
const OUTLINE: [number, number][] = [
  [14.6, 61.6], [16.0, 62.3], [16.9, 63.0], [16.6, 63.9], [15.6, 64.6], [14.3, 64.7], [13.2, 64.1], [12.05, 63.2], [12.1, 62.0], [13.0, 61.55]
];

type Size = 'main' | 'seat' | 'small' | 'village' | 'hamlet';
interface Place {
  name: string;
  lon: number;
  lat: number;
  population: number;
  size: Size;
  /** Made up for the demo (the real towns keep their names, these do not exist). */
  invented?: boolean;
}

const PLACES: Place[] = [
  { name: 'Östersund', lon: 14.64, lat: 63.18, population: 52000, size: 'main' },
  { name: 'Brunflo', lon: 14.82, lat: 63.08, population: 4500, size: 'seat' },
  { name: 'Strömsund', lon: 15.55, lat: 63.85, population: 3600, size: 'seat' },
  { name: 'Krokom', lon: 14.46, lat: 63.33, population: 2700, size: 'seat' },
  { name: 'Sveg', lon: 14.36, lat: 62.03, population: 2500, size: 'seat' },
  { name: 'Järpen', lon: 13.47, lat: 63.35, population: 1700, size: 'small' },
  { name: 'Åre', lon: 13.08, lat: 63.4, population: 1500, size: 'small' },
  { name: 'Bräcke', lon: 15.42, lat: 62.75, population: 1300, size: 'small' },
  { name: 'Hammarstrand', lon: 16.35, lat: 63.11, population: 1100, size: 'small' },
  { name: 'Hammerdal', lon: 15.35, lat: 63.59, population: 1000, size: 'small' },
  { name: 'Lit', lon: 14.85, lat: 63.32, population: 1000, size: 'small' },
  { name: 'Svenstavik', lon: 14.43, lat: 62.77, population: 900, size: 'small' },
  { name: 'Funäsdalen', lon: 12.55, lat: 62.54, population: 700, size: 'small' },
  { name: 'Nälden', lon: 14.25, lat: 63.35, population: 700, size: 'village' },
  { name: 'Duved', lon: 12.93, lat: 63.39, population: 700, size: 'village' },
  { name: 'Mörsil', lon: 13.65, lat: 63.31, population: 600, size: 'village' },
  { name: 'Föllinge', lon: 14.61, lat: 63.67, population: 500, size: 'village' },
  { name: 'Stugun', lon: 15.6, lat: 63.17, population: 500, size: 'village' },
  { name: 'Kälarne', lon: 16.08, lat: 62.98, population: 500, size: 'village' },
  { name: 'Gäddede', lon: 14.15, lat: 64.5, population: 400, size: 'village' },
  { name: 'Hede', lon: 13.5, lat: 62.42, population: 400, size: 'village' },
  { name: 'Vemdalen', lon: 13.86, lat: 62.45, population: 300, size: 'village' },
  { name: 'Hallen', lon: 13.85, lat: 63.18, population: 300, size: 'village' },
  { name: TEST_VILLAGE, lon: 16.2, lat: 63.5, population: 360, size: 'hamlet', invented: true },
  { name: 'Norrtjärn', lon: 15.0, lat: 64.2, population: 220, size: 'hamlet', invented: true },
  { name: 'Björnåsen', lon: 13.2, lat: 62.85, population: 180, size: 'hamlet', invented: true },
  { name: 'Granbacken', lon: 15.95, lat: 62.45, population: 200, size: 'hamlet', invented: true },
  { name: 'Tjärnliden', lon: 13.9, lat: 63.9, population: 160, size: 'hamlet', invented: true },
  { name: 'Myrviken Övre', lon: 14.1, lat: 62.98, population: 190, size: 'hamlet', invented: true },
  { name: 'Älvnäset', lon: 14.9, lat: 62.35, population: 150, size: 'hamlet', invented: true },
  { name: 'Skogsbyn', lon: 16.5, lat: 63.65, population: 140, size: 'hamlet', invented: true }
];

/** Main roads as chains of places (with a few waypoints "@lon,lat" where a road bends). */
const ROADS: { name: string; via: string[]; kmh: number }[] = [
  { name: 'E14', via: ['@12.15,63.33', 'Åre', 'Duved', 'Järpen', 'Mörsil', 'Nälden', 'Krokom', 'Östersund', 'Brunflo', '@15.1,62.95', 'Bräcke', '@15.9,62.62', '@16.3,62.5'], kmh: 90 },
  { name: 'E45', via: ['@13.9,61.7', 'Sveg', '@14.3,62.4', 'Svenstavik', '@14.6,62.95', 'Brunflo'], kmh: 90 },
  { name: 'E45 norr', via: ['Östersund', 'Lit', 'Hammerdal', 'Strömsund', '@15.9,64.3', '@16.0,64.55'], kmh: 90 },
  { name: 'Väg 84', via: ['@12.2,62.6', 'Funäsdalen', 'Hede', 'Vemdalen', '@14.1,62.2', 'Sveg'], kmh: 80 },
  { name: 'Väg 87', via: ['Brunflo', 'Stugun', 'Hammarstrand', '@16.75,63.0'], kmh: 80 },
  { name: 'Väg 86', via: ['Bräcke', 'Kälarne', 'Hammarstrand'], kmh: 70 },
  { name: 'Väg 342', via: ['Strömsund', '@15.0,64.0', 'Norrtjärn', '@14.5,64.35', 'Gäddede'], kmh: 70 },
  { name: 'Väg 340', via: ['Krokom', 'Föllinge', 'Tjärnliden'], kmh: 70 },
  { name: 'Väg 321', via: ['Svenstavik', 'Myrviken Övre', 'Hallen', 'Mörsil'], kmh: 70 },
  { name: 'Väg 315', via: ['Svenstavik', 'Björnåsen', 'Hede'], kmh: 60 },
  { name: 'Väg 323', via: ['Hammarstrand', '@16.3,63.3', TEST_VILLAGE, '@16.0,63.68', 'Strömsund'], kmh: 70 },
  { name: 'Väg 323 öst', via: [TEST_VILLAGE, 'Skogsbyn'], kmh: 60 },
  { name: 'Väg 305', via: ['Bräcke', 'Granbacken'], kmh: 60 },
  { name: 'Väg 316', via: ['Sveg', 'Älvnäset', '@15.5,62.55', 'Bräcke'], kmh: 60 }
];

/** Shops and other service points per kind of place: [type list, label] (names are made up). */
type Spec = { types: string[]; label: string; fullAssortment?: boolean; stateFunded?: boolean }[];
const GROCERY_FULL = (label: string): Spec[number] => ({ types: ['grocery_full', 'grocery'], label, fullAssortment: true });
const GROCERY = (label: string): Spec[number] => ({ types: ['grocery'], label, fullAssortment: false });
const SERVICES: Record<Size, Spec> = {
  main: [
    ...['Centrum', 'Lugnvik', 'Odenslund', 'Torvalla', 'Frösön', 'Odensala', 'Körfältet', 'Brittsbo'].map((d) => GROCERY_FULL(`Stormarknad ${d}`)),
    ...['Söder', 'Norr', 'Erikslund', 'Byn', 'Hornsberg', 'Staden'].map((d) => GROCERY(`Närbutik ${d}`)),
    ...['Lugnvik', 'Odenslund', 'Frösön', 'Torvalla', 'Söder', 'Norr'].map((d) => ({ types: ['fuel'], label: `Drivmedel ${d}` })),
    ...['Centrum', 'Lugnvik', 'Torvalla', 'Frösön', 'Odenslund'].map((d) => ({ types: ['pharmacy'], label: `Apotek ${d}` })),
    ...['Centrum', 'Lugnvik', 'Odenslund', 'Frösön', 'Torvalla', 'Körfältet', 'Söder', 'Norr'].map((d) => ({ types: ['parcel'], label: `Paketombud ${d}` })),
    ...['Centrum', 'Lugnvik', 'Torvalla', 'Frösön', 'Odenslund', 'Söder'].map((d) => ({ types: ['cash'], label: `Uttagsautomat ${d}` }))
  ],
  seat: [
    GROCERY_FULL('Livsmedelsbutik'),
    GROCERY_FULL('Stormarknad'),
    GROCERY('Närbutik'),
    { types: ['fuel'], label: 'Drivmedel' },
    { types: ['fuel'], label: 'Drivmedel vid infarten' },
    { types: ['pharmacy'], label: 'Apotek' },
    { types: ['parcel'], label: 'Paketombud' },
    { types: ['parcel'], label: 'Paketskåp' },
    { types: ['cash'], label: 'Uttagsautomat' }
  ],
  small: [
    GROCERY_FULL('Livsmedelsbutik'),
    GROCERY('Närbutik'),
    { types: ['fuel'], label: 'Drivmedel' },
    { types: ['pharmacy'], label: 'Apotek' },
    { types: ['parcel'], label: 'Paketombud' },
    { types: ['cash'], label: 'Uttagsautomat' }
  ],
  village: [
    { ...GROCERY_FULL('Lanthandel'), types: ['grocery_full', 'grocery', 'parcel'] },
    { types: ['fuel', 'cash'], label: 'Drivmedel och uttag' }
  ],
  hamlet: [{ ...GROCERY('Lanthandel'), types: ['grocery', 'parcel'], stateFunded: true }]
};

/** Seeded, so the demo is the same on every installation (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoNetwork {
  nodeCount: number;
  from: number[];
  to: number[];
  lengthM: number[];
  minutes: number[];
  lon: number[];
  lat: number[];
}
export interface DemoSquare {
  id: string;
  x: number;
  y: number;
  size: number;
  lon: number;
  lat: number;
  population: number;
  population70plus: number;
  municipalityCode: string;
}
export interface DemoPoint {
  externalId: string;
  name: string;
  types: string[];
  lon: number;
  lat: number;
  municipalityCode: string;
  attributes: Record<string, string | number | boolean>;
}
export interface DemoCounty {
  network: DemoNetwork;
  squares: DemoSquare[];
  points: DemoPoint[];
  boundaries: { code: string; name: string; geometry: { type: 'Polygon'; coordinates: number[][][] } }[];
}

/** Sutherland–Hodgman: the part of a polygon on the side of the bisector nearer to `a` than `b`. */
function clipCloser(poly: [number, number][], a: [number, number], b: [number, number]): [number, number][] {
  const nx = b[0] - a[0];
  const ny = b[1] - a[1];
  const c = (b[0] * b[0] + b[1] * b[1] - a[0] * a[0] - a[1] * a[1]) / 2;
  const inside = (p: [number, number]) => p[0] * nx + p[1] * ny <= c;
  const out: [number, number][] = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const pin = inside(p);
    const qin = inside(q);
    if (pin) out.push(p);
    if (pin !== qin) {
      const fp = p[0] * nx + p[1] * ny - c;
      const fq = q[0] * nx + q[1] * ny - c;
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

function insideConvex(poly: [number, number][], p: [number, number]): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}

export function generateDemoCounty(): DemoCounty {
  const rnd = random(2303);
  // Everything is laid out in SWEREF 99 TM metres and converted to WGS84 at the end.
  const outline = OUTLINE.map(([lon, lat]) => toSweref(lon, lat));
  const seeds = MUNICIPALITIES.map((m) => toSweref(m.seed[0], m.seed[1]));
  const cells = seeds.map((s, i) => seeds.reduce((poly, t, j) => (i === j ? poly : clipCloser(poly, s, t)), outline));
  const municipalityOf = (x: number, y: number): string => {
    let best = 0;
    let bestD = Infinity;
    seeds.forEach((s, i) => {
      const d = (s[0] - x) ** 2 + (s[1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    return MUNICIPALITIES[best].code;
  };
  const inCounty = (x: number, y: number) => insideConvex(outline, [x, y]);

  // ---- road network
  const nx: number[] = [];
  const ny: number[] = [];
  const edges: { a: number; b: number; kmh: number }[] = [];
  const placeNode = new Map<string, number>();
  const addNode = (x: number, y: number) => {
    nx.push(x);
    ny.push(y);
    return nx.length - 1;
  };
  const placeXY = new Map(PLACES.map((p) => [p.name, toSweref(p.lon, p.lat)]));
  const nodeOfStop = (stop: string): number => {
    if (stop.startsWith('@')) {
      const [lon, lat] = stop.slice(1).split(',').map(Number);
      const [x, y] = toSweref(lon, lat);
      return addNode(x, y);
    }
    let n = placeNode.get(stop);
    if (n === undefined) {
      const xy = placeXY.get(stop);
      if (!xy) throw new Error(`demo: unknown place ${stop}`);
      n = addNode(xy[0], xy[1]);
      placeNode.set(stop, n);
    }
    return n;
  };
  /** A road from node a to node b, bending gently, with a node about every `step` metres. */
  const road = (a: number, b: number, kmh: number, step = 1000, wiggle = 0.08): number[] => {
    const dx = nx[b] - nx[a];
    const dy = ny[b] - ny[a];
    const len = Math.hypot(dx, dy);
    const n = Math.max(1, Math.round(len / step));
    const px = -dy / len;
    const py = dx / len;
    const phase = rnd() * Math.PI * 2;
    const amp = len * wiggle * (rnd() - 0.5);
    const chain = [a];
    for (let i = 1; i < n; i++) {
      const t = i / n;
      const off = Math.sin(Math.PI * t) * amp + Math.sin(phase + t * 7) * Math.min(400, len * 0.01);
      chain.push(addNode(nx[a] + dx * t + px * off, ny[a] + dy * t + py * off));
    }
    chain.push(b);
    for (let i = 1; i < chain.length; i++) edges.push({ a: chain[i - 1], b: chain[i], kmh });
    return chain;
  };
  const mainNodes: number[] = [];
  for (const r of ROADS) {
    const stops = r.via.map(nodeOfStop);
    for (let i = 1; i < stops.length; i++) mainNodes.push(...road(stops[i - 1], stops[i], r.kmh).slice(1, -1));
  }
  // Street grids: dense around the main town, small ones in the other towns.
  for (const p of PLACES) {
    if (p.size === 'hamlet' || p.size === 'village') continue;
    const radius = p.size === 'main' ? 5500 : p.size === 'seat' ? 1500 : 1000;
    const spacing = p.size === 'main' ? 500 : 500;
    const centre = placeNode.get(p.name);
    if (centre === undefined) continue;
    const cx = nx[centre];
    const cy = ny[centre];
    const k = Math.floor(radius / spacing);
    const grid = new Map<string, number>();
    for (let i = -k; i <= k; i++) {
      for (let j = -k; j <= k; j++) {
        if (i * i + j * j > k * k) continue;
        grid.set(`${i},${j}`, i === 0 && j === 0 ? centre : addNode(cx + i * spacing + (rnd() - 0.5) * 80, cy + j * spacing + (rnd() - 0.5) * 80));
      }
    }
    for (const [key, v] of grid) {
      const [i, j] = key.split(',').map(Number);
      const right = grid.get(`${i + 1},${j}`);
      const up = grid.get(`${i},${j + 1}`);
      if (right !== undefined) edges.push({ a: v, b: right, kmh: 40 });
      if (up !== undefined) edges.push({ a: v, b: up, kmh: 40 });
    }
    // Tie the grid's edge to the nearest main-road nodes so traffic can leave town on any side.
    for (const [key, v] of grid) {
      const [i, j] = key.split(',').map(Number);
      if (i * i + j * j < (k - 1) * (k - 1)) continue;
      let best = -1;
      let bestD = Infinity;
      for (const m of mainNodes) {
        const d = (nx[m] - nx[v]) ** 2 + (ny[m] - ny[v]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = m;
        }
      }
      if (best >= 0 && bestD < 1200 ** 2) edges.push({ a: v, b: best, kmh: 40 });
    }
  }
  // Side roads: minor roads leaving the main roads into the forest, ending in a farm or a hamlet.
  const sideEnds: number[] = [];
  const sideNodes: number[] = [];
  const mainCount = mainNodes.length;
  for (let i = 0; i < mainCount; i += 1) {
    if (rnd() > 0.1) continue;
    const from = mainNodes[i];
    const angle = rnd() * Math.PI * 2;
    const len = 3000 + rnd() * 12000;
    const ex = nx[from] + Math.cos(angle) * len;
    const ey = ny[from] + Math.sin(angle) * len;
    if (!inCounty(ex, ey)) continue;
    const end = addNode(ex, ey);
    const chain = road(from, end, 60, 1000, 0.15);
    sideNodes.push(...chain.slice(1));
    sideEnds.push(end);
  }

  // ---- population (1 km squares on SCB's lattice)
  const squares = new Map<string, { x: number; y: number; pop: number; old: number }>();
  const addPeople = (x: number, y: number, people: number, oldShare: number) => {
    if (people <= 0 || !inCounty(x, y)) return;
    const sx = Math.floor(x / 1000) * 1000;
    const sy = Math.floor(y / 1000) * 1000;
    const key = `${sx}:${sy}`;
    let s = squares.get(key);
    if (!s) squares.set(key, (s = { x: sx, y: sy, pop: 0, old: 0 }));
    s.pop += people;
    s.old += people * oldShare;
  };
  for (const p of PLACES) {
    const [cx, cy] = placeXY.get(p.name)!;
    const radius = Math.max(700, Math.sqrt(p.population) * 18);
    const cellsAround: { x: number; y: number; w: number }[] = [];
    for (let dx = -radius * 1.6; dx <= radius * 1.6; dx += 1000) {
      for (let dy = -radius * 1.6; dy <= radius * 1.6; dy += 1000) {
        const d = Math.hypot(dx, dy);
        cellsAround.push({ x: cx + dx, y: cy + dy, w: Math.exp(-((d / radius) ** 2)) });
      }
    }
    const total = cellsAround.reduce((s, c) => s + c.w, 0);
    const oldShare = p.size === 'main' ? 0.17 : p.size === 'seat' ? 0.21 : 0.26;
    for (const c of cellsAround) addPeople(c.x, c.y, Math.round((p.population * c.w) / total), oldShare);
  }
  const rural = [...mainNodes, ...sideNodes];
  for (const v of rural) {
    if (rnd() > 0.45) continue;
    const people = Math.round(3 + rnd() ** 2 * 90);
    addPeople(nx[v] + (rnd() - 0.5) * 900, ny[v] + (rnd() - 0.5) * 900, people, 0.22 + rnd() * 0.15);
  }
  for (const e of sideEnds) addPeople(nx[e], ny[e], Math.round(3 + rnd() * 25), 0.3);

  const demoSquares: DemoSquare[] = [];
  for (const s of squares.values()) {
    const population = Math.round(s.pop);
    if (population <= 0) continue;
    const [lon, lat] = toWgs84(s.x + 500, s.y + 500);
    demoSquares.push({
      id: `${String(s.x).padStart(6, '0')}${String(s.y).padStart(7, '0')}`,
      x: s.x,
      y: s.y,
      size: 1000,
      lon,
      lat,
      population,
      population70plus: Math.min(population, Math.round(s.old)),
      municipalityCode: municipalityOf(s.x + 500, s.y + 500)
    });
  }
  demoSquares.sort((a, b) => a.id.localeCompare(b.id));

  // ---- service points
  const points: DemoPoint[] = [];
  for (const p of PLACES) {
    const [cx, cy] = placeXY.get(p.name)!;
    const spread = p.size === 'main' ? 3500 : p.size === 'seat' ? 700 : 250;
    SERVICES[p.size].forEach((spec, i) => {
      const angle = rnd() * Math.PI * 2;
      const r = i === 0 && p.size !== 'main' ? 0 : spread * Math.sqrt(rnd());
      const [lon, lat] = toWgs84(cx + Math.cos(angle) * r, cy + Math.sin(angle) * r);
      const name = p.name === TEST_VILLAGE && spec.label === 'Lanthandel' ? TEST_VILLAGE_STORE : `${p.name} ${spec.label}`;
      const attributes: Record<string, string | number | boolean> = { generated_demo: true };
      if (spec.fullAssortment !== undefined) attributes.full_assortment = spec.fullAssortment;
      if (spec.stateFunded) attributes.state_funded = true;
      points.push({
        externalId: `demo-${points.length + 1}`,
        name,
        types: spec.types,
        lon: Math.round(lon * 1e6) / 1e6,
        lat: Math.round(lat * 1e6) / 1e6,
        municipalityCode: municipalityOf(cx, cy),
        attributes
      });
    });
  }

  // ---- the network in the engine's edge-list form (two directed edges per road segment)
  const from: number[] = [];
  const to: number[] = [];
  const lengthM: number[] = [];
  const minutes: number[] = [];
  for (const e of edges) {
    if (e.a === e.b) continue;
    const len = Math.hypot(nx[e.a] - nx[e.b], ny[e.a] - ny[e.b]) * 1.05;
    const min = (len * 0.06) / e.kmh;
    from.push(e.a, e.b);
    to.push(e.b, e.a);
    lengthM.push(len, len);
    minutes.push(min, min);
  }
  const lon: number[] = [];
  const lat: number[] = [];
  for (let i = 0; i < nx.length; i++) {
    const [a, b] = toWgs84(nx[i], ny[i]);
    lon.push(a);
    lat.push(b);
  }

  const boundaries = MUNICIPALITIES.map((m, i) => {
    const ring = cells[i].map(([x, y]) => {
      const [a, b] = toWgs84(x, y);
      return [Math.round(a * 1e5) / 1e5, Math.round(b * 1e5) / 1e5];
    });
    ring.push(ring[0]);
    return { code: m.code, name: m.name, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
  });

  return { network: { nodeCount: nx.length, from, to, lengthM, minutes, lon, lat }, squares: demoSquares, points, boundaries };
}
