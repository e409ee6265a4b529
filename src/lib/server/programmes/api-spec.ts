import * as z from 'zod';
import type { EndpointSpec } from '../api/openapi';
import { interventionSchema, overviewQuery, planCreateSchema, programmesQuery, updateInterventionSchema } from './schemas';

/** The programmes domain's /api/v1 endpoints, for the OpenAPI document. Responses are built to match these. */
const adoption = z.object({ date: z.string(), body: z.string(), paragraph: z.string().nullable() });
const programmeSummary = z.object({
  id: z.string(),
  countyCode: z.string(),
  title: z.string(),
  periodStart: z.number(),
  periodEnd: z.number(),
  status: z.enum(['draft', 'consultation', 'adopted']),
  adopted: adoption.nullable()
});
const goal = z.object({ id: z.string(), indicator: z.string(), unit: z.string(), baseline: z.number().nullable(), target: z.number(), targetDate: z.string().nullable() });
export const interventionResponse = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  description: z.string(),
  goalCodes: z.array(z.string()),
  responsible: z.array(z.object({ organisationId: z.string(), name: z.string() })),
  responsibleRole: z.string().nullable(),
  partners: z.array(z.string()),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budgetSek: z.number().nullable(),
  fundingSource: z.string().nullable(),
  carriedFromId: z.string().nullable(),
  goals: z.array(goal),
  version: z.number()
});
const planAdoption = adoption.extend({ delegation: z.string().nullable(), decisionId: z.string().nullable(), reference: z.string().nullable() });
const actionPlan = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeTitle: z.string(),
  countyCode: z.string(),
  year: z.number(),
  status: z.enum(['draft', 'adopted']),
  version: z.number(),
  introduction: z.string(),
  adopted: planAdoption.nullable(),
  interventions: z.array(interventionResponse),
  totalBudgetSek: z.number(),
  programmeGoals: z.array(z.object({ code: z.string(), title: z.string() }))
});
const outcome = z.enum(['genomford', 'delvis', 'ej_genomford', 'pagar']);
const followUp = z.object({
  id: z.string(),
  planId: z.string(),
  countyCode: z.string(),
  year: z.number(),
  status: z.enum(['in_progress', 'submitted']),
  version: z.number(),
  summary: z.string(),
  lessons: z.string(),
  submittedDate: z.string().nullable(),
  boardReportedDate: z.string().nullable(),
  boardReference: z.string().nullable(),
  deadline: z.object({ deadline: z.string(), state: z.enum(['open', 'dueSoon', 'overdue', 'submitted', 'submittedLate']), daysLeft: z.number() }),
  interventions: z.array(
    interventionResponse.omit({ goals: true }).extend({
      status: outcome.nullable(),
      comment: z.string(),
      goals: z.array(goal.extend({ outcome: z.number().nullable(), outcomeComment: z.string(), measured: z.object({ value: z.number(), unit: z.string(), source: z.string(), date: z.string() }).optional() }))
    })
  )
});
const overview = z.object({
  year: z.number(),
  deadline: z.string(),
  rows: z.array(
    z.object({
      countyCode: z.string(),
      countyName: z.string(),
      programme: z.object({ id: z.string(), title: z.string(), status: z.enum(['adopted', 'notAdopted']) }).nullable(),
      plan: z.object({ status: z.enum(['adopted', 'draft']) }).nullable(),
      followUp: z.object({ state: z.enum(['open', 'dueSoon', 'overdue', 'submitted', 'submittedLate', 'missing']), submittedDate: z.string().nullable() })
    })
  ),
  totals: z.object({ submitted: z.number(), late: z.number(), missing: z.number() })
});

const planParams = z.object({ id: z.string(), year: z.string().regex(/^\d{4}$/) });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const specs: EndpointSpec[] = [
  {
    method: 'get',
    path: '/api/v1/programmes',
    summary: "A county's regional service programmes (default: your own county). Tillväxtverket sees adopted programmes only.",
    tag: 'programmes',
    auth: 'signed-in',
    query: programmesQuery,
    response: z.array(programmeSummary)
  },
  {
    method: 'get',
    path: '/api/v1/programmes/overview',
    summary: "Tillväxtverket's overview of all 21 counties for a year: programme, action plan and follow-up status (submitted, late, missing)",
    tag: 'programmes',
    auth: 'signed-in',
    query: overviewQuery,
    response: overview
  },
  {
    method: 'post',
    path: '/api/v1/programmes/{id}/action-plans',
    summary: "Create a draft action plan for a year of the programme period (the county's region editors)",
    tag: 'programmes',
    auth: 'signed-in',
    params: z.object({ id: z.string() }),
    body: planCreateSchema,
    response: actionPlan,
    errors: [404, 409]
  },
  {
    method: 'get',
    path: '/api/v1/programmes/{id}/action-plans/{year}',
    summary: 'The action plan of a year with its interventions and measurable goals. Drafts: the county only; adopted plans: also Tillväxtverket.',
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams,
    response: actionPlan,
    errors: [404]
  },
  {
    method: 'post',
    path: '/api/v1/programmes/{id}/action-plans/{year}/interventions',
    summary: "Add an intervention to a draft action plan (the county's region editors)",
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams,
    body: interventionSchema,
    response: interventionResponse,
    errors: [404, 409]
  },
  {
    method: 'put',
    path: '/api/v1/programmes/{id}/action-plans/{year}/interventions/{interventionId}',
    summary: 'Save an intervention with the version you read: 200 with the new version; 409 when someone saved in between or the plan is adopted (frozen)',
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams.extend({ interventionId: z.string() }),
    body: updateInterventionSchema,
    response: interventionResponse,
    errors: [404, 409]
  },
  {
    method: 'get',
    path: '/api/v1/programmes/{id}/action-plans/{year}.docx',
    summary: 'The action plan as a Word document',
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams,
    produces: DOCX,
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/programmes/{id}/follow-ups/{year}',
    summary: "The year-end follow-up of a year's action plan. In progress: the county only; submitted: also Tillväxtverket.",
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams,
    response: followUp,
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/programmes/{id}/follow-ups/{year}.docx',
    summary: 'The follow-up as a Word document',
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams,
    produces: DOCX,
    errors: [404]
  },
  {
    method: 'get',
    path: '/api/v1/programmes/{id}/follow-ups/{year}.xlsx',
    summary: 'The follow-up as Excel: one row per intervention and indicator, with target and outcome',
    tag: 'programmes',
    auth: 'signed-in',
    params: planParams,
    produces: XLSX,
    errors: [404]
  }
];
