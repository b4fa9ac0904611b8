import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserAppOfFile } from './support/browser-app.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { Role } from '../src/common/access/role.js';
import { seedAccount, tokenFor } from './support/test-app.js';
import type { WebTestContext } from './support/web-app.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { bearer } from './support/cases.js';
import { MILANO } from './support/places.js';
import {
  axe,
  browserLogin,
  makePdf,
  pdfText,
  pick,
  shot as shotInto,
  submit,
  uploadNotADocument,
  watched as watchedOn,
} from './support/web-pages.js';

const web = browserAppOfFile('PORTAL_SCREENSHOTS');
let app: WebTestContext;
let browser: Browser;
beforeAll(() => void ({ app, browser } = web));
/** Set PORTAL_SCREENSHOTS=docs/portal to refresh the screenshots of docs/portal.md. */
const SHOTS = web.shots;

const NIDI = '/misure/nidi-gratis-plus-2024-25';
const NIDI_CODE = 'NIDI-GRATIS-PLUS-2024-25';

const watched = (options: Parameters<Browser['newContext']>[0] = {}) => watchedOn(browser, app.baseUrl, options);
const shot = (page: Page, name: string) => shotInto(page, SHOTS, name);

async function fillCheck(page: Page) {
  await pick(page, '#f-applicantRelationship-input'); // parent
  await pick(page, '#f-childEnrolledInAdmittedNursery-input'); // yes
  await pick(page, '#f-iseeType-input'); // minorenni
  await page.fill('#f-iseeValue', '18.500,00');
  await pick(page, '#f-iseeHasOmissionsOrDiscrepancies-1'); // no
  await page.fill('#f-monthlyFeeCents', '450,00');
}

/** The office, through the API: an operator of the case's ATS takes it in charge and asks for an integration. */
async function officerRequestsIntegration(caseId: string) {
  const officer = await tokenFor(app, await seedAccount(app.db, [Role.OPERATOR], { atsCodes: ['321'] }));
  const auth = { authorization: `Bearer ${officer}` };
  const [{ version }] = (await app.db.query(`SELECT version FROM applications WHERE id = $1`, [caseId])) as {
    version: number;
  }[];
  const taken = await app.http().post(`/api/v1/cases/${caseId}/take-in-charge`).set(auth).send({ version });
  expect(taken.status).toBe(200);
  const asked = await app
    .http()
    .post(`/api/v1/cases/${caseId}/integration-request`)
    .set(auth)
    .send({ version: taken.body.version, message: 'Allegare la retta firmata dal nido', days: 10 });
  expect(asked.status).toBe(200);
}

/** The Nidi Gratis Plus form's data step (the child was named on the step before). */
async function fillNidiData(page: Page, step: Pick<Step, 'fill' | 'choose'>) {
  await step.fill('#f-childBirthDate', '2024-05-10');
  await step.choose('#f-hasSiblingUnder10-input');
  await step.fill('#f-nurseryCode', 'NIDO-MI-001');
  await step.choose('#f-childEnrolledInAdmittedNursery-input');
  await step.choose('#f-iseeType-input');
  await step.fill('#f-iseeValue', '22.000,00');
  await step.fill('#f-iseeProtocol', 'INPS-ISEE-2024-123456789-00');
  await step.choose('#f-iseeHasOmissionsOrDiscrepancies-1');
  await step.fill('#f-monthlyFeeCents', '450,00');
  await step.fill('#f-months', '10');
}

