import type { Actions, PageServerLoad } from './$types';
import * as z from 'zod';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { can } from '$lib/server/auth/policy';
import { DomainError } from '$lib/server/errors';
import { listCases } from '$lib/server/cases/cases';
import { programmeCounty } from '$lib/server/cases/programme-link';
import { formatWhen, getProcessPlan, milestoneEnd, processPlanFromForm, processPlanSchema, saveProcessPlan, todayInSweden, type ProcessPlanView } from '$lib/server/cases/process-plan';
import { runMultipartForm } from '$lib/server/cases/pages';

function formValues(p: ProcessPlanView): Record<string, string> {
  const values: Record<string, string> = { title: p.title, planDate: p.planDate, caseId: p.caseId ?? '' };
  p.roles.forEach((r, i) => Object.assign(values, { [`roles.${i}.role`]: r.role, [`roles.${i}.who`]: r.who, [`roles.${i}.task`]: r.task }));
  const shown = (iso: string | null, precision: string) => (iso && precision === 'month' ? iso.slice(0, 7) : (iso ?? ''));
  p.milestones.forEach((m, i) =>
    Object.assign(values, {
      [`milestones.${i}.starts`]: shown(m.starts, m.precision),
      [`milestones.${i}.ends`]: shown(m.ends, m.precision),
      [`milestones.${i}.precision`]: m.precision,
      [`milestones.${i}.title`]: m.title,
      [`milestones.${i}.decidedBy`]: m.decidedBy ?? '',
      [`milestones.${i}.done`]: m.done ? 'true' : ''
    })
  );
  return values;
}

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  return guardPage(async () => {
    let plan: ProcessPlanView | null = null;
    try {
      plan = await getProcessPlan(db, actor, event.params.programmeId);
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'not_found')) throw e;
      const county = await programmeCounty(db, event.params.programmeId);
      if (!county) throw e;
    }
    const county = plan ? null : await programmeCounty(db, event.params.programmeId);
    const canCreate = !plan && !!county && can(actor, 'county.edit', { type: 'county', countyCode: county });
    const canEdit = plan?.canEdit || canCreate;
    return {
      programmeId: event.params.programmeId,
      plan,
      milestones: plan ? plan.milestones.map((m) => ({ ...m, when: formatWhen(m, event.locals.locale), end: milestoneEnd(m) })) : [],
      canEdit,
      values: plan ? formValues(plan) : { planDate: todayInSweden() },
      cases: canEdit ? (await listCases(db, actor)).map((c) => ({ value: c.id, label: `${c.diaryNumber} ${c.title}` })) : []
    };
  }, () => requireSignedIn(event.locals, event.url));
};

const withVersion = processPlanSchema.and(z.object({ version: z.coerce.number().int().positive().optional() }));

export const actions: Actions = {
  save: async (event) =>
    runMultipartForm(
      event,
      (raw) => ({ ...processPlanFromForm(raw), version: (Array.isArray(raw.version) ? raw.version[0] : raw.version) || undefined }),
      withVersion,
      async (input) => {
        await saveProcessPlan(app().db, event.locals.actor, event.params.programmeId, input, input.version);
        return { saved: true as const };
      }
    )
};
