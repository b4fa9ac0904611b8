import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Browser, Page } from 'playwright-core';
import { Clock } from '../src/common/clock/clock.js';
import { Role } from '../src/common/access/role.js';
import { WorkerModule } from '../src/worker.module.js';
import { actor, type Actor } from './support/actors.js';
import { launchBrowser } from './support/browser.js';
import { draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { ATS_BERGAMO, ATS_BRESCIA, ATS_MILANO, BERGAMO, MILANO } from './support/places.js';
import { startWebApp, type WebTestContext } from './support/web-app.js';
import { axe, browserLogin, csrfOf, pick, shot, signedIn, submit, watched } from './support/web-pages.js';
import { slugFor } from '../src/modules/web/measure/portal-measures.js';

// A real browser on a machine shared with the other test files: pages take seconds, not ms.
jest.setTimeout(240_000);

/** WORKBENCH_SCREENSHOTS=docs/workbench refreshes the screenshots of docs/workbench-actions.md. */
const SHOTS = process.env.WORKBENCH_SCREENSHOTS;
const NIDI = 'NIDI-GRATIS-PLUS-2024-25';

let app: WebTestContext;
let worker: INestApplicationContext;
let browser: Browser;
let applicant: Actor;
let op: Actor;
let mgr: Actor;

beforeAll(async () => {
  app = await startWebApp();
  // The real worker (relay, BullMQ consumer, bulk job) on the same database, Redis prefix and clock.
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(app.config)] })
    .overrideProvider(Clock)
    .useValue(app.clock)
    .compile();
  worker = moduleRef.createNestApplication({ logger: false });
  await worker.init();
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  applicant = await actor(app, Role.APPLICANT, { residence: MILANO });
  op = await actor(app, Role.OPERATOR, { atsCodes: [ATS_MILANO] });
  mgr = await actor(app, Role.MANAGER, { atsCodes: [ATS_MILANO] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await app?.close();
});

const nidi = () => ({
  applicantRelationship: 'parent',
  childFiscalCode: uniqueFiscalCode(),
  childBirthDate: '2024-05-10',
  hasSiblingUnder10: true,
  nurseryCode: 'NIDO-MI-0042',
  childEnrolledInAdmittedNursery: true,
  iseeType: 'minorenni',
  iseeValue: '22.000,00',
  iseeProtocol: 'INPS-ISEE-2024-123456789-00',
  iseeHasOmissionsOrDiscrepancies: false,
  monthlyFeeCents: 45_000,
  months: 10,
});

/** A Nidi Gratis Plus case of a Milan family, submitted through the API. */
const submitted = async () => (await draftAndSubmit(app, applicant.token, NIDI, nidi())).id;
const row = async (id: string) =>
  (
    (await app.db.query(
      `SELECT status, version, assigned_operator_id, proposed_by, decided_by, integration_request FROM applications WHERE id = $1`,
      [id],
    )) as {
      status: string;
      version: number;
      assigned_operator_id: string | null;
      proposed_by: string | null;
      decided_by: string | null;
      integration_request: { message: string; days: number } | null;
    }[]
  )[0];
/** Moves a case on through the API as `who` (the steps a test is not about). */
const step = async (who: Actor, id: string, path: string, body: object) =>
  who.post(`/cases/${id}/${path}`, { version: (await row(id)).version, ...body }).expect(200);
const actionUrl = (id: string, action: string) => `${app.baseUrl}/lavoro/pratiche/${id}/azioni/${action}`;

/** The page as axe-core sees it: 0 violations expected, named by the page for the failure message. */
async function accessible(page: Page, name: string, problems: string[]) {
  expect({ name, violations: await axe(page), problems }).toEqual({ name, violations: [], problems: [] });
}

