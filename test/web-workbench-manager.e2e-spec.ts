import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role.js';
import { actorOf, type Actor } from './support/actors.js';
import { launchBrowser } from './support/browser.js';
import { givenCase } from './support/case-fixtures.js';
import { caseVersion, draftAndSubmit, toProposed } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { i18n, newGrant, rankedGrant } from './support/measure-fixtures.js';
import { MILANO } from './support/places.js';
import { seedAccount, type Account } from './support/test-app.js';
import { startWebApp, type WebTestContext } from './support/web-app.js';
import { axe, browserLogin, shot, submit, watched } from './support/web-pages.js';

// A real browser on a machine shared with the other test files: pages take seconds, not ms.
jest.setTimeout(240_000);

/** WORKBENCH_SCREENSHOTS=docs/workbench refreshes the screenshots of docs/workbench-manager.md. */
const SHOTS = process.env.WORKBENCH_SCREENSHOTS;
const RANKED = 'GRADUATORIA-GESTIONE-2026';
const DESK = 'SPORTELLO-GESTIONE-2026';
const RANKED_PATH = `/lavoro/gestione/misure/${RANKED.toLowerCase()}`;

let app: WebTestContext;
let browser: Browser;
const accounts: Record<string, Account> = {};
const as: Record<string, Actor> = {};

async function signIn() {
  for (const [name, account] of Object.entries(accounts)) as[name] = await actorOf(app, account);
}

const measure = (definition: object, closesAt: string) => ({
  definition,
  window: { opensAt: '2026-02-01T09:00:00+01:00', closesAt },
  managingBody: { kind: 'ATS', code: '321' },
  territorialScope: { atsCodes: [], ambitoCodes: [] },
  quotas: [],
});

const apply = async (code: string, iseeEuro: number) =>
  (
    await draftAndSubmit(app, as.citizen.token, code, {
      beneficiaryFiscalCode: uniqueFiscalCode(),
      residenceIstatCode: MILANO,
      iseeType: 'ordinario',
      iseeValue: String(iseeEuro),
    })
  ).id;

