import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { getCounty } from '$lib/server/reference';
import { guardPage } from '$lib/server/pages';

export const load: PageServerLoad = async ({ params }) => guardPage(async () => ({ county: await getCounty(app().db, params.code) }));
