import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, expectAccessible, launch, newContext } from './browser';
import { ApiClient } from './http';
import { docxParagraphs } from '../../src/lib/server/documents/inspect';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const DIARY = 'RUN/536/2021';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function binary(client: ApiClient | null, path: string) {
  const res = await fetch(`${baseURL()}${path}`, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

/** A form post the way a browser without JavaScript sends it (same origin, multipart). */
async function postForm(client: ApiClient, path: string, form: FormData) {
  const res = await fetch(`${baseURL()}${path}`, { method: 'POST', body: form, headers: { cookie: client.cookie, origin: baseURL(), accept: 'text/html' }, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

interface Ids {
  caseId: string;
  decisionId: string;
  programmeId: string;
  consultationId: string;
}
let ids: Ids;

async function demoIds(region: ApiClient): Promise<Ids> {
  const cases = await region.get(`/api/v1/cases?diaryNumber=${encodeURIComponent(DIARY)}`);
  const caseId = cases.json[0].id;
  const decisions = await region.get(`/api/v1/cases/${caseId}/decisions`);
  const page = await fetch(`${baseURL()}/arenden/${caseId}`, { headers: { cookie: region.cookie } }).then((r) => r.text());
  const programmeId = /\/processplan\/([0-9a-f-]{36})/.exec(page)?.[1] ?? '';
  const consultationId = /\/remisser\/([0-9a-f-]{36})/.exec(page)?.[1] ?? '';
  return { caseId, decisionId: decisions.json[0].id, programmeId, consultationId };
}

describe('cases API', () => {
  it('finds the demo case by diary number and returns its delegation decision, Word document and process plan', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const cases = await region.get(`/api/v1/cases?diaryNumber=${encodeURIComponent(DIARY)}`);
    expect(cases.status).toBe(200);
    expect(cases.json).toHaveLength(1);
    expect(Object.keys(cases.json[0]).sort()).toEqual(['diaryNumber', 'id', 'opened', 'status', 'title']);
    expect(cases.json[0].diaryNumber).toBe(DIARY);
    ids = await demoIds(region);
    expect(ids.programmeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids.consultationId).toMatch(/^[0-9a-f-]{36}$/);

    const decisions = await region.get(`/api/v1/cases/${ids.caseId}/decisions`);
    expect(decisions.status).toBe(200);
    expect(decisions.json[0]).toMatchObject({
      date: '2023-10-24',
      decisionMaker: 'Regional utvecklingsdirektör',
      delegation: 'Regionala utvecklingsnämndens beslut § 89/2023',
      reportedTo: 'Regionala utvecklingsnämnden',
      signed: true
    });
    expect(decisions.json[0].points.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    expect(decisions.json[0].distribution.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining(['kommun-2380', 'lansstyrelsen-23', 'tillvaxtverket']));

    const word = await binary(region, `/api/v1/decisions/${ids.decisionId}.docx`);
    expect(word.status).toBe(200);
    expect(word.type).toContain('wordprocessingml');
    const paragraphs = await docxParagraphs(word.body);
    const order = ['RUN/536/2021', 'Ärendebeskrivning', 'Beslutsunderlag', 'Delegationsbestämmelse och delegation', 'Beslut', 'Regional utvecklingsdirektör', 'Anmälan', 'Utdrag till', 'Länets kommuner'];
    const positions = order.map((text) => paragraphs.indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const plan = await region.get(`/api/v1/programmes/${ids.programmeId}/process-plan`);
    expect(plan.status).toBe(200);
    expect(plan.json.roles.map((r: { role: string }) => r.role)).toEqual(['Beslutande organ/ägare', 'Styrgrupp', 'Arbetsgrupp', 'Kommunal referensgrupp/arbetsgrupp']);
    expect(plan.json.milestones[0]).toMatchObject({ date: '2022-02-22', decidedBy: 'Regionala utvecklingsnämnden', status: 'done' });

    const spec = await region.get('/api/v1/openapi.json');
    for (const path of ['/api/v1/cases', '/api/v1/cases/{id}/decisions', '/api/v1/decisions/{id}.docx', '/api/v1/programmes/{id}/process-plan']) expect(spec.json.paths[path], path).toBeDefined();
  });

  it('authorizes every endpoint: the public, a municipality, Länsstyrelsen and Tillväxtverket', async () => {
    const endpoints = [`/api/v1/cases?diaryNumber=${encodeURIComponent(DIARY)}`, `/api/v1/cases/${ids.caseId}/decisions`, `/api/v1/decisions/${ids.decisionId}.docx`, `/api/v1/programmes/${ids.programmeId}/process-plan`];
    const anonymous = new ApiClient();
    for (const path of endpoints) expect((await anonymous.get(path)).status, path).toBe(401);
    for (const path of [`/arenden/${ids.caseId}/dokument/00000000-0000-0000-0000-000000000000`, `/remisser/${ids.consultationId}/sammanstallning`]) expect((await anonymous.get(path)).status, path).toBe(401);

    // Users working in the county read the case, its decisions and its plan.
    for (const email of ['stromsund@demo.rsp', 'lansstyrelsen@demo.rsp']) {
      const client = await ApiClient.signedIn(email);
      expect((await client.get(endpoints[0])).json, email).toHaveLength(1);
      expect((await client.get(endpoints[1])).status).toBe(200);
      expect((await binary(client, endpoints[2])).status).toBe(200);
      expect((await client.get(endpoints[3])).status).toBe(200);
      // … but only the region compiles the consultation answers.
      expect((await binary(client, `/remisser/${ids.consultationId}/sammanstallning`)).status).toBe(403);
    }

    // Tillväxtverket works in no county: it sees no cases, but the signed decision sent to it.
    const agency = await ApiClient.signedIn('tillvaxtverket@demo.rsp');
    expect((await agency.get(endpoints[0])).json).toEqual([]);
    const sent = await agency.get(endpoints[1]);
    expect(sent.status).toBe(200);
    expect(sent.json.map((d: { id: string }) => d.id)).toEqual([ids.decisionId]);
    expect((await binary(agency, endpoints[2])).status).toBe(200);
    expect((await agency.get(endpoints[3])).status).toBe(403);
    expect((await agency.get(`/remisser/${ids.consultationId}/sammanstallning`)).status).toBe(403);

    const region = await ApiClient.signedIn('region@demo.rsp');
    expect((await region.get('/api/v1/cases/not-a-uuid/decisions')).status).toBe(404);
    expect((await region.get('/api/v1/decisions/00000000-0000-0000-0000-000000000000.docx')).status).toBe(404);
    expect((await region.get('/api/v1/programmes/not-a-programme/process-plan')).status).toBe(404);
    expect((await region.get('/api/v1/cases?diaryNumber=' + 'x'.repeat(100))).status).toBe(400);
  });

  it('refuses an upload whose content is not an allowed type, or that is too large, and stores nothing', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const before = await fetch(`${baseURL()}/arenden/${ids.caseId}`, { headers: { cookie: region.cookie } }).then((r) => r.text());
    const wrong = new FormData();
    wrong.set('file', new Blob([Buffer.from('MZ\x90\x00 this is an executable')]), 'protokoll.pdf');
    wrong.set('docTitle', 'Förklädd fil');
    const refused = await postForm(region, `/arenden/${ids.caseId}?/upload`, wrong);
    expect(refused.status).toBe(415);
    expect(refused.text).toContain('Filtypen är inte tillåten');
    const big = new FormData();
    const bytes = Buffer.alloc(20 * 1024 * 1024 + 1);
    PDF.copy(bytes);
    big.set('file', new Blob([bytes]), 'stor.pdf');
    big.set('docTitle', 'För stor fil');
    const tooLarge = await postForm(region, `/arenden/${ids.caseId}?/upload`, big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('Filen är för stor');
    const after = await fetch(`${baseURL()}/arenden/${ids.caseId}`, { headers: { cookie: region.cookie } }).then((r) => r.text());
    expect(after).not.toContain('Förklädd fil');
    expect(after).not.toContain('För stor fil');
    expect((after.match(/\/dokument\//g) ?? []).length).toBe((before.match(/\/dokument\//g) ?? []).length);
    // A municipality may not add documents to the region's case.
    const municipality = await ApiClient.signedIn('ostersund@demo.rsp');
    const form = new FormData();
    form.set('file', new Blob([PDF]), 'ok.pdf');
    expect((await postForm(municipality, `/arenden/${ids.caseId}?/upload`, form)).status).toBe(403);
  });
});

/**
 * Signs in and waits only until the next page starts arriving: the start page belongs to other domains, and
 * what it loads is not what these tests are about.
 */
async function signIn(page: Page, email: string, labels = { email: 'E-postadress', password: 'Lösenord', submit: 'Logga in' }): Promise<void> {
  // Under load, hydration can land after typing and reset the fields: wait for it, and try again if the
  // form came back unsent.
  for (let attempt = 1; ; attempt++) {
    await page.goto('/logga-in', { waitUntil: 'networkidle' });
    await page.getByLabel(labels.email).fill(email);
    await page.getByLabel(labels.password).fill('rsp-demo');
    await page.getByRole('button', { name: labels.submit }).click();
    try {
      await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'), { waitUntil: 'commit', timeout: 30_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function signedInPage(email: string, javaScriptEnabled = true): Promise<Page> {
  const context = await newContext(browser, { javaScriptEnabled });
  // Full-page form posts on a machine shared with other test runs: allow for a slow answer.
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

describe('cases in the browser', () => {
  it('a municipality answers the consultation and the region sees it in the compiled summary', async () => {
    const municipality = await signedInPage('ostersund@demo.rsp');
    await municipality.goto('/arenden');
    await expectAccessible(municipality);
    await municipality.getByRole('link', { name: /Remiss: Regionalt serviceprogram/ }).first().click();
    await municipality.waitForURL(/\/remisser\//, { timeout: 60_000 });
    await municipality.waitForLoadState('networkidle');
    await expectAccessible(municipality);
    await municipality.getByLabel('Allmänna synpunkter').fill('Östersunds kommun tillstyrker remissversionen i stort.');
    const chapterFields = municipality.getByLabel(/Synpunkter på kapitlet/);
    expect(await chapterFields.count()).toBeGreaterThan(1);
    await chapterFields.nth(1).fill('Analysen bör visa avstånden för de västra fjällbyarna.');
    await municipality.getByRole('button', { name: 'Skicka svaret' }).click();
    await municipality.getByText('Svaret är skickat och låst.').first().waitFor();
    expect(await municipality.getByRole('button', { name: 'Skicka svaret' }).count()).toBe(0);
    await expectAccessible(municipality);
    await municipality.goto('/remisser');
    await expectAccessible(municipality);
    expect(await municipality.locator('main').textContent()).toContain('Besvarad');
    await municipality.context().close();

    const region = await signedInPage('region@demo.rsp');
    await region.goto(`/remisser/${ids.consultationId}`);
    await expectAccessible(region);
    const summary = region.locator('section[aria-labelledby="summary-heading"]');
    expect(await summary.textContent()).toContain('Östersunds kommun tillstyrker remissversionen i stort.');
    expect(await summary.textContent()).toContain('Analysen bör visa avstånden för de västra fjällbyarna.');
    expect(await region.locator('table').first().textContent()).toMatch(/Strömsunds kommun\s*Försenad/);
    await region.getByRole('button', { name: 'Notera att en påminnelse skickats till Strömsunds kommun' }).click();
    await region.getByText('Påminnelsen är noterad.').waitFor();
    await region.goto('/remisser');
    await expectAccessible(region);
    await region.goto('/remisser/ny');
    await expectAccessible(region);
    // The summary in Word carries the same answer.
    const cookie = (await region.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const word = await fetch(`${baseURL()}/remisser/${ids.consultationId}/sammanstallning`, { headers: { cookie } });
    expect(word.status).toBe(200);
    expect(await docxParagraphs(Buffer.from(await word.arrayBuffer()))).toContain('Östersunds kommun tillstyrker remissversionen i stort.');
    await region.context().close();
  });

  it('the region opens a case, sees a wrong upload refused, drafts and signs a decision; every page passes axe', async () => {
    const page = await signedInPage('region@demo.rsp');
    await page.goto('/arenden', { waitUntil: 'networkidle' });
    await expectAccessible(page);
    // A taken diary number is refused with a clear message.
    await page.getByLabel(/^Diarienummer/).fill(DIARY);
    await page.getByLabel('Ärendemening').fill('Ett ärende till');
    await page.getByRole('button', { name: 'Öppna ärendet' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Diarienumret används redan');
    await expectAccessible(page);
    await page.getByLabel(/^Diarienummer/).fill('');
    await page.getByRole('button', { name: 'Öppna ärendet' }).click();
    await page.waitForURL(/\/arenden\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^RUN\/\d+\/\d{4}: Ett ärende till$/);
    await expectAccessible(page);

    await page.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'bild.png', mimeType: 'image/png', buffer: Buffer.from('<script>alert(1)</script>') });
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Filtypen är inte tillåten');
    await expectAccessible(page);
    await page.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'underlag.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel(/Dokumentets namn/).fill('Underlag');
    await page.getByRole('button', { name: 'Ladda upp' }).click();
    await page.getByText('Dokumentet har lagts till.').waitFor();
    expect(await page.locator('main table').textContent()).toContain('Underlag');

    await page.getByRole('link', { name: 'Nytt beslut' }).click();
    await page.waitForURL(/\/beslut\/ny$/, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Skapa beslutet' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Rubrik').fill('Beslut om underlag');
    await page.getByLabel('Beslutsfattare').fill('Regional utvecklingsdirektör');
    await page.getByLabel(/^Delegationsbestämmelse och delegation/).fill('Regionala utvecklingsnämndens beslut § 89/2023');
    await page.getByLabel('Beslutspunkt 1', { exact: true }).fill('Underlaget godkänns.');
    await page.getByLabel('Underlag', { exact: true }).check();
    await page.getByLabel('Tillväxtverket').check();
    await page.getByRole('button', { name: 'Skapa beslutet' }).click();
    await page.waitForURL(/\/beslut\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await expectAccessible(page);
    expect(await page.locator('article').textContent()).toContain('Underlaget godkänns.');
    await page.getByRole('button', { name: 'Signera beslutet' }).click();
    await page.getByText('Beslutet är signerat och låst.').waitFor();
    expect(await page.getByRole('button', { name: 'Spara utkast' }).count()).toBe(0);
    await expectAccessible(page);

    // The demo decision and the process plan.
    await page.goto(`/arenden/${ids.caseId}`);
    await expectAccessible(page);
    await page.goto(`/arenden/${ids.caseId}/beslut/${ids.decisionId}`);
    await expectAccessible(page);
    expect(await page.locator('article').textContent()).toContain('Länets kommuner');
    await page.goto(`/processplan/${ids.programmeId}`);
    await expectAccessible(page);
    expect(await page.locator('figure svg').count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('Regionala utvecklingsnämndens presidium');
    await page.context().close();
  });

  it('works without JavaScript: Strömsund saves a draft answer, then sends it', async () => {
    const page = await signedInPage('stromsund@demo.rsp', false);
    await page.goto(`/remisser/${ids.consultationId}`, { waitUntil: 'networkidle' });
    await page.getByLabel('Allmänna synpunkter').fill('Strömsunds kommun svarar efter påminnelsen.');
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByText('Utkastet är sparat.').waitFor();
    expect(await page.getByLabel('Allmänna synpunkter').inputValue()).toBe('Strömsunds kommun svarar efter påminnelsen.');
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await page.getByText('Svaret är skickat och låst.').first().waitFor();
    await page.context().close();
    const region = await signedInPage('region@demo.rsp', false);
    await region.goto(`/remisser/${ids.consultationId}`);
    expect(await region.locator('table').first().textContent()).toMatch(/Strömsunds kommun\s*Besvarad/);
    expect(await region.locator('section[aria-labelledby="summary-heading"]').textContent()).toContain('Strömsunds kommun svarar efter påminnelsen.');
    await region.context().close();
  });

  it('the region adds a milestone to the process plan; late and planned are computed; the page reads in English', async () => {
    const page = await signedInPage('region@demo.rsp');
    await page.goto(`/processplan/${ids.programmeId}`, { waitUntil: 'networkidle' });
    const rows = await page.locator('main table').first().locator('tbody tr').count();
    // The first empty milestone row follows the saved ones.
    await page.getByLabel('Från').nth(rows).fill('2099-03');
    await page.getByLabel('Anges som').nth(rows).selectOption('month');
    await page.getByLabel('Vad', { exact: true }).nth(rows).fill('Slutredovisning av programperioden');
    await page.getByLabel('Från').nth(rows + 1).fill('2020-01-15');
    await page.getByLabel('Vad', { exact: true }).nth(rows + 1).fill('Ett missat möte');
    await page.getByRole('button', { name: 'Spara processplanen' }).click();
    await page.getByText('Processplanen är sparad.').waitFor();
    const table = await page.locator('main table').first().textContent();
    expect(table).toContain('mars 2099Slutredovisning av programperioden–Planerad');
    expect(table).toContain('15 januari 2020Ett missat möte–Försenad');
    await expectAccessible(page);
    const word = await fetch(`${baseURL()}/processplan/${ids.programmeId}/word`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } });
    expect(await docxParagraphs(Buffer.from(await word.arrayBuffer()))).toEqual(expect.arrayContaining(['mars 2099', 'Slutredovisning av programperioden', 'Planerad', 'Försenad']));
    await page.context().close();

    const english = await newContext(browser, { locale: 'en-GB' });
    english.setDefaultTimeout(45_000);
    const en = await english.newPage();
    // The sign-in page follows the browser's language.
    await signIn(en, 'region@demo.rsp', { email: 'Email address', password: 'Password', submit: 'Sign in' });
    await en.goto(`/processplan/${ids.programmeId}`);
    expect(await en.getAttribute('html', 'lang')).toBe('en');
    expect(await en.locator('main').textContent()).toContain('Timeline');
    await expectAccessible(en);
    await english.close();
  });

  it('the region creates the process plan of a new programme', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const form = new FormData();
    form.set('title', 'Regionalt serviceprogram 2031–2038');
    form.set('periodStart', '2031');
    form.set('periodEnd', '2038');
    const created = await fetch(`${baseURL()}/program?/create`, { method: 'POST', body: form, headers: { cookie: region.cookie, origin: baseURL(), accept: 'text/html' }, redirect: 'manual' });
    const programmeId = /\/program\/([0-9a-f-]{36})/.exec(created.headers.get('location') ?? '')?.[1];
    expect(programmeId, `programme created (${created.status})`).toBeDefined();
    expect((await region.get(`/api/v1/programmes/${programmeId}/process-plan`)).status).toBe(404);
    const page = await signedInPage('region@demo.rsp');
    await page.goto(`/processplan/${programmeId}`, { waitUntil: 'networkidle' });
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Skapa processplanen' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Rubrik').fill('Processplan 2031–2038');
    await page.getByLabel('Roll', { exact: true }).first().fill('Styrgrupp');
    await page.getByLabel('Vem/vilka?').first().fill('Nämndens presidium');
    await page.getByLabel('Uppgift').first().fill('Leder arbetet');
    await page.getByRole('button', { name: 'Skapa processplanen' }).click();
    await page.getByText('Processplanen är sparad.').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Processplan 2031–2038');
    await expectAccessible(page);
    expect((await region.get(`/api/v1/programmes/${programmeId}/process-plan`)).json.roles).toEqual([{ role: 'Styrgrupp', who: 'Nämndens presidium', task: 'Leder arbetet' }]);
    await page.context().close();
  });

  it('the region sends a new consultation round through the form', async () => {
    const page = await signedInPage('region@demo.rsp');
    await page.goto('/remisser/ny', { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Skicka remissen' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Rubrik').fill('Remiss: förslag till ändrade prioriteringar');
    await page.getByLabel('Sista svarsdag').fill('2099-06-30');
    await page.getByRole('button', { name: 'Skicka remissen' }).click();
    await page.waitForURL(/\/remisser\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const recipients = await page.locator('table').first().textContent();
    for (const name of ['Ragunda kommun', 'Östersunds kommun', 'Länsstyrelsen Jämtlands län']) expect(recipients).toContain(name);
    expect(recipients).not.toContain('Tillväxtverket');
    expect(recipients).toContain('Inte besvarad');
    await expectAccessible(page);
    await page.context().close();
  });

  it('a recipient outside the county reads the decision sent to it, but not the case', async () => {
    const page = await signedInPage('tillvaxtverket@demo.rsp');
    await page.goto('/arenden');
    await expectAccessible(page);
    await page.getByRole('link', { name: /Handlingsplan 2023 och 2024/ }).click();
    await page.waitForURL(/\/beslut\//, { timeout: 60_000 });
    await expectAccessible(page);
    const response = await page.goto(`/arenden/${ids.caseId}`);
    expect(response?.status()).toBe(403);
    await page.context().close();
  });
});
