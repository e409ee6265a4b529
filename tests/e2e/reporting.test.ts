import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseURL, expectAccessible, launch, newContext } from './browser';
import { ApiClient } from './http';
import { docxParagraphs } from '../../src/lib/server/documents/inspect';
import { countCharacters } from '../../src/lib/reporting/count';

/**
 * The result report (issue 5) end to end, on the demo data: Jämtland Härjedalen's 2024 report is partly
 * written with 5.1 answered. The tests run in order and share that one report.
 */
const REPORT = '/api/v1/result-reports/23/2024';
const PAGE = '/resultatredovisning/23/2024';
const SECTION_TITLES = [
  '1. Likvärdiga möjligheter till boende, arbete och välfärd',
  '2. Kompetensförsörjning och kompetensutveckling',
  '3. Innovation och förnyelse samt entreprenörskap och företagande',
  '4. Tillgänglighet genom digital kommunikation och transportsystemet',
  '5. Anslag 1:1 Regionala utvecklingsåtgärder',
  '6. Analys, uppföljning och utvärdering'
];
/**
 * Signs a browser context in through the API and hands it the session cookie: the sign-in form itself is
 * tested once below and in shell.test.ts, and password hashing under a loaded machine makes it slow.
 */
async function signedInContext(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const client = await ApiClient.signedIn(email);
  const context = await newContext(browser, options);
  const [name, value] = client.cookie.split('=');
  await context.addCookies([{ name, value, url: baseURL() }]);
  // This machine is shared and sometimes loaded: give each step more room than the default.
  context.setDefaultTimeout(30_000);
  return context;
}

