import { error, redirect } from '@sveltejs/kit';
import { DomainError } from '../errors';
import type { MaybeActor, Actor } from '../auth/actor';

/** Pages of the result report need a signed-in user: the public is sent to sign in and back. */
export function requireSignedIn(actor: MaybeActor, url: URL): Actor {
  if (!actor) redirect(303, `/logga-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  return actor;
}

/** Turns a domain error in a page load into the error page with its status (403, 404 …). */
export async function orError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DomainError) error(e.status, e.messageKey);
    throw e;
  }
}
