import type { Queryable } from '../db';

/**
 * Seam for the analysis domain: a measurable goal (`action_plan_goals.id`) may be bound to an analysis
 * measure, and the follow-up shows the measured value beside the goal's target. The analysis work
 * registers its lookup once at start (e.g. in its module's top level, imported by hooks); the follow-up
 * loader calls it when registered and shows nothing extra otherwise.
 */
export interface MeasuredValue {
  value: number;
  unit: string;
  source: string;
  /** ISO date the value refers to. */
  date: string;
}

export type GoalMeasureLookup = (db: Queryable, goalIds: string[], year: number) => Promise<Map<string, MeasuredValue>>;

let lookup: GoalMeasureLookup | null = null;

export function registerGoalMeasureLookup(fn: GoalMeasureLookup | null): void {
  lookup = fn;
}

/** Measured values of the goals for a year; an empty map when no lookup is registered. */
export async function measuredValues(db: Queryable, goalIds: string[], year: number): Promise<Map<string, MeasuredValue>> {
  if (!lookup || goalIds.length === 0) return new Map();
  return lookup(db, goalIds, year);
}
