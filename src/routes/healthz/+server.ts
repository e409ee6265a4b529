import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { app } from '$lib/server/app';

export const GET = async () => {
  await sql`select 1`.execute(app().db);
  return json({ status: 'ok' });
};
