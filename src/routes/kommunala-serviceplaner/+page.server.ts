import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { listMunicipalPlans } from '$lib/server/programmes/municipal';

export const load: PageServerLoad = async ({ locals, url }) => ({
  plans: await guardPage(() => listMunicipalPlans(app().db, locals.actor), () => redirectToSignIn(url))
});
