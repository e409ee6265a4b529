import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireSignedIn } from '$lib/server/pages';
import { createApiToken, createTokenSchema, listApiTokens, revokeApiToken } from '$lib/server/auth/accounts';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  // Comes back without the query, as this page always has.
  const actor = requireSignedIn(locals, url, { keepSearch: false });
  return {
    profile: { name: actor.user.name, email: actor.user.email, role: actor.role, organisation: actor.organisation.name, unit: actor.user.unit, title: actor.user.title },
    tokens: await listApiTokens(app().db, actor)
  };
};

export const actions: Actions = {
  create: async (event) =>
    runForm(event, createTokenSchema, async (input) => {
      const created = await createApiToken(app().db, event.locals.actor, input);
      return { created: { name: created.name, token: created.token } };
    }),
  revoke: async (event) =>
    runForm(event, z.object({ id: z.string() }), async ({ id }) => {
      await revokeApiToken(app().db, event.locals.actor, id);
      return { revoked: true };
    })
};
