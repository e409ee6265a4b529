/**
 * A small SVG choropleth of a county's municipalities from WGS84 GeoJSON: an equirectangular projection
 * scaled by the cosine of the mean latitude (good enough at county scale), zero and four equal steps
 * of the largest value. Returned as plain data so the page renders it without JavaScript.
 */
type Position = [number, number];
interface Feature {
  type?: string;
  properties: { code: string; name: string };
  geometry: unknown;
}

export interface ChoroplethShape {
  code: string;
  name: string;
  d: string;
  value: number;
  bucket: number;
}

export interface Choropleth {
  width: number;
  height: number;
  shapes: ChoroplethShape[];
  breaks: number[];
}

function rings(geometry: unknown): Position[][] {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type === 'Polygon') return g.coordinates as Position[][];
  if (g?.type === 'MultiPolygon') return (g.coordinates as Position[][][]).flat();
  return [];
}

export function choropleth(features: Feature[], values: Record<string, number>, width = 480): Choropleth | null {
  const all = features.flatMap((f) => rings(f.geometry).flat());
  if (!all.length) return null;
  const lats = all.map((p) => p[1]);
  const lons = all.map((p) => p[0]);
  const [minLon, maxLon, minLat, maxLat] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * k || 1;
  const spanY = maxLat - minLat || 1;
  const scale = width / spanX;
  const height = Math.round(spanY * scale);
  const max = Math.max(0, ...Object.values(values));
  // Class 0 is "nothing granted"; classes 1–4 are quarters of the largest amount (breaks are their upper bounds).
  const breaks = [1, 2, 3, 4].map((i) => Math.round((max * i) / 4));
  const bucketOf = (v: number) => (v <= 0 ? 0 : 1 + breaks.slice(0, 3).filter((b) => v > b).length);
  const shapes = features.map((f) => {
    const d = rings(f.geometry)
      .map((ring) => ring.map(([lon, lat], i) => `${i ? 'L' : 'M'}${((lon - minLon) * k * scale).toFixed(1)},${((maxLat - lat) * scale).toFixed(1)}`).join('') + 'Z')
      .join('');
    const value = values[f.properties.code] ?? 0;
    return { code: f.properties.code, name: f.properties.name, d, value, bucket: bucketOf(value) };
  });
  return { width, height, shapes, breaks };
}
