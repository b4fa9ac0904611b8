import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role.js';
import { actor, type Actor } from './support/actors.js';
import { launchBrowser } from './support/browser.js';
import { givenCase, orphanForm } from './support/case-fixtures.js';
import { bearer, caseVersion } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { ATS_BRESCIA, ATS_MILANO, BRESCIA } from './support/places.js';
import { startWebApp, type WebTestContext } from './support/web-app.js';
import { axe, browserLogin, shot, submit, watched } from './support/web-pages.js';

// A real browser on a machine shared with the other test files: pages take seconds, not ms.
jest.setTimeout(240_000);

let app: WebTestContext;
let browser: Browser;
/** Set WORKBENCH_SCREENSHOTS=docs/workbench to refresh the screenshots of docs/workbench.md. */
const SHOTS = process.env.WORKBENCH_SCREENSHOTS;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const makePdf = () =>
  new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument({ compress: false });
    const parts: Buffer[] = [];
    doc.on('data', (c: Buffer) => parts.push(c));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.text('Attestazione retta');
    doc.end();
  });
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A Nidi Gratis Plus case of a Brescia resident (ATS Brescia), with a PDF and a PNG attached, submitted. */
async function bresciaCase(applicant: Actor) {
  const data = {
    applicantRelationship: 'parent',
    childFiscalCode: uniqueFiscalCode(),
    childBirthDate: '2024-05-10',
    hasSiblingUnder10: true,
    nurseryCode: 'NIDO-MI-001',
    childEnrolledInAdmittedNursery: true,
    iseeType: 'minorenni',
    iseeValue: '22.000,00',
    iseeProtocol: 'INPS-ISEE-2024-123456789-00',
    iseeHasOmissionsOrDiscrepancies: false,
    monthlyFeeCents: 45_000,
    months: 10,
  };
  const id = (await applicant.post('/applications', { measureCode: 'NIDI-GRATIS-PLUS-2024-25', data }).expect(201)).body
    .id as string;
  for (const [bytes, name, type] of [
    [await makePdf(), 'retta.pdf', 'application/pdf'],
    [PNG, 'ricevuta.png', 'image/png'],
  ] as const) {
    await app
      .http()
      .post(`/api/v1/applications/${id}/documents`)
      .set(bearer(applicant.token))
      .field('requiredDocumentId', 'fee-statement')
      .attach('file', bytes, { filename: name, contentType: type })
      .expect(201);
  }
  const receipt = await applicant.post(`/applications/${id}/submit`).expect(201);
  return { id, protocolNumber: receipt.body.protocolNumber as string };
}

const protocolsShown = (page: Page) => page.$$eval('#queue-table tbody th a', (as) => as.map((a) => a.textContent));
const countOf = (page: Page, view: string) =>
  page.$eval(`[data-count="${view}"]`, (e) => Number(e.textContent)).catch(() => NaN);

