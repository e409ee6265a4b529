import type { Actor } from '../auth/actor';

/** The `me` view shared by the API and the pages. */
export function meView(actor: Actor) {
  return {
    user: { email: actor.user.email, name: actor.user.name },
    organisation: { id: actor.organisation.id, name: actor.organisation.name, kind: actor.organisation.kind },
    role: actor.role
  };
}
