import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { accessibility, accessibilityQuery } from '$lib/server/analysis/service';

export const GET: RequestHandler = api(async (event) => json(await accessibility(app().db, event.locals.actor, readQuery(event, accessibilityQuery))));
