import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { updateUser, updateUserSchema } from '$lib/server/auth/accounts';

export const PATCH: RequestHandler = api(async (event) => {
  const input = await readJson(event, updateUserSchema);
  return json(await updateUser(app().db, event.locals.actor, event.params.id, input));
});
