import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { getScenario } from '$lib/server/analysis/scenarios';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const a = url.searchParams.get('a');
  const b = url.searchParams.get('b');
  if (!a || !b) error(404, 'error.notFound');
  return guardPage(async () => ({ a: await getScenario(app().db, actor, a), b: await getScenario(app().db, actor, b) }));
};
