import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { Queryable } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { recordAudit } from '../audit';

/** Uploads up to 20 MB; larger files belong in the organisation's document system, linked by reference. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'doc' | 'xls' | 'png' | 'jpeg' | 'gif' | 'webp' | 'csv';

const MEDIA: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  csv: 'text/csv'
};

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

/**
 * The file's type from its content, never from its name: magic numbers, and for Office Open XML the zip's
 * own parts. Returns null for anything else (executables, archives, HTML …).
 */
export async function sniffFileKind(bytes: Uint8Array): Promise<FileKind | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      const zip = await JSZip.loadAsync(bytes);
      if (!zip.file('[Content_Types].xml')) return null;
      if (zip.file('word/document.xml')) return 'docx';
      if (zip.file('xl/workbook.xml')) return 'xlsx';
    } catch {
      return null;
    }
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Legacy Office (compound file): Word and Excel name their main stream differently.
    const text = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1 << 20))).toString('utf16le');
    if (text.includes('WordDocument')) return 'doc';
    if (text.includes('Workbook') || text.includes('Book')) return 'xls';
    return null;
  }
  return null;
}

export interface StoredFile {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

/**
 * Checks and stores an upload inside the caller's transaction. A file over the limit or of a type not in
 * `allowed` is refused with a clear error and nothing is stored.
 */
export async function storeFile(
  trx: Queryable,
  actor: Actor,
  input: { name: string; bytes: Uint8Array; organisationId: string; allowed: FileKind[] }
): Promise<StoredFile> {
  if (input.bytes.length > MAX_FILE_BYTES) {
    throw new DomainError('payload_too_large', 'error.fileTooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 }, { file: 'error.fileTooLarge' });
  }
  if (input.bytes.length === 0) throw new DomainError('validation', 'error.fileEmpty', {}, { file: 'error.fileEmpty' });
  const kind = await sniffFileKind(input.bytes);
  if (!kind || !input.allowed.includes(kind)) {
    throw new DomainError('unsupported_media_type', 'error.fileType', { allowed: input.allowed.join(', ').toUpperCase() }, { file: 'error.fileType' });
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const name = input.name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || `fil.${kind}`;
  const row = await trx
    .insertInto('files')
    .values({
      organisation_id: input.organisationId,
      name,
      media_type: MEDIA[kind],
      size_bytes: input.bytes.length,
      sha256,
      data: Buffer.from(input.bytes),
      created_by: actor.user.id
    })
    .returning(['id', 'name', 'media_type', 'size_bytes', 'sha256', 'created_at'])
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, { action: 'upload', entity: 'file', entityId: row.id, organisationId: input.organisationId, after: { name, mediaType: row.media_type, sizeBytes: row.size_bytes, sha256 } });
  return { id: row.id, name: row.name, mediaType: row.media_type, sizeBytes: row.size_bytes, sha256: row.sha256, createdAt: row.created_at };
}

/** Reads a file's bytes; the caller has already checked that the actor may see the record it belongs to. */
export async function readFile(db: Queryable, id: string): Promise<(StoredFile & { data: Buffer }) | undefined> {
  const row = await db
    .selectFrom('files')
    .select(['id', 'name', 'media_type', 'size_bytes', 'sha256', 'created_at', 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, name: row.name, mediaType: row.media_type, sizeBytes: row.size_bytes, sha256: row.sha256, createdAt: row.created_at, data: Buffer.from(row.data) };
}
