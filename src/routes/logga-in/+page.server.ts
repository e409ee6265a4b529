import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { signIn, signInSchema } from '$lib/server/auth/accounts';
import { runForm } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/api/session-cookie';

/** Only same-site paths are followed after sign-in, never another origin. */
function safeRedirect(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.actor) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
  return { signedOut: url.searchParams.has('utloggad') };
};

export const actions: Actions = {
  default: async (event) => {
    const result = await runForm(event, signInSchema, async (input) => {
      const { token } = await signIn(app().db, input, event.getClientAddress());
      setSessionCookie(event.cookies, event.url, token);
      return { ok: true };
    });
    if ('ok' in result) redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
    return result;
  }
};
