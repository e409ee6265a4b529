import { error } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { contentFromForm, contentToForm } from '$lib/server/programmes/forms';
import { getProgrammeVersion, sendToConsultation, updateProgrammeVersion } from '$lib/server/programmes/programmes';
import { adoptRecordInTx } from '$lib/server/programmes/adoption';
import { adoptSchema, updateVersionSchema, versionOnlySchema } from '$lib/server/programmes/schemas';
import { conflict } from '$lib/server/errors';
import { can } from '$lib/server/auth/policy';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const version = await guardPage(() => getProgrammeVersion(app().db, locals.actor, params.versionId), () => redirectToSignIn(url));
  if (version.programmeId !== params.id) error(404, 'error.notFound');
  return { version, form: contentToForm(version.content), canAdopt: can(locals.actor, 'county.edit', { type: 'county', countyCode: version.countyCode }) };
};

export const actions: Actions = {
  save: async (event) =>
    runForm(event, z.preprocess((raw) => contentFromForm(raw as Record<string, string>), updateVersionSchema), async (input) => {
      await updateProgrammeVersion(app().db, event.locals.actor, event.params.versionId, input);
      return { saved: true };
    }),
  consult: async (event) =>
    runForm(event, versionOnlySchema, async (input) => {
      await sendToConsultation(app().db, event.locals.actor, event.params.versionId, input.version);
      return { consulted: true };
    }),
  adopt: async (event) =>
    runForm(event, adoptSchema, async (input) => {
      const { db } = app();
      const actor = event.locals.actor;
      const current = await getProgrammeVersion(db, actor, event.params.versionId);
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('programme_versions').select('version').where('id', '=', current.id).forUpdate().executeTakeFirstOrThrow();
        if (row.version !== input.version) throw conflict({ current: { version: row.version } });
        if (!actor) return;
        await adoptRecordInTx(trx, actor, { kind: 'programmeVersion', id: current.id }, { decisionId: '', ...input });
      });
      return { adopted: true };
    })
};
