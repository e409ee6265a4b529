import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { runForm } from '$lib/server/forms';
import { loadOrFail } from '$lib/server/programmes/forms';
import { addMeeting, listNetworks } from '$lib/server/programmes/networks';
import { meetingSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url }) => ({
  networks: await loadOrFail(url, () => listNetworks(app().db, locals.actor))
});

export const actions: Actions = {
  addMeeting: async (event) =>
    runForm(event, meetingSchema.extend({ networkId: z.string() }), async ({ networkId, ...input }) => {
      await addMeeting(app().db, event.locals.actor, networkId, input);
      return { added: true };
    })
};
