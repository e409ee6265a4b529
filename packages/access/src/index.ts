/**
 * @rsp/access — road-network accessibility: distance and time from every populated square to the
 * nearest service point of each type. Pure TypeScript, no application imports.
 *
 * Typical use:
 *   const prepared = prepareNetwork(edgeList);          // once; or loadNetwork(file) (< 300 ms)
 *   saveNetwork(file, prepared);
 *   const points = preparePoints(prepared.network, servicePoints);
 *   const squares = prepareSquares(prepared.network, squaresWithLonLat);
 *   const nearest = computeNearest(prepared, points);   // or computeNearestParallel
 *   const rows = aggregate(new AreaIndex(squares), squares, 'grocery', squareValues(squares, nearest.fields.distance!.get('grocery')!, 'distance'));
 *   const what = new ScenarioEngine(prepared, points, squares, nearest).evaluate({ close: [17] });
 */
export * from './network/contract.js';
export { buildNetwork, type RoadNetwork, type Adjacency, type BuildOptions, type NetworkStats } from './network/build.js';
export { prepareNetwork, type PreparedNetwork, type PrepareOptions } from './network/prepared.js';
export { saveNetwork, loadNetwork, fromShared, toSharedBuffer, CacheError, CACHE_FORMAT_VERSION } from './network/cache.js';
export { Snapper, snapToNetwork, haversineM, type Snap } from './network/snap.js';
export { UNITS_PER, toUnits, fromUnits } from './network/units.js';
export type { Direction, Metric, NearestField, Seeds } from './search/field.js';
export { type Hierarchy } from './search/phast.js';
export {
  preparePoints,
  pointsOnNodes,
  prepareSquares,
  squaresOnNodes,
  seedsFor,
  typesOf,
  accessMinutes,
  DEFAULT_ACCESS_SPEED_KMH,
  type PreparedPoints,
  type PreparedSquares,
  type SquareLocation,
} from './analysis/inputs.js';
export { computeNearest, squareValues, squareValue, pointStats, type NearestOptions, type NearestResults, type PointStats } from './analysis/nearest.js';
export { computeNearestParallel } from './analysis/parallel.js';
export { aggregate, AreaIndex, weightedMedian, type AggregateOptions, type AggregateRow, type AreaLevel } from './analysis/aggregate.js';
export { ScenarioEngine, type ScenarioInput, type ScenarioResult, type SquareChange } from './analysis/scenario.js';
export { suppress, type SuppressOptions, type SuppressResult, type Suppressed } from './analysis/suppress.js';

// Input readers (OSM, SCB grid, service points) and the SWEREF 99 TM transforms, for callers that import data.
export { readOsm, type OsmImportResult, type OsmReadOptions, type OsmProgress } from './io/osm.js';
export { readGrid, sweref99tmToWgs84, wgs84ToSweref99tm, squareIdFromCorner, cornerFromSquareId, type GridReadResult, type GridSquare } from './io/grid.js';
export { readPoints } from './io/points.js';
