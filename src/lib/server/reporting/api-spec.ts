import * as z from 'zod';
import type { EndpointSpec } from '../api/openapi';
import { answerInputSchema, reopenSchema } from './service';
import { factSchema, reportJsonSchema, saveResponseSchema, statusBodySchema } from './api';

const key = z.object({ countyCode: z.string().describe('Two-digit county code, e.g. "23"'), year: z.string().describe('Reporting year, e.g. "2024"') });
const answerKey = key.extend({ questionNumber: z.string().describe('"1.1" … "6.3"; the sub-questions of 5.1 are "5.1a"–"5.1d"') });
const tag = 'result reports';

/** The reporting domain's /api/v1 endpoints, for the OpenAPI document. */
export const specs: EndpointSpec[] = [
  {
    method: 'get',
    path: '/api/v1/result-reports',
    summary: "Every county's report status for a year, submitted or not (Tillväxtverket)",
    tag,
    auth: 'signed-in',
    query: z.object({ year: z.string() }),
    response: z.array(z.object({ countyCode: z.string(), countyName: z.string(), status: z.enum(['submitted', 'notSubmitted']), submittedAt: z.string().nullable() })),
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/result-reports/{countyCode}/{year}',
    summary: "A county's result report: status, the year's template, every answer with its version, and characters per section. Drafts only within the county; submitted reports also for Tillväxtverket",
    tag,
    auth: 'signed-in',
    params: key,
    response: reportJsonSchema,
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/result-reports/{countyCode}/{year}.docx',
    summary: 'The report as a Word document laid out like the template, with ☒/☐ for choices and characters per section',
    tag,
    auth: 'signed-in',
    params: key,
    produces: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    errors: [404]
  },
  {
    method: 'put',
    path: '/api/v1/result-reports/{countyCode}/{year}/answers/{questionNumber}',
    summary: 'Save one answer with the version it was read at (0 for a first answer). 400 names the section, its count and its limit when the section would exceed it (error.details); 409 returns the saved answer (error.details.current)',
    tag,
    auth: 'signed-in',
    params: answerKey,
    body: answerInputSchema,
    response: saveResponseSchema,
    errors: [404, 409]
  },
  {
    method: 'get',
    path: '/api/v1/result-reports/{countyCode}/{year}/answers/{questionNumber}/history',
    summary: 'Every saved version of an answer, newest first, with who saved it, when, and a word diff to the version before',
    tag,
    auth: 'signed-in',
    params: answerKey,
    response: z.array(
      z.object({
        version: z.number(),
        text: z.string(),
        choice: z.string().nullable(),
        basis: z.string().nullable(),
        savedAt: z.string(),
        savedBy: z.string().nullable(),
        diff: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() }))
      })
    ),
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/result-reports/{countyCode}/{year}/facts',
    summary: 'Figures the system already knows for the county and year, by section, ready to insert into answers',
    tag,
    auth: 'signed-in',
    params: key,
    response: z.record(z.string(), z.array(factSchema)),
    errors: [404]
  },
  {
    method: 'post',
    path: '/api/v1/result-reports/{countyCode}/{year}/status',
    summary: 'Mark the report ready for review (ready: true) or back to draft (ready: false)',
    tag,
    auth: 'signed-in',
    params: key,
    body: statusBodySchema,
    response: z.object({ status: z.enum(['draft', 'ready']) }),
    errors: [404, 409]
  },
  {
    method: 'post',
    path: '/api/v1/result-reports/{countyCode}/{year}/submit',
    summary: 'Submit the report to Tillväxtverket and lock it. 400 lists what blocks submission (error.details.problems)',
    tag,
    auth: 'signed-in',
    params: key,
    response: z.object({ status: z.literal('submitted') }),
    errors: [404, 409]
  },
  {
    method: 'post',
    path: '/api/v1/result-reports/{countyCode}/{year}/reopen',
    summary: "Reopen a submitted report as a draft (the county's admins, with a reason; audited)",
    tag,
    auth: 'signed-in',
    params: key,
    body: reopenSchema,
    response: z.object({ status: z.literal('draft') }),
    errors: [404, 409]
  }
];

