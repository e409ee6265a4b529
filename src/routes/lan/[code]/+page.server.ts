import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { getCounty } from '$lib/server/reference';
import { DomainError } from '$lib/server/errors';

export const load: PageServerLoad = async ({ params }) => {
  try {
    return { county: await getCounty(app().db, params.code) };
  } catch (e) {
    if (e instanceof DomainError) error(e.status, e.messageKey);
    throw e;
  }
};
