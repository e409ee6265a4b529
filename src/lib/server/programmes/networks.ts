import type * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { conflict, forbidden, notFound } from '../errors';
import { isUuid } from './core';
import type { meetingSchema, updateMeetingSchema } from './schemas';

export interface MeetingView {
  id: string;
  date: string;
  place: string;
  agenda: string;
  minutes: string;
  version: number;
}

export interface NetworkView {
  id: string;
  countyCode: string;
  name: string;
  description: string;
  convener: { id: string; name: string };
  members: { id: string; name: string; kind: string; role: string }[];
  meetings: MeetingView[];
  canEdit: boolean;
}

/** The county's networks (e.g. Service Z) with members and meetings, newest meeting first. */
export async function listNetworks(db: Queryable, actor: MaybeActor, countyCode?: string): Promise<NetworkView[]> {
  const me = requireActor(actor);
  const county = countyCode ?? me.organisation.countyCode;
  if (!county) throw forbidden();
  assertCan(actor, 'county.readDraft', { type: 'county', countyCode: county });
  const networks = await db
    .selectFrom('networks as n')
    .innerJoin('organisations as o', 'o.id', 'n.convener_id')
    .select(['n.id', 'n.county_code', 'n.name', 'n.description', 'o.id as convener_id', 'o.name as convener_name'])
    .where('n.county_code', '=', county)
    .orderBy('n.name')
    .execute();
  if (!networks.length) return [];
  const ids = networks.map((n) => n.id);
  const members = await db
    .selectFrom('network_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.network_id', 'o.id', 'o.name', 'o.kind', 'm.role'])
    .where('m.network_id', 'in', ids)
    .orderBy('o.kind', 'desc')
    .orderBy('o.name')
    .execute();
  const meetings = await db.selectFrom('network_meetings').selectAll().where('network_id', 'in', ids).orderBy('date', 'desc').execute();
  const editor = can(actor, 'county.edit', { type: 'county', countyCode: county });
  return networks.map((n) => ({
    id: n.id,
    countyCode: n.county_code,
    name: n.name,
    description: n.description,
    convener: { id: n.convener_id, name: n.convener_name },
    members: members.filter((m) => m.network_id === n.id).map((m) => ({ id: m.id, name: m.name, kind: m.kind, role: m.role })),
    meetings: meetings
      .filter((m) => m.network_id === n.id)
      .map((m) => ({ id: m.id, date: m.date, place: m.place, agenda: m.agenda, minutes: m.minutes, version: m.version })),
    canEdit: editor
  }));
}

async function networkCounty(db: Queryable, networkId: string) {
  if (!isUuid(networkId)) throw notFound();
  const n = await db.selectFrom('networks').select(['id', 'county_code', 'convener_id']).where('id', '=', networkId).executeTakeFirst();
  if (!n) throw notFound();
  return n;
}

export async function getMeeting(db: Queryable, actor: MaybeActor, meetingId: string): Promise<MeetingView & { networkId: string; networkName: string; canEdit: boolean }> {
  if (!isUuid(meetingId)) throw notFound();
  const m = await db
    .selectFrom('network_meetings as m')
    .innerJoin('networks as n', 'n.id', 'm.network_id')
    .selectAll('m')
    .select(['n.county_code', 'n.name'])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!m) throw notFound();
  assertCan(actor, 'county.readDraft', { type: 'county', countyCode: m.county_code });
  return {
    id: m.id,
    networkId: m.network_id,
    networkName: m.name,
    date: m.date,
    place: m.place,
    agenda: m.agenda,
    minutes: m.minutes,
    version: m.version,
    canEdit: can(actor, 'county.edit', { type: 'county', countyCode: m.county_code })
  };
}

/** The region convenes the network, so its editors keep the meetings. */
export async function addMeeting(db: Db, actor: MaybeActor, networkId: string, input: z.output<typeof meetingSchema>): Promise<{ id: string }> {
  const n = await networkCounty(db, networkId);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: n.county_code });
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('network_meetings').values({ network_id: n.id, ...input }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, editor, { action: 'create', entity: 'networkMeeting', entityId: row.id, after: input });
    return row;
  });
}

export async function updateMeeting(db: Db, actor: MaybeActor, meetingId: string, input: z.output<typeof updateMeetingSchema>): Promise<{ version: number }> {
  const before = await getMeeting(db, actor, meetingId);
  const n = await networkCounty(db, before.networkId);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: n.county_code });
  return db.transaction().execute(async (trx) => {
    const { version, ...values } = input;
    const updated = await trx
      .updateTable('network_meetings')
      .set({ ...values, version: version + 1 })
      .where('id', '=', meetingId)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw conflict({ current: before });
    await recordAudit(trx, editor, { action: 'update', entity: 'networkMeeting', entityId: meetingId, before, after: input });
    return { version: updated.version };
  });
}
