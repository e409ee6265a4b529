import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listCounties } from '$lib/server/reference';

export const GET: RequestHandler = api(async () => json(await listCounties(app().db)));
