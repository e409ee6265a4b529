import { error, redirect } from '@sveltejs/kit';
import type { Actor, MaybeActor } from '../auth/actor';
import { DomainError } from '../errors';

/** Helpers for the grants pages: signed-in check, domain errors as error pages, the county in view. */
export function signedIn(actor: MaybeActor, url: URL): Actor {
  if (!actor) redirect(303, `/logga-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  return actor;
}

export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) error(e.status, e.messageKey);
    throw e;
  }
}

/** The county a page shows: ?lan= when given (Tillväxtverket chooses), else the actor's own. */
export function countyOf(actor: Actor, url: URL): string {
  const asked = url.searchParams.get('lan');
  if (asked && /^\d{2}$/.test(asked)) return asked;
  return actor.organisation.countyCode ?? '23';
}

export function yearOf(url: URL, fallback: number): number {
  const y = Number(url.searchParams.get('ar'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}

export function quarterOf(url: URL): number | undefined {
  const q = Number(url.searchParams.get('kvartal'));
  return Number.isInteger(q) && q >= 1 && q <= 4 ? q : undefined;
}
