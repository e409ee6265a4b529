import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { app, configFromEnv, setApp, startApp } from '$lib/server/app';
import { actorFromApiToken, actorFromSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { negotiateLocale, translate } from '$lib/i18n';
import { log } from '$lib/server/log';

export const LOCALE_COOKIE = 'rsp_locale';

export const init: ServerInit = async () => {
  const database = await startApp(configFromEnv());
  setApp(database);
  // adapter-node emits this on SIGINT/SIGTERM after in-flight requests finish: close PGlite cleanly.
  process.once('sveltekit:shutdown' as NodeJS.Signals, () => {
    database.close().catch((err) => log.error({ err }, 'closing the database failed'));
  });
  log.info({ engine: database.engine }, 'RSP started');
};

export const handle: Handle = async ({ event, resolve }) => {
  const locale = negotiateLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language'));
  event.locals.locale = locale;
  event.locals.actor = null;
  event.locals.sessionToken = null;

  const { db } = app();
  const authorization = event.request.headers.get('authorization');
  if (authorization?.startsWith('Bearer ')) {
    event.locals.actor = await actorFromApiToken(db, authorization.slice(7).trim());
  } else {
    const token = event.cookies.get(SESSION_COOKIE);
    if (token) {
      event.locals.actor = await actorFromSession(db, token);
      event.locals.sessionToken = event.locals.actor ? token : null;
      if (!event.locals.actor) event.cookies.delete(SESSION_COOKIE, { path: '/' });
    }
  }

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale)
  });
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-frame-options', 'DENY');
  if (event.locals.actor && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) log.error({ err: error, path: event.url.pathname }, 'unhandled error');
  const locale = event.locals.locale ?? 'sv';
  return { message: translate(locale, status === 404 ? 'error.notFound' : 'error.internal') };
};
