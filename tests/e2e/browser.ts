import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, inject } from 'vitest';

/** Debian's Chromium, headless, with the flags this closed network needs to start without hanging. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

/** Every request a page tried to send off this machine. */
export const externalRequests: string[] = [];

export function baseURL(): string {
  return inject('baseURL');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

export async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: options.locale ?? 'sv-SE', javaScriptEnabled: options.javaScriptEnabled ?? true });
  // Fail a step with its locator after 30 s (generous for a loaded 2-core machine) rather than the whole test at its limit.
  context.setDefaultTimeout(30_000);
  // No request may leave this machine: block it and remember it, so the test can fail on it.
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/])(?!data:)(?!blob:)/, async (route) => {
    externalRequests.push(route.request().url());
    await route.abort();
  });
  return context;
}

export async function signInAs(page: Page, email: string, password = 'rsp-demo'): Promise<void> {
  // Wait until the page has hydrated: a click in the middle of hydration can be lost on a loaded machine.
  await page.goto('/logga-in', { waitUntil: 'networkidle' });
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/logga-in'));
}

/** axe-core, WCAG 2.0/2.1 A and AA rules: the page must have no violations. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  expect(externalRequests, 'requests to the internet').toEqual([]);
}
