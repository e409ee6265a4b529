import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { runForm } from '$lib/server/forms';
import { loadOrFail } from '$lib/server/programmes/forms';
import { getMeeting, updateMeeting } from '$lib/server/programmes/networks';
import { updateMeetingSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  meeting: await loadOrFail(url, () => getMeeting(app().db, locals.actor, params.meetingId))
});

export const actions: Actions = {
  default: async (event) =>
    runForm(event, updateMeetingSchema, async (input) => {
      await updateMeeting(app().db, event.locals.actor, event.params.meetingId, input);
      return { saved: true };
    })
};
