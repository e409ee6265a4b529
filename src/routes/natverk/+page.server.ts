import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { addMeeting, listNetworks } from '$lib/server/programmes/networks';
import { meetingSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url }) => ({
  networks: await guardPage(() => listNetworks(app().db, locals.actor), () => redirectToSignIn(url))
});

export const actions: Actions = {
  addMeeting: async (event) =>
    runForm(event, meetingSchema.extend({ networkId: z.string() }), async ({ networkId, ...input }) => {
      await addMeeting(app().db, event.locals.actor, networkId, input);
      return { added: true };
    })
};
