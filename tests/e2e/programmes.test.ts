import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, expectAccessible, launch, newContext } from './browser';
import { ApiClient } from './http';
import { docxParagraphs, xlsxSheets } from '../../src/lib/server/documents/inspect';

const DEMO = {
  region: 'region@demo.rsp',
  ostersund: 'ostersund@demo.rsp',
  stromsund: 'stromsund@demo.rsp',
  lansstyrelsen: 'lansstyrelsen@demo.rsp',
  tillvaxtverket: 'tillvaxtverket@demo.rsp'
} as const;

let browser: Browser;
const clients: Record<keyof typeof DEMO, ApiClient> = {} as never;
let programmeId: string;

beforeAll(async () => {
  browser = await launch();
  for (const [key, email] of Object.entries(DEMO)) clients[key as keyof typeof DEMO] = await ApiClient.signedIn(email);
  // Other e2e files share this server and may add programmes (e.g. 2031–2038): pick the demo one by period.
  const list = await clients.region.get('/api/v1/programmes?county=23');
  programmeId = list.json.find((p: { periodStart: number }) => p.periodStart === 2023).id;
});
afterAll(async () => {
  await browser?.close();
});

async function download(client: ApiClient | null, path: string): Promise<{ status: number; type: string | null; body: Buffer }> {
  const res = await fetch(`${baseURL()}${path}`, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

describe('programmes API: shapes and authorization of every endpoint', () => {
  it('lists the programmes of a county: the county and Tillväxtverket may, another county and the public may not', async () => {
    const res = await clients.region.get('/api/v1/programmes?county=23');
    expect(res.status).toBe(200);
    expect(res.json).toContainEqual({
      id: programmeId,
      countyCode: '23',
      title: 'Regionalt serviceprogram Jämtland Härjedalen 2023–2030',
      periodStart: 2023,
      periodEnd: 2030,
      status: 'adopted',
      adopted: { date: '2023-05-23', body: 'Regionala utvecklingsnämnden', paragraph: '§ 89' }
    });
    expect(res.json.every((p: { countyCode: string }) => p.countyCode === '23')).toBe(true);
    for (const who of ['ostersund', 'lansstyrelsen', 'tillvaxtverket'] as const) expect((await clients[who].get('/api/v1/programmes?county=23')).status).toBe(200);
    expect((await clients.region.get('/api/v1/programmes?county=24')).status).toBe(403);
    expect((await clients.ostersund.get('/api/v1/programmes?county=25')).status).toBe(403);
    expect((await new ApiClient().get('/api/v1/programmes?county=23')).status).toBe(401);
    const bad = await clients.region.get('/api/v1/programmes?county=x');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.county).toBe('Ange länskoden med två siffror, till exempel 23.');
  });

  it('reads an action plan: the county and (adopted) Tillväxtverket; 401 for the public, 404 for a year without plan', async () => {
    const res = await clients.region.get(`/api/v1/programmes/${programmeId}/action-plans/2024`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ year: 2024, status: 'adopted', adopted: { date: '2023-10-24', body: 'Regional utvecklingsdirektör', paragraph: null } });
    expect(res.json.interventions.length).toBeGreaterThanOrEqual(8);
    expect(res.json.interventions[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), responsible: expect.any(Array), version: expect.any(Number) });
    expect(res.json.interventions[0]).toHaveProperty('budgetSek');
    expect(res.json.interventions[0].goals[0]).toMatchObject({ indicator: expect.any(String), unit: expect.any(String), target: expect.any(Number) });
    for (const who of ['ostersund', 'stromsund', 'lansstyrelsen', 'tillvaxtverket'] as const) expect((await clients[who].get(`/api/v1/programmes/${programmeId}/action-plans/2024`)).status).toBe(200);
    expect((await new ApiClient().get(`/api/v1/programmes/${programmeId}/action-plans/2024`)).status).toBe(401);
    expect((await clients.region.get(`/api/v1/programmes/${programmeId}/action-plans/2029`)).status).toBe(404);
    expect((await clients.region.get(`/api/v1/programmes/not-a-uuid/action-plans/2024`)).status).toBe(404);
  });

  it('refuses changes to an adopted (frozen) plan: 409 for the region editor, 403 for everyone else, 401 for the public', async () => {
    const plan = (await clients.region.get(`/api/v1/programmes/${programmeId}/action-plans/2023`)).json;
    const i = plan.interventions[0];
    const body = { version: i.version, title: i.title, responsibleOrganisationIds: ['region-23'], goals: [] };
    const path = `/api/v1/programmes/${programmeId}/action-plans/2023/interventions/${i.id}`;
    const frozen = await clients.region.request('PUT', path, body);
    expect(frozen.status).toBe(409);
    expect(frozen.json.error.message).toBe('Handlingsplanen är fastställd och kan inte ändras.');
    for (const who of ['ostersund', 'stromsund', 'lansstyrelsen', 'tillvaxtverket'] as const) expect((await clients[who].request('PUT', path, body)).status).toBe(403);
    expect((await new ApiClient().request('PUT', path, body)).status).toBe(401);
  });

  it('saves an intervention of a draft plan with the version read: 200 new version, 409 stale, 400 field errors, 403 others', async () => {
    const created = await clients.region.post(`/api/v1/programmes/${programmeId}/action-plans`, { year: 2029, introduction: 'Utkast.' });
    expect(created.status).toBe(201);
    expect((await clients.ostersund.post(`/api/v1/programmes/${programmeId}/action-plans`, { year: 2028 })).status).toBe(403);
    expect((await clients.region.post(`/api/v1/programmes/${programmeId}/action-plans`, { year: 2029 })).status).toBe(409);
    const base = `/api/v1/programmes/${programmeId}/action-plans/2029/interventions`;
    const add = await clients.region.post(base, {
      title: 'Hemsändning i fjällbyarna',
      responsibleOrganisationIds: ['kommun-2361'],
      goalCodes: ['M4'],
      budgetSek: 90000,
      goals: [{ indicator: 'Hushåll med hemsändning', unit: 'hushåll', baseline: 30, target: 45, targetDate: '2029-12-31' }]
    });
    expect(add.status).toBe(201);
    for (const who of ['ostersund', 'lansstyrelsen', 'tillvaxtverket'] as const) expect((await clients[who].post(base, { title: 'X', responsibleRole: 'Y' })).status).toBe(403);
    expect((await new ApiClient().post(base, { title: 'X', responsibleRole: 'Y' })).status).toBe(401);
    expect((await clients.region.post(base, { title: '', goals: [] })).json.error.fields).toMatchObject({ title: 'Ange en rubrik.', responsibleOrganisationIds: 'Ange en ansvarig organisation eller en ansvarig roll.' });
    const i = add.json;
    const path = `${base}/${i.id}`;
    const body = { version: i.version, title: 'Hemsändning i Härjedalens fjällbyar', responsibleOrganisationIds: ['kommun-2361'], responsibleRole: 'Landsbygdsutvecklare', budgetSek: 95000, goals: [{ id: i.goals[0].id, indicator: 'Hushåll med hemsändning', unit: 'hushåll', baseline: 30, target: 50 }] };
    const saved = await clients.region.request('PUT', path, body);
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ version: i.version + 1, title: 'Hemsändning i Härjedalens fjällbyar', budgetSek: 95000, goals: [{ id: i.goals[0].id, target: 50 }] });
    const stale = await clients.region.request('PUT', path, { ...body, title: 'Ett annat namn' });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.current.title).toBe('Hemsändning i Härjedalens fjällbyar');
    const bad = await clients.region.request('PUT', path, { ...body, version: saved.json.version, title: '', budgetSek: -5, goals: [{ indicator: 'x', unit: 'st', target: 'hög' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toMatchObject({ title: 'Ange en rubrik.', budgetSek: 'Ange budgeten i hela kronor, utan decimaler.', 'goals.0.target': 'Ange ett målvärde som ett tal.' });
    const malformed = await clients.region.request('PUT', path, undefined, '{not json');
    expect(malformed.status).toBe(400);
    for (const who of ['ostersund', 'stromsund', 'lansstyrelsen', 'tillvaxtverket'] as const) {
      expect((await clients[who].request('PUT', path, { ...body, version: saved.json.version })).status).toBe(403);
    }
    // A draft plan is the county's own work in progress: Tillväxtverket cannot read it.
    expect((await clients.tillvaxtverket.get(`/api/v1/programmes/${programmeId}/action-plans/2029`)).status).toBe(403);
    expect((await clients.region.request('PUT', `${base}/00000000-0000-4000-8000-000000000000`, { ...body, version: 1 })).status).toBe(404);
  });

  it('shows follow-ups to Tillväxtverket only once submitted', async () => {
    expect((await clients.tillvaxtverket.get(`/api/v1/programmes/${programmeId}/follow-ups/2023`)).json).toMatchObject({ year: 2023, status: 'submitted', submittedDate: '2024-03-27' });
    expect((await clients.tillvaxtverket.get(`/api/v1/programmes/${programmeId}/follow-ups/2024`)).status).toBe(403);
    expect((await clients.region.get(`/api/v1/programmes/${programmeId}/follow-ups/2024`)).json.status).toBe('in_progress');
    expect((await new ApiClient().get(`/api/v1/programmes/${programmeId}/follow-ups/2023`)).status).toBe(401);
    const overview = await clients.tillvaxtverket.get('/api/v1/programmes/overview?year=2023');
    expect(overview.json.rows).toHaveLength(21);
    expect(overview.json.rows.find((r: { countyCode: string }) => r.countyCode === '23').followUp.state).toBe('submitted');
    expect((await clients.region.get('/api/v1/programmes/overview?year=2023')).status).toBe(403);
  });

  it('exports the demo 2024 plan as Word and the 2023 follow-up as Word and Excel, for those who may read them', async () => {
    const plan = (await clients.region.get(`/api/v1/programmes/${programmeId}/action-plans/2024`)).json;
    const docx = await download(clients.region, `/api/v1/programmes/${programmeId}/action-plans/2024.docx`);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('wordprocessingml');
    const text = (await docxParagraphs(docx.body)).join('\n');
    for (const i of plan.interventions) {
      expect(text).toContain(i.title);
      for (const g of i.goals) expect(text).toContain(g.indicator);
    }
    const followUp = (await clients.tillvaxtverket.get(`/api/v1/programmes/${programmeId}/follow-ups/2023`)).json;
    const fdocx = await download(clients.tillvaxtverket, `/api/v1/programmes/${programmeId}/follow-ups/2023.docx`);
    expect(fdocx.status).toBe(200);
    const ftext = (await docxParagraphs(fdocx.body)).join('\n');
    const xlsx = await download(clients.tillvaxtverket, `/api/v1/programmes/${programmeId}/follow-ups/2023.xlsx`);
    expect(xlsx.type).toContain('spreadsheetml');
    const rows = (await xlsxSheets(xlsx.body))['Uppföljning 2023'].slice(1);
    for (const i of followUp.interventions) {
      expect(ftext).toContain(i.title);
      for (const g of i.goals) {
        expect(ftext).toContain(g.indicator);
        expect(rows).toContainEqual(expect.arrayContaining([i.title, g.indicator, g.target]));
      }
    }
    expect((await download(clients.tillvaxtverket, `/api/v1/programmes/${programmeId}/follow-ups/2024.xlsx`)).status).toBe(403);
    for (const path of ['action-plans/2024.docx', 'follow-ups/2023.docx', 'follow-ups/2023.xlsx']) {
      expect((await download(null, `/api/v1/programmes/${programmeId}/${path}`)).status).toBe(401);
      expect((await download(clients.ostersund, `/api/v1/programmes/${programmeId}/${path}`)).status).toBe(200);
    }
    expect((await download(clients.tillvaxtverket, `/api/v1/programmes/${programmeId}/follow-ups/2024.docx`)).status).toBe(403);
    expect((await download(clients.tillvaxtverket, `/api/v1/programmes/${programmeId}/action-plans/2029.docx`)).status).toBe(403);
    const spec = await new ApiClient().get('/api/v1/openapi.json');
    expect(Object.keys(spec.json.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/programmes',
        '/api/v1/programmes/{id}/action-plans/{year}',
        '/api/v1/programmes/{id}/action-plans/{year}/interventions/{interventionId}',
        '/api/v1/programmes/{id}/action-plans/{year}.docx',
        '/api/v1/programmes/{id}/follow-ups/{year}.xlsx',
        '/api/v1/programmes/{id}/follow-ups/{year}.docx'
      ])
    );
  });
});

