import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listOrganisations } from '$lib/server/reference';
import { organisationsQuery } from '$lib/server/api/core-spec';

export const GET: RequestHandler = api(async (event) => json(await listOrganisations(app().db, readQuery(event, organisationsQuery))));
