import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { loadOrFail } from '$lib/server/programmes/forms';
import { nationalOverview } from '$lib/server/programmes/overview';
import { todayInSweden } from '$lib/server/programmes/deadline';

export const load: PageServerLoad = async ({ locals, url }) => {
  const current = Number(todayInSweden().slice(0, 4));
  const asked = Number(url.searchParams.get('ar'));
  // The follow-up being collected is last year's; an unusable ?ar= falls back to it rather than failing.
  const year = Number.isInteger(asked) && asked >= 2014 && asked <= current ? asked : current - 1;
  return {
    overview: await loadOrFail(url, () => nationalOverview(app().db, locals.actor, year)),
    years: Array.from({ length: current - 2014 + 1 }, (_, i) => current - i)
  };
};
