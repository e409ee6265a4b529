import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { homeDeliveryBody } from '$lib/server/grants/schemas';
import { homeDeliveryRule, loadParamSet, yearDate } from '$lib/server/grants/rules';
import { renderFinding } from '$lib/server/grants/service';

/** Public: the rules are public facts, and a municipality may check its claim before applying. */
export const POST: RequestHandler = api(async (event) => {
  const input = await readJson(event, homeDeliveryBody);
  const result = homeDeliveryRule(await loadParamSet(app().db, yearDate(input.year)), input.year, { netCostSek: input.netCostSek, deliveries: input.deliveries });
  return json({ eligible: result.eligible, maxGrantSek: result.maxGrantSek, reasons: result.findings.map((f) => renderFinding(event.locals.locale, f)) });
});
