import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launch, newContext, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the application shell', () => {
  it('serves a Swedish start page and every public page passes axe', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
    for (const path of ['/', '/lan', '/lan/23', '/logga-in', '/tillganglighet', '/inbjudan/ogiltig', '/finns-inte']) {
      await page.goto(path);
      await expectAccessible(page);
    }
    await page.goto('/lan/23');
    expect(await page.locator('main').textContent()).toContain('Strömsunds kommun');
    await context.close();
  });

  it('signs in without JavaScript, shows errors in a summary, and signs out', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/logga-in');
    await page.getByLabel('E-postadress').fill('region@demo.rsp');
    await page.getByLabel('Lösenord').fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.locator('.error-summary').textContent()).toContain('Fel e-postadress eller lösenord');
    // (axe needs JavaScript in the page; the error state is checked with axe in the next test.)
    // Empty fields: one message per field, each linked from the summary.
    await page.getByLabel('E-postadress').fill('');
    await page.getByRole('button', { name: 'Logga in' }).click();
    expect(await page.locator('.error-summary a[href="#email"]').count()).toBe(1);
    expect(await page.locator('.error-summary a[href="#password"]').count()).toBe(1);
    await signInAs(page, 'region@demo.rsp');
    expect(await page.locator('header').textContent()).toContain('Region Jämtland Härjedalen');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/logga-in/);
    expect(await page.locator('main').textContent()).toContain('Du är utloggad');
    await context.close();
  });

  it('shows sign-in errors accessibly with JavaScript, focusing the summary', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/logga-in');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForSelector('.error-summary');
    // Focus moves to the summary once the page has hydrated.
    await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
    await expectAccessible(page);
    await context.close();
  });

  it('switches to English and back', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto('/lan');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(/\/lan$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Counties');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.waitForURL(/\/lan$/);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await context.close();
  });

  it('lets a user create and revoke an API token on the profile page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, 'stromsund@demo.rsp');
    await page.goto('/profil');
    await expectAccessible(page);
    await page.getByLabel('Namn på nyckeln').fill('Min testnyckel');
    await page.getByRole('button', { name: 'Skapa API-nyckel' }).click();
    const token = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^rsp_/);
    const me = await fetch(new URL('/api/v1/me', page.url()), { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).user.email).toBe('stromsund@demo.rsp');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Återkalla nyckeln Min testnyckel' }).click();
    await page.waitForSelector('text=API-nyckeln är återkallad');
    const after = await fetch(new URL('/api/v1/me', page.url()), { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    await context.close();
  });

  it('lets an org admin invite a user who activates the account, and shows it in the audit log', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, 'region.admin@demo.rsp');
    await page.goto('/admin/anvandare');
    await expectAccessible(page);
    const section = page.locator('form[action="?/invite"]');
    await section.getByLabel('Namn').fill('Ny regional utvecklare');
    await section.getByLabel('E-postadress').fill('ny.utvecklare@demo.rsp');
    await section.getByLabel('Roll').selectOption('editor');
    await page.getByRole('button', { name: 'Skapa inbjudan' }).click();
    const link = (await page.getByTestId('invitation-url').textContent())?.trim() ?? '';
    expect(link).toContain('/inbjudan/');
    await expectAccessible(page);

    const invitee = await newContext(browser);
    const inviteePage = await invitee.newPage();
    await inviteePage.goto(new URL(link).pathname, { waitUntil: 'networkidle' });
    await expectAccessible(inviteePage);
    await inviteePage.getByLabel('Lösenord', { exact: true }).fill('kort');
    await inviteePage.getByLabel('Upprepa lösenordet').fill('annat');
    await inviteePage.getByRole('button', { name: 'Aktivera kontot' }).click();
    expect(await inviteePage.locator('.error-summary').textContent()).toContain('minst 10 tecken');
    // The answer is a new page: let it hydrate before typing, or hydration may reset the fields.
    await inviteePage.waitForLoadState('networkidle');
    await inviteePage.getByLabel('Lösenord', { exact: true }).fill('ett-bra-lösenord-1');
    await inviteePage.getByLabel('Upprepa lösenordet').fill('ett-bra-lösenord-1');
    await inviteePage.getByRole('button', { name: 'Aktivera kontot' }).click();
    await inviteePage.waitForURL((url) => url.pathname === '/');
    expect(await inviteePage.locator('header').textContent()).toContain('Ny regional utvecklare');
    await invitee.close();

    await page.goto('/admin/logg');
    await expectAccessible(page);
    const log = await page.locator('main table').textContent();
    expect(log).toContain('acceptInvitation');
    expect(log).toContain('invite');
    await context.close();
  });

  it('refuses the admin pages to a user who is not an org admin', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAs(page, 'region@demo.rsp');
    expect((await page.goto('/admin/anvandare'))?.status()).toBe(403);
    expect((await page.goto('/admin/logg'))?.status()).toBe(403);
    await expectAccessible(page);
    await context.close();
  });
});