const sv = (n: number) => new Intl.NumberFormat('sv-SE').format(n);
const spaces = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('result report API', () => {
  it('gives the region the report with the 2024 template, answers, versions and counts', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const res = await region.get(REPORT);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('draft');
    expect(res.json.template.year).toBe(2024);
    expect(res.json.template.sections.map((s: { number: number; limit: number }) => [s.number, s.limit])).toEqual([
      [1, 11000], [2, 15000], [3, 15000], [4, 11000], [5, 8000], [6, 5000]
    ]);
    expect(res.json.template.sections[4].questions.map((q: { number: string; kind: string }) => `${q.number}:${q.kind}`)).toEqual([
      '5.1a:choice', '5.1b:choice', '5.1c:choice', '5.1d:choice', '5.2:text', '5.3:text'
    ]);
    expect(['5.1a', '5.1b', '5.1c', '5.1d'].map((q) => res.json.answers[q].choice)).toEqual(['yes', 'yes', 'yes', 'na']);
    expect(res.json.answers['1.1']).toMatchObject({ version: 1 });
    expect(res.json.answers['1.5'].basis).toBe('egen_bedomning');
    expect(res.json.counts['1']).toBeGreaterThan(100);
    expect(res.json.counts['4']).toBe(0);
  });

  it('exports the demo report to Word with every section title, every question and ☒/☐ for 5.1', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const json = (await region.get(REPORT)).json;
    const res = await fetch(`${baseURL()}${REPORT}.docx`, { headers: { cookie: region.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toContain('Resultatredovisning%202024');
    const paragraphs = await docxParagraphs(new Uint8Array(await res.arrayBuffer()));
    const text = paragraphs.join('\n');
    for (const title of SECTION_TITLES) expect(paragraphs).toContain(title);
    for (const section of json.template.sections) {
      for (const q of section.questions) expect(text).toContain(q.text);
      expect(text).toContain(`Antal tecken i avsnittet: ${sv(json.counts[String(section.number)])} av ${sv(section.limit)}.`);
    }
    expect(paragraphs.filter((p) => p === 'Ja ☒')).toHaveLength(3);
    expect(paragraphs.filter((p) => p === 'Nej ☐')).toHaveLength(4);
    expect(paragraphs).toContain('Ej aktuellt ☒');
    expect(paragraphs).toContain('Ja ☐');
  });

  it('accepts an answer that brings a section exactly to its limit and rejects one character more', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const before = (await region.get(REPORT)).json;
    const others = before.counts['6'];
    expect(before.answers['6.2'].version).toBe(0);
    const room = 5000 - others;
    // A decomposed "å" counts once and line breaks not at all, exactly as in the browser.
    const exact = 'a\u030a' + '\r\n' + 'x'.repeat(room - 1);
    const ok = await region.request('PUT', `${REPORT}/answers/6.2`, { text: exact, version: 0 });
    expect(ok.status).toBe(200);
    expect(ok.json.version).toBe(1);
    expect(ok.json.counts['6']).toBe(5000);
    const over = await region.request('PUT', `${REPORT}/answers/6.2`, { text: exact + '.', version: 1 });
    expect(over.status).toBe(400);
    expect(over.json.error.details).toEqual({ section: 6, count: 5001, limit: 5000 });
    expect(over.json.error.message).toContain('Avsnitt 6');
    expect(over.json.error.message.replace(/\s/g, ' ')).toContain('5 001');
    expect(over.json.error.message.replace(/\s/g, ' ')).toContain('5 000');
    // Back to a short answer so the report can be submitted later.
    const short = await region.request('PUT', `${REPORT}/answers/6.2`, { text: 'Hållbarhet ingår i varje analys.', version: 1 });
    expect(short.status).toBe(200);
    expect(short.json.version).toBe(2);
  });

  it('answers 409 with the saved text on a stale version, and 400 for malformed input', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const admin = await ApiClient.signedIn('region.admin@demo.rsp');
    const first = await region.request('PUT', `${REPORT}/answers/4.1`, { text: 'Bredband till alla byar.', version: 0 });
    expect(first.status).toBe(200);
    const second = await admin.request('PUT', `${REPORT}/answers/4.1`, { text: 'Bredband och vägar.', version: 0 });
    expect(second.status).toBe(409);
    expect(second.json.error.details.current).toMatchObject({ text: 'Bredband till alla byar.', version: 1 });
    expect((await region.request('PUT', `${REPORT}/answers/4.1`, { text: 'x' })).status).toBe(400);
    expect((await region.request('PUT', `${REPORT}/answers/4.1`, undefined, '{not json')).status).toBe(400);
    expect((await region.request('PUT', `${REPORT}/answers/5.1a`, { text: '', choice: 'maybe', version: 1 })).status).toBe(400);
    expect((await region.request('PUT', `${REPORT}/answers/9.9`, { text: '', version: 0 })).status).toBe(404);
    const history = await region.get(`${REPORT}/answers/6.2/history`);
    expect(history.json.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history.json[0].savedBy).toBe('Handläggare kommersiell service (demo)');
  });

  it('lets only the region edit: municipalities, Länsstyrelsen and Tillväxtverket get 403, the public 401', async () => {
    const body = { text: 'Försök.', version: 0 };
    for (const email of ['ostersund@demo.rsp', 'lansstyrelsen@demo.rsp', 'tillvaxtverket@demo.rsp']) {
      const client = await ApiClient.signedIn(email);
      expect((await client.request('PUT', `${REPORT}/answers/3.1`, body)).status, email).toBe(403);
      expect((await client.post(`${REPORT}/submit`)).status, email).toBe(403);
    }
    // Those in the county read the draft; Tillväxtverket does not until it is submitted.
    expect((await (await ApiClient.signedIn('ostersund@demo.rsp')).get(REPORT)).status).toBe(200);
    expect((await (await ApiClient.signedIn('tillvaxtverket@demo.rsp')).get(REPORT)).status).toBe(403);
    expect((await (await ApiClient.signedIn('tillvaxtverket@demo.rsp')).get(`${REPORT}.docx`)).status).toBe(403);
    expect((await (await ApiClient.signedIn('region@demo.rsp')).get('/api/v1/result-reports?year=2024')).status).toBe(403);
    const anonymous = new ApiClient();
    expect((await anonymous.get(REPORT)).status).toBe(401);
    expect((await anonymous.request('PUT', `${REPORT}/answers/3.1`, body)).status).toBe(401);
    expect((await anonymous.get(`${REPORT}.docx`)).status).toBe(401);
  });

  it('refuses submission with a list of what blocks it', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const current = (await region.get(REPORT)).json.answers['5.1a'];
    // Unset the required choice of 5.1a: the browser test sets it again before submitting.
    const cleared = await region.request('PUT', `${REPORT}/answers/5.1a`, { text: current.text, choice: null, version: current.version });
    expect(cleared.status).toBe(200);
    const res = await region.post(`${REPORT}/submit`);
    expect(res.status).toBe(400);
    expect(res.json.error.details.problems).toEqual([{ kind: 'choiceMissing', section: 5, question: '5.1a' }]);
    expect(Object.keys(res.json.error.fields)).toEqual(['question-5.1a']);
  });

  it('lists its endpoints in the OpenAPI document', async () => {
    const res = await new ApiClient().get('/api/v1/openapi.json');
    for (const path of [
      '/api/v1/result-reports/{countyCode}/{year}',
      '/api/v1/result-reports/{countyCode}/{year}.docx',
      '/api/v1/result-reports/{countyCode}/{year}/answers/{questionNumber}',
      '/api/v1/result-reports/{countyCode}/{year}/submit'
    ]) {
      expect(res.json.paths[path], path).toBeDefined();
    }
    expect(res.json.paths['/api/v1/result-reports/{countyCode}/{year}/answers/{questionNumber}'].put.responses['409']).toBeDefined();
  });
});

