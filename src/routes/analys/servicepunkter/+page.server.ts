import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import * as z from 'zod';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { assertRead } from '$lib/server/analysis/access';
import { createPoint, decideProposal, decideSchema, listPoints, listProposals, pointSchema, proposeChange } from '$lib/server/analysis/register';
import { areaOf, basemapUrl, rights } from '$lib/server/analysis/pages';
import { SERVICE_TYPES } from '$lib/server/analysis/types';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  const area = areaOf(url, county);
  const typeParam = url.searchParams.get('typ') ?? '';
  const type = (SERVICE_TYPES as readonly string[]).includes(typeParam) ? (typeParam as (typeof SERVICE_TYPES)[number]) : undefined;
  const statusParam = url.searchParams.get('status') ?? '';
  const status = ['open', 'closed', 'all'].includes(statusParam) ? (statusParam as 'open' | 'closed' | 'all') : 'all';
  const q = (url.searchParams.get('q') ?? '').slice(0, 100);
  return guardPage(async () => {
    assertRead(actor, county);
    const { db } = app();
    const r = rights(actor, county);
    const municipalities = await db.selectFrom('municipalities').select(['code', 'name']).where('county_code', '=', county).orderBy('name').execute();
    return {
      county,
      area,
      type: type ?? '',
      status,
      q,
      municipalities,
      points: await listPoints(db, actor, { area, type, status, q: q || undefined }),
      proposals: r.canEdit || r.municipality ? await listProposals(db, actor, county, r.canEdit ? 'pending' : undefined) : [],
      basemap: basemapUrl(),
      created: url.searchParams.get('tillagd'),
      proposed: url.searchParams.has('foreslagen'),
      decided: url.searchParams.has('beslutad'),
      ...r
    };
  });
};

const countyForm = (url: URL, locals: App.Locals) => (locals.actor ? countyOf(locals.actor, url) : '');

export const actions: Actions = {
  create: async (event) => {
    const result = await runForm(event, pointSchema, (input) => createPoint(app().db, event.locals.actor, countyForm(event.url, event.locals), input));
    if (result && 'id' in result) redirect(303, `/analys/servicepunkter/${result.id}?tillagd=1`);
    return result;
  },
  propose: async (event) => {
    const result = await runForm(event, pointSchema, (input) => proposeChange(app().db, event.locals.actor, { kind: 'add', point: input, note: input.note ?? '' }));
    if (result && 'id' in result) redirect(303, `/analys/servicepunkter?lan=${countyForm(event.url, event.locals)}&foreslagen=1`);
    return result;
  },
  decide: async (event) => {
    const result = await runForm(event, decideSchema.extend({ id: z.string() }), ({ id, ...input }) => decideProposal(app().db, event.locals.actor, id, input));
    if (result && 'id' in result) redirect(303, `/analys/servicepunkter?lan=${countyForm(event.url, event.locals)}&beslutad=1`);
    return result;
  }
};
