import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launch, newContext, signInAs } from './browser';
import { ApiClient } from './http';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data');
const STORE = 'Lillsjöby Lanthandel (byns enda butik)';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const number = (s: string | null) => Number((s ?? '').replace(/[^\d-]/g, ''));

async function waitForJob(client: ApiClient, datasetId: string) {
  for (let i = 0; i < 240; i++) {
    // A connection reset while the server writes a large network is retried like any poll.
    const res = await client.get(`/api/v1/analysis/datasets/${datasetId}`).catch(() => null);
    if (res && res.json.status !== 'importing') return res.json;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the import did not finish');
}

describe('service analysis in the browser', () => {
  it('shows the grocery view, closes the village store in a scenario, saves it and reopens it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, 'region@demo.rsp');
    await page.getByRole('link', { name: 'Serviceanalys' }).first().click();
    await page.waitForURL(/\/analys/);
    expect(await page.getByTestId('demo-label').textContent()).toContain('Genererade demodata');
    await expectAccessible(page);

    await page.goto('/analys/tillganglighet?typ=grocery');
    const map = page.getByRole('region', { name: /Karta över befolkade rutor/ });
    await map.waitFor();
    const table = page.getByTestId('band-table');
    expect(await table.locator('caption').textContent()).toContain('Dagligvaror');
    expect(number(await page.getByTestId('beyond10-today').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('municipality-table').textContent()).toContain('Östersund');
    await expectAccessible(page);

    await page.goto('/analys/scenarier?typ=grocery');
    await page.getByLabel(STORE).check();
    await page.getByTestId('scenario-table').waitFor();
    const today = number(await page.getByTestId('beyond10-today').textContent());
    const after = number(await page.getByTestId('beyond10-after').textContent());
    expect(after).toBeGreaterThan(today);
    expect(await page.getByTestId('scenario-status').textContent()).toMatch(/rutor får ändrat avstånd/);
    await expectAccessible(page);

    await page.getByLabel('Namn på scenariot').fill('Lillsjöbys butik stänger');
    await page.getByLabel(/Anteckning/).fill('Ägaren har aviserat att butiken stänger vid årsskiftet.');
    await page.getByRole('button', { name: 'Spara scenariot' }).click();
    await page.waitForURL(/\/analys\/scenarier\/[0-9a-f-]{36}/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lillsjöbys butik stänger');
    expect(number(await page.getByTestId('saved-table').getByTestId('beyond10-after').textContent())).toBe(after);
    await expectAccessible(page);
    const savedPath = new URL(page.url()).pathname;

    // Reopen it from the list, and in the scenario tool with the store still closed.
    await page.goto('/analys/scenarier');
    await page.getByRole('link', { name: 'Lillsjöbys butik stänger' }).click();
    await page.waitForURL((url) => url.pathname === savedPath);
    await page.getByRole('link', { name: 'Öppna i scenarioverktyget' }).click();
    await page.getByTestId('scenario-table').waitFor();
    expect(await page.getByLabel(STORE).isChecked()).toBe(true);
    expect(number(await page.getByTestId('beyond10-after').textContent())).toBe(after);
    await context.close();
  });

  it('works without JavaScript: the scenario list path and the register', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, 'region@demo.rsp');
    await page.goto('/analys/scenarier?typ=grocery');
    await page.getByLabel(STORE).check();
    await page.getByRole('button', { name: 'Beräkna' }).click();
    await page.getByTestId('scenario-table').waitFor();
    expect(number(await page.getByTestId('beyond10-after').textContent())).toBeGreaterThan(number(await page.getByTestId('beyond10-today').textContent()));

    await page.goto('/analys/servicepunkter?q=Lillsj%C3%B6by');
    await page.getByRole('link', { name: STORE }).click();
    expect(await page.getByTestId('point-facts').textContent()).toContain('Dagligvaror');
    // Add a point by typing coordinates; a bad coordinate is reported in the summary first.
    await page.goto('/analys/servicepunkter');
    await page.getByLabel('Namn', { exact: true }).fill('Testbyns lanthandel');
    await page.getByLabel('Dagligvaror', { exact: true }).check();
    await page.getByLabel('Longitud (öst)').fill('abc');
    await page.getByLabel('Latitud (nord)').fill('63,3');
    await page.getByRole('button', { name: 'Lägg till serviceställe' }).click();
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.locator('.error-summary').textContent()).toContain('longitud');
    await page.getByLabel('Longitud (öst)').fill('15,1');
    await page.getByRole('button', { name: 'Lägg till serviceställe' }).click();
    await page.waitForURL(/tillagd=1/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Testbyns lanthandel');
    await context.close();
  });

  it('passes axe on the register, a point and the data pages', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, 'region@demo.rsp');
    for (const p of ['/analys/servicepunkter', '/analys/data']) {
      await page.goto(p);
      await expectAccessible(page);
    }
    await page.goto('/analys/servicepunkter?q=Lillsj%C3%B6by');
    await page.getByRole('link', { name: STORE }).click();
    await page.getByTestId('point-facts').waitFor();
    await expectAccessible(page);
    await page.goto('/analys/data');
    await page.locator('table a').first().click();
    await page.getByTestId('dataset-status').waitFor();
    await expectAccessible(page);
    await page.goto('/analys/mal');
    await expectAccessible(page);
    const scenarios = await (await context.request.get('/api/v1/analysis/scenarios?county=23')).json();
    if (scenarios.length) {
      await page.goto(`/analys/scenarier/jamfor?a=${scenarios[0].id}&b=${scenarios[0].id}`);
      await page.getByTestId('compare-table').waitFor();
      await expectAccessible(page);
    }
    await context.close();
  });

  it('shows a municipality editor the proposal form, and passes axe', async () => {
    const muni = await newContext(browser);
    const mpage = await muni.newPage();
    await signInAs(mpage, 'ostersund@demo.rsp');
    await mpage.goto('/analys/servicepunkter?omrade=2380');
    expect(await mpage.getByRole('heading', { name: 'Föreslå nytt serviceställe' }).count()).toBe(1);
    await expectAccessible(mpage);
    await muni.close();
  });
});

