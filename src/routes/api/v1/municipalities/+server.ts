import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listMunicipalities } from '$lib/server/reference';
import { municipalitiesQuery } from '$lib/server/api/core-spec';

export const GET: RequestHandler = api(async (event) => {
  const { county } = readQuery(event, municipalitiesQuery);
  return json(await listMunicipalities(app().db, county));
});
