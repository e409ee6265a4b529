import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { deleteSession } from '$lib/server/auth/sessions';
import { clearSessionCookie } from '$lib/server/api/session-cookie';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies }) => {
    if (locals.sessionToken) await deleteSession(app().db, locals.sessionToken);
    clearSessionCookie(cookies);
    redirect(303, '/logga-in?utloggad');
  }
};