describe('service analysis API', () => {
  it('answers accessibility and evaluate as the issue specifies, and refuses the public', async () => {
    const client = await ApiClient.signedIn('region@demo.rsp');
    const acc = await client.get('/api/v1/analysis/accessibility?area=23&serviceType=grocery_full');
    expect(acc.status).toBe(200);
    expect(acc.json.dataset.year).toBe(2025);
    expect(acc.json.bands[0]).toEqual(expect.objectContaining({ fromKm: 0, toKm: 2 }));
    expect(acc.json.bands[0]).toHaveProperty('population70plus');
    expect(typeof acc.json.meanKm).toBe('number');
    expect(typeof acc.json.medianKm).toBe('number');
    const points = await client.get('/api/v1/service-points?area=2303&type=grocery');
    const store = points.json.find((p: { name: string }) => p.name === STORE);
    expect(store).toBeDefined();
    const ev = await client.post('/api/v1/analysis/scenarios/evaluate', { area: '23', serviceType: 'grocery', close: [store.id], add: [] });
    expect(ev.status).toBe(200);
    expect(ev.json.after.beyond10Km).toBeGreaterThan(ev.json.before.beyond10Km);
    expect(ev.json.changedSquares.length).toBeGreaterThan(0);
    expect(typeof ev.json.computeMs).toBe('number');
    const bad = await client.post('/api/v1/analysis/scenarios/evaluate', { area: 'x', serviceType: 'nope' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields)).toEqual(expect.arrayContaining(['area', 'serviceType']));
    const anon = new ApiClient();
    expect((await anon.get('/api/v1/analysis/accessibility?area=23&serviceType=grocery')).status).toBe(401);
    expect((await anon.get('/api/v1/service-points?area=23')).status).toBe(401);
    expect((await anon.post('/api/v1/analysis/scenarios/evaluate', { area: '23', serviceType: 'grocery', close: [], add: [] })).status).toBe(401);
    const spec = await anon.get('/api/v1/openapi.json');
    expect(Object.keys(spec.json.paths)).toEqual(expect.arrayContaining(['/api/v1/analysis/accessibility', '/api/v1/analysis/scenarios/evaluate', '/api/v1/service-points']));
  });

  it('lets a municipality editor only propose, and the region accept', async () => {
    const muni = await ApiClient.signedIn('ostersund@demo.rsp');
    const region = await ApiClient.signedIn('region@demo.rsp');
    const [point] = (await muni.get('/api/v1/service-points?area=2380&type=pharmacy')).json;
    const patch = await muni.request('PATCH', `/api/v1/service-points/${point.id}`, { version: point.version, name: point.name, types: point.types, lon: point.lon, lat: point.lat });
    expect(patch.status).toBe(403);
    const proposal = await muni.post('/api/v1/service-points/proposals', { kind: 'close', pointId: point.id, close: { version: point.version, closedFrom: '2031-01-01' }, note: 'Flyttar' });
    expect(proposal.status).toBe(201);
    expect((await muni.post(`/api/v1/service-points/proposals/${proposal.json.id}/decision`, { decision: 'accept', version: proposal.json.version })).status).toBe(403);
    const decided = await region.post(`/api/v1/service-points/proposals/${proposal.json.id}/decision`, { decision: 'accept', version: proposal.json.version });
    expect(decided.status).toBe(200);
    expect((await region.get(`/api/v1/service-points/${point.id}`)).json.closedFrom).toBe('2031-01-01');
    const stale = await region.request('PATCH', `/api/v1/service-points/${point.id}`, { version: point.version, name: 'x', types: ['pharmacy'], lon: point.lon, lat: point.lat });
    expect(stale.status).toBe(409);
  });

  it('imports the Andorra extract through the import job; the current network stays in use until made current', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const before = (await region.get('/api/v1/analysis/accessibility?area=23&serviceType=grocery')).json.dataset.network.id;
    const andorra = path.join(SHARED, 'osm/andorra.osm.pbf');
    if (!existsSync(andorra)) {
      console.log(`skipping the Andorra import: ${andorra} is missing`);
    } else {
      const started = await region.post('/api/v1/analysis/datasets', { county: '23', kind: 'network', year: 2025, name: 'Andorra (test)', path: andorra });
      expect(started.status).toBe(202);
      const ds = await waitForJob(region, started.json.datasetId);
      expect(ds.status).toBe('ready');
      expect(ds.summary.nodes).toBeGreaterThan(10_000);
    }
    const after = (await region.get('/api/v1/analysis/accessibility?area=23&serviceType=grocery')).json.dataset.network.id;
    expect(after).toBe(before);
  });

  it('shows a failed import on the data page with its message, without JavaScript', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page: Page = await context.newPage();
    await signInAs(page, 'region@demo.rsp');
    await page.goto('/analys/data');
    await page.getByLabel('Typ av data').selectOption('boundaries');
    await page.getByLabel('Namn', { exact: true }).fill('Trasiga gränser');
    await page.setInputFiles('#file', { name: 'granser.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature"') });
    await page.getByRole('button', { name: 'Starta import' }).click();
    await page.waitForURL(/\/analys\/data\/[0-9a-f-]{36}/);
    for (let i = 0; i < 40 && (await page.getByTestId('import-error').count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await page.getByTestId('import-error').textContent()).toContain('granser.geojson: not valid JSON');
    expect(await page.getByTestId('dataset-status').textContent()).toBe('Misslyckades');
    await context.close();
  });
});
