import type { Actor, MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { forbidden } from '../errors';

/**
 * Who reads which grants, composed from the policy's actions: the county's region and Länsstyrelsen read
 * everything in the county (county.readSubmitted), Tillväxtverket reads every county (also
 * county.readSubmitted), and a municipality's users read only applications concerning their own
 * municipality (county.readDraft narrowed to it). Writes need county.edit.
 */
export type ReadScope = { actor: Actor; all: true } | { actor: Actor; all: false; municipalityCode: string };

export function readScope(maybe: MaybeActor, countyCode: string): ReadScope {
  const actor = requireActor(maybe);
  if (actor.organisation.kind === 'municipality') {
    assertCan(actor, 'county.readDraft', { type: 'county', countyCode });
    if (!actor.organisation.municipalityCode) throw forbidden();
    return { actor, all: false, municipalityCode: actor.organisation.municipalityCode };
  }
  assertCan(actor, 'county.readSubmitted', { type: 'county', countyCode });
  return { actor, all: true };
}

export function canEdit(actor: MaybeActor, countyCode: string): boolean {
  return can(actor, 'county.edit', { type: 'county', countyCode });
}

export function assertEdit(actor: MaybeActor, countyCode: string): Actor {
  return assertCan(actor, 'county.edit', { type: 'county', countyCode });
}

/** The de minimis ceiling is national, so the register is read by those who read a whole county's grants or the nation's. */
export function assertReadRegister(maybe: MaybeActor): Actor {
  const actor = requireActor(maybe);
  if (can(actor, 'national.overview', { type: 'public' })) return actor;
  if (actor.organisation.countyCode && actor.organisation.kind !== 'municipality' && can(actor, 'county.readSubmitted', { type: 'county', countyCode: actor.organisation.countyCode })) return actor;
  throw forbidden();
}
