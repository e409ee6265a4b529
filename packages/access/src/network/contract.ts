/**
 * The seam between the engine's input readers (src/io: OSM, grid, service points) and its core
 * (src/network, src/search, ...). Readers produce these plain typed-array structures; the core never
 * parses files and the readers never run searches.
 */

/** A directed road graph with dense node indices 0..nodeCount-1. A two-way road is two edges. */
export interface EdgeListInput {
  nodeCount: number;
  from: Int32Array;
  to: Int32Array;
  /** Edge length in metres (geodesic for OSM input). */
  lengthM: Float64Array;
  /** Travel time in minutes; absent when the source gives none (the core then derives none). */
  minutes?: Float64Array;
  /** Per node, WGS84 degrees; present for geographic input (OSM), absent for generic edge lists. */
  lon?: Float64Array;
  lat?: Float64Array;
  /** Per node, the id in the source (OSM node id, CSV node id): integers up to 2^53. */
  externalIds?: Float64Array;
}

/** Service types of the domain (Pipos Serviceanalys' categories, simplified). */
export const SERVICE_TYPES = [
  'grocery_full', // dagligvaror, fullsortiment
  'grocery', // dagligvaror, alla butiker (incl. full assortment)
  'fuel', // drivmedel
  'pharmacy', // apoteksvaror (apotek och apoteksombud)
  'parcel', // paketombud, utlämningsställen, paketskåp, post
  'cash', // kontantuttag
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** A service point as read from CSV/GeoJSON/OSM, before snapping to the network. */
export interface ServicePointInput {
  id: string;
  name: string;
  types: ServiceType[];
  lon: number;
  lat: number;
  attributes?: Record<string, string | number | boolean>;
}

/** A populated square (SCB grid, SWEREF 99 TM). */
export interface PopulationSquareInput {
  /** SCB square id (rutid), built from the lower-left corner as SCB does; io/grid.ts documents the convention. */
  id: string;
  /** Square size in metres (1000 or 250). */
  size: number;
  /** Lower-left corner in EPSG:3006. */
  x: number;
  y: number;
  population: number;
  population70plus: number;
  /** Optional municipality code the square belongs to (4 chars). */
  municipalityCode?: string;
}
