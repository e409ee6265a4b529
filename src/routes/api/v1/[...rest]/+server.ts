import type { RequestHandler } from '@sveltejs/kit';
import { errorResponse } from '$lib/server/api/respond';
import { notFound } from '$lib/server/errors';

/** Unknown API paths answer in the API's JSON error shape, not with an HTML page. */
export const fallback: RequestHandler = ({ locals }) => errorResponse(notFound(), locals.locale);
