import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { inviteSchema, inviteUser } from '$lib/server/auth/accounts';
import { getOrganisation } from '$lib/server/reference';

export const POST: RequestHandler = api(async (event) => {
  const organisation = await getOrganisation(app().db, event.params.id);
  const input = await readJson(event, inviteSchema);
  const invitation = await inviteUser(app().db, event.locals.actor, organisation.id, input);
  const url = new URL(`/inbjudan/${invitation.token}`, event.url).toString();
  return json({ id: invitation.id, url, expiresAt: invitation.expiresAt }, { status: 201 });
});
