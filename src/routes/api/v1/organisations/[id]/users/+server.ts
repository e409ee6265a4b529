import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listUsers } from '$lib/server/auth/accounts';
import { getOrganisation } from '$lib/server/reference';

export const GET: RequestHandler = api(async ({ locals, params }) => {
  const organisation = await getOrganisation(app().db, params.id);
  return json(await listUsers(app().db, locals.actor, organisation.id));
});
