import * as z from 'zod';
import type { EndpointSpec } from '../api/openapi';
import { accessibilityQuery, evaluateSchema, layerQuery } from './service';
import { boundariesQuery, closePointSchema, createPointSchema, decideSchema, listPointsQuery, proposalSchema, updatePointSchema } from './register';
import { saveScenarioSchema, updateScenarioSchema } from './scenarios';
import { importSchema, makeCurrentSchema } from './datasets';

/** Query and body schemas of the analysis endpoints (the routes validate with these; OpenAPI shows them). */
const county = z.string().regex(/^\d{2}$/, { error: 'analysis.error.area' });
export const scenariosQuery = z.object({ county });
export const exportQuery = accessibilityQuery.extend({ format: z.enum(['xlsx', 'csv', 'geojson']).default('xlsx') });
export const scenarioExportQuery = z.object({ format: z.enum(['xlsx', 'csv', 'geojson']).default('xlsx') });
export const datasetsQuery = z.object({ county });
/** From the API a data set is imported from a path on the server (uploads go through the page's form). */
export const importBody = importSchema.extend({ county, path: z.string().trim().min(1).max(1000) });
export const pointsQuery = listPointsQuery.extend({ format: z.enum(['json', 'geojson']).default('json') });
export const proposalsQuery = z.object({ county, status: z.enum(['pending', 'accepted', 'rejected']).optional() });

const band = z.object({ fromKm: z.number(), toKm: z.number().nullable(), population: z.number(), population70plus: z.number() });
const figures = z.object({
  code: z.string(),
  name: z.string(),
  population: z.number(),
  population70plus: z.number(),
  unreachablePopulation: z.number(),
  bands: z.array(band),
  meanKm: z.number().nullable(),
  medianKm: z.number().nullable(),
  shareWithin10Km: z.number().nullable(),
  beyond10Km: z.number()
});
const brief = z.object({ id: z.string(), year: z.number(), name: z.string() });
const dataset = z.object({ year: z.number(), network: brief, population: brief, servicePoints: brief, generatedDemo: z.boolean(), computedAt: z.string() });
const area = z.object({ code: z.string(), name: z.string(), level: z.enum(['county', 'municipality']) });
export const accessibilityResponse = z.object({
  dataset,
  area,
  serviceType: z.string(),
  bands: z.array(band),
  meanKm: z.number().nullable(),
  medianKm: z.number().nullable(),
  population: z.number(),
  population70plus: z.number(),
  unreachablePopulation: z.number(),
  shareWithin10Km: z.number().nullable(),
  municipalities: z.array(figures)
});
export const evaluateResponse = z.object({
  dataset,
  area,
  serviceType: z.string(),
  before: figures,
  after: figures,
  municipalities: z.array(z.object({ code: z.string(), name: z.string(), before: figures, after: figures })),
  changedSquares: z.array(z.object({ id: z.string(), beforeKm: z.number().nullable(), afterKm: z.number().nullable(), beforeBand: z.number(), afterBand: z.number() })),
  closed: z.array(z.object({ id: z.string(), name: z.string() })),
  added: z.array(z.object({ lon: z.number(), lat: z.number(), types: z.array(z.string()), name: z.string(), snappedM: z.number() })),
  computeMs: z.number()
});
export const pointResponse = z.object({
  id: z.string(),
  name: z.string(),
  types: z.array(z.string()),
  lon: z.number(),
  lat: z.number(),
  municipalityCode: z.string().nullable(),
  countyCode: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  closedFrom: z.string().nullable(),
  open: z.boolean(),
  version: z.number()
});
const geojson = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.record(z.string(), z.unknown())) });
const id = z.object({ id: z.string() });
const tag = 'analysis';