async function counterValue(page: Page, testId: string): Promise<number> {
  const text = spaces(await page.getByTestId(testId).textContent());
  // "… Avsnittet totalt: 1 234 av 8 000 tecken"
  const match = /Avsnittet totalt: ([\d ]+) av/.exec(text);
  if (!match) throw new Error(`no section total in "${text}"`);
  return Number(match[1].replace(/ /g, ''));
}

describe('result report in the browser', () => {
  it('types into an answer with a live counter, completes 5.1 and submits; Tillväxtverket then reads it', async () => {
    const context = await signedInContext('region@demo.rsp');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Resultatredovisning', exact: true }).click();
    await page.waitForURL(/\/resultatredovisning$/);
    await expectAccessible(page);
    await page.getByRole('link', { name: /Resultatredovisning 2024, Jämtlands län/ }).click();
    await page.waitForURL(new RegExp(`${PAGE}$`));
    expect(spaces(await page.locator('main').textContent())).toContain('Fråga 5.1a: välj ett svarsalternativ.');
    await expectAccessible(page);
    // Submitting now is refused with an error summary linking to what must be fixed.
    await page.getByRole('button', { name: 'Lämna in till Tillväxtverket' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.title()).toMatch(/^Fel: /);
    const summaryLink = page.locator('.error-summary a[href="#problem-question-5-1a"]');
    expect(spaces(await summaryLink.textContent())).toBe('Fråga 5.1a: välj ett svarsalternativ.');
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    await expectAccessible(page);

    await page.goto(`${PAGE}/avsnitt/5`);
    await page.waitForSelector('[data-testid="section-total"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="section-total"]')?.textContent?.includes('Avsnittet totalt'));
    await expectAccessible(page);
    const before = await counterValue(page, 'counter-5.3');
    const typed = 'Stöd har gått till alla åtta kommunerna, både i tätort och på landsbygd. ';
    const textarea = page.locator('#text-5-3');
    await textarea.click();
    await textarea.pressSequentially(typed, { delay: 5 });
    await page.waitForFunction(
      ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s/g, ' ').includes(`totalt: ${expected} av`),
      ['counter-5.3', sv(before + typed.length).replace(/\s/g, ' ')] as const
    );
    expect(await counterValue(page, 'counter-5.3')).toBe(before + typed.length);
    expect(spaces(await page.getByTestId('counter-5.3').textContent())).toContain(`Den här frågan: ${sv(typed.length).replace(/\s/g, ' ')} tecken`);
    // The polite live region catches up once typing pauses; the text is saved in the background.
    await page.waitForFunction(() => (document.querySelector('[data-testid="count-announcer"]')?.textContent ?? '').includes('tecken kvar'));
    await page.waitForFunction(() => (document.querySelector('[data-testid="status-5.3"]')?.textContent ?? '').includes('Sparat'));
    await page.getByRole('group', { name: /den regionala utvecklingsstrategin/ }).getByLabel('Ja').check();
    await page.waitForFunction(() => (document.querySelector('[data-testid="status-5.1a"]')?.textContent ?? '').includes('Sparat'));
    await expectAccessible(page);

    await page.goto(PAGE);
    expect(spaces(await page.locator('main').textContent())).toContain('Alla avsnitt håller sig inom teckentaket');
    await page.getByRole('button', { name: 'Lämna in till Tillväxtverket' }).click();
    await page.waitForURL(/inlamnad=1/);
    expect(spaces(await page.locator('main').textContent())).toContain('Redovisningen är inlämnad.');
    expect(spaces(await page.locator('main').textContent())).toContain('Status: Inlämnad');
    await expectAccessible(page);

    await page.goto(`${PAGE}/historik/5.3`);
    expect(await page.getByTestId('diff-1').locator('ins').textContent()).toContain('alla åtta kommunerna');
    await expectAccessible(page);
    await context.close();

    const agency = await signedInContext('tillvaxtverket@demo.rsp');
    const tv = await agency.newPage();
    await tv.goto('/resultatredovisning');
    await expectAccessible(tv);
    await tv.getByRole('link', { name: 'Inlämnade redovisningar 2024' }).click();
    await tv.waitForURL(/\/resultatredovisning\/oversikt\/2024$/);
    await expectAccessible(tv);
    await tv.getByRole('link', { name: /Läs Jämtlands läns redovisning/ }).click();
    await tv.waitForURL(new RegExp(`${PAGE}$`));
    expect(spaces(await tv.locator('main').textContent())).toContain('alla åtta kommunerna');
    expect(spaces(await tv.locator('main').textContent())).toContain('Landsbygdspotten');
    await expectAccessible(tv);
    await tv.goto('/resultatredovisning/oversikt/2024?fraga=5.1d');
    const across = spaces(await tv.locator('.across').textContent());
    expect(across).toContain('Jämtlands län');
    expect(across).toContain('Ej aktuellt');
    await expectAccessible(tv);
    await agency.close();
    expect((await (await ApiClient.signedIn('tillvaxtverket@demo.rsp')).get(REPORT)).json.status).toBe('submitted');
  });

  it('lets only an admin reopen, with a reason, after which Tillväxtverket no longer sees it', async () => {
    const context = await signedInContext('region@demo.rsp');
    const page = await context.newPage();
    await page.goto(PAGE);
    expect(await page.getByRole('button', { name: 'Öppna redovisningen igen' }).count()).toBe(0);
    await page.goto(`${PAGE}/avsnitt/1`);
    expect(await page.locator('textarea').count()).toBe(0);
    await context.close();

    const adminContext = await signedInContext('region.admin@demo.rsp');
    const admin = await adminContext.newPage();
    await admin.goto(PAGE);
    await admin.getByRole('button', { name: 'Öppna redovisningen igen' }).click();
    await admin.waitForSelector('.error-summary');
    expect(await admin.title()).toMatch(/^Fel: /);
    await expectAccessible(admin);
    await admin.getByLabel('Varför ska redovisningen öppnas igen?').fill('Siffrorna i 5.1b ska stämmas av mot bokslutet.');
    await admin.getByRole('button', { name: 'Öppna redovisningen igen' }).click();
    await admin.waitForURL(/oppnad=1/);
    expect(spaces(await admin.locator('main').textContent())).toContain('Motivering: Siffrorna i 5.1b ska stämmas av mot bokslutet.');
    await adminContext.close();
    expect((await (await ApiClient.signedIn('tillvaxtverket@demo.rsp')).get(REPORT)).status).toBe(403);
    const agency = await signedInContext('tillvaxtverket@demo.rsp');
    const tv = await agency.newPage();
    expect((await tv.goto(PAGE))?.status()).toBe(403);
    expect((await tv.goto(`${PAGE}/avsnitt/1`))?.status()).toBe(403);
    await agency.close();
  });

  it('works without JavaScript: static hint, facts as text, and the section form saves', async () => {
    const context = await signedInContext('region@demo.rsp', { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${PAGE}/avsnitt/3`);
    expect(spaces(await page.locator('main').textContent())).toContain(`Du kan skriva upp till ${sv(15000).replace(/\s/g, ' ')} tecken`);
    expect(await page.locator('textarea[maxlength]').count()).toBe(0);
    await page.getByLabel('3.1 Beskriv hur det strategiskt viktigaste arbetet').fill('Företagsstöd och rådgivning till butiker på landsbygden.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    await page.waitForURL(/sparat=1/);
    expect(await page.getByLabel('3.1 Beskriv hur det strategiskt viktigaste arbetet').inputValue()).toBe('Företagsstöd och rådgivning till butiker på landsbygden.');
    // A stale form (someone saved in between) shows the saved text instead of overwriting it.
    const region = await ApiClient.signedIn('region@demo.rsp');
    const v = (await region.get(REPORT)).json.answers['3.1'].version;
    expect((await region.request('PUT', `${REPORT}/answers/3.1`, { text: 'Ändrat av någon annan.', version: v })).status).toBe(200);
    await page.getByLabel('3.1 Beskriv hur det strategiskt viktigaste arbetet').fill('Min version av svaret.');
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    expect(spaces(await page.getByTestId('conflict-saved-3.1').textContent())).toBe('Ändrat av någon annan.');
    expect(await page.getByLabel('3.1 Beskriv hur det strategiskt viktigaste arbetet').inputValue()).toBe('Min version av svaret.');
    // Saving again keeps "mine" deliberately.
    await page.getByRole('button', { name: 'Spara avsnittet' }).click();
    await page.waitForURL(/sparat=1/);
    expect((await region.get(REPORT)).json.answers['3.1'].text).toBe('Min version av svaret.');
    await context.close();
  });

  it('warns near the limit, shows an error over it, and does not autosave an over-long section', async () => {
    const context = await signedInContext('region@demo.rsp');
    const page = await context.newPage();
    await page.goto(`${PAGE}/avsnitt/6`);
    await page.waitForFunction(() => document.querySelector('[data-testid="section-total"]')?.textContent?.includes('Avsnittet totalt'));
    const area = page.locator('#text-6-2');
    const others = (await counterValue(page, 'counter-6.2')) - countCharacters(await area.inputValue());
    await area.fill('y'.repeat(5000 - others + 1));
    await page.waitForFunction(() => (document.querySelector('[data-testid="section-total"]')?.textContent ?? '').includes('1 tecken för mycket'));
    expect(await page.getByTestId('section-total').getAttribute('class')).toContain('over');
    await page.waitForFunction(() => (document.querySelector('[data-testid="status-6.2"]')?.textContent ?? '').includes('Inte sparat'));
    await expectAccessible(page);
    // Exactly at the limit is a warning, and it saves.
    await area.fill('y'.repeat(5000 - others));
    await page.waitForFunction(() => (document.querySelector('[data-testid="status-6.2"]')?.textContent ?? '').includes('Sparat'));
    expect(await page.getByTestId('section-total').getAttribute('class')).toContain('warning');
    expect(spaces(await page.getByTestId('section-total').textContent())).toContain('Avsnittet har 0 tecken kvar');
    await area.fill('Hållbarhet ingår i varje analys.');
    await page.waitForFunction(() => !(document.querySelector('[data-testid="section-total"]')?.className ?? '').includes('warning'));
    const region = await ApiClient.signedIn('region@demo.rsp');
    await expect.poll(async () => (await region.get(REPORT)).json.answers['6.2'].text, { timeout: 30_000 }).toBe('Hållbarhet ingår i varje analys.');
    await context.close();
  });

  it('shows a second editor both texts on a conflict while autosaving, and lets them choose', async () => {
    const context = await signedInContext('region@demo.rsp');
    const page = await context.newPage();
    await page.goto(`${PAGE}/avsnitt/4`);
    await page.waitForFunction(() => document.querySelector('[data-testid="section-total"]')?.textContent?.includes('Avsnittet totalt'));
    // Someone else saves 4.2 after this page was loaded.
    const other = await ApiClient.signedIn('region.admin@demo.rsp');
    const saved = await other.request('PUT', `${REPORT}/answers/4.2`, { text: 'Kollegans text om hållbarhet.', version: 0 });
    expect(saved.status).toBe(200);
    const area = page.locator('#text-4-2');
    await area.fill('Min text om hållbarhet.');
    await page.getByTestId('conflict-4.2').waitFor();
    expect(spaces(await page.getByTestId('conflict-saved-4.2').textContent())).toBe('Kollegans text om hållbarhet.');
    expect(spaces(await page.getByTestId('conflict-4.2').textContent())).toContain('Min text om hållbarhet.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Behåll min text' }).click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="status-4.2"]')?.textContent ?? '').includes('Sparat'));
    const after = (await other.get(REPORT)).json.answers['4.2'];
    expect(after).toMatchObject({ text: 'Min text om hållbarhet.', version: 2 });
    const history = await other.get(`${REPORT}/answers/4.2/history`);
    expect(history.json.map((h: { savedBy: string }) => h.savedBy)).toEqual(['Handläggare kommersiell service (demo)', 'Systemförvaltare (demo)']);
    await context.close();
  });

  it('shows the facts the other domains provide beside their section, insertable with one click', async () => {
    const region = await ApiClient.signedIn('region@demo.rsp');
    const facts = (await region.get(`${REPORT}/facts`)).json as Record<string, { id: string; label: string; text: string }[]>;
    const context = await signedInContext('region@demo.rsp');
    const page = await context.newPage();
    for (const section of ['1', '5']) {
      await page.goto(`${PAGE}/avsnitt/${section}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="section-total"]')?.textContent?.includes('Avsnittet totalt'));
      const shown = await page.getByTestId('fact').evaluateAll((els) => els.map((el) => el.getAttribute('data-fact-id')));
      expect(shown).toEqual((facts[section] ?? []).map((f) => f.id));
      await expectAccessible(page);
    }
    const first = Object.entries(facts).find(([, list]) => list.length)?.[0];
    if (first) {
      // A fact goes into the focused answer with one click.
      const fact = facts[first][0];
      await page.goto(`${PAGE}/avsnitt/${first}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="section-total"]')?.textContent?.includes('Avsnittet totalt'));
      const area = page.locator('textarea').last();
      await area.click();
      await page.locator(`[data-fact-id="${fact.id}"] button`).click();
      expect(await area.inputValue()).toContain(fact.text);
    }
    await context.close();
  });
});
