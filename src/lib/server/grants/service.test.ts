import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Db } from '../db';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import { demo, DEMO_ERDF_TOTAL, DEMO_INTERREG_TOTAL } from './demo';
import { addPayment, applicationFile, attachFile, createApplication, decide, getApplication, linkServicePoint, listApplications, saveAssessment } from './service';
import { grantSummary, grantReport, splitEvenly } from './reports';
import { registerDeclaredAid, registerStatus } from './deminimis';
import { addParameterValue, setRate } from './parameters';
import { getImport, runImport, startImport, suggestMapping } from './import';
import { grantFacts } from './facts';
import { applicationSchema, decisionSchema } from './schemas';
import { parseInput } from '../validation';
import { loadParamSet } from './rules';

let database: TestDatabase;
let db: Db;
let editor: Actor;
let reader: Actor;
let admin: Actor;
let ostersund: Actor;
let berg: Actor;
let tvv: Actor;
let other: Actor;
const ids: Record<string, string> = {};

async function expectError(promise: Promise<unknown>, code: string): Promise<DomainError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  }
  throw new Error(`expected ${code}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  editor = await createActor(db, 'region-23', 'editor');
  reader = await createActor(db, 'lansstyrelsen-23', 'reader');
  admin = await createActor(db, 'region-23', 'admin');
  ostersund = await createActor(db, 'kommun-2380', 'editor');
  berg = await createActor(db, 'kommun-2326', 'reader');
  tvv = await createActor(db, 'tillvaxtverket', 'reader');
  other = await createActor(db, 'region-24', 'editor');
  await db.transaction().execute(async (trx) => {
    const context = { users: { 'region@demo.rsp': editor.user.id }, ids };
    await demo(trx as unknown as Db, context);
  });
});
afterAll(async () => {
  await database?.close();
});

describe('grants on the demo data', () => {
  it('summarises 2024 per fund exactly as the region reported', async () => {
    const s = await grantSummary(db, editor, '23', { year: 2024 });
    const byName = Object.fromEntries(s.byFund.map((f) => [f.fund, f]));
    expect(byName['Landsbygdspotten']).toMatchObject({ applications: 22, granted: 11 });
    expect(byName['Regional medfinansiering av Regionalfondsprojekt']).toMatchObject({ applications: 10, granted: 10, grantedSek: DEMO_ERDF_TOTAL });
    expect(byName['Interreg Sverige–Norge, regional medfinansiering']).toMatchObject({ granted: 1, grantedSek: DEMO_INTERREG_TOTAL });
    // Commercial service reached all eight municipalities; the municipal sums add up to the county's.
    expect(s.byMunicipality).toHaveLength(8);
    expect(s.byMunicipality.every((m) => m.granted > 0)).toBe(true);
    expect(s.byMunicipality.reduce((a, m) => a + m.grantedSek, 0)).toBe(s.byFund.reduce((a, f) => a + f.grantedSek, 0));
    // Landsbygdspotten only in the five municipalities the report names.
    const lp = await listApplications(db, editor, '23', { fundId: (await db.selectFrom('grant_funds').select('id').where('name', '=', 'Landsbygdspotten').executeTakeFirstOrThrow()).id });
    expect(new Set(lp.flatMap((a) => a.municipalities))).toEqual(new Set(['Strömsund', 'Ragunda', 'Härjedalen', 'Östersund', 'Krokom']));
  });

  it('splits a multi-municipality amount so the parts add up', () => {
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
    expect(splitEvenly(2_569_697, 3).reduce((a, b) => a + b)).toBe(2_569_697);
  });

  it('offers result-report facts for sections 1 and 5', async () => {
    const facts = await grantFacts(db, '23', 2024);
    const text = facts.map((f) => `${f.section}|${f.text}`).join('\n');
    expect(text).toContain('1|Under 2024 kom 22 ansökningar in till Landsbygdspotten, och 11 av dem beviljades.');
    expect(text).toMatch(/5\|Under 2024 beviljades regional medfinansiering till 10 projekt inom Regionalfonden, sammanlagt 19\s873\s598 kr\./);
    expect(text).toMatch(/5\|Under 2024 beviljades regional medfinansiering till 1 projekt inom Interreg \(Interreg Sverige–Norge, regional medfinansiering\), sammanlagt 2\s569\s697 kr\./);
    const { rows } = await (await import('kysely')).sql<{ source: string }>`select source from grant_rule_parameters where key = 'hemsandning.andel_procent'`.execute(db);
    expect(rows[0].source).toMatch(/^Förordning \(2000:284\) om stöd till kommersiell service, i lydelse/);
  });

  it('shows the rule breach while assessing and refuses a grant above the rule, then grants the corrected amount', async () => {
    const id = ids['grants.homeDeliveryPending'];
    const app = await getApplication(db, editor, id);
    expect(app.ruleCheck.result?.maxGrantSek).toBe(150_000);
    const breach = app.ruleCheck.result?.findings.filter((f) => f.kind === 'breach') ?? [];
    expect(breach.map((b) => b.rule)).toEqual(['hemsandning.per_leverans_kr']);
    expect(breach[0].params).toMatchObject({ perDelivery: 100, deliveries: 1500, limit: 150_000, applied: 180_000 });
    await saveAssessment(db, editor, id, { version: app.version, notes: 'Kontrollerat mot bokslut.', strategicStatement: 'Viktigt för att butikerna i västra delen ska finnas kvar.', checklist: [app.checklist[0].id] });
    // A stale version is a conflict, not a lost update.
    await expectError(saveAssessment(db, editor, id, { version: app.version, notes: 'x', strategicStatement: '', checklist: [] }), 'conflict');
    const v = (await getApplication(db, editor, id)).version;
    const before = await registerStatus(db, editor, app.orgNumber, { asOf: '2025-03-14' });
    const refused = await expectError(decide(db, editor, id, { version: v, outcome: 'granted', amountSek: 180_000, conditions: '', decidedOn: '2025-03-14', reason: '' }), 'validation');
    expect(refused.fields?.amountSek).toContain('150');
    const decisionId = await decide(db, editor, id, { version: v, outcome: 'granted', amountSek: 150_000, conditions: 'Redovisning senast 2025-12-31.', decidedOn: '2025-03-14', reason: '' });
    expect(decisionId).toBeTruthy();
    const after = await registerStatus(db, editor, app.orgNumber, { asOf: '2025-03-14' });
    expect(after.grants).toHaveLength(before.grants.length + 1);
    expect(after.totalEur3y).toBeCloseTo(before.totalEur3y + Math.round((150_000 * 100) / 11.03) / 100, 2);
    expect(after.ceilingEur).toBe(300_000);
    // Changing the decision keeps the old one and replaces its register entry.
    const v2 = (await getApplication(db, editor, id)).version;
    await decide(db, editor, id, { version: v2, outcome: 'granted', amountSek: 140_000, conditions: '', decidedOn: '2025-04-02', reason: 'Färre leveranser än redovisat.' });
    const detail = await getApplication(db, editor, id);
    expect(detail.decisions.map((d) => [d.amountSek, d.current])).toEqual([[140_000, true], [150_000, false]]);
    const changed = await registerStatus(db, editor, app.orgNumber, { asOf: '2025-04-02' });
    expect(changed.grants.filter((g) => g.replaced)).toHaveLength(1);
    // Payments never exceed the grant; recovery never exceeds what was paid.
    await addPayment(db, editor, id, { kind: 'payment', amountSek: 140_000, onDate: '2025-05-01', note: '' });
    await expectError(addPayment(db, editor, id, { kind: 'payment', amountSek: 1, onDate: '2025-05-02', note: '' }), 'validation');
    await addPayment(db, editor, id, { kind: 'recovery', amountSek: 10_000, onDate: '2025-09-01', note: 'Återkrav efter slutredovisning.' });
    const audit = await db.selectFrom('audit_log').select(['action', 'entity']).where('user_id', '=', editor.user.id).where('entity', 'in', ['grantDecision', 'grantPayment', 'grantAssessment']).orderBy('id').execute();
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual(['grantAssessment:create', 'grantDecision:decide', 'grantDecision:changeDecision', 'grantPayment:payment', 'grantPayment:recovery']);
    await expectError(addPayment(db, editor, id, { kind: 'recovery', amountSek: 130_001, onDate: '2025-09-02', note: '' }), 'validation');
  });

  it('refuses a grant that would exceed the de minimis ceiling, with the numbers', async () => {
    const fund = await db.selectFrom('grant_funds').select('id').where('name', '=', 'Stöd till kommersiell service').executeTakeFirstOrThrow();
    const input = parseInput(applicationSchema, { fundId: fund.id, applicantName: 'Stora Handeln Demo AB', orgNumber: '556677-8899', title: 'Ombyggnad', supportForm: 'investeringsbidrag', supportYear: '2024', receivedOn: '2024-05-02', appliedSek: '3 000 000', eligibleCostSek: '8 000 000', municipalities: ['2380'] }, 'sv');
    const id = await createApplication(db, editor, '23', input);
    const app = await getApplication(db, editor, id);
    expect(app.deMinimis?.regime).toBe('general');
    const e = await expectError(decide(db, editor, id, { version: app.version, outcome: 'granted', amountSek: 3_500_000, conditions: '', decidedOn: '2024-06-03', reason: '' }), 'validation');
    expect(e.fields?.amountSek).toMatch(/överskrids.*309\s187,28 euro.*300\s000 euro/);
    // Linking a service point: without an analysis the application says so rather than failing.
    await linkServicePoint(db, editor, id, { version: app.version, servicePointId: 'sp-okand' });
    const linked = await getApplication(db, editor, id);
    expect(linked.servicePointId).toBe('sp-okand');
    expect(linked.analysis).toBeNull();
    await expectError(linkServicePoint(db, editor, id, { version: app.version, servicePointId: 'sp-annan' }), 'conflict');
  });

  it('stores attachments checked by content, readable by those who may read the application', async () => {
    const id = ids['grants.homeDeliveryPending'];
    await attachFile(db, editor, id, { name: 'bokslut.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n% test\n') });
    await expectError(attachFile(db, editor, id, { name: 'virus.pdf', bytes: new TextEncoder().encode('MZ not a pdf') }), 'unsupported_media_type');
    await expectError(attachFile(db, reader, id, { name: 'x.pdf', bytes: new TextEncoder().encode('%PDF-1.4\n') }), 'forbidden');
    const files = (await getApplication(db, berg, id)).files;
    expect(files.map((f) => f.name)).toEqual(['bokslut.pdf']);
    expect((await applicationFile(db, berg, id, files[0].id)).data.toString()).toContain('%PDF-1.4');
    await expectError(applicationFile(db, ostersund, id, files[0].id), 'not_found');
  });

  it('validates organisationsnummer and diary numbers with Swedish messages', () => {
    const bad = () => parseInput(applicationSchema, { orgNumber: '556677-8898', diaryNumber: 'run 12', municipalities: [] }, 'sv');
    try {
      bad();
      throw new Error('expected');
    } catch (e) {
      const fields = (e as DomainError).fields!;
      expect(fields.orgNumber).toMatch(/organisationsnummer/);
      expect(fields.diaryNumber).toMatch(/RUN\/123\/2024/);
      expect(fields.municipalities).toBeTruthy();
    }
    expect(() => parseInput(decisionSchema, { version: 1, outcome: 'granted', decidedOn: '2024-02-30' }, 'sv')).toThrow(DomainError);
  });
});

describe('authorization', () => {
  it('lets the county read, a municipality only its own applications, and only the region edit', async () => {
    const all = await listApplications(db, reader, '23');
    const own = await listApplications(db, ostersund, '23');
    expect(own.length).toBeGreaterThan(0);
    expect(own.length).toBeLessThan(all.length);
    expect(own.every((a) => a.municipalities.includes('Östersund'))).toBe(true);
    expect((await listApplications(db, tvv, '23')).length).toBe(all.length);
    await expectError(listApplications(db, other, '23'), 'forbidden');
    await expectError(listApplications(db, null, '23'), 'unauthenticated');
    // Berg's reader sees its home delivery but cannot decide it; Östersund cannot even see it.
    const id = ids['grants.homeDeliveryPending'];
    const seen = await getApplication(db, berg, id);
    expect(seen.canEdit).toBe(false);
    await expectError(getApplication(db, ostersund, id), 'not_found');
    await expectError(saveAssessment(db, berg, id, { version: seen.version, notes: '', strategicStatement: '', checklist: [] }), 'forbidden');
    await expectError(decide(db, reader, id, { version: seen.version, outcome: 'rejected', conditions: '', decidedOn: '2025-01-01', reason: '' }), 'forbidden');
    await expectError(registerStatus(db, ostersund, '5566778899'), 'forbidden');
    // Aid declared from another granting body counts toward the ceiling; only the region's editors register it.
    const declared = { orgNumber: '8020000009', undertakingName: 'Deklarerande förening', regime: 'general' as const, amountSek: 116_400, decidedOn: '2024-04-10', grantingBody: 'Länsstyrelsen (annan givare)' };
    await expectError(registerDeclaredAid(db, reader, declared), 'forbidden');
    await registerDeclaredAid(db, editor, declared);
    expect((await registerStatus(db, editor, '8020000009', { asOf: '2024-12-31' })).totalEur3y).toBe(10_000);
    await expectError(registerDeclaredAid(db, editor, { ...declared, decidedOn: '2031-01-01' }), 'validation');
    expect((await registerStatus(db, tvv, '5566778899')).grants).toEqual([]);
    // A municipality's report shows only its own municipality.
    const report = await grantReport(db, ostersund, '23', { year: 2024 });
    expect(report.byMunicipality.map((m) => m.code)).toEqual(['2380']);
  });

  it('lets only rules.administer change a dated parameter, closing the previous value the day before', async () => {
    const input = { key: 'driftstod.tak_kr', value: 400_000, validFrom: '2026-01-01', validTo: undefined, source: 'Ny lydelse (test).' };
    await expectError(addParameterValue(db, editor, input), 'forbidden');
    await addParameterValue(db, admin, input);
    expect((await loadParamSet(db, '2025-12-31'))('driftstod.tak_kr')?.value).toBe(300_000);
    expect((await loadParamSet(db, '2026-01-01'))('driftstod.tak_kr')?.value).toBe(400_000);
    await expectError(addParameterValue(db, admin, { ...input, validFrom: '2025-06-01' }), 'validation');
    await expectError(setRate(db, editor, { month: '2027-01', sekPerEur: 11, source: 'x' }), 'forbidden');
    await setRate(db, admin, { month: '2027-01', sekPerEur: 11.05, source: 'Kommissionens kurs (test).' });
    const audit = await db.selectFrom('audit_log').select(['action', 'entity']).where('entity', 'in', ['grantRuleParameter', 'grantExchangeRate']).execute();
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual(['grantExchangeRate:create', 'grantRuleParameter:close', 'grantRuleParameter:create']);
  });
});

describe('import of decided projects', () => {
  const headers = ['Organisationsnummer', 'Sökande', 'Projektnamn', 'Fond', 'Stödform', 'Kommun', 'Beslutsdatum', 'Beviljat belopp', 'Diarienummer'];
  const good = ['802000-0009', 'Importföreningen Ett', 'Projekt ett', 'Landsbygdspotten', 'Projektstöd', 'Krokom', '2024-09-01', '50 000', 'RUN/901/2024'];
  const bad = ['802000-0006', 'Importföreningen Två', 'Projekt två', 'Landsbygdspotten', 'Projektstöd', 'Krokom; Ankeborg', '2024-09-31', 'femtio', 'RUN/902/2024'];
  const good2 = ['556677-8899', 'Import Handel AB', 'Kyldiskar', 'Stöd till kommersiell service', 'Investeringsbidrag', '2305', '2024-10-10', '75000', ''];

  async function xlsx(rows: string[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Projekt');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const csv = (rows: string[][]) => new TextEncoder().encode('\uFEFF' + [headers, ...rows].map((r) => r.map((v) => (v.includes(';') ? `"${v}"` : v)).join(';')).join('\r\n'));
  const count = async () => Number((await db.selectFrom('grant_applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('auto-maps Swedish headings', () => {
    expect(suggestMapping(headers)).toEqual({ org_number: '0', applicant_name: '1', title: '2', fund: '3', support_form: '4', municipalities: '5', decided_on: '6', amount_sek: '7', diary_number: '8', external_ref: '' });
  });

  for (const [kind, make] of [['xlsx', xlsx], ['csv', async (r: string[][]) => csv(r)]] as const) {
    it(`imports nothing from a ${kind} file with one bad row and reports the row and the reason`, async () => {
      const n = await count();
      const id = await startImport(db, editor, '23', { name: `projekt.${kind}`, bytes: await make([good, bad, good2]) });
      const preview = await getImport(db, editor, id);
      expect(preview.rowCount).toBe(3);
      const result = await runImport(db, editor, id, preview.mapping);
      expect(result.imported).toBe(0);
      expect(await count()).toBe(n);
      const rows = result.errors.map((e) => `${e.row}|${e.column}|${e.message}`);
      expect(rows).toEqual([
        '3|Organisationsnummer|Ogiltigt organisationsnummer (fel format eller kontrollsiffra).',
        '3|Kommun|Okänd kommun i länet: Ankeborg.',
        '3|Beslutsdatum|Ogiltigt datum (skriv ÅÅÅÅ-MM-DD).',
        '3|Beviljat belopp|Ogiltigt belopp (ett heltal kronor, 0 eller mer).'
      ]);
    });
  }

  it('imports a valid file in one go, with decisions and de minimis entries', async () => {
    const n = await count();
    const id = await startImport(db, editor, '23', { name: 'projekt.xlsx', bytes: await xlsx([good, good2]) });
    await expectError(startImport(db, reader, '23', { name: 'projekt.xlsx', bytes: await xlsx([good]) }), 'forbidden');
    const result = await runImport(db, editor, id, (await getImport(db, editor, id)).mapping);
    expect(result).toEqual({ imported: 2, errors: [] });
    expect(await count()).toBe(n + 2);
    const status = await registerStatus(db, editor, '5566778899', { asOf: '2024-12-31' });
    expect(status.grants.some((g) => g.amountSek === 75_000)).toBe(true);
    await expectError(runImport(db, editor, id, (await getImport(db, editor, id)).mapping), 'validation');
  });
});