/** The rows of a ranking table: position, protocol number, outcome (data-status). */
const rankingRows = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr`, (rows) =>
    rows.map((r) => [
      r.querySelector('td')!.textContent.trim(),
      r.querySelector('th')!.textContent.trim(),
      r.getAttribute('data-status'),
    ]),
  );

const cases: Record<string, string> = {};

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  Object.assign(accounts, {
    admin: await seedAccount(app.db, [Role.ADMIN]),
    citizen: await seedAccount(app.db, [Role.APPLICANT], { residence: MILANO }),
    op: await seedAccount(app.db, [Role.OPERATOR], { atsCodes: ['321'] }),
    mgr: await seedAccount(app.db, [Role.MANAGER], { atsCodes: ['321'] }),
    mgrBrescia: await seedAccount(app.db, [Role.MANAGER], { atsCodes: ['326'] }),
    opBrescia: await seedAccount(app.db, [Role.OPERATOR], { atsCodes: ['326'] }),
  });
  await app.db.query(`UPDATE users SET first_name = 'Paola', last_name = 'Rossi' WHERE id = $1`, [accounts.op.id]);
  await signIn();
  // A graduatoria of 300 EUR grants with 900 EUR, ranked by ISEE; and an a-sportello measure for open cases.
  const ranked = rankedGrant(RANKED, {
    title: i18n('Contributo a graduatoria di prova', 'Ranked test grant'),
    budget: { kind: 'money', totalCents: 90_000, figure: 'demo', note: i18n('Dotazione.', 'Budget.') },
  });
  const desk = newGrant(DESK, { requiredDocuments: [] });
  for (const [definition, closesAt] of [
    [ranked, '2026-03-10T12:00:00+01:00'],
    [desk, '2026-06-30T12:00:00+02:00'],
  ] as const) {
    await as.admin.post('/admin/measures', measure(definition, closesAt)).expect(201);
    await as.admin.post(`/admin/measures/${definition.code}/versions/1/publish`, {}).expect(200);
  }
  // Protocol order differs from the ranking; b and c tie on the ISEE (protocol order decides).
  for (const [name, isee] of [
    ['d', 9000],
    ['b', 8000],
    ['a', 5000],
    ['c', 8000],
    ['e', 12000],
    ['f', 7000],
  ] as const) {
    cases[name] = await apply(RANKED, isee);
    await toProposed(app, as.op.token, cases[name], name === 'f' ? 'reject' : 'approve');
  }
  // A sealed case (the orphans' fund, managed by ATS Brescia) in the hands of a Brescia officer.
  cases.sealed = (
    await givenCase(app, 'IN_REVIEW', { applicant: as.citizen, manager: as.mgrBrescia, operator: as.opBrescia })
  ).id;
  // Open cases: one received on 2 March (overdue by 5 April), one on 9 March (due within 5 days).
  cases.late = await apply(DESK, 6000);
  await as.op
    .post(`/cases/${cases.late}/take-in-charge`, { version: await caseVersion(app, as.op.token, cases.late) })
    .expect(200);
  app.clock.set(new Date('2026-03-09T09:00:00Z'));
  cases.soon = await apply(DESK, 6000);
  await as.op
    .post(`/cases/${cases.soon}/take-in-charge`, { version: await caseVersion(app, as.op.token, cases.soon) })
    .expect(200);
  app.clock.set(new Date('2026-04-05T08:00:00Z'));
  await signIn();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the manager's views in the browser", () => {
  it('previews the graduatoria, publishes it by keyboard without JavaScript, and the frozen list is the preview', async () => {
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, accounts.mgr);
    await page.goto(`${app.baseUrl}/lavoro/gestione`);
    expect(await page.textContent('#managed-measures')).toContain('Contributo a graduatoria di prova');
    expect(await page.$(`a[href="${RANKED_PATH}/graduatoria"]`)).not.toBeNull();
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-measures');

    await page.goto(`${app.baseUrl}${RANKED_PATH}/graduatoria`);
    const preview = await rankingRows(page, 'ranking-preview');
    expect(preview).toEqual([
      ['1', expect.any(String), 'funded'],
      ['2', expect.any(String), 'funded'],
      ['3ex aequo', expect.any(String), 'funded'],
      ['4', expect.any(String), 'waitlisted'],
      ['5', expect.any(String), 'waitlisted'],
      ['–', expect.any(String), 'not_admitted'],
    ]);
    const order = await page.$$eval('#ranking-preview tbody tr', (rows) =>
      rows.map((r) => r.getAttribute('data-application')),
    );
    expect(order).toEqual([cases.a, cases.b, cases.c, cases.d, cases.e, cases.f]);
    expect(await page.textContent('#ranking-summary')).toContain('3 finanziate, 2 in lista d’attesa, 1 non ammesse');
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-ranking-preview');
    // Nothing is written by the preview.
    expect(await app.db.query(`SELECT id FROM rankings`)).toEqual([]);

    // Publishing needs the confirmation: without it, the error summary and nothing published.
    await submit(page, 'form[action$="/graduatoria"] button[type="submit"]');
    expect(await page.textContent('#error-summary')).toContain('Conferma la pubblicazione');
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-ranking-confirm-error');
    expect(await app.db.query(`SELECT id FROM rankings`)).toEqual([]);

    // The publication itself with JavaScript off: a plain form post and a redirect.
    const off = await watched(browser, app.baseUrl, { javaScriptEnabled: false });
    await browserLogin(off.page, app.baseUrl, accounts.mgr);
    await off.page.goto(`${app.baseUrl}${RANKED_PATH}/graduatoria`);
    // By keyboard: the checkbox with Space, then Tab to the button and Enter.
    await off.page.focus('#f-confirm');
    await off.page.keyboard.press('Space');
    await off.page.keyboard.press('Tab');
    await Promise.all([off.page.waitForNavigation({ waitUntil: 'load' }), off.page.keyboard.press('Enter')]);
    expect(await rankingRows(off.page, 'frozen-ranking')).toEqual(preview);
    await off.context.close();

    await page.goto(`${app.baseUrl}${RANKED_PATH}/graduatoria`);
    expect(await page.$('form[action$="/graduatoria"]')).toBeNull();
    const [ranking] = (await app.db.query(`SELECT id FROM rankings`)) as { id: string }[];
    const api = await as.mgr.get(`/measures/${RANKED}/rankings/${ranking.id}`).expect(200);
    expect(api.body.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual(order);
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-ranking-frozen');

    const csv = await page.request.get(`${app.baseUrl}${RANKED_PATH}/graduatoria.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toBe(`attachment; filename="graduatoria-${RANKED.toLowerCase()}.csv"`);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('posizione,protocollo,esito,importo_centesimi,quota,criteri');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(
      api.body.entries.map(
        (e: { position: number | null; protocolNumber: string; status: string; amount: number | null }) =>
          [e.position ?? '', e.protocolNumber, e.status, e.amount ?? ''].join(','),
      ),
    );
    const pdf = await page.request.get(`${app.baseUrl}${RANKED_PATH}/graduatoria.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the budget with its chart, the waiting list in order and the scorrimento, in Italian and English', async () => {
    // New money: the scorrimento funds the first waitlisted case in ranking order (d, not e).
    const raised = await as.admin
      .post(`/admin/measures/${RANKED}/budget/increase`, { amount: 30_000, reason: 'Nuove risorse' })
      .expect(200);
    expect(raised.body.fundedApplications).toEqual([cases.d]);
    const api = (await as.mgr.get(`/measures/${RANKED}/budget`).expect(200)).body;

    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, accounts.mgr);
    await page.goto(`${app.baseUrl}${RANKED_PATH}`);
    const figure = (key: string) => page.textContent(`#budget-figures tr[data-figure="${key}"] td`);
    expect(api).toMatchObject({ total: 120_000, reserved: 120_000, available: 0, queued: 1 });
    expect(await figure('total')).toBe('1.200,00 €');
    expect(await figure('reserved')).toBe('1.200,00 €');
    expect(await figure('approved')).toBe('1.200,00 €');
    expect(await figure('available')).toBe('0,00 €');
    expect(await figure('queued')).toBe('1');
    expect(await figure('queued-demand')).toBe('300,00 €');
    // The chart: an image with its description; the approved part fills the budget bar.
    expect(await page.getAttribute('#budget-chart', 'role')).toBe('img');
    expect(await page.textContent('#budget-chart desc')).toContain('1.200,00 €');
    expect(await page.getAttribute('#budget-chart rect[data-part="approved"]', 'width')).toBe('600');
    expect(await page.$('#budget-chart rect[data-part="available"]')).toBeNull();
    // The waiting list: e, the only one left; the scorrimento: the increase, then d funded.
    const protocolOf = async (id: string) =>
      (
        (await app.db.query(`SELECT protocol_number FROM applications WHERE id = $1`, [id])) as {
          protocol_number: string;
        }[]
      )[0].protocol_number;
    const waiting = await page.$$eval('#waiting-list tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td, th')].slice(0, 2).map((c) => c.textContent.trim())),
    );
    expect(waiting).toEqual([['1', await protocolOf(cases.e)]]);
    expect(await page.getAttribute('#waiting-list a', 'href')).toBe(`/lavoro/pratiche/${cases.e}`);
    const scorrimento = await page.textContent('#scorrimento');
    expect(scorrimento).toContain('Dotazione aumentata 300,00 €');
    expect(scorrimento).toContain(await protocolOf(cases.d));
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-budget');

    await page.goto(`${app.baseUrl}${RANKED_PATH}?lang=en`);
    expect(await page.textContent('#budget-title')).toBe('Budget of the measure');
    expect(await page.textContent('#budget-figures tr[data-figure="total"] td')).toBe('€1,200.00');
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-budget-en');
    await page.goto(`${app.baseUrl}${RANKED_PATH}/graduatoria`);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows the team's workload and the overdue cases; a manager of another ATS sees none of it", async () => {
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, accounts.mgr);
    await page.goto(`${app.baseUrl}/lavoro/gestione/carichi`);
    const row = (id: string) =>
      page.$$eval(`#team-workload tr[data-officer="${id}"] td`, (cells) => cells.map((c) => c.textContent.trim()));
    expect(await page.textContent(`#team-workload tr[data-officer="${accounts.op.id}"] th`)).toBe('Paola Rossi');
    expect(await row(accounts.op.id)).toEqual(['2', '1', '1']);
    expect(await page.getAttribute('#overdue-cases a', 'href')).toBe(`/lavoro/pratiche/${cases.late}`);
    expect(await page.$$eval('#overdue-cases tbody tr', (r) => r.length)).toBe(1);
    expect(await page.textContent('#overdue-cases tbody td:last-child')).toBe('4');
    expect(await axe(page)).toEqual([]);
    await shot(page, SHOTS, 'manager-workload');
    await page.goto(`${app.baseUrl}/lavoro/gestione/carichi?lang=en`);
    expect(await page.textContent('h1')).toBe('Team workload');
    expect(await axe(page)).toEqual([]);
    await context.close();

    const other = await watched(browser, app.baseUrl);
    await browserLogin(other.page, app.baseUrl, accounts.mgrBrescia);
    await other.page.goto(`${app.baseUrl}/lavoro/gestione`);
    // ATS Brescia manages its own measures (the orphans' fund), not this one.
    expect(await other.page.content()).not.toContain(RANKED_PATH);
    for (const path of [
      RANKED_PATH,
      `${RANKED_PATH}/graduatoria`,
      `${RANKED_PATH}/graduatoria.csv`,
      `${RANKED_PATH}/graduatoria.pdf`,
    ]) {
      const res = await other.page.goto(`${app.baseUrl}${path}`);
      expect([path, res!.status()]).toEqual([path, 404]);
    }
    await other.page.goto(`${app.baseUrl}/lavoro/gestione/carichi`);
    expect(await other.page.$(`#team-workload tr[data-officer="${accounts.op.id}"]`)).toBeNull();
    // The sealed case counts for its manager, under the officer assigned to it only.
    const brescia = await other.page.$$eval(`#team-workload tr[data-officer="${accounts.opBrescia.id}"] td`, (cells) =>
      cells.map((c) => c.textContent!.trim()),
    );
    expect(brescia).toEqual(['1', '1', '0']);
    expect(await other.page.$$eval('#overdue-cases a', (links) => links.map((a) => a.getAttribute('href')))).toEqual([
      `/lavoro/pratiche/${cases.sealed}`,
    ]);
    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
    await other.context.close();
  });

  it('the manager pages are for MANAGERs only', async () => {
    const { context, page } = await watched(browser, app.baseUrl, { javaScriptEnabled: false });
    await browserLogin(page, app.baseUrl, accounts.op);
    for (const path of ['/lavoro/gestione', '/lavoro/gestione/carichi', RANKED_PATH]) {
      expect((await page.goto(`${app.baseUrl}${path}`))!.status()).toBe(403);
    }
    await context.close();
  });
});
