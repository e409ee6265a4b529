import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listAudit } from '$lib/server/audit';
import { auditQuery } from '$lib/server/api/core-spec';
import { getOrganisation } from '$lib/server/reference';

export const GET: RequestHandler = api(async (event) => {
  const organisation = await getOrganisation(app().db, event.params.id);
  const query = readQuery(event, auditQuery);
  const { rows, hasMore } = await listAudit(app().db, event.locals.actor, organisation.id, query);
  return json({ rows, hasMore });
});
