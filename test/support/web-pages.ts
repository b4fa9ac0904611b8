import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import type { TestContext } from './test-app.js';

type SuperTest = ReturnType<TestContext['http']>;

/** Shared helpers of the browser tests (portal and workbench). */

/** A context that records CSP violations, script errors and any request leaving the app's origin. */
export async function watched(browser: Browser, baseUrl: string, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const problems: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:')) problems.push(`third-party request ${r.url()}`);
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  return { context, page, problems };
}

/** axe-core's WCAG 2.1 A and AA violations of the page, one line each (empty when none). */
export async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Clicks and waits for the next page to be fully loaded (styles included) before checking it. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

/** Sends a text file (not a document) through the page's upload form: the file field must come back marked invalid. */
export async function uploadNotADocument(page: Page, input: string, filename: string): Promise<void> {
  await page.setInputFiles(input, { name: filename, mimeType: 'text/plain', buffer: Buffer.from('not a document') });
  await submit(page, 'form[enctype="multipart/form-data"] button[type=submit]');
  expect(await page.getAttribute(input, 'aria-invalid')).toBe('true');
}

/** Bootstrap Italia draws radios and checkboxes on their labels: a person clicks the label. */
export const pick = (page: Page, id: string) => page.click(`label[for="${id.replace(/^#/, '')}"]`);

/** A full-page screenshot into `dir` (the doc's folder) when the run asks for screenshots. */
export async function shot(page: Page, dir: string | undefined, name: string): Promise<void> {
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Logs in through the login page as a person does; lands where the portal sends that role. */
export async function browserLogin(page: Page, baseUrl: string, account: { email: string; password: string }) {
  await page.goto(`${baseUrl}/accedi`);
  await page.fill('#f-email', account.email);
  await page.fill('#f-password', account.password);
  await submit(page, 'form[action="/accedi"] button[type="submit"]');
}

/** The CSRF token of a page's form and the session cookie of a response (HTTP-level page tests). */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
export const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith('sportello_session='))
    ?.split(';')[0];

/** Logs in through the portal's form at the HTTP level, as a browser does; returns the signed-in cookie. */
export async function signedIn(ctx: { http(): SuperTest }, account: { email: string; password: string }) {
  const page = await ctx.http().get('/accedi').expect(200);
  const res = await ctx
    .http()
    .post('/accedi')
    .set('cookie', sessionCookie(page)!)
    .type('form')
    .send({ _csrf: csrfOf(page.text), email: account.email, password: account.password })
    .expect(303);
  return sessionCookie(res)!;
}

/** A small real PDF (what a person scans), made with pdfkit. */
export const makePdf = (text = 'Attestazione retta') =>
  new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument({ compress: false });
    const parts: Buffer[] = [];
    doc.on('data', (c: Buffer) => parts.push(c));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.text(text);
    doc.end();
  });

/** The text a PDF shows: pdfkit writes it as hex strings in TJ arrays. */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  return [...src.matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) =>
      [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''),
    )
    .join('\n');
}
