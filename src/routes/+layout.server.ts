import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/auth/policy';

export const load: LayoutServerLoad = ({ locals }) => {
  const actor = locals.actor;
  return {
    locale: locals.locale,
    me: actor
      ? {
          name: actor.user.name,
          email: actor.user.email,
          role: actor.role,
          organisation: { id: actor.organisation.id, name: actor.organisation.name, kind: actor.organisation.kind, countyCode: actor.organisation.countyCode },
          isOrgAdmin: can(actor, 'organisation.manageUsers', { type: 'organisation', organisationId: actor.organisation.id })
        }
      : null
  };
};
