import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { getDataset } from '$lib/server/analysis/datasets';

export const GET: RequestHandler = api(async (event) => json(await getDataset(app().db, event.locals.actor, event.params.id)));
