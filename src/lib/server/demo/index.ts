import type { Db } from '../db';
import { hashPassword } from '../auth/secrets';
import type { Role } from '../db/schema';
import { recordAudit } from '../audit';
import type { DemoContext, DemoStep } from './types';
import { demo as programmes } from '../programmes/demo';
import { demo as cases } from '../cases/demo';
import { demo as reporting } from '../reporting/demo';
import { demo as grants } from '../grants/demo';
import { demo as analysis } from '../analysis/demo';

/**
 * Demo content for a fresh installation. Written for this product: facts from the seed documents may be
 * used, their sentences may not, and no real person's name, phone or e-mail appears — people are roles.
 * Each later domain adds its own step to DEMO_STEPS; the steps run in order in one transaction.
 */
export const DEMO_PASSWORD = 'rsp-demo';

export const DEMO_ACCOUNTS: { email: string; name: string; organisationId: string; role: Role; unit?: string; title?: string }[] = [
  { email: 'region.admin@demo.rsp', name: 'Systemförvaltare (demo)', organisationId: 'region-23', role: 'admin', unit: 'Regional utveckling', title: 'Systemförvaltare' },
  { email: 'region@demo.rsp', name: 'Handläggare kommersiell service (demo)', organisationId: 'region-23', role: 'editor', unit: 'Näringsliv och samhällsbyggnad', title: 'Regional utvecklare' },
  { email: 'ostersund@demo.rsp', name: 'Landsbygdsutvecklare Östersund (demo)', organisationId: 'kommun-2380', role: 'editor', unit: 'Tillväxtenheten', title: 'Landsbygdsutvecklare' },
  { email: 'stromsund@demo.rsp', name: 'Landsbygdsutvecklare Strömsund (demo)', organisationId: 'kommun-2313', role: 'editor', unit: 'Samhällsutveckling', title: 'Landsbygdsutvecklare' },
  { email: 'lansstyrelsen@demo.rsp', name: 'Handläggare Länsstyrelsen (demo)', organisationId: 'lansstyrelsen-23', role: 'reader', unit: 'Landsbygdsenheten', title: 'Handläggare' },
  { email: 'tillvaxtverket@demo.rsp', name: 'Handläggare Tillväxtverket (demo)', organisationId: 'tillvaxtverket', role: 'reader', unit: 'Regional utveckling', title: 'Handläggare' }
];

export type { DemoStep, DemoContext } from './types';

async function accounts(trx: Db, context: DemoContext): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const row = await trx
      .insertInto('users')
      .values({
        email: account.email,
        name: account.name,
        organisation_id: account.organisationId,
        role: account.role,
        unit: account.unit ?? null,
        title: account.title ?? null,
        password_hash: passwordHash
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    context.users[account.email] = row.id;
    await recordAudit(trx, null, { action: 'create', entity: 'user', entityId: row.id, organisationId: account.organisationId, after: { email: account.email, role: account.role, source: 'demo' } });
  }
}

/** In dependency order: cases refer to programmes, reporting reads programmes and grants. */
export const DEMO_STEPS: DemoStep[] = [accounts, programmes, cases, grants, reporting, analysis];

/** Loads the demo only into an empty database (no users yet); returns whether it did. */
export async function loadDemoIfEmpty(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const context: DemoContext = { users: {}, ids: {} };
    for (const step of DEMO_STEPS) await step(trx as unknown as Db, context);
    return true;
  });
}
