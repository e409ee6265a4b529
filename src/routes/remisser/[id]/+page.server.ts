import type { Actions, PageServerLoad } from './$types';
import * as z from 'zod';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { MAX_FILE_BYTES } from '$lib/server/files';
import { answerFromForm, answerSchema, consultationSummary, getConsultation, recordReminder, saveAnswer } from '$lib/server/cases/consultations';
import { runMultipartForm, uploadedFile } from '$lib/server/cases/pages';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  return guardPage(async () => {
    const consultation = await getConsultation(db, actor, event.params.id);
    return {
      consultation,
      summary: consultation.isOwner ? await consultationSummary(db, actor, event.params.id) : null,
      maxMb: MAX_FILE_BYTES / 1024 / 1024
    };
  }, () => requireSignedIn(event.locals, event.url));
};

export const actions: Actions = {
  answer: async (event) =>
    runMultipartForm(event, answerFromForm, answerSchema, async (input, form) => {
      const answer = await saveAnswer(app().db, event.locals.actor, event.params.id, input, await uploadedFile(form, 'attachment'));
      return { answered: answer.status };
    }),
  remind: async (event) =>
    runForm(event, z.object({ organisationId: z.string().min(1).max(100) }), async (input) => {
      await recordReminder(app().db, event.locals.actor, event.params.id, input.organisationId);
      return { reminded: true as const };
    })
};
