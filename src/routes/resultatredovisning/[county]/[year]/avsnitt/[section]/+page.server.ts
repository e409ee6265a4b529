import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { getReport, reportFacts, saveAnswers, type AnswerInput } from '$lib/server/reporting/service';
import { BASES, CHOICES, loadTemplate, type Basis, type Choice } from '$lib/server/reporting/template';
import { plainYear } from '$lib/server/reporting/api';
import { DomainError } from '$lib/server/errors';
import { formObject } from '$lib/server/forms';
import { translate, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';

/** Form field names of a question; ids replace dots (ErrorSummary links #name-with-dashes). */
const field = (kind: 'text' | 'choice' | 'basis' | 'version', question: string) => `${kind}-${question}`;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const year = plainYear(params.year);
    const report = await getReport(app().db, actor, params.county, year);
    const section = report.template.sections.find((s) => String(s.number) === params.section);
    if (!section) error(404, 'error.notFound');
    const facts = report.canEdit ? ((await reportFacts(app().db, actor, params.county, year))[section.number] ?? []) : [];
    return { report, section, facts };
  });
};

export const actions: Actions = {
  save: async (event) => {
    const { params, locals } = event;
    const raw = formObject(await event.request.formData());
    const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const render = (key: string, p?: Record<string, string | number>) =>
      Object.prototype.hasOwnProperty.call(sv, key) ? translate(locals.locale, key as MessageKey, p) : key;
    try {
      const year = plainYear(params.year);
      const template = await loadTemplate(app().db, year);
      const section = template.sections.find((s) => String(s.number) === params.section);
      if (!section) error(404, 'error.notFound');
      const inputs: AnswerInput[] = [];
      const errors: Record<string, string> = {};
      for (const q of section.questions) {
        const version = Number(values[field('version', q.number)] ?? '');
        const choice = values[field('choice', q.number)] || null;
        const basis = values[field('basis', q.number)] || null;
        if (!Number.isInteger(version) || version < 0) errors[field('text', q.number)] = render('reporting.error.version');
        if (choice && !CHOICES.includes(choice as Choice)) errors[field('choice', q.number)] = render('reporting.error.choice');
        if (basis && !BASES.includes(basis as Basis)) errors[field('basis', q.number)] = render('reporting.error.basis');
        inputs.push({ question: q.number, text: values[field('text', q.number)] ?? '', choice: choice as Choice | null, basis: basis as Basis | null, version });
      }
      if (Object.keys(errors).length) return fail(400, { errors, values });
      await saveAnswers(app().db, locals.actor, params.county, year, inputs, { fieldFor: (q) => field('text', q) });
    } catch (e) {
      if (e instanceof DomainError) {
        const conflicts = (e.details?.conflicts as { question: string; current: unknown }[] | undefined) ?? [];
        const errors = Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, v]) => [k, render(v)]));
        return fail(e.status, { errors, message: translate(locals.locale, e.messageKey, e.params), values, conflicts });
      }
      throw e;
    }
    redirect(303, `/resultatredovisning/${params.county}/${params.year}/avsnitt/${params.section}?sparat=1`);
  }
};
