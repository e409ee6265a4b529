import proj4 from 'proj4';

/**
 * SWEREF 99 TM (EPSG:3006) ⇄ WGS84, with the same definition the engine's grid reader uses, so squares
 * generated or drawn here line up with squares read from SCB files.
 */
const SWEREF99TM = '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const converter = proj4(SWEREF99TM, 'WGS84');

export function toWgs84(x: number, y: number): [number, number] {
  const [lon, lat] = converter.forward([x, y]);
  return [lon, lat];
}

export function toSweref(lon: number, lat: number): [number, number] {
  const [x, y] = converter.inverse([lon, lat]);
  return [x, y];
}

/** A square's outline in WGS84 (closed ring), from its lower-left corner in EPSG:3006. */
export function squareRing(x: number, y: number, size: number): [number, number][] {
  const round = (p: [number, number]): [number, number] => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  const a = round(toWgs84(x, y));
  return [a, round(toWgs84(x + size, y)), round(toWgs84(x + size, y + size)), round(toWgs84(x, y + size)), a];
}

/** Great-circle distance in km (for "points near" look-ups, not for accessibility). */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

type Ring = number[][];

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a GeoJSON Polygon or MultiPolygon (holes respected). */
export function pointInGeometry(lon: number, lat: number, geometry: unknown): boolean {
  const g = geometry as { type?: string; coordinates?: unknown };
  const polygons: Ring[][] = g?.type === 'Polygon' ? [g.coordinates as Ring[]] : g?.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
  for (const rings of polygons) {
    if (!rings.length || !inRing(lon, lat, rings[0])) continue;
    if (rings.slice(1).some((hole) => inRing(lon, lat, hole))) continue;
    return true;
  }
  return false;
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of GeoJSON geometries. */
export function bboxOf(geometries: unknown[]): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (!b) b = [x, y, x, y];
      else b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const g of geometries) visit((g as { coordinates?: unknown })?.coordinates);
  return b;
}
