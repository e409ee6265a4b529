import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { getMeeting, updateMeeting } from '$lib/server/programmes/networks';
import { updateMeetingSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  meeting: await guardPage(() => getMeeting(app().db, locals.actor, params.meetingId), () => redirectToSignIn(url))
});

export const actions: Actions = {
  default: async (event) =>
    runForm(event, updateMeetingSchema, async (input) => {
      await updateMeeting(app().db, event.locals.actor, event.params.meetingId, input);
      return { saved: true };
    })
};
