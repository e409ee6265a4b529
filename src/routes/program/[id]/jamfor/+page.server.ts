import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { loadOrFail } from '$lib/server/programmes/forms';
import { compareVersions } from '$lib/server/programmes/programmes';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  programmeId: params.id,
  comparison: await loadOrFail(url, () => compareVersions(app().db, locals.actor, url.searchParams.get('a') ?? '', url.searchParams.get('b') ?? ''))
});
