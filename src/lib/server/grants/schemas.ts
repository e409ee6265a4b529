import * as z from 'zod';
import { normaliseOrgNumber } from './orgnr';

/** Zod schemas shared by forms, the API and the import. Messages are catalog keys (Swedish first). */
export const SUPPORT_FORMS = ['investeringsbidrag', 'investeringslan', 'servicebidrag', 'hemsandningsbidrag', 'sarskilt_driftstod', 'projektstod'] as const;
export const FUND_KINDS = ['commercial_service', 'regional_fund', 'erdf_cofinancing', 'interreg_cofinancing', 'project_support'] as const;
export const REGIMES = ['general', 'sgei', 'none'] as const;

/** Form fields arrive as strings ("1 234 567", "11,25"); JSON as numbers. Blank means absent. */
function toNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '').replace(',', '.');
  return s === '' ? undefined : Number(s);
}
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const amount = (key: 'grants.error.amount' | 'grants.error.positiveAmount' = 'grants.error.amount') =>
  z.preprocess(toNumber, z.number({ error: key }).int({ error: key }).min(key === 'grants.error.positiveAmount' ? 1 : 0, { error: key }).max(1e12, { error: key }));
export const optionalAmount = () => z.preprocess(toNumber, z.number({ error: 'grants.error.amount' }).int({ error: 'grants.error.amount' }).min(0, { error: 'grants.error.amount' }).max(1e12, { error: 'grants.error.amount' }).optional());
export const count = () => z.preprocess(toNumber, z.number({ error: 'grants.error.count' }).int({ error: 'grants.error.count' }).min(0, { error: 'grants.error.count' }).max(10_000_000, { error: 'grants.error.count' }).optional());
export const year = () => z.preprocess(toNumber, z.number({ error: 'grants.error.year' }).int({ error: 'grants.error.year' }).min(2000, { error: 'grants.error.year' }).max(2100, { error: 'grants.error.year' }));
export const quarter = () => z.preprocess(toNumber, z.number({ error: 'grants.error.quarter' }).int({ error: 'grants.error.quarter' }).min(1, { error: 'grants.error.quarter' }).max(4, { error: 'grants.error.quarter' }).optional());
export const county = () => z.string({ error: 'grants.error.county' }).regex(/^\d{2}$/, { error: 'grants.error.county' });

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
export const isoDate = () => z.string({ error: 'grants.error.date' }).trim().refine(isIsoDate, { error: 'grants.error.date' });

export const orgNumber = () =>
  z.string({ error: 'grants.error.orgNumber' }).transform((v, ctx) => {
    const n = normaliseOrgNumber(v);
    if (!n) {
      ctx.addIssue({ code: 'custom', message: 'grants.error.orgNumber' });
      return z.NEVER;
    }
    return n;
  });

/** Diary numbers like RUN/123/2024: a registry prefix, a serial number and the year. */
export const DIARY_PATTERN = /^[A-ZÅÄÖ]{1,10}\/\d{1,6}\/(19|20)\d{2}$/;
export const diaryNumber = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toUpperCase()) : v),
    z.string().regex(DIARY_PATTERN, { error: 'grants.error.diaryNumber' }).optional()
  );

const text = (max: number) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string().trim().max(max, { error: 'error.tooLong' }));
const requiredText = (max: number) => z.string({ error: 'grants.error.required' }).trim().min(1, { error: 'grants.error.required' }).max(max, { error: 'error.tooLong' });
const checkbox = () => z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === 'yes', z.boolean());
const stringList = () => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : typeof v === 'string' ? [v] : v), z.array(z.string().regex(/^\d{4}$/, { error: 'grants.error.municipalities' })).min(1, { error: 'grants.error.municipalities' }).max(50));

export const applicationSchema = z
  .object({
    fundId: z.uuid({ error: 'grants.error.fund' }),
    callId: z.preprocess(blank, z.uuid({ error: 'grants.error.fund' }).optional()),
    applicantName: requiredText(200),
    orgNumber: orgNumber(),
    title: requiredText(300),
    description: text(4000),
    supportForm: z.enum(SUPPORT_FORMS, { error: 'grants.error.form' }),
    supportYear: year(),
    receivedOn: isoDate(),
    appliedSek: amount(),
    municipalities: stringList(),
    eligibleCostSek: optionalAmount(),
    specialCase: checkbox(),
    strategicStore: checkbox(),
    netCostSek: optionalAmount(),
    deliveries: count(),
    storeName: z.preprocess(blank, z.string().trim().max(200, { error: 'error.tooLong' }).optional()),
    servicePointId: z.preprocess(blank, z.string().trim().max(100, { error: 'error.tooLong' }).optional()),
    statedDistanceKm: z.preprocess(toNumber, z.number({ error: 'grants.error.distance' }).min(0, { error: 'grants.error.distance' }).max(1000, { error: 'grants.error.distance' }).optional()),
    island: checkbox(),
    openAllYear: checkbox(),
    regime: z.preprocess(blank, z.enum(REGIMES, { error: 'grants.error.regime' }).optional()),
    sustEconomic: text(4000),
    sustSocial: text(4000),
    sustEnvironment: text(4000),
    sustAgenda2030: text(4000),
    diaryNumber: diaryNumber()
  })
  .superRefine((v, ctx) => {
    const req = (path: string, ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (v.supportForm === 'hemsandningsbidrag') {
      req('netCostSek', v.netCostSek !== undefined, 'grants.error.amount');
      req('deliveries', v.deliveries !== undefined, 'grants.error.count');
    }
    if (v.supportForm === 'investeringsbidrag') req('eligibleCostSek', v.eligibleCostSek !== undefined, 'grants.error.amount');
  });
export type ApplicationInput = z.output<typeof applicationSchema>;

export const defaultRegime = (form: (typeof SUPPORT_FORMS)[number]): (typeof REGIMES)[number] =>
  form === 'sarskilt_driftstod' ? 'sgei' : form === 'projektstod' ? 'none' : 'general';

export const fundSchema = z.object({
  name: requiredText(200),
  kind: z.enum(FUND_KINDS, { error: 'grants.error.kind' }),
  description: text(2000)
});
export const budgetSchema = z.object({ fundId: z.uuid({ error: 'grants.error.fund' }), year: year(), budgetSek: amount() });
/** The budget form shares its page with the call form, so its fund field has its own name (unique ids). */
export const budgetFormSchema = z
  .object({ budgetFundId: z.uuid({ error: 'grants.error.fund' }), year: year(), budgetSek: amount() })
  .transform((v) => ({ fundId: v.budgetFundId, year: v.year, budgetSek: v.budgetSek }));
export const callSchema = z
  .object({ fundId: z.uuid({ error: 'grants.error.fund' }), title: requiredText(200), opensOn: isoDate(), closesOn: isoDate(), criteria: text(4000) })
  .refine((v) => v.closesOn >= v.opensOn, { path: ['closesOn'], error: 'grants.error.closesBeforeOpens' });

export const assessmentSchema = z.object({
  version: z.coerce.number().int().positive(),
  notes: text(8000),
  strategicStatement: text(8000),
  checklist: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(100)).max(200))
});

