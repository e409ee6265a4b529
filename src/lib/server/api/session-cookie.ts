import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE, SESSION_MAX_AGE_SECONDS } from '../auth/sessions';

/**
 * httpOnly and SameSite=Lax always; Secure whenever the request came over https (behind a TLS proxy set
 * ORIGIN or PROTOCOL_HEADER so SvelteKit sees https). Plain http only on a developer's own machine.
 */
export function setSessionCookie(cookies: Cookies, url: URL, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    maxAge: SESSION_MAX_AGE_SECONDS
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
