import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { revokeApiToken } from '$lib/server/auth/accounts';

export const DELETE: RequestHandler = api(async ({ locals, params }) => {
  await revokeApiToken(app().db, locals.actor, params.id);
  return json({ ok: true });
});
