import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn, yearOf } from '$lib/server/pages';
import { nationalOverview } from '$lib/server/programmes/overview';
import { todayInSweden } from '$lib/server/programmes/deadline';

export const load: PageServerLoad = async ({ locals, url }) => {
  const current = Number(todayInSweden().slice(0, 4));
  // The follow-up being collected is last year's; an unusable ?ar= falls back to it rather than failing.
  const year = yearOf(url, current - 1, 'ar', { min: 2014, max: current });
  return {
    overview: await guardPage(() => nationalOverview(app().db, locals.actor, year), () => redirectToSignIn(url)),
    years: Array.from({ length: current - 2014 + 1 }, (_, i) => current - i)
  };
};
