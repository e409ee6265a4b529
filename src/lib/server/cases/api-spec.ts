import * as z from 'zod';
import type { EndpointSpec } from '../api/openapi';

/** The cases domain's /api/v1 endpoints, for the OpenAPI document. */
export const caseQuerySchema = z.object({
  diaryNumber: z.string().trim().max(40, { error: 'error.tooLong' }).optional().describe('A diary number, e.g. RUN/536/2021')
});

const caseSummary = z.object({
  id: z.uuid(),
  diaryNumber: z.string(),
  title: z.string(),
  opened: z.string().describe('ISO date'),
  status: z.enum(['open', 'closed'])
});

const decision = z.object({
  id: z.uuid(),
  date: z.string().describe('ISO date'),
  title: z.string(),
  decisionMaker: z.string().describe('The body with its paragraph, or the delegate\'s title'),
  delegation: z.string().nullable(),
  points: z.array(z.object({ number: z.number().int(), text: z.string() })),
  reportedTo: z.string().nullable(),
  distribution: z.array(z.object({ id: z.string(), name: z.string() })),
  signed: z.boolean()
});

const processPlan = z.object({
  roles: z.array(z.object({ role: z.string(), who: z.string(), task: z.string() })),
  milestones: z.array(
    z.object({
      date: z.string().describe('ISO date; the first day of the month when precision is month'),
      until: z.string().nullable(),
      precision: z.enum(['day', 'month']),
      title: z.string(),
      decidedBy: z.string().nullable(),
      status: z.enum(['done', 'planned', 'late'])
    })
  )
});

const id = z.object({ id: z.string() });

export const specs: EndpointSpec[] = [
  {
    method: 'get',
    path: '/api/v1/cases',
    summary: "The cases of the caller's county, optionally the one with a diary number",
    tag: 'cases',
    auth: 'signed-in',
    query: caseQuerySchema,
    response: z.array(caseSummary)
  },
  {
    method: 'get',
    path: '/api/v1/cases/{id}/decisions',
    summary: 'The decisions of a case (recipients outside the county see the signed decisions sent to them)',
    tag: 'cases',
    auth: 'signed-in',
    params: id,
    response: z.array(decision),
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/decisions/{id}.docx',
    summary: 'The decision document in Word',
    tag: 'cases',
    auth: 'signed-in',
    params: id,
    produces: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/programmes/{id}/process-plan',
    summary: "A programme's process plan: organisation and timeline (status computed)",
    tag: 'cases',
    auth: 'signed-in',
    params: id,
    response: processPlan,
    errors: [404]
  }
];
