import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { closePoint, closePointSchema, getPoint, proposeChange, updatePoint, updatePointSchema } from '$lib/server/analysis/register';
import { pointAnalysis } from '$lib/server/analysis/facts';
import { basemapUrl } from '$lib/server/analysis/pages';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const point = await getPoint(app().db, actor, params.id);
    return { point, analysis: await pointAnalysis(app().db, point), basemap: basemapUrl(), created: url.searchParams.has('tillagd') };
  });
};

export const actions: Actions = {
  update: async (event) => runForm(event, updatePointSchema, async (input) => ({ saved: !!(await updatePoint(app().db, event.locals.actor, event.params.id, input)) })),
  close: async (event) => runForm(event, closePointSchema, async (input) => ({ closed: (await closePoint(app().db, event.locals.actor, event.params.id, input)).closedFrom })),
  proposeUpdate: async (event) =>
    runForm(event, updatePointSchema, async (input) => ({ proposed: !!(await proposeChange(app().db, event.locals.actor, { kind: 'update', pointId: event.params.id, point: input, note: input.note ?? '' })) })),
  proposeClose: async (event) =>
    runForm(event, closePointSchema, async (input) => ({ proposed: !!(await proposeChange(app().db, event.locals.actor, { kind: 'close', pointId: event.params.id, close: input, note: '' })) }))
};
