import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { importSchema, listDatasets, startImport } from '$lib/server/analysis/datasets';
import { rights } from '$lib/server/analysis/pages';
import { runForm } from '$lib/server/forms';
import { wakeJobs } from '$lib/server/jobs';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  return guardPage(async () => ({ county, datasets: await listDatasets(app().db, actor, county), year: new Date().getFullYear(), ...rights(actor, county) }));
};

export const actions: Actions = {
  import: async (event) => {
    const actor = event.locals.actor;
    const county = actor ? countyOf(actor, event.url) : '';
    const file = (await event.request.clone().formData()).get('file');
    const upload = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
    const result = await runForm(event, importSchema, (input) => startImport(app().db, actor, county, input, upload));
    if (result && 'datasetId' in result) {
      wakeJobs();
      redirect(303, `/analys/data/${result.datasetId}`);
    }
    return result;
  }
};
