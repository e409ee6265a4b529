import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { decideProposal, decideSchema } from '$lib/server/analysis/register';

export const POST: RequestHandler = api(async (event) => json(await decideProposal(app().db, event.locals.actor, event.params.id, await readJson(event, decideSchema))));
