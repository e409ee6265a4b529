/**
 * Distances on the GRS80/WGS84 ellipsoid (the two differ by < 0.1 mm in semi-minor axis).
 *
 * Road segments between consecutive OSM nodes are short (metres to a few km). For them a local
 * tangent-plane approximation using the ellipsoid's meridional (M) and prime-vertical (N) radii of
 * curvature at the mid-latitude is accurate to well below a millimetre per kilometre, and it avoids
 * haversine's spherical error (up to ~0.5 % at Swedish latitudes, where the real curvature radii are
 * 6 383–6 394 km against a 6 371 km mean sphere). Longer segments (ferries, sparse data) use Vincenty's
 * inverse formula, falling back to the spherical result in the rare antipodal non-convergence case.
 */

const A = 6378137.0;
const F = 1 / 298.257222101; // GRS80
const B = A * (1 - F);
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

/** Mean Earth radius (IUGG R1), for the spherical formula. */
export const MEAN_EARTH_RADIUS_M = 6371008.8;

export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p1 = lat1 * DEG;
  const p2 = lat2 * DEG;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * DEG;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * MEAN_EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Threshold below which the tangent-plane formula is used (error there is < 1 cm). */
const SHORT_SEGMENT_M = 10_000;

export function geodesicM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const phiM = ((lat1 + lat2) / 2) * DEG;
  const s = Math.sin(phiM);
  const w = 1 - E2 * s * s;
  const n = A / Math.sqrt(w);
  const m = (A * (1 - E2)) / (w * Math.sqrt(w));
  let dl = lon2 - lon1;
  if (dl > 180) dl -= 360;
  else if (dl < -180) dl += 360;
  const dx = n * Math.cos(phiM) * dl * DEG;
  const dy = m * (lat2 - lat1) * DEG;
  const d = Math.sqrt(dx * dx + dy * dy);
  if (d < SHORT_SEGMENT_M) return d;
  return vincentyM(lon1, lat1, lon2, lat2);
}

export function vincentyM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const L = (lon2 - lon1) * DEG;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * DEG));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * DEG));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iter = 0; iter < 200; iter++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinL) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosL) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const AA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const BB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const dSigma =
        BB * sinSigma * (cos2SigmaM + (BB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) - (BB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B * AA * (sigma - dSigma);
    }
  }
  return haversineM(lon1, lat1, lon2, lat2);
}
