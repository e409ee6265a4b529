import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { listCounties } from '$lib/server/reference';

export const load: PageServerLoad = async () => ({ counties: await listCounties(app().db) });
