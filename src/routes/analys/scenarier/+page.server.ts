import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { assertRead } from '$lib/server/analysis/access';
import { accessibility, evaluateScenario } from '$lib/server/analysis/service';
import { listPoints } from '$lib/server/analysis/register';
import { listScenarios, saveScenario, saveScenarioSchema } from '$lib/server/analysis/scenarios';
import { areaOf, basemapUrl, rights, typeOf } from '$lib/server/analysis/pages';
import { countyState } from '$lib/server/analysis/state';
import { runForm } from '$lib/server/forms';
import { DomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n';
import { SERVICE_TYPES, type ServiceType } from '$lib/server/analysis/types';

/** "lon;lat;type+type;name" — how an added point travels in the URL, so the tool works without JavaScript. */
function parseAdditions(values: string[]) {
  return values
    .map((v) => v.split(';'))
    .filter((p) => p.length >= 3)
    .map(([lon, lat, types, ...name]) => ({ lon: Number(lon), lat: Number(lat), types: types.split('+').filter((x): x is ServiceType => (SERVICE_TYPES as readonly string[]).includes(x)), name: name.join(';') || undefined }))
    .filter((a) => Number.isFinite(a.lon) && Number.isFinite(a.lat) && a.types.length);
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  const area = areaOf(url, county);
  const type = typeOf(url);
  return guardPage(async () => {
    assertRead(actor, county);
    const { db } = app();
    const municipalities = await db.selectFrom('municipalities').select(['code', 'name']).where('county_code', '=', county).orderBy('name').execute();
    const base = { county, area, type, municipalities, basemap: basemapUrl(), ...rights(actor, county), scenarios: await listScenarios(db, actor, county) };
    if (!(await countyState(db, county))) return { ...base, points: [], close: [], add: [], evaluation: null, baseline: null, addError: null };
    const close = url.searchParams.getAll('stang').filter((s) => /^[0-9a-f-]{36}$/i.test(s));
    const add = parseAdditions(url.searchParams.getAll('ny'));
    let addError: string | null = null;
    const nyLon = url.searchParams.get('nyLon');
    const nyLat = url.searchParams.get('nyLat');
    if (nyLon || nyLat) {
      const lon = Number((nyLon ?? '').replace(',', '.'));
      const lat = Number((nyLat ?? '').replace(',', '.'));
      if (Number.isFinite(lon) && Number.isFinite(lat) && lon > 10 && lon < 25 && lat > 55 && lat < 70) {
        add.push({ lon, lat, types: type === 'grocery_full' ? (['grocery_full', 'grocery'] as ServiceType[]) : [type], name: url.searchParams.get('nyNamn') || undefined });
      } else addError = translate(locals.locale, 'analysis.error.lon');
    }
    const points = await listPoints(db, actor, { area, type, status: 'open' });
    const baseline = await accessibility(db, actor, { area, serviceType: type });
    let evaluation = null;
    if (close.length || add.length) {
      try {
        evaluation = await evaluateScenario(db, actor, { area, serviceType: type, close, add });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        addError = translate(locals.locale, 'analysis.error.farFromRoads');
      }
    }
    return { ...base, points: points.map((p) => ({ id: p.id, name: p.name, municipality: p.municipalityName })), close, add, evaluation, baseline, addError };
  });
};

export const actions: Actions = {
  save: async (event) => {
    const raw = await event.request.clone().formData();
    const close = raw.getAll('stang').map(String);
    const add = parseAdditions(raw.getAll('ny').map(String));
    const result = await runForm(
      event,
      saveScenarioSchema.omit({ close: true, add: true }),
      async (input) => saveScenario(app().db, event.locals.actor, { ...input, close, add })
    );
    if (result && 'id' in result) redirect(303, `/analys/scenarier/${result.id}?sparat=1`);
    return result;
  }
};
