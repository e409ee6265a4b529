import { forbidden, unauthenticated } from '../errors';
import type { Actor, MaybeActor } from './actor';

/**
 * The one place that says who may do what. Every service asks `assertCan` before it reads or writes
 * anything that is not public; routes never decide access themselves.
 */
export type Resource =
  | { type: 'public' }
  | { type: 'county'; countyCode: string }
  | { type: 'municipality'; municipalityCode: string; countyCode: string }
  | { type: 'organisation'; organisationId: string }
  | { type: 'self' };

type RuleFor<R extends Resource['type']> = (actor: Actor, resource: Extract<Resource, { type: R }>) => boolean;

const canWrite = (actor: Actor) => actor.role === 'admin' || actor.role === 'editor';
const worksInCounty = (actor: Actor, countyCode: string) => actor.organisation.countyCode === countyCode;
const isAgency = (actor: Actor) => actor.organisation.kind === 'agency';

const rules = {
  /** Read a county's work in progress (drafts, plans not yet submitted): everyone working in the county. */
  'county.readDraft': ((actor, r) => worksInCounty(actor, r.countyCode)) as RuleFor<'county'>,
  /** Read what a county has submitted to the national level: the county's own users and Tillväxtverket. */
  'county.readSubmitted': ((actor, r) => worksInCounty(actor, r.countyCode) || isAgency(actor)) as RuleFor<'county'>,
  /** Edit the county's programme data: the county's region, editors and admins. */
  'county.edit': ((actor, r) =>
    actor.organisation.kind === 'region' && worksInCounty(actor, r.countyCode) && canWrite(actor)) as RuleFor<'county'>,
  /** Administer the county's work: reopen what was submitted, override locks (with a reason, audited). */
  'county.administer': ((actor, r) =>
    actor.organisation.kind === 'region' && worksInCounty(actor, r.countyCode) && actor.role === 'admin') as RuleFor<'county'>,
  /** Edit a municipality's own data (its service plan, its answers): that municipality's editors and admins. */
  'municipality.edit': ((actor, r) =>
    actor.organisation.kind === 'municipality' &&
    actor.organisation.municipalityCode === r.municipalityCode &&
    canWrite(actor)) as RuleFor<'municipality'>,
  /** Answer a consultation or act for an organisation: that organisation's editors and admins. */
  'organisation.act': ((actor, r) => actor.organisation.id === r.organisationId && canWrite(actor)) as RuleFor<'organisation'>,
  /** Invite, disable and change the role of an organisation's users: its admins. */
  'organisation.manageUsers': ((actor, r) =>
    actor.organisation.id === r.organisationId && actor.role === 'admin') as RuleFor<'organisation'>,
  /** Browse an organisation's audit log: its admins. */
  'organisation.readAudit': ((actor, r) =>
    actor.organisation.id === r.organisationId && actor.role === 'admin') as RuleFor<'organisation'>,
  /** Manage one's own API tokens and profile: every signed-in user. */
  'self.manage': (() => true) as RuleFor<'self'>,
  /**
   * Change dated rule parameters (ordinance amounts, de minimis ceilings, exchange rates): admins of
   * Tillväxtverket or of a region. Every change is dated and audited; nothing is overwritten.
   */
  'rules.administer': ((actor) => (actor.organisation.kind === 'agency' || actor.organisation.kind === 'region') && actor.role === 'admin') as RuleFor<'public'>,
  /** The national overview of every county: Tillväxtverket. */
  'national.overview': ((actor) => isAgency(actor)) as RuleFor<'public'>
} as const;

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

type ResourceOf<A extends Action> = Parameters<(typeof rules)[A]>[1];

export function can<A extends Action>(actor: MaybeActor, action: A, resource: ResourceOf<A>): boolean {
  if (!actor) return false;
  const rule = rules[action] as (actor: Actor, resource: Resource) => boolean;
  return rule(actor, resource as Resource);
}

/** Throws 401 for the public and 403 for a signed-in user without the right; returns the actor otherwise. */
export function assertCan<A extends Action>(actor: MaybeActor, action: A, resource: ResourceOf<A>): Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action, resource)) throw forbidden();
  return actor;
}

export function requireActor(actor: MaybeActor): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}
