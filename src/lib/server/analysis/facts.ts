import type { Queryable } from '../db';
import { haversineKm } from './geo';
import { countyState, currentDatasets, statsOf } from './state';

/**
 * What the accessibility analysis knows about one store, for assessing a grant application: distance to the
 * next store of its kind and the population (total and 70+) for whom it is the nearest. `null` when no
 * analysis exists for it. (Seam used by the grants domain; callers check access to the case themselves.)
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

/** The type a point is judged by: full-assortment grocery first (särskilt driftstöd turns on it), then grocery, then its first type. */
function mainType(types: string[]): string | undefined {
  return types.includes('grocery_full') ? 'grocery_full' : types.includes('grocery') ? 'grocery' : types[0];
}

export async function storeAccessFacts(db: Queryable, servicePointId: string): Promise<StoreAccessFacts | null> {
  if (!/^[0-9a-f-]{36}$/i.test(servicePointId)) return null;
  const point = await db.selectFrom('analysis_service_points').select(['id', 'county_code', 'types']).where('id', '=', servicePointId).executeTakeFirst();
  if (!point) return null;
  const state = await countyState(db, point.county_code);
  const index = state?.pointIndex.get(point.id);
  if (!state || index === undefined) return null;
  const type = mainType(point.types as string[]);
  if (!type) return null;
  const stats = statsOf(state, type).find((s) => s.pointIndex === index);
  if (!stats) return null;
  return {
    servicePointId: point.id,
    serviceType: type,
    distanceToNextKm: Number.isFinite(stats.nextSameTypeM) ? Math.round(stats.nextSameTypeM / 100) / 10 : null,
    dependentPopulation: Math.round(stats.servedPopulation),
    dependentPopulation70plus: Math.round(stats.servedPopulation70),
    datasetYear: state.datasets.population.year,
    computedAt: state.computedAt.toISOString()
  };
}

/** Service points near a location, so a grant application can be linked to the point it concerns. */
export async function servicePointsNear(db: Queryable, lon: number, lat: number, radiusKm: number): Promise<{ id: string; name: string; types: string[]; distanceKm: number }[]> {
  const current = await db.selectFrom('analysis_datasets').select('id').where('kind', '=', 'service_points').where('status', '=', 'current').execute();
  if (!current.length) return [];
  // A bounding box narrows the rows; the exact great-circle distance decides.
  const dLat = radiusKm / 111;
  const dLon = radiusKm / (111 * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  const rows = await db
    .selectFrom('analysis_service_points')
    .select(['id', 'name', 'types', 'lon', 'lat'])
    .where('dataset_id', 'in', current.map((c) => c.id))
    .where('lat', '>=', lat - dLat)
    .where('lat', '<=', lat + dLat)
    .where('lon', '>=', lon - dLon)
    .where('lon', '<=', lon + dLon)
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: r.name, types: r.types as string[], distanceKm: Math.round(haversineKm(lon, lat, r.lon, r.lat) * 100) / 100 }))
    .filter((r) => r.distanceKm <= radiusKm)
    .sort((a, b) => a.distanceKm - b.distanceKm);
}

/**
 * Municipality boundaries of a county (WGS84 GeoJSON features with properties { code, name }) from the
 * current boundary data set, for maps in other domains; null when none is loaded.
 */
export async function municipalityBoundaries(
  db: Queryable,
  countyCode: string
): Promise<{ type: 'FeatureCollection'; features: { type: 'Feature'; properties: { code: string; name: string }; geometry: unknown }[] } | null> {
  const ds = await currentDatasets(db, countyCode);
  if (!ds.boundaries) return null;
  const rows = await db.selectFrom('analysis_boundaries').select(['municipality_code', 'name', 'geometry']).where('dataset_id', '=', ds.boundaries.id).orderBy('municipality_code').execute();
  return { type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', properties: { code: r.municipality_code, name: r.name }, geometry: r.geometry })) };
}

/** Per type of a point: distance to the next point of the type and who depends on it (the point's page). */
export async function pointAnalysis(db: Queryable, point: { id: string; countyCode: string; types: string[] }) {
  const state = await countyState(db, point.countyCode);
  const index = state?.pointIndex.get(point.id);
  if (!state || index === undefined) return null;
  return {
    datasetYear: state.datasets.population.year,
    computedAt: state.computedAt.toISOString(),
    types: point.types.map((type) => {
      const s = statsOf(state, type).find((x) => x.pointIndex === index);
      return {
        type,
        nextSameTypeKm: s && Number.isFinite(s.nextSameTypeM) ? Math.round(s.nextSameTypeM / 100) / 10 : null,
        servedPopulation: Math.round(s?.servedPopulation ?? 0),
        servedPopulation70: Math.round(s?.servedPopulation70 ?? 0),
        meanExtraKmIfClosed: s ? Math.round(s.meanExtraKmIfClosed * 10) / 10 : null,
        populationWithoutAlternative: Math.round(s?.populationWithoutAlternative ?? 0)
      };
    })
  };
}
