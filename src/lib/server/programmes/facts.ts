import type { Queryable } from '../db';
import type { Fact } from '../reporting/fact';

/**
 * Figures the programme domain knows for a county and year, offered beside the result-report editor
 * (e.g. the follow-up's status, how many interventions were carried out). Filled in by the programme work.
 */
export async function programmeFacts(_db: Queryable, _countyCode: string, _year: number): Promise<Fact[]> {
  return [];
}
