import type { Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import type { Locale } from '$lib/i18n';
import { renderDocx } from '../documents/docx';
import { download } from '../documents/response';
import { decisionBlocks, getDecision } from './decisions';
import { getProcessPlan, processPlanBlocks } from './process-plan';
import { consultationSummary, summaryBlocks } from './consultations';

/** The Word downloads of the domain, each from the view model its page renders. */
const fileSafe = (s: string) => s.replace(/[/\\:*?"<>|]+/g, '-');

export async function decisionDocx(db: Queryable, actor: MaybeActor, id: string, locale: Locale): Promise<Response> {
  const d = await getDecision(db, actor, id, locale);
  const buffer = await renderDocx({ title: d.title, subject: d.diaryNumber, blocks: decisionBlocks(d, locale) });
  return download(buffer, `Beslut ${fileSafe(d.diaryNumber)} ${d.date}.docx`, 'docx');
}

export async function processPlanDocx(db: Queryable, actor: MaybeActor, programmeId: string, locale: Locale): Promise<Response> {
  const p = await getProcessPlan(db, actor, programmeId);
  const buffer = await renderDocx({ title: p.title, subject: p.diaryNumber ?? undefined, blocks: processPlanBlocks(p, locale) });
  return download(buffer, `${fileSafe(p.title)}.docx`, 'docx');
}

export async function summaryDocx(db: Queryable, actor: MaybeActor, consultationId: string, locale: Locale): Promise<Response> {
  const s = await consultationSummary(db, actor, consultationId);
  const buffer = await renderDocx({ title: s.title, blocks: summaryBlocks(s, locale) });
  return download(buffer, `Sammanställning ${fileSafe(s.title)}.docx`, 'docx');
}
