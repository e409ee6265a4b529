import { error, redirect } from '@sveltejs/kit';
import type { Actor } from './auth/actor';
import { DomainError } from './errors';

/**
 * Helpers every domain's pages share, so the routes stay thin and behave the same everywhere.
 * Domain-specific query helpers (areaOf, typeOf, quarterOf …) stay in their domain.
 */

/** Sends the browser to sign in and back here afterwards; a few older pages come back without their query. */
export function redirectToSignIn(url: URL, { keepSearch = true }: { keepSearch?: boolean } = {}): never {
  redirect(303, `/logga-in?redirectTo=${encodeURIComponent(url.pathname + (keepSearch ? url.search : ''))}`);
}

/** Pages need a signed-in user: the public is sent to sign in and back to the same page. */
export function requireSignedIn(locals: Pick<App.Locals, 'actor'>, url: URL, options?: { keepSearch?: boolean }): Actor {
  if (!locals.actor) redirectToSignIn(url, options);
  return locals.actor;
}

/**
 * A domain error during a page load becomes the error page with its status and catalog key (403, 404 …),
 * so a forbidden or missing thing is never a 500. `onUnauthenticated` runs first for a 401 (e.g. to sign in).
 */
export async function guardPage<T>(fn: () => Promise<T>, onUnauthenticated?: () => void): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError) {
      if (e.status === 401) onUnauthenticated?.();
      error(e.status, e.messageKey);
    }
    throw e;
  }
}

/** The county a page shows: ?lan=NN when given (Tillväxtverket chooses), else the actor's own; no county → Jämtland's demo (23). */
export function countyOf(actor: Actor, url: URL): string {
  const asked = url.searchParams.get('lan');
  if (asked && /^\d{2}$/.test(asked)) return asked;
  return actor.organisation.countyCode ?? '23';
}

/** The year asked for in the query (?ar= by default) when it is a whole year in range, else the page's fallback. */
export function yearOf(url: URL, fallback: number, param = 'ar', range: { min: number; max: number } = { min: 2000, max: 2100 }): number {
  const y = Number(url.searchParams.get(param));
  return Number.isInteger(y) && y >= range.min && y <= range.max ? y : fallback;
}