describe('every page passes axe (WCAG 2.1 AA) in Italian and English, under the CSP, with Titillium loaded', () => {
  for (const lang of ['it', 'en'] as const) {
    it(`${lang}`, async () => {
      const { context, page, problems } = await watched();
      const visit = async (path: string, name: string) => {
        await page.goto(`${app.baseUrl}${path}`);
        expect({ page: path, violations: await axe(page) }).toEqual({ page: path, violations: [] });
        if (lang === 'it') await shot(page, name);
      };
      await page.goto(`${app.baseUrl}/?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const titillium = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].some((f) => f.family.includes('Titillium') && f.status === 'loaded');
      });
      expect(titillium).toBe(true);
      await visit('/', '01-catalogue');
      await visit(NIDI, '02-measure');
      await visit(`${NIDI}/verifica`, '03-check');
      await fillCheck(page);
      await submit(page, 'form[action$="/verifica"] button[type=submit]');
      expect({ page: 'check result', violations: await axe(page) }).toEqual({ page: 'check result', violations: [] });
      if (lang === 'it') await shot(page, '04-check-result');
      await page.fill('#f-monthlyFeeCents', 'molto');
      await submit(page, 'form[action$="/verifica"] button[type=submit]');
      expect(await page.isVisible('#error-summary')).toBe(true);
      expect({ page: 'check errors', violations: await axe(page) }).toEqual({ page: 'check errors', violations: [] });
      if (lang === 'it') await shot(page, '05-check-errors');
      await visit('/registrati', '06-register');
      await submit(page, 'form[action="/registrati"] button[type=submit]');
      expect({ page: 'register errors', violations: await axe(page) }).toEqual({
        page: 'register errors',
        violations: [],
      });
      if (lang === 'it') await shot(page, '07-register-errors');
      await visit('/registrazione-inviata', '16-check-email');
      await visit('/verifica-email', '17-verify-email');
      await submit(page, '#verify-form button[type=submit]');
      expect({ page: 'verify errors', violations: await axe(page) }).toEqual({ page: 'verify errors', violations: [] });
      if (lang === 'it') await shot(page, '18-verify-email-errors');
      await visit('/verifica-email/confermata', '19-email-verified');
      await visit('/accedi', '08-login');
      const unverified = await seedAccount(app.db, [Role.APPLICANT], { emailUnverified: true });
      await page.fill('#f-email', unverified.email);
      await page.fill('#f-password', unverified.password);
      await submit(page, 'form[action="/accedi"] button[type=submit]');
      await visit(`${NIDI}/domanda`, '20-unverified-banner');
      await pick(page, '#f-consent');
      await submit(page, '#draft-form button[type=submit]');
      expect(await page.textContent('h1')).toContain(lang === 'it' ? 'Conferma prima' : 'Confirm your e-mail');
      expect({ page: 'write refused', violations: await axe(page) }).toEqual({ page: 'write refused', violations: [] });
      if (lang === 'it') await shot(page, '21-write-refused');
      await submit(page, 'form[action="/esci"] button[type=submit]');
      await page.goto(`${app.baseUrl}/accedi`);
      const account = await seedAccount(app.db, [Role.APPLICANT], { residence: '015146' });
      await page.fill('#f-email', account.email);
      await page.fill('#f-password', account.password);
      await submit(page, 'form[action="/accedi"] button[type=submit]');
      expect(new URL(page.url()).pathname).toBe('/area-personale');
      expect({ page: 'personal area', violations: await axe(page) }).toEqual({ page: 'personal area', violations: [] });
      if (lang === 'it') await shot(page, '09-personal-area');
      await visit(`${NIDI}/domanda`, '14-privacy-consent');
      await submit(page, '#draft-form button[type=submit]');
      expect({ page: 'consent errors', violations: await axe(page) }).toEqual({
        page: 'consent errors',
        violations: [],
      });
      await pick(page, '#f-consent');
      await submit(page, '#draft-form button[type=submit]');
      expect({ page: 'who', violations: await axe(page) }).toEqual({ page: 'who', violations: [] });
      if (lang === 'it') await shot(page, '22-who-applies');
      await pick(page, '#f-applicantRelationship-input');
      await page.fill('#f-childFiscalCode', uniqueFiscalCode());
      await submit(page, '#draft-form button[value=next]');
      expect({ page: 'application form', violations: await axe(page) }).toEqual({
        page: 'application form',
        violations: [],
      });
      if (lang === 'it') await shot(page, '14-application-form');
      // The labels come from the definition in the visitor's language (x-en for English).
      expect(await page.textContent('label[for="f-monthlyFeeCents"]')).toBe(
        lang === 'it'
          ? 'Retta mensile esclusi pasti e servizi aggiuntivi'
          : 'Monthly fee excluding meals and extra services',
      );
      await page.fill('#f-monthlyFeeCents', 'molto');
      await submit(page, '#draft-form button[value=stay]');
      expect({ page: 'application errors', violations: await axe(page) }).toEqual({
        page: 'application errors',
        violations: [],
      });
      await page.fill('#f-monthlyFeeCents', '');
      await fillNidiData(page, { fill: (x, v) => page.fill(x, v), choose: (x) => pick(page, x) });
      await submit(page, '#draft-form button[value=stay]');
      expect(new URL(page.url()).pathname).toMatch(/^\/domande\//);
      expect({ page: 'draft', violations: await axe(page) }).toEqual({ page: 'draft', violations: [] });
      if (lang === 'it') await shot(page, '15-draft-saved');
      await submit(page, '#draft-form button[value=next]');
      expect({ page: 'documents', violations: await axe(page) }).toEqual({ page: 'documents', violations: [] });
      if (lang === 'it') await shot(page, '23-documents');
      await uploadNotADocument(page, '#f-file-fee-statement', 'retta.txt');
      expect({ page: 'document error', violations: await axe(page) }).toEqual({
        page: 'document error',
        violations: [],
      });
      if (lang === 'it') await shot(page, '24-document-error');
      // With JavaScript a file may be dropped on the zone: a wrong type is explained before any upload.
      const drop = async (name: string, type: string, bytes: Buffer) => {
        const dataTransfer = await page.evaluateHandle(
          (f) => {
            const dt = new DataTransfer();
            dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
            return dt;
          },
          { name, type, b64: bytes.toString('base64') },
        );
        await page.dispatchEvent('.portal-dropzone', 'drop', { dataTransfer });
      };
      await drop('retta.txt', 'text/plain', Buffer.from('not a document'));
      expect(await page.textContent('#f-file-fee-statement-drop-error')).toContain(
        lang === 'it' ? 'Formato non ammesso' : 'Type not accepted',
      );
      expect(await page.getAttribute('#f-file-fee-statement', 'aria-describedby')).toContain('drop-error');
      expect({ page: 'drop refused', violations: await axe(page) }).toEqual({ page: 'drop refused', violations: [] });
      if (lang === 'it') await shot(page, '30-drop-refused');
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        drop('retta.pdf', 'application/pdf', await makePdf()),
      ]);
      expect(await page.textContent('main')).toContain('retta.pdf');
      await submit(page, 'main a[href$="/riepilogo"]');
      expect({ page: 'summary', violations: await axe(page) }).toEqual({ page: 'summary', violations: [] });
      if (lang === 'it') await shot(page, '25-summary');
      await submit(page, '#submit-form button[type=submit]');
      expect(await page.textContent('#protocol-number')).toMatch(/\d{4}-\d+/);
      expect({ page: 'confirmation', violations: await axe(page) }).toEqual({ page: 'confirmation', violations: [] });
      if (lang === 'it') await shot(page, '26-confirmation');
      const caseId = new URL(page.url()).pathname.split('/')[2];
      await visit(`/domande/${caseId}/stato`, '27-case');
      await officerRequestsIntegration(caseId);
      await visit(`/domande/${caseId}/stato`, '28-integration-request');
      await submit(page, 'form[action="/esci"] button[type=submit]');
      await visit('/accessibilita', '10-accessibility');
      await visit('/privacy', '11-privacy');
      await visit('/misure/does-not-exist', '12-not-found');
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('mobile width', async () => {
    const { context, page, problems } = await watched({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${app.baseUrl}/`);
    expect(await axe(page)).toEqual([]);
    await shot(page, '13-catalogue-mobile');
    expect(problems).toEqual([]);
    await context.close();
  });
});

/** catalogue → measure page → check requirements → register → login → application draft saved → logout. */
/** The link of the verification e-mail, as the outbox holds it for the worker. */
async function verificationLink(email: string): Promise<string> {
  const [row] = (await app.db.query(
    `SELECT o.params->>'link' AS link FROM notification_outbox o JOIN users u ON u.id = o.recipient_id WHERE u.email = $1 AND o.event = 'email_verification'`,
    [email],
  )) as { link: string }[];
  return row.link;
}

interface Step {
  click: (selector: string) => Promise<void>;
  /** Activates a control that does not leave the page (a download). */
  press?: (selector: string) => Promise<void>;
  fill: (selector: string, text: string) => Promise<void>;
  choose: (selector: string) => Promise<void>;
  /** Ticks or unticks a checkbox. */
  toggle: (selector: string) => Promise<void>;
}

/** With JavaScript the page posts the fragment's token itself; without, the person pastes the link. */
function verifier(page: Page, step: Step, javaScript: boolean) {
  return async (link: string) => {
    const local = `${app.baseUrl}/verifica-email${new URL(link).hash}`;
    if (javaScript) {
      await Promise.all([page.waitForURL('**/verifica-email/confermata'), page.goto(local)]);
      return;
    }
    await page.goto(local);
    await step.fill('#f-code', link);
    await step.click('#verify-form button[type=submit]');
  };
}

async function journey(page: Page, given: Step, verify: (link: string) => Promise<void>) {
  const step = { ...given, press: given.press ?? ((s: string) => page.click(s)) };
  const email = `web-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.sportello`;
  await page.goto(`${app.baseUrl}/`);
  await step.click(`a[href="${NIDI}"]`);
  expect(await page.textContent('h1')).toContain('Nidi Gratis Plus');
  await step.click(`a[href="${NIDI}/verifica"]`);
  await step.choose('#f-applicantRelationship-input');
  await step.choose('#f-childEnrolledInAdmittedNursery-input');
  await step.choose('#f-iseeType-input');
  await step.fill('#f-iseeValue', '18.500,00');
  await step.choose('#f-iseeHasOmissionsOrDiscrepancies-1');
  await step.fill('#f-monthlyFeeCents', '450,00');
  await step.click('form[action$="/verifica"] button[type=submit]');
  expect(await page.textContent('#check-result')).toBeTruthy();
  expect(await page.textContent('main')).toContain('Da verificare');
  await step.click('a[href="/accedi"]');
  await step.click('a[href="/registrati"]');
  await step.fill('#f-firstName', 'Giulia');
  await step.fill('#f-lastName', 'Bianchi');
  await step.fill('#f-fiscalCode', uniqueFiscalCode());
  await step.fill('#f-birthDate', '1985-12-10');
  await step.fill('#f-residence', 'Milano');
  await step.fill('#f-email', email);
  await step.fill('#f-password', 'una-frase-lunga-e-segreta');
  await step.click('form[action="/registrati"] button[type=submit]');
  expect(await page.textContent('h1')).toContain('Controlla la tua e-mail');
  // Before the address is confirmed the account logs in and reads, but cannot save.
  await step.click('a[href="/accedi"]');
  await step.fill('#f-email', email);
  await step.fill('#f-password', 'una-frase-lunga-e-segreta');
  await step.click('form[action="/accedi"] button[type=submit]');
  expect(await page.textContent('main')).toContain('non è ancora confermato');
  await page.goto(`${app.baseUrl}${NIDI}/domanda`);
  await step.choose('#f-consent');
  await step.click('#draft-form button[type=submit]');
  expect(await page.textContent('h1')).toContain('Conferma prima il tuo indirizzo e-mail');
  // The e-mail's link, opened in the browser (its token in the fragment).
  const link = await verificationLink(email);
  await verify(link);
  expect(await page.textContent('h1')).toContain('Indirizzo confermato');
  await step.click('main a[href="/accedi"]');
  await step.fill('#f-email', email);
  await step.fill('#f-password', 'una-frase-lunga-e-segreta');
  await step.click('form[action="/accedi"] button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/area-personale');
  expect(await page.textContent('main')).toContain('Giulia');
  await step.click('a[href="/"]');
  await step.click(`a[href="${NIDI}"]`);
  await step.click(`a[href="${NIDI}/domanda"]`);
  await step.choose('#f-consent');
  await step.click('#draft-form button[type=submit]');
  await step.choose('#f-applicantRelationship-input');
  await step.fill('#f-childFiscalCode', uniqueFiscalCode());
  await step.click('#draft-form button[value=next]');
  await fillNidiData(page, step);
  await step.click('#draft-form button[value=stay]');
  expect(await page.textContent('main')).toContain('Bozza salvata.');
  expect(await page.inputValue('#f-monthlyFeeCents')).toBe('450,00');
  const draftUrl = new URL(page.url()).pathname;
  // Resumed later from the personal area.
  await step.click('a[href="/area-personale"]');
  await step.click(`a[href="${draftUrl}"]`);
  expect(await page.inputValue('#f-months')).toBe('10');
  await step.click('#draft-form button[value=next]');
  // A file chooser is the operating system's own dialog: the test hands it the file.
  await page.setInputFiles('#f-file-fee-statement', {
    name: 'retta.pdf',
    mimeType: 'application/pdf',
    buffer: await makePdf(),
  });
  await step.click('form[enctype="multipart/form-data"] button[type=submit]');
  expect(await page.textContent('main')).toContain('retta.pdf');
  await step.click('main a[href$="/riepilogo"]');
  expect(await page.textContent('main')).toContain('DPR 445/2000');
  await step.click('#submit-form button[type=submit]');
  const protocol = (await page.textContent('#protocol-number'))!.trim();
  expect(protocol).toMatch(/^\d{4}-\d+$/);
  const [download] = await Promise.all([page.waitForEvent('download'), step.press('main a[href$="/ricevuta.pdf"]')]);
  expect(download.suggestedFilename()).toBe(`ricevuta-${protocol}.pdf`);
  const pdf = readFileSync(await download.path());
  expect(pdfText(pdf)).toContain(protocol);
  await step.choose('#f-rating-3');
  await step.click('#rating-form button[type=submit]');
  expect(await page.textContent('main')).toContain('Grazie per la tua valutazione');
  await step.click('main a[href="/area-personale"]');
  expect(await page.textContent('main')).toContain(protocol);
  const caseId = draftUrl.split('/')[2];
  await officerRequestsIntegration(caseId);
  await step.click(`a[href="/domande/${caseId}/stato"]`);
  expect(await page.textContent('#case-status')).toBe('Integrazione richiesta');
  expect(await page.textContent('main')).toContain('Allegare la retta firmata dal nido');
  // The answer: the document the office asked for, a corrected field and the message.
  await step.click('#answer-link');
  await page.setInputFiles('#f-file-fee-statement', {
    name: 'retta-firmata.pdf',
    mimeType: 'application/pdf',
    buffer: await makePdf('Retta firmata'),
  });
  await step.click(`form[action="/domande/${caseId}/integrazione/documenti"] button[type=submit]`);
  expect(await page.textContent('main')).toContain('retta-firmata.pdf');
  await step.fill('#f-months', '11');
  await step.fill('#f-answer', 'Allegata la retta firmata');
  await step.click('#answer-form button[type=submit]');
  expect(await page.textContent('#case-status')).toBe('In istruttoria');
  const [answered] = (await app.db.query(
    `SELECT data->>'months' AS months, (SELECT count(*)::int FROM application_documents d WHERE d.application_id = a.id) AS documents
       FROM applications a WHERE id = $1`,
    [caseId],
  )) as { months: string; documents: number }[];
  expect(answered).toEqual({ months: '11', documents: 2 });
  // The inbox keeps the office's messages; the profile turns off the e-mail copies.
  await step.click('main a[href="/area-personale"]');
  await step.click('a[href="/area-personale/messaggi"]');
  expect(await page.textContent('main')).toContain('Richiesta di integrazione');
  await step.click('form[action$="/letto"] button[type=submit]');
  expect(await page.textContent('#inbox-unread')).toBe('Messaggi non letti: 1');
  await step.click('main a[href="/area-personale"]');
  await step.click('a[href="/area-personale/profilo"]');
  await step.toggle('#f-email');
  await step.click('#notifications-form button[type=submit]');
  expect(await page.textContent('main')).toContain('Preferenze salvate.');
  const [prefs] = (await app.db.query(
    `SELECT p.email, p.app_io FROM notification_preferences p JOIN users u ON u.id = p.user_id WHERE u.email = $1`,
    [email],
  )) as { email: boolean; app_io: boolean }[];
  expect(prefs).toEqual({ email: false, app_io: true });
  await step.click('form[action="/esci"] button[type=submit]');
  expect(await page.textContent('main')).toContain('Sei uscito');
  await page.goto(`${app.baseUrl}/area-personale`);
  expect(new URL(page.url()).pathname).toBe('/accedi');
}

describe('the personal area’s own pages pass axe in Italian and English', () => {
  for (const lang of ['it', 'en'] as const) {
    it(`${lang}`, async () => {
      // A case of its own, driven through the API to an integration request, and a draft.
      const account = await seedAccount(app.db, [Role.APPLICANT], { residence: MILANO });
      const token = await tokenFor(app, account);
      const data = { ...SAMPLE_APPLICATIONS[NIDI_CODE], childFiscalCode: uniqueFiscalCode() };
      const created = await app
        .http()
        .post('/api/v1/applications')
        .set(bearer(token))
        .send({ measureCode: NIDI_CODE, data });
      expect(created.status).toBe(201);
      const caseId = created.body.id as string;
      const uploaded = await app
        .http()
        .post(`/api/v1/applications/${caseId}/documents`)
        .set(bearer(token))
        .field('requiredDocumentId', 'fee-statement')
        .attach('file', await makePdf(), { filename: 'retta.pdf' });
      expect(uploaded.status).toBe(201);
      expect((await app.http().post(`/api/v1/applications/${caseId}/submit`).set(bearer(token))).status).toBe(201);
      await officerRequestsIntegration(caseId);
      const draft = await app
        .http()
        .post('/api/v1/applications')
        .set(bearer(token))
        .send({ measureCode: NIDI_CODE, data: {} });
      expect(draft.status).toBe(201);

      const { context, page, problems } = await watched();
      const checked = async (name: string, shotName?: string) => {
        expect({ page: name, violations: await axe(page) }).toEqual({ page: name, violations: [] });
        if (lang === 'it' && shotName) await shot(page, shotName);
      };
      const visit = async (path: string, name: string) => {
        await page.goto(`${app.baseUrl}${path}`);
        await checked(path, name);
      };
      await page.goto(`${app.baseUrl}/?lang=${lang}`);
      await browserLogin(page, app.baseUrl, account);
      await visit(`/domande/${draft.body.id}/elimina`, '29-discard-draft');
      await submit(page, '#discard-form button[type=submit]');
      expect(await page.isVisible('#error-summary')).toBe(true);
      await checked('discard errors');
      await visit(`/domande/${caseId}/integrazione`, '31-integration-answer');
      await submit(page, '#answer-form button[type=submit]');
      expect(await page.isVisible('#error-summary')).toBe(true);
      await checked('answer errors', '32-integration-errors');
      await page.fill('#f-months', '11');
      await page.fill('#f-answer', 'Allegata la retta firmata');
      await submit(page, '#answer-form button[type=submit]');
      expect(new URL(page.url()).pathname).toBe(`/domande/${caseId}/stato`);
      await visit('/area-personale/messaggi', '33-inbox');
      await submit(page, 'form[action$="/letto"] button[type=submit]');
      await checked('inbox read');
      await visit('/area-personale/profilo', '34-profile');
      await page.fill('#f-residence', 'Atlantide');
      await submit(page, '#details-form button[type=submit]');
      expect(await page.getAttribute('#f-residence', 'aria-invalid')).toBe('true');
      await checked('profile errors', '35-profile-errors');
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});

describe('the journey', () => {
  let context: BrowserContext;
  afterAll(() => context?.close());

  it('works with JavaScript disabled', async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const step: Step = {
      click: (s) => submit(page, s),
      fill: (s, text) => page.fill(s, text),
      choose: (s) => pick(page, s),
      toggle: (s) => pick(page, s),
    };
    await journey(page, step, verifier(page, step, false));
    await context.close();
  });

  it('works with the keyboard only', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    /** Tab until the element is focused (at most 80 presses), as a keyboard user would. */
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
      }
      throw new Error(`could not reach ${selector} with Tab`);
    };
    const step: Step = {
      click: async (s) => {
        await tabTo(s);
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      },
      press: async (s) => {
        await tabTo(s);
        await page.keyboard.press('Enter');
      },
      fill: async (s, text) => {
        await tabTo(s);
        await page.keyboard.type(text);
      },
      // Tab reaches a radio group once; arrow keys move within it (the first option is checked on focus by Space).
      choose: async (s) => {
        const group = await page.getAttribute(s, 'name');
        const index = await page.evaluate((sel) => {
          const el = document.querySelector<HTMLInputElement>(sel)!;
          return [...document.querySelectorAll<HTMLInputElement>(`input[name="${el.name}"]`)].indexOf(el);
        }, s);
        await tabTo(`input[name="${group}"]`);
        await page.keyboard.press('Space');
        for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        expect(await page.isChecked(s)).toBe(true);
      },
      toggle: async (s) => {
        await tabTo(s);
        await page.keyboard.press('Space');
      },
    };
    await journey(page, step, verifier(page, step, true));
  });
});
