import * as z from 'zod';
import type { EndpointSpec } from '../api/openapi';
import { deMinimisQuery, homeDeliveryBody, summaryQuery } from './schemas';

/** The grants domain's /api/v1 endpoints, for the OpenAPI document. */
const summaryResponse = z.object({
  county: z.string(),
  year: z.number(),
  quarter: z.number().nullable(),
  byFund: z.array(z.object({ fund: z.string(), kind: z.string(), applications: z.number(), granted: z.number(), grantedSek: z.number() })),
  byMunicipality: z.array(z.object({ code: z.string(), name: z.string(), granted: z.number(), grantedSek: z.number() }))
});

const deMinimisResponse = z.object({
  orgNumber: z.string(),
  undertakingName: z.string().nullable(),
  asOf: z.string(),
  regime: z.enum(['general', 'sgei']),
  windowFrom: z.string(),
  totalEur3y: z.number(),
  ceilingEur: z.number(),
  remainingEur: z.number(),
  grants: z.array(
    z.object({
      id: z.string(),
      decidedOn: z.string(),
      regime: z.enum(['general', 'sgei']),
      amountSek: z.number(),
      sekPerEur: z.number(),
      amountEur: z.number(),
      grantingBody: z.string(),
      applicationId: z.string().nullable(),
      inWindow: z.boolean(),
      replaced: z.boolean()
    })
  )
});

const reason = z.object({ rule: z.string(), kind: z.enum(['breach', 'info']), message: z.string(), source: z.string(), numbers: z.record(z.string(), z.union([z.string(), z.number()])) });
const homeDeliveryResponse = z.object({ eligible: z.boolean(), maxGrantSek: z.number(), reasons: z.array(reason) });

export const specs: EndpointSpec[] = [
  {
    method: 'get',
    path: '/api/v1/grants/summary',
    summary: 'Applications and grants per fund and per municipality of a county for a year or a quarter (applications by date received, grants by date first decided)',
    tag: 'grants',
    auth: 'signed-in',
    query: summaryQuery,
    response: summaryResponse
  },
  {
    method: 'get',
    path: '/api/v1/grants/de-minimis/{organisationsnummer}',
    summary: "An undertaking's de minimis aid: the rolling three-year total against the ceiling valid at asOf (default today), and every registered grant",
    tag: 'grants',
    auth: 'signed-in',
    params: z.object({ organisationsnummer: z.string() }),
    query: deMinimisQuery,
    response: deMinimisResponse
  },
  {
    method: 'post',
    path: '/api/v1/grants/rules/home-delivery',
    summary: 'Checks a home delivery grant (hemsändningsbidrag) against the rule parameters valid for the year: eligibility, highest grant and the reasons with their sources',
    tag: 'grants',
    auth: 'public',
    body: homeDeliveryBody,
    response: homeDeliveryResponse
  }
];
