/**
 * Weights are stored as integers in a Float64Array: metres (or minutes) times UNITS_PER.
 * Integer sums in a double are exact up to 2^53, so every algorithm (plain Dijkstra, incremental
 * scenarios, the worker pool) adds the same numbers in any order and gets bit-identical distances;
 * that is what makes ties deterministic and keeps the 0.5 m exactness independent of path length.
 * One unit is a micrometre (or a micro-minute): rounding costs at most 0.5 µm per edge, and 2^53 µm
 * is 9 million km, far beyond any road path.
 */
export const UNITS_PER = 1_000_000;

export function toUnits(value: number): number {
  return Math.round(value * UNITS_PER);
}

export function fromUnits(units: number): number {
  return units / UNITS_PER;
}