/** Tab (as a keyboard user does) until the element is focused; then the caller presses a key. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} not reached with Tab`);
}

describe('workbench actions in the browser', () => {
  it('an OPERATOR takes a case in charge, asks for an integration, the applicant answers, the OPERATOR proposes by keyboard; a MANAGER decides', async () => {
    const id = await submitted();
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, op.account);

    await page.goto(actionUrl(id, 'take-in-charge'));
    await accessible(page, 'take in charge', problems);
    await shot(page, SHOTS, 'actions-01-take-in-charge');
    await submit(page, '#action-continue');
    expect(await page.textContent('h1')).toContain('Conferma');
    await accessible(page, 'confirmation', problems);
    await shot(page, SHOTS, 'actions-02-confirm');
    await submit(page, '#action-confirm');
    expect(page.url()).toBe(`${app.baseUrl}/lavoro/pratiche/${id}?fatto=take-in-charge`);
    expect(await row(id)).toMatchObject({ status: 'IN_REVIEW', assigned_operator_id: op.id });

    await page.goto(actionUrl(id, 'request-integration'));
    // Nothing chosen: the form comes back with the error summary, nothing written.
    await page.fill('#f-days', '45');
    await submit(page, '#action-continue');
    expect(await page.textContent('#error-summary')).toContain('da 1 a 30');
    await accessible(page, 'integration errors', problems);
    await shot(page, SHOTS, 'actions-03-integration-errors');
    await pick(page, 'f-template-input');
    const document = await page.getAttribute('#f-documents input[type="checkbox"]', 'id');
    await pick(page, document!);
    await page.fill('#f-note', 'Indicare anche il codice del nido.');
    await page.fill('#f-days', '15');
    await shot(page, SHOTS, 'actions-04-integration');
    await submit(page, '#action-continue');
    expect(await page.textContent('main')).toContain('Indicare anche il codice del nido.');
    await submit(page, '#action-confirm');
    const asked = await row(id);
    expect(asked).toMatchObject({ status: 'INTEGRATION_REQUESTED', integration_request: { days: 15 } });
    expect(asked.integration_request!.message).toContain('si chiede di trasmettere la documentazione indicata');
    expect(asked.integration_request!.message).toMatch(
      /Documenti richiesti: .+\.\nIndicare anche il codice del nido\./,
    );

    // The applicant answers in the portal, in her own browser session.
    const citizen = await watched(browser, app.baseUrl);
    await browserLogin(citizen.page, app.baseUrl, applicant.account);
    await citizen.page.goto(`${app.baseUrl}/domande/${id}/integrazione`);
    await citizen.page.fill('#f-answer', 'Ecco il codice del nido');
    await submit(citizen.page, '#answer-form button[type=submit]');
    expect(await citizen.page.textContent('#case-status')).toBe('In istruttoria');
    expect(citizen.problems).toEqual([]);
    await citizen.context.close();
    expect(await row(id)).toMatchObject({ status: 'IN_REVIEW' });

    // The proposal, by keyboard only: Tab to each control, Space to choose, type, Enter to submit.
    await page.goto(actionUrl(id, 'propose'));
    await tabTo(page, '#f-outcome-input');
    await page.keyboard.press('Space');
    await tabTo(page, '#f-reasons');
    await page.keyboard.type('Requisiti verificati, integrazione ricevuta.');
    await tabTo(page, '#action-continue');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await tabTo(page, '#action-confirm');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(await row(id)).toMatchObject({ status: 'PROPOSED', proposed_by: op.id });
    await context.close();

    const manager = await watched(browser, app.baseUrl);
    await browserLogin(manager.page, app.baseUrl, mgr.account);
    await manager.page.goto(actionUrl(id, 'decide-approve'));
    // The decider sees the proposal and who made it.
    expect(await manager.page.textContent('.callout')).toContain('Proposta di Test User');
    expect(await manager.page.textContent('#proposal-outcome')).toContain('Accoglimento');
    await accessible(manager.page, 'decide', manager.problems);
    await shot(manager.page, SHOTS, 'actions-05-decide');
    await manager.page.fill('#f-reasons', 'Accolta: requisiti verificati.');
    await submit(manager.page, '#action-continue');
    await submit(manager.page, '#action-confirm');
    const decided = await row(id);
    expect(['APPROVED', 'WAITLISTED']).toContain(decided.status);
    expect(decided.decided_by).toBe(mgr.id);
    await manager.context.close();
  });

  it('refusals on the page, without JavaScript: one’s own proposal, an action not allowed, a stale version, a case not visible', async () => {
    const both = await actor(app, [Role.OPERATOR, Role.MANAGER], { atsCodes: [ATS_MILANO] });
    const own = await submitted();
    await step(both, own, 'take-in-charge', {});
    await step(both, own, 'proposal', { outcome: 'approve', reasons: 'Requisiti verificati' });
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, both.account);
    const refused = await page.goto(actionUrl(own, 'decide-approve'));
    expect(refused!.status()).toBe(403);
    expect(await page.textContent('#error-summary')).toContain('Chi ha proposto non può decidere la stessa pratica');
    await accessible(page, 'four eyes', problems);
    await shot(page, SHOTS, 'actions-06-four-eyes');
    // Posting the confirmation anyway runs nothing.
    const csrf = await page.getAttribute('input[name="_csrf"]', 'value');
    const forced = await page.request.post(actionUrl(own, 'decide-approve'), {
      form: { _csrf: csrf!, _version: String((await row(own)).version), _step: 'confirm', reasons: 'Accolta' },
    });
    expect(forced.status()).toBe(403);
    expect(await row(own)).toMatchObject({ status: 'PROPOSED', decided_by: null });

    // Take in charge on a case already in review: not in allowedActions, 409, never executed.
    const notNow = await page.goto(actionUrl(own, 'take-in-charge'));
    expect(notNow!.status()).toBe(409);

    await context.close();

    // Without JavaScript, a stale version: the form was read, then the case changed; the
    // service's message in the error summary, not a 500.
    const noJs = await watched(browser, app.baseUrl, { javaScriptEnabled: false });
    await browserLogin(noJs.page, app.baseUrl, both.account);
    const moving = await submitted();
    await step(both, moving, 'take-in-charge', {});
    await noJs.page.goto(actionUrl(moving, 'propose'));
    await pick(noJs.page, 'f-outcome-input');
    await noJs.page.fill('#f-reasons', 'Requisiti verificati');
    await submit(noJs.page, '#action-continue');
    await step(both, moving, 'integration-request', { message: 'Allegare il certificato', days: 5 });
    await applicant
      .post(`/applications/${moving}/integration-response`, {
        version: (await row(moving)).version,
        message: 'Allegato',
      })
      .expect(200);
    const [stale] = await Promise.all([
      noJs.page.waitForNavigation({ waitUntil: 'load' }),
      noJs.page.click('#action-confirm'),
    ]);
    expect(stale!.status()).toBe(409);
    expect(await noJs.page.textContent('#error-summary')).toContain('modificata da qualcun altro');
    expect(noJs.problems).toEqual([]);
    await shot(noJs.page, SHOTS, 'actions-07-stale');
    expect((await row(moving)).status).toBe('IN_REVIEW');
    await noJs.context.close();

    // An officer of another ATS: the not-found page, whatever the action.
    const bergamo = await actor(app, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] });
    const other = await watched(browser, app.baseUrl, { javaScriptEnabled: false });
    await browserLogin(other.page, app.baseUrl, bergamo.account);
    expect((await other.page.goto(actionUrl(moving, 'propose')))!.status()).toBe(404);
    expect((await other.page.goto(actionUrl(moving, 'nonexistent')))!.status()).toBe(404);
    await other.context.close();
  });

  it('every action page passes axe in Italian and English', async () => {
    const fresh = await submitted();
    const review = await submitted();
    await step(mgr, review, 'take-in-charge', { operatorId: op.id });
    const toReject = await submitted();
    await step(mgr, toReject, 'take-in-charge', { operatorId: op.id });
    await step(op, toReject, 'proposal', { outcome: 'reject', reasons: 'ISEE oltre la soglia' });
    const approved = await submitted();
    await step(mgr, approved, 'take-in-charge', { operatorId: op.id });
    await step(op, approved, 'proposal', { outcome: 'approve', reasons: 'Requisiti verificati' });
    await step(mgr, approved, 'decision', { outcome: 'approve', reasons: 'Accolta' });
    // A possible duplicate: another family applies for the same child.
    const child = nidi();
    await draftAndSubmit(app, applicant.token, NIDI, child);
    const otherFamily = await actor(app, Role.APPLICANT, { residence: MILANO });
    const duplicate = (await draftAndSubmit(app, otherFamily.token, NIDI, child)).id;
    // A rejection after the 10-bis notice and the applicant's observations.
    const observed = await submitted();
    await step(mgr, observed, 'take-in-charge', { operatorId: op.id });
    await step(op, observed, 'proposal', { outcome: 'reject', reasons: 'ISEE oltre la soglia' });
    await step(mgr, observed, 'pre-rejection-notice', { reasons: 'ISEE oltre la soglia' });
    await applicant
      .post(`/applications/${observed}/observations`, { version: (await row(observed)).version, text: 'ISEE corretto' })
      .expect(200);
    const pages: [Actor, string, string][] = [
      [mgr, duplicate, 'close-duplicate'],
      [mgr, observed, 'decide-reject'],
      [mgr, fresh, 'assign'],
      [op, review, 'request-integration'],
      [op, review, 'propose'],
      [mgr, toReject, 'send-pre-rejection-notice'],
      [mgr, approved, 'revoke'],
      [mgr, approved, 'check-outcome'],
    ];
    for (const lang of ['it', 'en']) {
      for (const who of [op, mgr]) {
        const { context, page, problems } = await watched(browser, app.baseUrl);
        await browserLogin(page, app.baseUrl, who.account);
        await page.goto(`${app.baseUrl}/lavoro/operazioni?lang=${lang}`);
        await accessible(page, `bulk ${lang}`, problems);
        for (const [, id, action] of pages.filter(([w]) => w === who)) {
          const res = await page.goto(actionUrl(id, action));
          expect({ action, status: res!.status() }).toEqual({ action, status: 200 });
          await accessible(page, `${action} ${lang}`, problems);
          if (lang === 'it') await shot(page, SHOTS, `actions-${action}`);
        }
        if (who === mgr) {
          await page.goto(`${app.baseUrl}/lavoro/controlli`);
          await accessible(page, `checks ${lang}`, problems);
          if (lang === 'it') await shot(page, SHOTS, 'actions-checks');
        }
        await context.close();
      }
    }
  });

  it('a bulk decision over 50 cases shows its progress and each case’s result; running it again changes nothing twice', async () => {
    // Bergamo's office, so the list holds exactly this test's cases.
    const family = await actor(app, Role.APPLICANT, { residence: BERGAMO });
    const officer = await actor(app, Role.OPERATOR, { atsCodes: [ATS_BERGAMO] });
    const manager = await actor(app, Role.MANAGER, { atsCodes: [ATS_BERGAMO] });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const { id } = await draftAndSubmit(app, family.token, NIDI, nidi());
      await step(manager, id, 'take-in-charge', { operatorId: officer.id });
      await step(officer, id, 'proposal', { outcome: 'approve', reasons: 'Requisiti verificati' });
      ids.push(id);
    }
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, manager.account);
    await page.goto(`${app.baseUrl}/lavoro/operazioni`);
    await pick(page, 'f-decide-all');
    await pick(page, 'f-decide-outcome-input');
    await page.fill('#f-decide-reasons', 'Accolte: requisiti verificati, in ordine di protocollo.');
    await pick(page, 'f-decide-confirm');
    await shot(page, SHOTS, 'bulk-01-choose');
    await submit(page, '#bulk-start-decide');
    expect(page.url()).toMatch(/\/lavoro\/operazioni\/[0-9a-f-]{36}$/);
    expect(await page.getAttribute('#bulk-progress', 'max')).toBe('50');
    await accessible(page, 'bulk progress', problems);
    await shot(page, SHOTS, 'bulk-02-progress');
    // The served script polls the status and reloads the page once the job has finished.
    await page.waitForSelector('#bulk-progress[data-finished="true"]', { timeout: 120_000 });
    expect(await page.textContent('#bulk-status')).toContain('50 di 50 pratiche trattate: 50 eseguite');
    expect(await page.locator('#bulk-results tbody tr[data-result="done"]').count()).toBe(50);
    await accessible(page, 'bulk done', problems);
    await shot(page, SHOTS, 'bulk-03-done');
    const operationUrl = page.url();
    const decisions = async () =>
      (
        (await app.db.query(
          `SELECT count(*)::int AS n FROM application_transitions WHERE application_id = ANY($1) AND event IN ('decide_approve', 'decide_waitlist')`,
          [ids],
        )) as { n: number }[]
      )[0].n;
    expect(await decisions()).toBe(50);
    // Decided in protocol order: the decision times follow the protocol numbers.
    const order = (await app.db.query(
      `SELECT a.id FROM applications a JOIN application_transitions t ON t.application_id = a.id AND t.event IN ('decide_approve', 'decide_waitlist')
        WHERE a.id = ANY($1) ORDER BY t.id`,
      [ids],
    )) as { id: string }[];
    expect(order.map((r) => r.id)).toEqual(ids);

    // Again, through the API with the versions the page had: every case already so, nothing twice.
    const versions = (await app.db.query(`SELECT id, version FROM applications WHERE id = ANY($1)`, [ids])) as {
      id: string;
      version: number;
    }[];
    const again = await manager
      .post('/bulk-operations', {
        kind: 'decide',
        outcome: 'approve',
        reasons: 'Accolte',
        items: versions.map((v) => ({ id: v.id, version: v.version - 1 })),
      })
      .expect(201);
    const rerun = await browser.newContext();
    const p2 = await rerun.newPage();
    await p2.context().addCookies(await context.cookies());
    // Without JavaScript the page offers the "Aggiorna" link until the job is done.
    for (let i = 0; i < 120; i++) {
      await p2.goto(`${app.baseUrl}/lavoro/operazioni/${again.body.id as string}`);
      if ((await p2.getAttribute('#bulk-progress', 'data-finished')) === 'true') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await p2.textContent('#bulk-status')).toContain('50 già a posto');
    expect(await decisions()).toBe(50);
    await rerun.close();
    expect(await page.goto(operationUrl).then((r) => r!.status())).toBe(200);
    await context.close();
  });

  it('a bulk form submitted twice (a double click) starts one operation', async () => {
    const id = await submitted();
    const cookie = await signedIn(app, mgr.account);
    const form = await app.http().get('/lavoro/operazioni').set('cookie', cookie).expect(200);
    const key = /id="bulk-form-assign"[\s\S]*?name="_key" value="([^"]+)"/.exec(form.text)?.[1];
    expect(key).toBeDefined();
    const { version } = await row(id);
    const post = () =>
      app
        .http()
        .post('/lavoro/operazioni')
        .set('cookie', cookie)
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          _key: key,
          kind: 'assign',
          [`case_${id}`]: String(version),
          operatorId: op.id,
          confirm: 'true',
        })
        .expect(303);
    const first = await post();
    expect(first.headers.location).toMatch(/^\/lavoro\/operazioni\/[0-9a-f-]{36}$/);
    expect((await post()).headers.location).toBe(first.headers.location);
  });

  it('the checks page addresses a sealed measure by its opaque slug, never by its code', async () => {
    const code = 'ORFANI-FEMMINICIDIO';
    const slug = slugFor(code, true);
    const manager = await actor(app, Role.MANAGER, { atsCodes: [ATS_BRESCIA] });
    const cookie = await signedIn(app, manager.account);
    const form = await app.http().get('/lavoro/controlli').set('cookie', cookie).expect(200);
    expect(form.text).toContain(`value="${slug}"`);
    expect(form.text).not.toContain(code);
    const drawn = await app
      .http()
      .post('/lavoro/controlli')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(form.text), measure: slug, seed: 'controllo-2026', size: '1' })
      .expect(303);
    expect(drawn.headers.location).toBe(`/lavoro/controlli?misura=${slug}`);
    const shown = await app.http().get(drawn.headers.location).set('cookie', cookie).expect(200);
    expect(shown.text).toContain('id="checks-samples"');
    expect(shown.text).not.toContain(code);
  });
});
