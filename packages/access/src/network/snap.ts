import KDBush from 'kdbush';
import type { RoadNetwork } from './build.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine; sub-metre accurate at snapping distances). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface Snap {
  node: number;
  /** Straight-line distance from the point to the node, metres. */
  accessM: number;
}

/**
 * Nearest snappable node (in a large strongly connected component, see BuildOptions) by great-circle
 * distance. kdbush indexes lon/lat degrees; the query box is widened by 1/cos(lat) in longitude so
 * that it always contains the metric circle, and it doubles until a node inside the circle is found,
 * which makes the answer exact rather than "nearest in degree space".
 */
export class Snapper {
  private readonly index: KDBush;
  private readonly nodes: Int32Array;

  constructor(private readonly net: RoadNetwork) {
    if (!net.lon || !net.lat) throw new Error('snapping needs node coordinates (lon/lat) in the network');
    let count = 0;
    for (let v = 0; v < net.nodeCount; v++) count += net.snappable[v];
    this.nodes = new Int32Array(count);
    this.index = new KDBush(Math.max(1, count));
    let k = 0;
    for (let v = 0; v < net.nodeCount; v++) {
      if (!net.snappable[v]) continue;
      this.nodes[k++] = v;
      this.index.add(net.lon[v], net.lat[v]);
    }
    if (count === 0) this.index.add(0, 0);
    this.index.finish();
  }

  snap(lon: number, lat: number): Snap | null {
    if (this.nodes.length === 0 || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
    const lonArr = this.net.lon!;
    const latArr = this.net.lat!;
    const cosLat = Math.max(0.01, Math.cos(lat * RAD));
    for (let r = 200; r < 4e7; r *= 2) {
      const dLat = r / (EARTH_RADIUS_M * RAD);
      const dLon = dLat / cosLat;
      const hits = this.index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
      let best = -1;
      let bestD = Infinity;
      for (const i of hits) {
        const v = this.nodes[i];
        const d = haversineM(lon, lat, lonArr[v], latArr[v]);
        if (d < bestD || (d === bestD && v < best)) {
          bestD = d;
          best = v;
        }
      }
      if (best >= 0 && bestD <= r) return { node: best, accessM: bestD };
    }
    return null;
  }
}

/** One-off convenience: builds the index each call; use a Snapper for many points. */
export function snapToNetwork(net: RoadNetwork, lon: number, lat: number): Snap | null {
  return new Snapper(net).snap(lon, lat);
}
