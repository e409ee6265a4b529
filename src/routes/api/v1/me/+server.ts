import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { requireActor } from '$lib/server/auth/policy';
import { meView } from '$lib/server/api/views';

export const GET: RequestHandler = api(async ({ locals }) => json(meView(requireActor(locals.actor))));
