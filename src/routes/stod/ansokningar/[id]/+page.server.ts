import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { addPayment, attachFile, decide, getApplication, linkServicePoint, nearbyServicePoints, saveAssessment, todayIso } from '$lib/server/grants/service';
import { assessmentSchema, decisionSchema, linkSchema, nearQuery, paymentFormSchema } from '$lib/server/grants/schemas';
import { fieldErrors } from '$lib/server/validation';
import { runForm } from '$lib/server/forms';
import { DomainError } from '$lib/server/errors';
import { translate, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const application = await getApplication(app().db, actor, params.id);
    // A search for service points near the store (GET, so it works without JavaScript).
    let near: { query: Record<string, string>; errors: Record<string, string>; points: { id: string; name: string; types: string[]; distanceKm: number }[] | null } = { query: {}, errors: {}, points: null };
    if (url.searchParams.has('lon') || url.searchParams.has('lat')) {
      const query = { lon: url.searchParams.get('lon') ?? '', lat: url.searchParams.get('lat') ?? '', km: url.searchParams.get('km') ?? '' };
      const parsed = nearQuery.safeParse(query);
      near = parsed.success
        ? { query, errors: {}, points: await nearbyServicePoints(app().db, actor, params.id, parsed.data.lon, parsed.data.lat, parsed.data.km ?? 15) }
        : { query, errors: fieldErrors(parsed.error, locals.locale), points: null };
    }
    return { application, near, today: todayIso(), saved: url.searchParams.get('sparat') ?? (url.searchParams.get('ny') ? 'created' : '') };
  });
};

const done = (id: string, what: string) => redirect(303, `/stod/ansokningar/${id}?sparat=${what}`);

export const actions: Actions = {
  assess: async (event) => {
    const r = await runForm(event, assessmentSchema, (input) => saveAssessment(app().db, event.locals.actor, event.params.id, input));
    if (r === undefined) done(event.params.id, 'assess');
    return r;
  },
  decide: async (event) => {
    const r = await runForm(event, decisionSchema, (input) => decide(app().db, event.locals.actor, event.params.id, input, event.locals.locale));
    if (typeof r === 'string') done(event.params.id, 'decision');
    return r;
  },
  link: async (event) => {
    const r = await runForm(event, linkSchema, (input) => linkServicePoint(app().db, event.locals.actor, event.params.id, input));
    if (r === undefined) done(event.params.id, 'link');
    return r;
  },
  pay: async (event) => {
    const r = await runForm(event, paymentFormSchema, (input) => addPayment(app().db, event.locals.actor, event.params.id, input, event.locals.locale));
    if (typeof r === 'string') done(event.params.id, 'payment');
    return r;
  },
  attach: async (event) => {
    const data = await event.request.formData();
    const file = data.get('file');
    const locale = event.locals.locale;
    const msg = (k: string) => (Object.prototype.hasOwnProperty.call(sv, k) ? translate(locale, k as MessageKey) : k);
    if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: msg('grants.import.fileRequired') }, values: {} });
    try {
      await attachFile(app().db, event.locals.actor, event.params.id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (e) {
      if (e instanceof DomainError) {
        return fail(e.status, { errors: Object.fromEntries(Object.entries(e.fields ?? { file: e.messageKey }).map(([k, v]) => [k, msg(v)])), message: translate(locale, e.messageKey, e.params), values: {} });
      }
      throw e;
    }
    done(event.params.id, 'file');
  }
};
