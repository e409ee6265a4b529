import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import { renderDocx } from '../documents/docx';
import { renderXlsx } from '../documents/xlsx';
import { DomainError } from '../errors';
import { MAX_FILE_BYTES, readFile, sniffFileKind, storeFile } from './index';
import type { Actor } from '../auth/actor';

let database: TestDatabase;
let actor: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  actor = await createActor(database.db, 'region-23', 'editor');
});
afterAll(async () => {
  await database?.close();
});

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('file type by content', () => {
  it('recognises PDF, Word, Excel and images by their bytes, whatever the name', async () => {
    expect(await sniffFileKind(pdf)).toBe('pdf');
    expect(await sniffFileKind(await renderDocx({ title: 't', blocks: [{ kind: 'paragraph', text: 'x' }] }))).toBe('docx');
    expect(await sniffFileKind(await renderXlsx([{ name: 's', columns: [{ header: 'a', key: 'a' }], rows: [] }]))).toBe('xlsx');
    expect(await sniffFileKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
    expect(await sniffFileKind(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(await sniffFileKind(Buffer.from('MZ\x90\x00executable'))).toBeNull();
  });

  it('stores an allowed file with its checksum and reads it back', async () => {
    const stored = await storeFile(database.db, actor, { name: 'beslut.pdf', bytes: pdf, organisationId: 'region-23', allowed: ['pdf'] });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    const back = await readFile(database.db, stored.id);
    expect(back?.data.equals(pdf)).toBe(true);
    expect(back?.mediaType).toBe('application/pdf');
  });

  it('refuses a file whose content does not match an allowed type, and stores nothing', async () => {
    const before = await database.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(storeFile(database.db, actor, { name: 'rapport.pdf', bytes: Buffer.from('not a pdf at all'), organisationId: 'region-23', allowed: ['pdf', 'docx'] })).rejects.toMatchObject({ status: 415 });
    const oversized = Buffer.alloc(MAX_FILE_BYTES + 1);
    pdf.copy(oversized);
    const error = await storeFile(database.db, actor, { name: 'stor.pdf', bytes: oversized, organisationId: 'region-23', allowed: ['pdf'] }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(413);
    const after = await database.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
