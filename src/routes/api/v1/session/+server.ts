import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { signIn, signInSchema } from '$lib/server/auth/accounts';
import { deleteSession } from '$lib/server/auth/sessions';
import { clearSessionCookie, setSessionCookie } from '$lib/server/api/session-cookie';
import { meView } from '$lib/server/api/views';

export const POST: RequestHandler = api(async (event) => {
  const input = await readJson(event, signInSchema);
  const { token, actor } = await signIn(app().db, input, event.getClientAddress());
  setSessionCookie(event.cookies, event.url, token);
  return json(meView(actor));
});

export const DELETE: RequestHandler = api(async (event) => {
  if (event.locals.sessionToken) await deleteSession(app().db, event.locals.sessionToken);
  clearSessionCookie(event.cookies);
  return json({ ok: true });
});