export const specs: EndpointSpec[] = [
  { method: 'get', path: '/api/v1/analysis/accessibility', summary: 'Population by road distance band to the nearest service of a type, for a county or municipality (current data sets)', tag, auth: 'signed-in', query: accessibilityQuery, response: accessibilityResponse, errors: [404] },
  { method: 'post', path: '/api/v1/analysis/scenarios/evaluate', summary: 'What if: close and/or add points; the bands before and after, the changed squares and the compute time', tag, auth: 'signed-in', body: evaluateSchema, response: evaluateResponse, errors: [404] },
  { method: 'get', path: '/api/v1/analysis/scenarios', summary: "A county's saved scenarios", tag, auth: 'signed-in', query: scenariosQuery },
  { method: 'post', path: '/api/v1/analysis/scenarios', summary: 'Save a scenario with a name and a note (region editors)', tag, auth: 'signed-in', body: saveScenarioSchema },
  { method: 'get', path: '/api/v1/analysis/scenarios/{id}', summary: 'A saved scenario with the figures it showed when saved', tag, auth: 'signed-in', params: id, errors: [404] },
  { method: 'patch', path: '/api/v1/analysis/scenarios/{id}', summary: "Change a scenario's name and note (optimistic locking)", tag, auth: 'signed-in', params: id, body: updateScenarioSchema, errors: [404, 409] },
  { method: 'get', path: '/api/v1/analysis/scenarios/{id}/export', summary: 'A scenario as Excel, CSV or GeoJSON (changed squares, small populations suppressed)', tag, auth: 'signed-in', params: id, query: scenarioExportQuery, produces: 'application/octet-stream', errors: [404] },
  { method: 'get', path: '/api/v1/analysis/squares', summary: 'Populated squares as GeoJSON with distance and band; populations below 5 suppressed', tag, auth: 'signed-in', query: layerQuery, response: geojson, errors: [404] },
  { method: 'get', path: '/api/v1/analysis/boundaries', summary: 'Municipality boundaries of the current boundary data set (GeoJSON)', tag, auth: 'signed-in', query: boundariesQuery, response: geojson },
  { method: 'get', path: '/api/v1/analysis/export', summary: 'The accessibility table as Excel or CSV, or the squares as GeoJSON', tag, auth: 'signed-in', query: exportQuery, produces: 'application/octet-stream', errors: [404] },
  { method: 'get', path: '/api/v1/analysis/datasets', summary: "A county's data sets (network, population, service points, boundaries) by year and status", tag, auth: 'signed-in', query: datasetsQuery },
  { method: 'post', path: '/api/v1/analysis/datasets', summary: 'Import a data set from a file in a server import folder: a background job (202 with the job id)', tag, auth: 'signed-in', body: importBody, response: z.object({ datasetId: z.string(), jobId: z.string() }) },
  { method: 'get', path: '/api/v1/analysis/datasets/{id}', summary: 'A data set with its import job (progress, log, error) and a sample of its content', tag, auth: 'signed-in', params: id, errors: [404] },
  { method: 'post', path: '/api/v1/analysis/datasets/{id}/current', summary: 'Make an imported data set current (the previous one is retired)', tag, auth: 'signed-in', params: id, body: makeCurrentSchema, errors: [404, 409] },
  { method: 'get', path: '/api/v1/service-points', summary: 'Service points of a county or municipality (JSON or GeoJSON), filtered by type, status and name', tag, auth: 'signed-in', query: pointsQuery, response: z.array(pointResponse) },
  { method: 'post', path: '/api/v1/service-points', summary: 'Add a service point (region editors)', tag, auth: 'signed-in', body: createPointSchema, response: pointResponse },
  { method: 'get', path: '/api/v1/service-points/{id}', summary: 'A service point with its distance to the next point of its type and the population depending on it', tag, auth: 'signed-in', params: id, errors: [404] },
  { method: 'patch', path: '/api/v1/service-points/{id}', summary: 'Move a point or change its name, types and attributes (optimistic locking)', tag, auth: 'signed-in', params: id, body: updatePointSchema, response: pointResponse, errors: [404, 409] },
  { method: 'post', path: '/api/v1/service-points/{id}/closure', summary: 'Mark a point closed from a date, or reopen it (closedFrom null)', tag, auth: 'signed-in', params: id, body: closePointSchema, response: pointResponse, errors: [404, 409] },
  { method: 'get', path: '/api/v1/service-points/proposals', summary: "Proposals from municipalities (the region sees all of the county's, a municipality its own)", tag, auth: 'signed-in', query: proposalsQuery },
  { method: 'post', path: '/api/v1/service-points/proposals', summary: 'A municipality editor proposes adding, changing or closing a point in their municipality', tag, auth: 'signed-in', body: proposalSchema, errors: [404] },
  { method: 'post', path: '/api/v1/service-points/proposals/{id}/decision', summary: 'The region accepts (applies) or rejects a proposal', tag, auth: 'signed-in', params: id, body: decideSchema, errors: [404, 409] }
];
