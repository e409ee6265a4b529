import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { compareVersions } from '$lib/server/programmes/programmes';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  programmeId: params.id,
  comparison: await guardPage(() => compareVersions(app().db, locals.actor, url.searchParams.get('a') ?? '', url.searchParams.get('b') ?? ''), () => redirectToSignIn(url))
});
