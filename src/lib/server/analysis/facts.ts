import type { Queryable } from '../db';

/**
 * What the accessibility analysis knows about one store, for assessing a grant application: distance to the
 * next store of its kind and the population (total and 70+) for whom it is the nearest. `null` when no
 * analysis exists for it. Filled in by the analysis work.
 */
export interface StoreAccessFacts {
  servicePointId: string;
  serviceType: string;
  distanceToNextKm: number | null;
  dependentPopulation: number;
  dependentPopulation70plus: number;
  datasetYear: number;
  computedAt: string;
}

export async function storeAccessFacts(_db: Queryable, _servicePointId: string): Promise<StoreAccessFacts | null> {
  return null;
}

/** Service points near a location, so a grant application can be linked to the point it concerns. */
export async function servicePointsNear(_db: Queryable, _lon: number, _lat: number, _radiusKm: number): Promise<{ id: string; name: string; types: string[]; distanceKm: number }[]> {
  return [];
}

/**
 * Municipality boundaries of a county (WGS84 GeoJSON features with properties { code, name }) from the
 * current boundary data set, for maps in other domains; null when none is loaded.
 */
export async function municipalityBoundaries(
  _db: Queryable,
  _countyCode: string
): Promise<{ type: 'FeatureCollection'; features: { type: 'Feature'; properties: { code: string; name: string }; geometry: unknown }[] } | null> {
  return null;
}
