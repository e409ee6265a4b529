import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { invalid } from '$lib/server/errors';
import { deMinimisQuery } from '$lib/server/grants/schemas';
import { normaliseOrgNumber } from '$lib/server/grants/orgnr';
import { registerStatus } from '$lib/server/grants/deminimis';

export const GET: RequestHandler = api(async (event) => {
  const q = readQuery(event, deMinimisQuery);
  const orgNumber = normaliseOrgNumber(event.params.orgNumber);
  if (!orgNumber) throw invalid({ organisationsnummer: 'grants.error.orgNumber' });
  return json(await registerStatus(app().db, event.locals.actor, orgNumber, q));
});
