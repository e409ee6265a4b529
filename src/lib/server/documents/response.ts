export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  pdf: 'application/pdf'
} as const;

/** A file download; the Swedish file name survives through RFC 5987 encoding, with an ASCII fallback. */
export function download(body: Buffer | Uint8Array | string, filename: string, kind: keyof typeof MEDIA_TYPES): Response {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.\- ]/g, '_');
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'content-type': MEDIA_TYPES[kind],
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store'
    }
  });
}

/**
 * A stored file (from `readFile`) as a download, with the media type decided by its content when it was stored.
 * Only the response: each domain's service checks access before it hands the file out.
 */
export function serveStoredFile(file: { name: string; mediaType: string; data: Buffer }): Response {
  const ascii = file.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.\- ]/g, '_');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store'
    }
  });
}
