import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { expectAccessible, launch, newContext, signInAs } from './browser';
import { ApiClient } from './http';
import { baseURL } from './browser';
import { xlsxSheets } from '../../src/lib/server/documents/inspect';

const OFFICER = 'region@demo.rsp';
const ADMIN = 'region.admin@demo.rsp';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function officerPage(email = OFFICER, javaScriptEnabled = true): Promise<Page> {
  const context = await newContext(browser, { javaScriptEnabled });
  const page = await context.newPage();
  if (javaScriptEnabled) {
    // As signInAs, but after hydration: on a loaded machine hydration can otherwise clear the typed fields.
    await page.goto('/logga-in');
    await ready(page);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('rsp-demo');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'), { timeout: 60_000 });
  } else {
    await signInAs(page, email);
  }
  return page;
}

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** Waits until the page's scripts have loaded and hydrated, so hydration cannot reset what the test types. */
async function ready(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 60_000 });
}

/** Submits a form and waits for the redirect after a successful post; on failure the page's text explains why. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>, url: RegExp): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', { timeout: 60_000 }), button.click()]);
  await page.waitForLoadState('load', { timeout: 60_000 });
  if (!url.test(page.url())) expect(`${page.url()}\n${await mainText(page)}`).toMatch(url);
}

describe('grants API on the demo data', () => {
  it('GET /api/v1/grants/summary returns the 2024 fund totals the region reported', async () => {
    const api = await ApiClient.signedIn(OFFICER);
    const res = await api.get('/api/v1/grants/summary?county=23&year=2024');
    expect(res.status).toBe(200);
    const byFund = Object.fromEntries(res.json.byFund.map((f: { fund: string }) => [f.fund, f]));
    expect(byFund['Landsbygdspotten']).toMatchObject({ applications: 22, granted: 11 });
    expect(byFund['Regional medfinansiering av Regionalfondsprojekt']).toMatchObject({ applications: 10, granted: 10, grantedSek: 19_873_598 });
    expect(byFund['Interreg Sverige–Norge, regional medfinansiering']).toMatchObject({ applications: 1, granted: 1, grantedSek: 2_569_697 });
    expect(res.json.byMunicipality).toHaveLength(8);
    for (const m of res.json.byMunicipality) expect(m.granted, m.name).toBeGreaterThan(0);
    const total = res.json.byFund.reduce((s: number, f: { grantedSek: number }) => s + f.grantedSek, 0);
    expect(res.json.byMunicipality.reduce((s: number, m: { grantedSek: number }) => s + m.grantedSek, 0)).toBe(total);
    // A quarter is a subset of the year.
    const q1 = await api.get('/api/v1/grants/summary?county=23&year=2024&quarter=1');
    expect(q1.status).toBe(200);
    const q1Total = q1.json.byFund.reduce((s: number, f: { grantedSek: number }) => s + f.grantedSek, 0);
    expect(q1Total).toBeGreaterThan(0);
    expect(q1Total).toBeLessThan(total);
  });

  it('answers bad input with 400 and field errors, and checks who asks', async () => {
    const api = await ApiClient.signedIn(OFFICER);
    const bad = await api.get('/api/v1/grants/summary?county=2x&year=24&quarter=5');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['county', 'quarter', 'year']);
    expect((await new ApiClient().get('/api/v1/grants/summary?county=23&year=2024')).status).toBe(401);
    // Tillväxtverket reads; a municipality sees only its own share.
    expect((await (await ApiClient.signedIn('tillvaxtverket@demo.rsp')).get('/api/v1/grants/summary?county=23&year=2024')).status).toBe(200);
    const own = await (await ApiClient.signedIn('ostersund@demo.rsp')).get('/api/v1/grants/summary?county=23&year=2024');
    expect(own.json.byMunicipality.map((m: { code: string }) => m.code)).toEqual(['2380']);
  });

  it('de minimis: 400 for an invalid organisationsnummer, the register for a valid one', async () => {
    const api = await ApiClient.signedIn(OFFICER);
    const bad = await api.get('/api/v1/grants/de-minimis/556677-8898');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.organisationsnummer).toMatch(/organisationsnummer/);
    const none = await api.get('/api/v1/grants/de-minimis/556677-8899?asOf=2024-06-01');
    expect(none.json).toMatchObject({ regime: 'general', totalEur3y: 0, ceilingEur: 300_000, remainingEur: 300_000, grants: [] });
    const before2024 = await api.get('/api/v1/grants/de-minimis/5566778899?asOf=2023-12-31&regime=sgei');
    expect(before2024.json.ceilingEur).toBe(500_000);
    expect((await api.get('/api/v1/grants/de-minimis/5566778899?asOf=2023-02-30')).status).toBe(400);
    expect((await (await ApiClient.signedIn('ostersund@demo.rsp')).get('/api/v1/grants/de-minimis/5566778899')).status).toBe(403);
  });

  it('POST /api/v1/grants/rules/home-delivery applies the dated parameters', async () => {
    const api = new ApiClient();
    const r2024 = await api.post('/api/v1/grants/rules/home-delivery', { year: 2024, netCostSek: 400_000, deliveries: 1_500 });
    expect(r2024.status).toBe(200);
    expect(r2024.json).toMatchObject({ eligible: true, maxGrantSek: 150_000 });
    expect(r2024.json.reasons.map((r: { rule: string }) => r.rule)).toEqual(['hemsandning.andel_procent', 'hemsandning.per_leverans_kr']);
    expect(r2024.json.reasons[1].source).toMatch(/2000:284/);
    const r2011 = await api.post('/api/v1/grants/rules/home-delivery', { year: 2011, netCostSek: 400_000, deliveries: 1_500 });
    expect(r2011.json.maxGrantSek).toBe(90_000);
    const below = await api.post('/api/v1/grants/rules/home-delivery', { year: 2024, netCostSek: 28_649, deliveries: 1_500 });
    expect(below.json).toMatchObject({ eligible: false, maxGrantSek: 0 });
    expect(below.json.reasons[0].message).toMatch(/halvt prisbasbelopp/);
    const bad = await api.post('/api/v1/grants/rules/home-delivery', { year: 'x', netCostSek: -1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['deliveries', 'netCostSek', 'year']);
  });

  it('lists the endpoints in the OpenAPI document', async () => {
    const res = await new ApiClient().get('/api/v1/openapi.json');
    for (const path of ['/api/v1/grants/summary', '/api/v1/grants/de-minimis/{organisationsnummer}', '/api/v1/grants/rules/home-delivery']) expect(res.json.paths[path], path).toBeDefined();
  });
});

describe('grants in the browser', () => {
  it('an officer assesses a home delivery application that asks too much, sees why, grants the corrected amount, and the register shows the new total', async () => {
    const page = await officerPage();
    await page.goto('/stod');
    await expectAccessible(page);
    await page.locator('tr', { hasText: 'Hemsändning av dagligvaror 2024' }).getByRole('link').click();
    await page.waitForURL(/\/stod\/ansokningar\//);
    await ready(page);
    const url = page.url();
    const rules = (await page.locator('section[aria-labelledby="rules-heading"]').textContent()) ?? '';
    expect(rules).toMatch(/Hinder\s*Högst 100 kr per hemsändning till ett hushåll: 1\s500 hemsändningar × 100 kr = 150\s000 kr\. Sökt: 180\s000 kr\./);
    expect(rules).toContain('Förordning (2000:284)');
    expect(rules).toMatch(/Högsta belopp som kan beviljas enligt reglerna: 150\s000 kr/);
    await expectAccessible(page);

    // Assessment: checklist, notes, strategic statement.
    await page.getByLabel('Kommunens nettokostnad är styrkt med bokslut eller intyg.').check();
    await page.getByLabel('Handläggarens anteckningar').fill('Antalet leveranser stämmer med kommunens körjournal.');
    await page.getByLabel('Strategiskt utlåtande').fill('Hemsändningen håller butikerna i västra Berg öppna året runt.');
    await page.getByRole('button', { name: 'Spara bedömningen' }).click();
    await page.waitForURL(/sparat=assess/);
    await ready(page);
    expect(await mainText(page)).toContain('Bedömningen är sparad.');

    // The de minimis warning is shown before granting, with the numbers.
    const warning = (await page.locator('[aria-labelledby="deminimis-heading"]').textContent()) ?? '';
    expect(warning).toMatch(/Före beviljande: stöd av mindre betydelse/);
    expect(warning).toMatch(/Taket är 300\s000 euro/);

    const api = await ApiClient.signedIn(OFFICER);
    const orgText = (await page.locator('dl.facts dd').first().textContent()) ?? '';
    const org = orgText.trim();
    const before = await api.get(`/api/v1/grants/de-minimis/${org}?asOf=2025-03-14`);

    // Granting what was asked for is refused with the rule and the numbers.
    await page.getByLabel('Beviljat belopp (kronor)').fill('180000');
    await page.getByLabel('Beslutsdatum').fill('2025-03-14');
    await page.getByRole('button', { name: 'Spara beslutet' }).click();
    await page.waitForSelector('.error-summary');
    await ready(page);
    expect(await page.title()).toMatch(/^Fel: /);
    const summary = (await page.locator('.error-summary').textContent()) ?? '';
    expect(summary).toMatch(/180\s000 kr är högre än vad reglerna tillåter \(150\s000 kr\)/);
    expect(summary).toMatch(/1\s500 hemsändningar × 100 kr/);
    await expectAccessible(page);

    // The corrected amount is granted.
    await page.getByLabel('Beviljat belopp (kronor)').fill('150000');
    await page.getByLabel('Beslutsdatum').fill('2025-03-14');
    await page.getByLabel('Villkor').fill('Slutredovisning senast 2025-12-31.');
    await submit(page, page.getByRole('button', { name: 'Spara beslutet' }), /sparat=decision/);
    expect(await mainText(page)).toContain('Beslutet är sparat.');
    expect(await page.locator('table', { hasText: 'Beslutshistorik' }).textContent()).toMatch(/2025-03-14\s*Beviljad\s*150\s000 kr/);

    // The register shows the new total.
    const after = await api.get(`/api/v1/grants/de-minimis/${org}?asOf=2025-03-14`);
    const added = after.json.grants.find((g: { amountSek: number; decidedOn: string }) => g.amountSek === 150_000 && g.decidedOn === '2025-03-14');
    expect(added).toBeDefined();
    expect(after.json.totalEur3y).toBeCloseTo(before.json.totalEur3y + added.amountEur, 2);
    await page.goto(`/stod/de-minimis?orgnr=${org}&datum=2025-03-14`);
    const total = (await page.getByTestId('de-minimis-total').textContent()) ?? '';
    const expected = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(after.json.totalEur3y);
    expect(total).toContain(expected);
    expect(await mainText(page)).toMatch(/2025-03-14\s*Allmänt de minimis\s*150\s000/);
    await expectAccessible(page);

    // A payment is registered against the decision.
    await page.goto(url);
    await ready(page);
    await page.getByLabel('Belopp (kronor)', { exact: true }).fill('150000');
    await submit(page, page.getByRole('button', { name: 'Registrera', exact: true }), /sparat=payment/);
    expect(await mainText(page)).toMatch(/Utbetalt: 150\s000 kr/);
    await page.context().close();
  });

  it('shows a new application with Swedish errors without JavaScript, then registers it', async () => {
    const page = await officerPage(OFFICER, false);
    await page.goto('/stod/ansokningar/ny');
    await page.getByLabel('Organisationsnummer').fill('556677-8898');
    await page.getByLabel('Diarienummer').fill('run 12');
    await page.getByRole('button', { name: 'Registrera ansökan' }).click();
    expect(await page.title()).toMatch(/^Fel: /);
    const summary = (await page.locator('.error-summary').textContent()) ?? '';
    expect(summary).toContain('Kontrollsiffran stämmer inte');
    expect(summary).toContain('RUN/123/2024');
    expect(summary).toContain('Välj minst en kommun');
    await page.getByLabel('Sökandens namn').fill('Provbutiken Demo AB');
    await page.getByLabel('Organisationsnummer').fill('16556677-8899');
    await page.getByLabel('Fond', { exact: true }).selectOption({ label: 'Stöd till kommersiell service' });
    await page.getByLabel('Stödform').selectOption('sarskilt_driftstod');
    await page.getByLabel('Projektets eller åtgärdens namn').fill('Särskilt driftstöd 2025');
    await page.getByLabel('Stödår').fill('2025');
    await page.getByLabel('Sökt belopp (kronor)').fill('200 000');
    await page.getByLabel('Strömsund').check();
    await page.getByLabel('Butikens namn').fill('Provbutiken');
    await page.getByLabel('Avstånd till närmaste jämförbara butik enligt sökanden (km)').fill('8');
    await page.getByLabel('Butiken har öppet året runt').check();
    await page.getByLabel('Diarienummer').fill('RUN/777/2025');
    await page.getByRole('button', { name: 'Registrera ansökan' }).click();
    await page.waitForURL(/\/stod\/ansokningar\/[0-9a-f-]+\?ny=1/);
    const text = await mainText(page);
    expect(text).toContain('Ansökan är registrerad.');
    expect(text).toContain('556677-8899');
    expect(text).toMatch(/enligt sökanden \(ingen analys finns\): 8 km\. Kravet är mer än 10 km/);
    expect(text).toContain('Ansökan är inte kopplad till någon servicepunkt i tillgänglighetsanalysen, så ingen analys finns.');
    // Searching for the store in the analysis: a bad coordinate is explained; a good one lists points or says none exist.
    await page.getByLabel('Longitud').fill('öst');
    await page.getByLabel('Latitud').fill('63,2');
    await page.getByRole('button', { name: 'Sök servicepunkter' }).click();
    expect(await mainText(page)).toContain('Ange en koordinat i decimalgrader');
    await page.getByLabel('Longitud').fill('14,6');
    await page.getByRole('button', { name: 'Sök servicepunkter' }).click();
    const found = await mainText(page);
    expect(found.includes('Inga servicepunkter hittades nära platsen') || (await page.getByRole('button', { name: /^Koppla/ }).count()) > 0).toBe(true);
    await page.context().close();
  });

  it('every grants page passes axe, including error states', async () => {
    const page = await officerPage();
    for (const path of ['/stod/fonder', '/stod/rapporter?ar=2024', '/stod/regler', '/stod/import', '/stod/de-minimis', '/stod/ansokningar/ny']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page);
    }
    await page.goto('/stod/ansokningar/ny');
    await ready(page);
    await page.getByRole('button', { name: 'Registrera ansökan' }).click();
    await page.waitForSelector('.error-summary');
    await expectAccessible(page);
    await page.goto('/stod/de-minimis?orgnr=123');
    expect(await page.locator('.error-summary').textContent()).toContain('organisationsnummer');
    await expectAccessible(page);
    await page.goto('/stod/rapporter?ar=2024');
    const rapport = await mainText(page);
    expect(rapport).toMatch(/Regional medfinansiering av Regionalfondsprojekt\s*Projektstöd\s*10\s*19\s873\s598\s*10\s*19\s873\s598/);
    await page.context().close();
  });

  it('exports the report as an Excel workbook that opens with the same figures', async () => {
    const api = await ApiClient.signedIn(OFFICER);
    const res = await fetch(`${baseURL()}/stod/rapporter/excel?ar=2024`, { headers: { cookie: api.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const sheets = await xlsxSheets(Buffer.from(await res.arrayBuffer()));
    const erdf = sheets['Per fond och stödform'].find((r) => r[0] === 'Regional medfinansiering av Regionalfondsprojekt');
    expect(erdf).toEqual(['Regional medfinansiering av Regionalfondsprojekt', 'Projektstöd', 10, 19_873_598, 10, 19_873_598, 0]);
    expect(sheets['Per kommun']).toHaveLength(9);
  });

  it('a spreadsheet with one bad row imports nothing and reports the row and the reason (xlsx and CSV)', async () => {
    const headers = ['Organisationsnummer', 'Sökande', 'Projektnamn', 'Fond', 'Stödform', 'Kommun', 'Beslutsdatum', 'Beviljat belopp'];
    const rows = [
      ['802000-0009', 'Importföreningen Ett', 'Projekt ett', 'Landsbygdspotten', 'Projektstöd', 'Krokom', '2024-09-01', '50 000'],
      ['802000-0006', 'Importföreningen Två', 'Projekt två', 'Landsbygdspotten', 'Projektstöd', 'Krokom', '2024-09-02', '60 000']
    ];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Beslut');
    ws.addRow(headers);
    rows.forEach((r) => ws.addRow(r));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const csv = Buffer.from([headers, ...rows].map((r) => r.join(';')).join('\n'), 'utf8');
    const api = await ApiClient.signedIn(OFFICER);
    const count = async () => (await api.get('/api/v1/grants/summary?county=23&year=2024')).json.byFund.find((f: { fund: string }) => f.fund === 'Landsbygdspotten').applications;
    const before = await count();
    const page = await officerPage();
    for (const [name, buffer, mimeType] of [['beslut.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['beslut.csv', csv, 'text/csv']] as const) {
      await page.goto('/stod/import');
      await ready(page);
      await page.setInputFiles('#file', { name, mimeType, buffer });
      await page.getByRole('button', { name: 'Läs in filen' }).click();
      await page.waitForURL(/\/stod\/import\/[0-9a-f-]+$/);
      await ready(page);
      expect(await mainText(page)).toContain('2 rader i filen.');
      expect(await page.getByLabel('Organisationsnummer').inputValue()).toBe('0');
      expect(await page.getByLabel('Beviljat belopp').inputValue()).toBe('7');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Importera' }).click();
      await page.waitForSelector('[data-testid="import-errors"]');
      const report = (await page.getByTestId('import-errors').textContent()) ?? '';
      expect(report).toMatch(/3\s*Organisationsnummer\s*Ogiltigt organisationsnummer \(fel format eller kontrollsiffra\)\./);
      expect(report).not.toMatch(/^\s*2\s/);
      expect(await mainText(page)).toContain('Ingen rad har importerats.');
      await expectAccessible(page);
      expect(await count(), name).toBe(before);
    }
    await page.context().close();
  });
});

describe('grants authorization in the browser', () => {
  it('a municipality reads only its own applications and cannot change anything', async () => {
    const page = await officerPage('ostersund@demo.rsp');
    await page.goto('/stod');
    const text = await mainText(page);
    expect(text).toContain('Du ser ansökningar som gäller Östersunds kommun');
    expect(text).not.toContain('Bergs kommun');
    expect(await page.getByRole('link', { name: 'Ny ansökan' }).count()).toBe(0);
    await expectAccessible(page);
    await page.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/stod\/ansokningar\//);
    expect(await page.getByRole('button', { name: 'Spara beslutet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Spara bedömningen' }).count()).toBe(0);
    await expectAccessible(page);
    expect((await page.goto('/stod/import'))?.status()).toBe(403);
    expect((await page.goto('/stod/de-minimis'))?.status()).toBe(403);
    expect((await page.goto('/stod/ansokningar/ny'))?.status()).toBe(403);
    await page.context().close();
  });

  it('Tillväxtverket chooses a county and reads its grants', async () => {
    const page = await officerPage('tillvaxtverket@demo.rsp');
    await page.goto('/stod');
    await ready(page);
    await page.getByLabel('Län').selectOption('23');
    await page.getByRole('button', { name: 'Visa' }).first().click();
    await page.waitForURL(/lan=23/);
    expect(await mainText(page)).toContain('Landsbygdspotten');
    expect(await page.getByRole('link', { name: 'Ny ansökan' }).count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Rapporter per kommun' }).click();
    await page.waitForURL(/\/stod\/rapporter\?lan=23/);
    expect(await mainText(page)).toContain('Jämtlands län');
    await expectAccessible(page);
    await page.context().close();
  });

  it('Länsstyrelsen reads without forms; only an administrator changes a rule parameter', async () => {
    const reader = await officerPage('lansstyrelsen@demo.rsp');
    await reader.goto('/stod');
    await reader.locator('tr', { hasText: 'Hemsändning av dagligvaror 2023' }).getByRole('link').click();
    await reader.waitForURL(/\/stod\/ansokningar\//);
    expect(await reader.getByRole('button', { name: 'Spara beslutet' }).count()).toBe(0);
    await reader.goto('/stod/regler');
    expect(await mainText(reader)).toContain('Bara administratörer hos en region eller Tillväxtverket kan ändra reglerna.');
    await reader.context().close();

    const admin = await officerPage(ADMIN);
    await admin.goto('/stod/regler');
    await ready(admin);
    const form = admin.getByRole('form', { name: 'Nytt värde från ett datum' });
    await form.getByLabel('Parameter', { exact: true }).selectOption('driftstod.tak_kr');
    await form.getByLabel('Värde', { exact: true }).fill('350000');
    await form.getByLabel('Gäller från', { exact: true }).fill('2027-01-01');
    await form.getByLabel('Källa', { exact: true }).fill('Ändrad lydelse (prov i test).');
    await submit(admin, form.getByRole('button', { name: 'Spara', exact: true }), /sparat=parameter/);
    const text = await mainText(admin);
    expect(text).toContain('Det nya värdet är sparat.');
    expect(text).toMatch(/Särskilt driftstöd: tak per butik och år \(kr\)\s*350\s000\s*2027-01-01\s*tills vidare/);
    expect(text).toMatch(/Särskilt driftstöd: tak per butik och år \(kr\)\s*300\s000\s*2016-01-01\s*2026-12-31/);
    await expectAccessible(admin);
    await admin.context().close();
  });
});