export const decisionSchema = z
  .object({
    version: z.coerce.number().int().positive(),
    outcome: z.enum(['granted', 'rejected'], { error: 'grants.error.outcome' }),
    amountSek: optionalAmount(),
    conditions: text(4000),
    decidedOn: isoDate(),
    reason: text(2000)
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'granted' && (v.amountSek === undefined || v.amountSek < 1)) ctx.addIssue({ code: 'custom', path: ['amountSek'], message: 'grants.error.positiveAmount' });
  });

export const paymentSchema = z.object({
  kind: z.enum(['request', 'payment', 'recovery'], { error: 'grants.error.kind' }),
  amountSek: amount('grants.error.positiveAmount'),
  onDate: isoDate(),
  note: text(1000)
});

export const summaryQuery = z.object({ county: county(), year: year(), quarter: quarter() });
export const deMinimisQuery = z.object({
  asOf: z.preprocess(blank, isoDate().optional()),
  regime: z.preprocess(blank, z.enum(['general', 'sgei'], { error: 'grants.error.regime' }).optional())
});
export const homeDeliveryBody = z.object({ year: year(), netCostSek: amount(), deliveries: amount('grants.error.amount') });

export const parameterSchema = z.object({
  key: z.string({ error: 'grants.rules.unknownKey' }).min(1, { error: 'grants.rules.unknownKey' }).max(100),
  value: amount(),
  validFrom: isoDate(),
  validTo: z.preprocess(blank, isoDate().optional()),
  source: requiredText(1000)
});
export const rateSchema = z.object({
  month: z.string({ error: 'grants.error.month' }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'grants.error.month' }),
  sekPerEur: z.preprocess(toNumber, z.number({ error: 'grants.error.rate' }).gt(0, { error: 'grants.error.rate' }).max(1000, { error: 'grants.error.rate' })),
  source: requiredText(500)
});
/** The rate form shares its page with the parameter form, so its source field has its own name. */
export const rateFormSchema = z
  .object({ month: rateSchema.shape.month, sekPerEur: rateSchema.shape.sekPerEur, rateSource: requiredText(500) })
  .transform((v) => ({ month: v.month, sekPerEur: v.sekPerEur, source: v.rateSource }));

/** The payment form on the application page: its own field names, so its errors never land on the decision form. */
export const paymentFormSchema = z
  .object({
    paymentKind: z.enum(['request', 'payment', 'recovery'], { error: 'grants.error.kind' }),
    paymentAmountSek: amount('grants.error.positiveAmount'),
    paymentDate: isoDate(),
    paymentNote: text(1000)
  })
  .transform((v) => ({ kind: v.paymentKind, amountSek: v.paymentAmountSek, onDate: v.paymentDate, note: v.paymentNote }));

export const linkSchema = z.object({
  version: z.coerce.number().int().positive(),
  servicePointId: z.string({ error: 'grants.error.required' }).trim().min(1, { error: 'grants.error.required' }).max(100, { error: 'error.tooLong' })
});
export const nearQuery = z.object({
  lon: z.preprocess(toNumber, z.number({ error: 'grants.error.coordinate' }).min(-180, { error: 'grants.error.coordinate' }).max(180, { error: 'grants.error.coordinate' })),
  lat: z.preprocess(toNumber, z.number({ error: 'grants.error.coordinate' }).min(-90, { error: 'grants.error.coordinate' }).max(90, { error: 'grants.error.coordinate' })),
  km: z.preprocess(toNumber, z.number({ error: 'grants.error.distance' }).gt(0, { error: 'grants.error.distance' }).max(100, { error: 'grants.error.distance' }).optional())
});

/** Aid the undertaking declares from other granting bodies, so the ceiling check sees all of it. */
export const declaredAidSchema = z.object({
  orgNumber: orgNumber(),
  undertakingName: requiredText(200),
  regime: z.enum(['general', 'sgei'], { error: 'grants.error.regime' }),
  amountSek: amount('grants.error.positiveAmount'),
  decidedOn: isoDate(),
  grantingBody: requiredText(200)
});
