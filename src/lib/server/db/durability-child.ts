// Child process for durability.test.ts: writes rows one transaction at a time and prints "ack N" only
// after each commit returned, until it is killed.
import { sql } from 'kysely';
import { createDatabase } from './index';

const [target] = process.argv.slice(2);
const database = await createDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
await sql`create table if not exists durability_probe (n integer primary key, payload text not null)`.execute(database.db);
const start = Number((await sql<{ m: number | null }>`select max(n) as m from durability_probe`.execute(database.db)).rows[0].m ?? 0) + 1;
for (let n = start; ; n++) {
  await database.db.transaction().execute(async (trx) => {
    await sql`insert into durability_probe (n, payload) values (${n}, ${'x'.repeat(200)})`.execute(trx);
  });
  process.stdout.write(`ack ${n}\n`);
}
