import { json } from '@sveltejs/kit';
import { buildOpenApi } from '$lib/server/api/openapi';
import '$lib/server/api/specs';

export const GET = () => json(buildOpenApi('1.0.0'));
