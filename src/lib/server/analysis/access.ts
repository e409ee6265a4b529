import type { Actor, MaybeActor } from '../auth/actor';
import { assertCan, requireActor } from '../auth/policy';
import type { Queryable } from '../db';
import { DomainError, invalid } from '../errors';

/**
 * Who may see and change the analysis. Reading a county's analysis is for the people working in the
 * county and for Tillväxtverket (county.readSubmitted); changing its data sets, register and scenarios
 * is for the region's editors (county.edit); a municipality's editors may propose changes to the points
 * in their municipality (municipality.edit), which the region accepts or rejects.
 */
export function assertRead(actor: MaybeActor, countyCode: string): Actor {
  return assertCan(actor, 'county.readSubmitted', { type: 'county', countyCode });
}

export function assertEdit(actor: MaybeActor, countyCode: string): Actor {
  return assertCan(actor, 'county.edit', { type: 'county', countyCode });
}

export function assertPropose(actor: MaybeActor, municipalityCode: string): Actor {
  return assertCan(actor, 'municipality.edit', { type: 'municipality', municipalityCode, countyCode: municipalityCode.slice(0, 2) });
}

export interface Area {
  code: string;
  level: 'county' | 'municipality';
  name: string;
  countyCode: string;
}

/** A county (2 digits) or municipality (4 digits) code → the area, or a 400 on the given field. */
export async function resolveArea(db: Queryable, code: string, field = 'area'): Promise<Area> {
  if (/^\d{2}$/.test(code)) {
    const c = await db.selectFrom('counties').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
    if (c) return { code: c.code, level: 'county', name: c.name, countyCode: c.code };
  } else if (/^\d{4}$/.test(code)) {
    const m = await db.selectFrom('municipalities').select(['code', 'name', 'county_code']).where('code', '=', code).executeTakeFirst();
    if (m) return { code: m.code, level: 'municipality', name: m.name, countyCode: m.county_code };
  }
  throw invalid({ [field]: 'analysis.error.area' });
}

/** The county a signed-in user looks at by default: their own, or the one asked for. */
export function defaultCounty(actor: MaybeActor, asked?: string | null): string {
  const me = requireActor(actor);
  if (asked && /^\d{2}$/.test(asked)) return asked;
  if (me.organisation.countyCode) return me.organisation.countyCode;
  throw new DomainError('bad_request', 'analysis.error.chooseCounty');
}
