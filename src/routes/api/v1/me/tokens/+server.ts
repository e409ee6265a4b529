import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { createApiToken, createTokenSchema, listApiTokens } from '$lib/server/auth/accounts';

export const GET: RequestHandler = api(async ({ locals }) => json(await listApiTokens(app().db, locals.actor)));

export const POST: RequestHandler = api(async (event) => {
  const input = await readJson(event, createTokenSchema);
  return json(await createApiToken(app().db, event.locals.actor, input), { status: 201 });
});
