import * as z from 'zod';

/**
 * Input schemas of the programmes domain: the API validates JSON with them, the form actions first turn
 * form fields into the same shape (see forms.ts) so both paths give the same field errors.
 */
const isoDate = z.iso.date({ error: 'programmes.error.date' });
const optionalDate = isoDate.nullable().optional().transform((v) => v ?? null);
const text = (max: number) => z.string().trim().max(max, { error: 'error.tooLong' });
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));
const required = (max: number, key: 'programmes.error.titleRequired' | 'programmes.error.required' = 'programmes.error.required') =>
  z.string({ error: key }).trim().min(1, { error: key }).max(max, { error: 'error.tooLong' });
const versionField = z.coerce.number({ error: 'programmes.error.version' }).int().positive({ error: 'programmes.error.version' });

export const countyCodeSchema = z.string().regex(/^\d{2}$/, { error: 'programmes.error.county' });
export const yearSchema = z.coerce.number({ error: 'programmes.error.year' }).int({ error: 'programmes.error.year' }).min(2000, { error: 'programmes.error.year' }).max(2100, { error: 'programmes.error.year' });

export const programmesQuery = z.object({ county: countyCodeSchema.optional() });

export const createProgrammeSchema = z
  .object({
    title: required(300, 'programmes.error.titleRequired'),
    periodStart: yearSchema,
    periodEnd: yearSchema
  })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ['periodEnd'], error: 'programmes.error.periodOrder' });

const number = z.number({ error: 'programmes.error.number' }).refine(Number.isFinite, { error: 'programmes.error.number' });

export const goalInputSchema = z.object({
  id: z.uuid().optional(),
  indicator: required(300),
  unit: required(50),
  baseline: number.nullable().optional().transform((v) => v ?? null),
  target: z.number({ error: 'programmes.error.targetRequired' }).refine(Number.isFinite, { error: 'programmes.error.targetRequired' }),
  targetDate: optionalDate
});

const interventionObject = z.object({
  title: required(300, 'programmes.error.titleRequired'),
  description: text(5000).default(''),
  goalCodes: z.array(z.string().max(20)).max(20).default([]),
  responsibleOrganisationIds: z.array(z.string().max(60)).max(20).default([]),
  responsibleRole: optionalText(200),
  partners: z.array(text(200)).max(30).default([]),
  startDate: optionalDate,
  endDate: optionalDate,
  budgetSek: z
    .number({ error: 'programmes.error.budget' })
    .int({ error: 'programmes.error.budget' })
    .min(0, { error: 'programmes.error.budget' })
    .max(1_000_000_000_000, { error: 'programmes.error.budget' })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  fundingSource: optionalText(300),
  goals: z.array(goalInputSchema).max(20).default([])
});

type InterventionShape = z.output<typeof interventionObject>;
const interventionChecks = (v: InterventionShape, ctx: z.RefinementCtx) => {
  if (v.responsibleOrganisationIds.length === 0 && !v.responsibleRole) {
    ctx.addIssue({ code: 'custom', path: ['responsibleOrganisationIds'], message: 'programmes.error.responsibleRequired' });
  }
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'programmes.error.dateOrder' });
  }
};

export const interventionSchema = interventionObject.superRefine(interventionChecks);
export const updateInterventionSchema = interventionObject.extend({ version: versionField }).superRefine(interventionChecks);
export type InterventionInput = z.output<typeof interventionSchema>;
export type UpdateInterventionInput = z.output<typeof updateInterventionSchema>;

export const adoptSchema = z.object({
  version: versionField,
  date: isoDate,
  decidedBy: required(200),
  paragraph: optionalText(50),
  delegation: optionalText(300),
  reference: optionalText(100)
});
export type AdoptInput = z.output<typeof adoptSchema>;

export const followUpSaveSchema = z.object({
  version: versionField,
  summary: text(20000).default(''),
  lessons: text(20000).default(''),
  interventions: z
    .array(
      z.object({
        interventionId: z.uuid(),
        status: z.enum(['genomford', 'delvis', 'ej_genomford', 'pagar'], { error: 'programmes.error.status' }).nullable(),
        comment: text(5000).default('')
      })
    )
    .max(500)
    .default([]),
  outcomes: z
    .array(z.object({ goalId: z.uuid(), outcome: number.nullable(), comment: text(2000).default('') }))
    .max(5000)
    .default([])
});
export type FollowUpSaveInput = z.output<typeof followUpSaveSchema>;

export const versionOnlySchema = z.object({ version: versionField });

export const boardReportSchema = z.object({ version: versionField, date: isoDate, reference: required(100) });

export const planCreateSchema = z.object({ year: yearSchema, introduction: text(5000).default('') });

export const planIntroSchema = z.object({ version: versionField, introduction: text(5000).default('') });

export const programmeContentSchema = z.object({
  background: text(20000),
  steeringDocuments: z.array(z.object({ title: required(300), diaryNumber: optionalText(50) })).max(50),
  analysis: text(20000),
  structuralFigures: z.array(z.object({ label: required(200), value: required(100), source: text(200) })).max(100),
  swot: z.object({
    strengths: z.array(required(500)).max(50),
    weaknesses: z.array(required(500)).max(50),
    opportunities: z.array(required(500)).max(50),
    threats: z.array(required(500)).max(50)
  }),
  goals: z
    .array(
      z.object({
        code: z.string().trim().min(1, { error: 'programmes.error.goalCode' }).max(20, { error: 'programmes.error.goalCode' }),
        title: required(300),
        description: text(2000),
        indicators: z.array(
          z.object({ name: required(300), unit: required(50), baseline: number.nullable(), target: number, targetYear: z.number().int().min(2000).max(2100).nullable() })
        )
      })
    )
    .max(30),
  priorities: z.array(z.object({ title: required(300), text: text(5000) })).max(50),
  implementation: text(20000)
});

export const updateVersionSchema = z.object({ version: versionField, content: programmeContentSchema });

export const municipalPlanSchema = z.object({
  // 0 when the municipality saves its first plan.
  version: z.coerce.number({ error: 'programmes.error.version' }).int().min(0, { error: 'programmes.error.version' }),
  title: required(300, 'programmes.error.titleRequired'),
  periodStart: yearSchema,
  periodEnd: yearSchema,
  adoptedDate: optionalDate,
  localAnalysis: text(20000).default(''),
  swot: z.object({
    strengths: z.array(text(500)).max(50),
    weaknesses: z.array(text(500)).max(50),
    opportunities: z.array(text(500)).max(50),
    threats: z.array(text(500)).max(50)
  }),
  priorities: z.array(text(500)).max(50),
  interventions: z
    .array(z.object({ title: required(300, 'programmes.error.titleRequired'), description: text(2000), responsible: text(200), timing: text(100) }))
    .max(50)
});

export const meetingSchema = z.object({
  date: isoDate,
  place: text(200).default(''),
  agenda: text(10000).default(''),
  minutes: text(20000).default('')
});
export const updateMeetingSchema = meetingSchema.extend({ version: versionField });

export const overviewQuery = z.object({ year: yearSchema.optional() });