describe('the work queue and the case page in the browser', () => {
  it('an officer works the queue and opens a Brescia case; other officers get nothing of what they may not see', async () => {
    const parent = await actor(app, Role.APPLICANT, { residence: BRESCIA });
    const guardian = await actor(app, Role.APPLICANT, { residence: BRESCIA });
    const officer = await actor(app, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const colleague = await actor(app, Role.OPERATOR, { atsCodes: [ATS_BRESCIA] });
    const manager = await actor(app, Role.MANAGER, { atsCodes: [ATS_BRESCIA] });
    const milano = await actor(app, Role.OPERATOR, { atsCodes: [ATS_MILANO] });
    const open = await bresciaCase(parent);
    const orphanCf = uniqueFiscalCode();
    const sealed = await givenCase(
      app,
      'IN_REVIEW',
      { applicant: guardian, manager, operator: officer },
      { data: orphanForm({ beneficiaryFiscalCode: orphanCf }) },
    );
    // A court ruling sent on an integration request, and the case on the waiting list.
    await officer
      .post(`/cases/${sealed.id}/integration-request`, {
        version: await caseVersion(app, guardian.token, sealed.id),
        message: 'Allegare la sentenza',
        days: 10,
      })
      .expect(200);
    await app
      .http()
      .post(`/api/v1/applications/${sealed.id}/documents`)
      .set(bearer(guardian.token))
      .field('requiredDocumentId', 'judicial-document')
      .attach('file', PNG, { filename: 'sentenza.png', contentType: 'image/png' })
      .expect(201);
    await guardian
      .post(`/applications/${sealed.id}/integration-response`, {
        version: await caseVersion(app, guardian.token, sealed.id),
        message: 'Allegata',
      })
      .expect(200);
    await app.db.query(`UPDATE applications SET funding = 'queued' WHERE id = $1`, [sealed.id]);

    // The officer: lands on the queue, sees both cases (the sealed one is theirs) and the counts.
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, officer.account);
    expect(new URL(page.url()).pathname).toBe('/lavoro');
    expect(await protocolsShown(page)).toEqual(expect.arrayContaining([open.protocolNumber, sealed.protocolNumber]));
    const apiOpen = (await officer.get('/cases').query({ limit: 1 }).expect(200)).body.total as number;
    expect(await countOf(page, 'open')).toBe(apiOpen);
    expect(await countOf(page, 'mine')).toBe(1);
    expect(await page.textContent(`tr[data-case="${open.id}"]`)).toContain('Non assegnata');
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, '01-queue');
    // The sealed measure's filter: an opaque slug in every link and form, never its code.
    const addresses = () =>
      page.$$eval('a[href], form[action], input[value], option[value]', (els) =>
        els.map((e) => e.getAttribute('href') ?? e.getAttribute('action') ?? e.getAttribute('value')).join(' '),
      );
    expect(await addresses()).not.toContain('ORFANI');
    await submit(page, '#queue-aside a:has-text("ORFANI-FEMMINICIDIO")');
    expect(new URL(page.url()).search).toMatch(/^\?misura=r-[0-9a-f]{12}$/);
    expect(await protocolsShown(page)).toEqual([sealed.protocolNumber]);
    expect(await addresses()).not.toContain('ORFANI');

    // A saved filter: mine shows the sealed case alone.
    await submit(page, 'a[data-view="mine"]');
    expect(await protocolsShown(page)).toEqual([sealed.protocolNumber]);
    // The officer's own saved combination, beside the named ones.
    await page.fill('#f-filterName', 'Le mie pratiche');
    await submit(page, 'form[action="/lavoro/filtri"] button');
    expect(new URL(page.url()).search).toBe('?view=mine');
    expect(await page.textContent('#my-filters')).toContain('Le mie pratiche');
    expect(await axe(page)).toEqual([]);
    // A search by codice fiscale (a POST: the code never reaches the address) finds the sealed case, recorded.
    await page.fill('#f-fiscalCode', orphanCf);
    await submit(page, 'form[action="/lavoro/ricerca"] button');
    expect(page.url()).not.toContain(orphanCf);
    expect(await page.textContent('#search-table')).toContain(sealed.protocolNumber);
    await shot(page, SHOTS, '02-search');
    const searched = (await app.db.query(
      `SELECT count(*)::int AS n FROM application_access_log WHERE application_id = $1 AND actor_id = $2 AND action = 'search'`,
      [sealed.id, officer.id],
    )) as { n: number }[];
    expect(searched[0].n).toBe(1);

    // Keyboard only: from the queue to the case by Tab and Enter.
    await page.goto(`${app.baseUrl}/lavoro?view=unassigned`);
    let reached = false;
    for (let i = 0; i < 120 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        (href) => document.activeElement?.getAttribute('href') === href,
        `/lavoro/pratiche/${open.id}`,
      );
    }
    expect(reached).toBe(true);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(`/lavoro/pratiche/${open.id}`);

    // The case page: header, declared data, documents listed (none fetched until asked), eligibility rule by rule, timeline, actions.
    expect(await page.textContent('h1')).toContain(open.protocolNumber);
    expect(await page.textContent('#case-state')).toContain('Inviata');
    expect(await page.textContent('#declared-data')).toContain('NIDO-MI-001');
    expect(await page.$$eval('#eligibility-rules li', (li) => li.length)).toBeGreaterThan(0);
    expect(await page.textContent('#eligibility-snapshots')).toContain('All’invio');
    expect(await page.textContent('#case-timeline')).toContain('Inviata');
    expect(await page.$eval('[data-action="take_in_charge"]', (a) => a.getAttribute('href'))).toBe(
      `/lavoro/pratiche/${open.id}/azioni/take-in-charge`,
    );
    expect(await page.$$('figure')).toHaveLength(0);
    expect(await page.$$('#document-list a')).toHaveLength(2);
    await submit(page, '#document-list li:has-text("ricevuta.png") a');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('figure img')].every((i) => (i as HTMLImageElement).complete),
    );
    expect(await page.$eval('figure img', (i) => (i as HTMLImageElement).naturalWidth)).toBe(1);
    // The PDF is served from a workbench route inline and lets only this origin frame it.
    const pdfId = await page.$eval('#document-list li:has-text("retta.pdf")', (li) => li.getAttribute('data-document'));
    const pdfSrc = `/lavoro/pratiche/${open.id}/documenti/${pdfId}`;
    const pdf = await context.request.get(`${app.baseUrl}${pdfSrc}`);
    expect([pdf.status(), pdf.headers()['content-type'], pdf.headers()['content-disposition']]).toEqual([
      200,
      'application/pdf',
      expect.stringMatching(/^inline;/),
    ]);
    expect(pdf.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    // Chromium has no PDF viewer headless: the image, framed the same way, proves the browser lets the page frame it.
    const imgSrc = await page.$eval('figure img', (i) => i.getAttribute('src')!);
    const framed = await page.evaluate(
      (src) =>
        new Promise<string>((done) => {
          const f = document.createElement('iframe');
          f.onload = () => done(f.contentDocument?.querySelector('img') ? 'framed' : 'blocked');
          f.src = src;
          document.body.append(f);
        }),
      imgSrc,
    );
    expect(framed).toBe('framed');
    await page.evaluate(() => document.body.lastElementChild?.remove());
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, '03-case');
    await page.goto(`${app.baseUrl}/lavoro/pratiche/${open.id}?lang=en`);
    expect(await page.textContent('h2#eligibility-title')).toBe('Eligibility');
    expect(await axe(page)).toEqual([]);
    await page.goto(`${app.baseUrl}/lavoro?lang=en`);
    expect(await page.textContent('h1')).toBe('Work queue');
    expect(await axe(page)).toEqual([]);
    // The sealed case: the page records no document read, showing one records exactly one.
    const documentReads = async () =>
      (
        (await app.db.query(
          `SELECT count(*)::int AS n FROM application_access_log WHERE application_id = $1 AND actor_id = $2 AND action = 'read_document'`,
          [sealed.id, officer.id],
        )) as { n: number }[]
      )[0].n;
    await page.goto(`${app.baseUrl}/lavoro/pratiche/${sealed.id}?lang=it`);
    expect(await page.textContent('#access-log')).toContain('read');
    // Position and length of the waiting list are for the measure's MANAGER: the officer reads only that it is queued.
    expect(await page.textContent('#budget-position')).toBe('In lista d’attesa.');
    expect(await documentReads()).toBe(0);
    await submit(page, '#document-list a');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('figure img')].every((i) => (i as HTMLImageElement).complete),
    );
    expect(await documentReads()).toBe(1);
    await shot(page, SHOTS, '04-sealed-case');
    expect(problems).toEqual([]);
    await context.close();

    // An officer of another ATS: the not-found page for the Brescia case.
    const other = await watched(browser, app.baseUrl);
    await browserLogin(other.page, app.baseUrl, milano.account);
    const res = await other.page.goto(`${app.baseUrl}/lavoro/pratiche/${open.id}`);
    expect(res?.status()).toBe(404);
    expect(await other.page.textContent('h1')).toBe('Pagina non trovata');
    expect(await other.page.textContent('body')).not.toContain(open.protocolNumber);
    await other.context.close();

    // The unassigned colleague, without JavaScript: the sealed case in no list, count or search.
    const bare = await watched(browser, app.baseUrl, { javaScriptEnabled: false });
    await browserLogin(bare.page, app.baseUrl, colleague.account);
    expect(await protocolsShown(bare.page)).toContain(open.protocolNumber);
    expect(await protocolsShown(bare.page)).not.toContain(sealed.protocolNumber);
    expect(await countOf(bare.page, 'open')).toBe(apiOpen - 1);
    expect(await countOf(bare.page, 'mine')).toBe(0);
    expect(await bare.page.textContent('#queue-aside')).not.toContain('ORFANI');
    await bare.page.selectOption('#f-status', 'IN_REVIEW');
    await submit(bare.page, '#queue-filters button[type="submit"]');
    expect(bare.page.url()).toContain('status=IN_REVIEW');
    expect(await protocolsShown(bare.page)).not.toContain(sealed.protocolNumber);
    await bare.page.fill('#f-fiscalCode', orphanCf);
    await submit(bare.page, 'form[action="/lavoro/ricerca"] button');
    expect(await bare.page.textContent('body')).toContain('Nessuna pratica del tuo territorio');
    await bare.page.fill('#f-fiscalCode', 'NOT-A-CODE');
    await submit(bare.page, 'form[action="/lavoro/ricerca"] button');
    expect(await bare.page.textContent('#error-summary')).toContain('16 caratteri');
    expect((await bare.page.goto(`${app.baseUrl}/lavoro/pratiche/${sealed.id}`))?.status()).toBe(404);
    expect(bare.problems).toEqual([]);
    await bare.context.close();
  });
});