/** The machine running the suite may be busy: give each step more time than the shared default. */
async function slowContext(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, options);
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  return context;
}

/**
 * signInAs, but first letting the sign-in page finish loading its scripts: on a busy machine a click during
 * hydration was seen to get lost, leaving the test waiting on the sign-in page.
 */
async function signIn(page: Page, email: string) {
  await page.goto('/logga-in', { waitUntil: 'networkidle' });
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill('rsp-demo');
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/logga-in')), page.getByRole('button', { name: 'Logga in' }).click()]);
}

async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await expectAccessible(page);
}

describe('programmes in the browser', () => {
  it('walks a region editor from the 2024 plan to a submitted 2025 follow-up that Tillväxtverket then sees', async () => {
    const context = await slowContext();
    const page = await context.newPage();
    await signIn(page, DEMO.region);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Serviceprogram' }).click();
    await page.waitForURL(/\/program$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Regionalt serviceprogram Jämtland Härjedalen 2023–2030' }).click();
    await page.waitForURL(/\/program\/[0-9a-f-]+$/);
    await expectAccessible(page);

    // The 2024 plan is adopted in the demo: frozen, no way to add to it.
    await page.getByRole('link', { name: 'Handlingsplan 2024' }).click();
    await page.waitForURL(/handlingsplan\/2024$/);
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).toContain('Planen är fastställd och låst');
    expect(await page.getByRole('link', { name: 'Lägg till en insats' }).count()).toBe(0);

    // Its follow-up is in progress: next year's plan starts from it with what was not done.
    await page.getByRole('link', { name: 'Gå till uppföljningen 2024' }).click();
    await page.waitForURL(/uppfoljning\/2024$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Starta handlingsplan 2025 från uppföljningen' }).click();
    await page.waitForURL(/handlingsplan\/2025$/);
    await expectAccessible(page);
    const carried = await page.locator('article.intervention').count();
    expect(carried).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).toContain('Överförd från föregående år');

    // Add an intervention with a measurable goal; a wrong target first shows the error summary.
    await page.getByRole('link', { name: 'Lägg till en insats' }).click();
    await page.waitForURL(/insats\/ny$/);
    await expectAccessible(page);
    await page.getByLabel('Insatsens namn').fill('Varuautomater i tre byar');
    await page.getByLabel('M4 Nya lösningar för service').check();
    await page.getByLabel('Härjedalens kommun').check();
    await page.getByLabel('Budget i kronor').fill('120 000');
    const goal = page.getByRole('group', { name: 'Mål 1' });
    await goal.getByLabel('Indikator').fill('Byar med varuautomat');
    await goal.getByLabel('Enhet').fill('antal');
    await goal.getByLabel('Utgångsvärde').fill('0');
    await goal.getByLabel('Målvärde').fill('tre');
    await page.getByRole('button', { name: 'Spara insatsen' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.locator('.error-summary').textContent()).toContain('Ange ett målvärde som ett tal.');
    await expectAccessible(page);
    await page.getByRole('group', { name: 'Mål 1' }).getByLabel('Målvärde').fill('3');
    await page.getByRole('button', { name: 'Spara insatsen' }).click();
    await page.waitForURL(/handlingsplan\/2025$/);
    expect(await page.locator('article.intervention').count()).toBe(carried + 1);
    expect(await page.locator('main').textContent()).toContain('Byar med varuautomat');
    // Editing keeps the goal (same form, now with the saved values and an empty row for one more goal).
    await page.getByRole('link', { name: 'Ändra insatsen Varuautomater i tre byar' }).click();
    await page.waitForURL(/insats\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    expect(await page.getByRole('group', { name: 'Mål 1' }).getByLabel('Målvärde').inputValue()).toBe('3');
    await page.getByLabel('Budget i kronor').fill('125000');
    await page.getByRole('button', { name: 'Spara insatsen' }).click();
    await page.waitForURL(/handlingsplan\/2025$/);
    expect(await page.locator('main').textContent()).toContain('125');

    // A stale save: someone saves over the API while the form is open; the page shows both, then saving again wins.
    await page.getByRole('link', { name: 'Ändra insatsen Varuautomater i tre byar' }).click();
    await page.waitForURL(/insats\/[0-9a-f-]{36}$/);
    const interventionId = page.url().split('/').pop()!;
    const current = (await clients.region.get(`/api/v1/programmes/${programmeId}/action-plans/2025`)).json.interventions.find((x: { id: string }) => x.id === interventionId);
    const other = await clients.region.request('PUT', `/api/v1/programmes/${programmeId}/action-plans/2025/interventions/${interventionId}`, {
      version: current.version,
      title: current.title,
      goalCodes: current.goalCodes,
      responsibleOrganisationIds: current.responsible.map((r: { organisationId: string }) => r.organisationId),
      budgetSek: 130000,
      goals: current.goals
    });
    expect(other.status).toBe(200);
    await page.getByLabel('Budget i kronor').fill('140000');
    await page.getByRole('button', { name: 'Spara insatsen' }).click();
    await page.waitForSelector('text=Den sparade versionen just nu');
    expect(await page.locator('main').textContent()).toContain('130000');
    expect(await page.getByLabel('Budget i kronor').inputValue()).toBe('140000');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Spara insatsen' }).click();
    await page.waitForURL(/handlingsplan\/2025$/);
    expect(await page.locator('main').textContent()).toContain('140');

    // Adopt by delegation.
    await page.getByLabel('Beslutsdatum').fill('2025-01-20');
    await page.getByLabel('Beslutat av').fill('Regional utvecklingsdirektör');
    await page.getByLabel('Delegationsbestämmelse').fill('Regionala utvecklingsnämndens beslut § 89/2023');
    await page.getByLabel('Beslutets diarienummer eller referens').fill('RUN/536/2021');
    await page.getByRole('button', { name: 'Fastställ' }).click();
    await page.waitForSelector('text=Fastställd 2025-01-20 av Regional utvecklingsdirektör');
    await expectAccessible(page);

    // Fill in the follow-up and submit it.
    await page.getByRole('link', { name: 'Gå till uppföljningen 2025' }).click();
    await page.waitForURL(/uppfoljning\/2025$/);
    await expectAccessible(page);
    const statuses = page.locator('select[name^="status."]');
    for (let n = 0; n < (await statuses.count()); n++) await statuses.nth(n).selectOption(n % 2 ? 'delvis' : 'genomford');
    await page.getByLabel('Utfall för Byar med varuautomat').fill('2');
    await page.getByLabel('Sammanfattning').fill('Varuautomaterna kom på plats i två av tre byar.');
    await page.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await page.waitForSelector('text=Uppföljningen är sparad.');
    await page.getByRole('button', { name: 'Lämna in uppföljningen' }).click();
    await page.waitForSelector('text=Uppföljningen är inlämnad till Tillväxtverket.');
    await expectAccessible(page);
    expect(await page.getByRole('button', { name: 'Spara uppföljningen' }).count()).toBe(0);
    await context.close();

    // Tillväxtverket: the menu leads to the national overview, where county 23 has submitted 2025.
    const tvv = await slowContext();
    const tpage = await tvv.newPage();
    await signIn(tpage, DEMO.tillvaxtverket);
    await tpage.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Serviceprogram' }).click();
    await tpage.waitForURL(/\/oversikt/);
    await tpage.getByLabel('År').selectOption('2025');
    await tpage.getByRole('button', { name: 'Visa' }).click();
    await tpage.waitForURL(/ar=2025/);
    await expectAccessible(tpage);
    expect(await tpage.locator('tr[data-county="23"]').textContent()).toContain('Inlämnad');
    await tpage.getByRole('link', { name: 'Läs uppföljningen för Jämtlands län' }).click();
    await tpage.waitForURL(/uppfoljning\/2025$/);
    await expectAccessible(tpage);
    expect(await tpage.locator('main').textContent()).toContain('Varuautomaterna kom på plats i två av tre byar.');
    expect(await tpage.locator('h1').textContent()).toContain('Inlämnad');
    await tvv.close();
  }, 600_000);

  it('shows versions, comparison, municipal plans and the network accessibly, and lets a municipality edit only its own plan', async () => {
    const context = await slowContext();
    const page = await context.newPage();
    await signIn(page, DEMO.region);
    await visit(page, `/program/${programmeId}`);
    const versionLinks = page.getByRole('link', { name: /^Version \d$/ });
    expect(await versionLinks.count()).toBe(2);
    await page.getByRole('button', { name: 'Jämför' }).click();
    await page.waitForURL(/jamfor\?a=/);
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).toContain('Ändrat');
    await visit(page, `/program/${programmeId}`);
    await page.getByRole('link', { name: 'Version 1' }).click();
    await page.waitForURL(/version\//);
    await expectAccessible(page);
    // A change to the adopted programme is a new draft version, edited in the line-based form.
    await visit(page, `/program/${programmeId}`);
    await page.getByRole('button', { name: 'Skapa en ny version' }).click();
    await page.waitForURL(/version\//);
    await expectAccessible(page);
    await page.getByLabel('Bakgrund', { exact: true }).fill('Reviderad bakgrund efter halvtidsuppföljningen.');
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.waitForSelector('text=Versionen är sparad.');
    await visit(page, `/program/${programmeId}`);
    expect(await page.getByRole('link', { name: /^Version \d$/ }).count()).toBe(3);
    await visit(page, '/kommunala-serviceplaner');
    expect(await page.locator('main').textContent()).toContain('Serviceplan för Strömsunds kommun 2023–2027');
    await visit(page, '/natverk');
    expect(await page.locator('main').textContent()).toContain('Service Z');
    await page.getByRole('link', { name: '2024-10-15' }).click();
    await page.waitForURL(/natverk\/mote\//);
    await expectAccessible(page);
    await context.close();

    const mctx = await slowContext();
    const mpage = await mctx.newPage();
    await signIn(mpage, DEMO.ostersund);
    await visit(mpage, '/kommunala-serviceplaner/2380');
    await mpage.getByLabel('Prioriteringar').fill('Behålla butikerna i ytterområdena\nLaddplats vid varje lanthandel');
    await mpage.getByRole('button', { name: 'Spara serviceplanen' }).click();
    await mpage.waitForSelector('text=Serviceplanen är sparad.');
    await visit(mpage, '/kommunala-serviceplaner/2313');
    expect(await mpage.getByRole('button', { name: 'Spara serviceplanen' }).count()).toBe(0);
    await visit(mpage, '/kommunala-serviceplaner');
    expect(await mpage.locator('main').textContent()).toContain('Laddplats vid varje lanthandel');
    await mctx.close();
  }, 600_000);
});
