import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { loadOrFail } from '$lib/server/programmes/forms';
import { listMunicipalPlans } from '$lib/server/programmes/municipal';

export const load: PageServerLoad = async ({ locals, url }) => ({
  plans: await loadOrFail(url, () => listMunicipalPlans(app().db, locals.actor))
});
