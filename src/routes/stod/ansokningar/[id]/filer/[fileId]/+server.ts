import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { app } from '$lib/server/app';
import { applicationFile } from '$lib/server/grants/service';
import { DomainError } from '$lib/server/errors';

export const GET: RequestHandler = async ({ locals, params }) => {
  try {
    const file = await applicationFile(app().db, locals.actor, params.id, params.fileId);
    const ascii = file.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.\- ]/g, '_');
    return new Response(new Uint8Array(file.data), {
      headers: {
        'content-type': file.mediaType,
        'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'cache-control': 'private, no-store'
      }
    });
  } catch (e) {
    if (e instanceof DomainError) error(e.status, e.messageKey);
    throw e;
  }
};
