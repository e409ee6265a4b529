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
