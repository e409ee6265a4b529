import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { getDataset, makeCurrent, makeCurrentSchema } from '$lib/server/analysis/datasets';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const ds = await getDataset(app().db, actor, params.id);
    // Dates and the job's log only: the payload and result stay on the server.
    const job = ds.job ? { status: ds.job.status, progress: ds.job.progress, message: ds.job.message, log: ds.job.log, error: ds.job.error, startedAt: ds.job.startedAt, finishedAt: ds.job.finishedAt } : null;
    return { dataset: { ...ds, job } };
  });
};

export const actions: Actions = {
  current: async (event) => runForm(event, makeCurrentSchema, async (input) => ({ current: !!(await makeCurrent(app().db, event.locals.actor, event.params.id, input)) }))
};
