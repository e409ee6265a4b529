import { error } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireSignedIn } from '$lib/server/pages';
import { inviteSchema, inviteUser, listPendingInvitations, listUsers, updateUser } from '$lib/server/auth/accounts';
import { can } from '$lib/server/auth/policy';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  // Comes back without the query, as this page always has.
  const actor = requireSignedIn(locals, url, { keepSearch: false });
  const organisationId = actor.organisation.id;
  if (!can(actor, 'organisation.manageUsers', { type: 'organisation', organisationId })) error(403, 'error.forbidden');
  const { db } = app();
  return {
    organisation: actor.organisation.name,
    selfId: actor.user.id,
    users: await listUsers(db, actor, organisationId),
    invitations: await listPendingInvitations(db, actor, organisationId)
  };
};

const updateForm = z.object({
  id: z.string(),
  version: z.coerce.number().int().positive(),
  role: z.enum(['admin', 'editor', 'reader']).optional(),
  disabled: z.enum(['true', 'false']).optional()
});

export const actions: Actions = {
  invite: async (event) =>
    runForm(event, inviteSchema, async (input) => {
      const actor = event.locals.actor;
      const invitation = await inviteUser(app().db, actor, actor?.organisation.id ?? '', input);
      return { invited: { email: input.email, url: new URL(`/inbjudan/${invitation.token}`, event.url).toString() } };
    }),
  update: async (event) =>
    runForm(event, updateForm, async (input) => {
      await updateUser(app().db, event.locals.actor, input.id, {
        version: input.version,
        role: input.role,
        disabled: input.disabled === undefined ? undefined : input.disabled === 'true'
      });
      return { updated: true };
    })
};
