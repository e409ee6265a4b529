import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { MAX_FILE_BYTES } from '$lib/server/files';
import { addDocument, caseUpdateSchema, documentInputSchema, getCase, officerOptions, updateCase } from '$lib/server/cases/cases';
import { invalid } from '$lib/server/errors';
import { runMultipartForm, uploadedFile } from '$lib/server/cases/pages';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  return guardPage(async () => {
    const view = await getCase(db, actor, event.params.id);
    return { case: view, officers: view.canEdit ? await officerOptions(db, actor) : [], maxMb: MAX_FILE_BYTES / 1024 / 1024 };
  }, () => requireSignedIn(event.locals, event.url));
};

export const actions: Actions = {
  update: async (event) => {
    const result = await runForm(event, caseUpdateSchema, (input) => updateCase(app().db, event.locals.actor, event.params.id, input));
    return 'id' in result ? { saved: true } : result;
  },
  upload: async (event) => {
    if (!event.locals.actor) error(401, 'error.unauthenticated');
    return runMultipartForm(
      event,
      (raw) => ({ title: raw.docTitle, public: raw.public }),
      documentInputSchema,
      async (input, form) => {
        const file = await uploadedFile(form, 'file');
        if (!file) throw invalid({ file: 'cases.documents.noFile' });
        await addDocument(app().db, event.locals.actor, event.params.id, { ...input, ...file });
        return { uploaded: true };
      }
    );
  }
};
