import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireSignedIn } from '$lib/server/pages';
import { listAudit } from '$lib/server/audit';
import { can } from '$lib/server/auth/policy';

export const load: PageServerLoad = async ({ locals, url }) => {
  // Comes back without the query, as this page always has.
  const actor = requireSignedIn(locals, url, { keepSearch: false });
  const organisationId = actor.organisation.id;
  if (!can(actor, 'organisation.readAudit', { type: 'organisation', organisationId })) error(403, 'error.forbidden');
  const page = Math.max(1, Math.min(100_000, Number(url.searchParams.get('sida')) || 1));
  const entity = url.searchParams.get('typ')?.slice(0, 50) || undefined;
  const result = await listAudit(app().db, actor, organisationId, { entity, page });
  return { organisation: actor.organisation.name, page, entity: entity ?? '', ...result };
};
