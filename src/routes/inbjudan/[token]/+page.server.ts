import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { acceptInvitation, acceptInvitationSchema, findInvitation } from '$lib/server/auth/accounts';
import { runForm } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/api/session-cookie';

export const load: PageServerLoad = async ({ params }) => {
  const invitation = await findInvitation(app().db, params.token);
  return {
    invitation: invitation ? { email: invitation.email, role: invitation.role, organisation: invitation.organisation_name } : null
  };
};

export const actions: Actions = {
  default: async (event) => {
    const result = await runForm(event, acceptInvitationSchema, async (input) => {
      const { sessionToken } = await acceptInvitation(app().db, event.params.token, input);
      setSessionCookie(event.cookies, event.url, sessionToken);
      return { ok: true as const };
    });
    if ('ok' in result) redirect(303, '/');
    return result;
  }
};
