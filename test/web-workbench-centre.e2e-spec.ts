import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role.js';
import { actor, type Actor } from './support/actors.js';
import { browserAppOfFile } from './support/browser-app.js';
import { draftAndSubmit } from './support/cases.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { seedAccount, tokenFor, type Account } from './support/test-app.js';
import type { WebTestContext } from './support/web-app.js';
import { axe, browserLogin, makePdf, pick, shot, submit, uploadNotADocument, watched } from './support/web-pages.js';

const web = browserAppOfFile('WORKBENCH_SCREENSHOTS');
let app: WebTestContext;
let browser: Browser;
beforeAll(() => void ({ app, browser } = web));
/** Set WORKBENCH_SCREENSHOTS=docs/workbench to refresh the screenshots of docs/workbench-centre.md. */
const SHOTS = web.shots;
/** What a page must never say where a shoulder-surfer or the browser history reads it. */
const REVEALING = /violen/i;

/** The tab title, every heading, the workbench navigation, the breadcrumbs and the address: none reveals the measure. */
async function expectNeutral(page: Page) {
  const seen = await page.evaluate(() => ({
    title: document.title,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.textContent ?? ''),
    navigation: [...document.querySelectorAll('nav')].map((n) => n.textContent ?? ''),
  }));
  const path = new URL(page.url()).pathname;
  const revealing = [seen.title, ...seen.headings, ...seen.navigation, path].filter((x) => REVEALING.test(x));
  expect({ path, revealing }).toEqual({ path, revealing: [] });
}

/** The ALER form's data step, as the centre's operator fills it (no address: the form has none). */
async function fillAlerData(page: Page, choose: (id: string) => Promise<void>) {
  await page.fill('#f-cavCode', 'CAV-MI-07');
  await page.fill('#f-womanFiscalCode', uniqueFiscalCode());
  await choose('#f-cavStatus-input'); // followed now
  await choose('#f-finalPhaseOfLeavingViolence-input'); // yes
  await page.selectOption('#f-province', 'MI');
  await page.fill('#f-childrenCount', '1');
}

interface Office {
  manager: Actor;
  operator: Actor;
  admin: Actor;
}

const office = async (): Promise<Office> => ({
  manager: await actor(app, Role.MANAGER, { atsCodes: ['321'] }),
  operator: await actor(app, Role.OPERATOR, { atsCodes: ['321'] }),
  admin: await actor(app, Role.ADMIN),
});

async function versionOf(id: string): Promise<number> {
  const [{ version }] = await app.db.query<
    {
      version: number;
    }[]
  >(`SELECT version FROM applications WHERE id = $1`, [id]);
  return version;
}

/** The office, through the API: the MANAGER assigns the case, the OPERATOR asks for an integration. */
async function officeRequestsIntegration(o: Office, id: string) {
  const taken = await o.manager.post(`/cases/${id}/take-in-charge`, {
    version: await versionOf(id),
    operatorId: o.operator.id,
  });
  expect(taken.status).toBe(200);
  const asked = await o.operator.post(`/cases/${id}/integration-request`, {
    version: taken.body.version,
    message: 'Allegare la relazione aggiornata del centro',
    days: 10,
  });
  expect(asked.status).toBe(200);
}

/** The office (API) proposes a rejection and the MANAGER sends the art. 10-bis notice. */
async function officeSendsNotice(o: Office, id: string) {
  const proposed = await o.operator.post(`/cases/${id}/proposal`, {
    version: await versionOf(id),
    outcome: 'reject',
    reasons: 'Manca la conferma della fase finale del percorso',
  });
  expect(proposed.status).toBe(200);
  const notice = await o.manager.post(`/cases/${id}/pre-rejection-notice`, {
    version: proposed.body.version,
    reasons: 'La relazione non conferma la fase finale del percorso',
  });
  expect(notice.status).toBe(200);
}

/** After the observations the MANAGER approves and allocates a Milano flat (as test/flats.e2e-spec.ts does); returns its address. */
async function officeAllocatesFlat(o: Office, id: string): Promise<string> {
  const decided = await o.manager.post(`/cases/${id}/decision`, {
    version: await versionOf(id),
    outcome: 'approve',
    reasons: 'Osservazioni accolte: alloggio da assegnare nella provincia richiesta',
  });
  expect(decided.body.status).toBe('APPROVED');
  const reference = `ALER-MI-WB-${Date.now()}`;
  const address = `Via Riservatissima ${reference}, 20100 Milano`;
  const flat = await o.admin.post('/admin/measures/ALER-VIOLENZA/flats', {
    province: 'MI',
    alerReference: reference,
    address,
  });
  expect(flat.status).toBe(201);
  const allocated = await o.manager.post(`/cases/${id}/flat-allocation`, { flatId: flat.body.id });
  expect(allocated.status).toBe(201);
  expect(allocated.body.flat.address).toBe(address);
  return address;
}

const caseIdOf = (page: Page) => new URL(page.url()).pathname.split('/')[4];

describe('the centre operator in the browser', () => {
  it('files an ALER case in steps, answers the office, sees the flat allocated but never its address; neutral titles; axe 0 in Italian and English', async () => {
    const cav = await seedAccount(app.db, [Role.CAV_OPERATOR]);
    const o = await office();
    const { context, page, problems } = await watched(browser, app.baseUrl);
    const check = async (name: string | null) => {
      const path = new URL(page.url()).pathname;
      expect({ path, violations: await axe(page) }).toEqual({ path, violations: [] });
      await expectNeutral(page);
      if (name) await shot(page, SHOTS, `centre-${name}`);
    };

    await browserLogin(page, app.baseUrl, cav);
    expect(new URL(page.url()).pathname).toBe('/lavoro/centro');
    expect(await page.textContent('nav[aria-label="Sezioni dell’area di lavoro"]')).toContain('Le mie pratiche');
    await check('01-list-empty');
    await submit(page, 'a[href^="/lavoro/centro/nuova/"]');
    // The opaque address of the measure (never its code) is all the history keeps.
    expect(new URL(page.url()).pathname).toMatch(/^\/lavoro\/centro\/nuova\/r-[0-9a-f]{12}$/);
    expect(await page.$('#f-submitterRole')).toBeNull();
    await check('02-data');
    await page.fill('#f-childrenCount', 'due');
    await submit(page, '#draft-form button[value=stay]');
    expect(await page.isVisible('#error-summary')).toBe(true);
    expect(await page.getAttribute('#f-childrenCount', 'aria-invalid')).toBe('true');
    await check('03-data-errors');
    await page.fill('#f-childrenCount', '');
    await fillAlerData(page, (id) => pick(page, id));
    await submit(page, '#draft-form button[value=next]');
    expect(new URL(page.url()).pathname).toMatch(/^\/lavoro\/centro\/pratiche\/[0-9a-f-]{36}\/documenti$/);
    const id = caseIdOf(page);
    const [draft] = await app.db.query<
      {
        status: string;
        owner_role: string;
        data: Record<string, unknown>;
      }[]
    >(`SELECT status, owner_role, data FROM applications WHERE id = $1`, [id]);
    expect(draft).toMatchObject({ status: 'DRAFT', owner_role: 'CAV_OPERATOR' });
    expect(Object.keys(draft.data).sort()).toEqual(
      ['cavCode', 'cavStatus', 'childrenCount', 'finalPhaseOfLeavingViolence', 'province', 'womanFiscalCode'].sort(),
    );
    await check('04-documents');
    await uploadNotADocument(page, '#f-file-cav-report', 'relazione.txt');
    await check('05-document-error');
    await page.setInputFiles('#f-file-cav-report', {
      name: 'relazione.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Relazione del centro'),
    });
    await submit(page, 'form[enctype="multipart/form-data"] button[type=submit]');
    expect(await page.textContent('main')).toContain('relazione.pdf');
    await submit(page, 'main a[href$="/riepilogo"]');
    expect(await page.textContent('main')).toContain('CAV-MI-07');
    await check('06-summary');

    // A double click: the same form posted twice at once registers one case; both lead to its receipt.
    const form = {
      _csrf: (await page.getAttribute('#submit-form input[name=_csrf]', 'value'))!,
      _key: (await page.getAttribute('#submit-form input[name=_key]', 'value'))!,
    };
    const posts = await Promise.all(
      [1, 2].map(() =>
        page.request.post(`${app.baseUrl}/lavoro/centro/pratiche/${id}/invia`, { form, maxRedirects: 0 }),
      ),
    );
    expect(posts.map((r) => [r.status(), r.headers().location])).toEqual([
      [303, `/lavoro/centro/pratiche/${id}/ricevuta`],
      [303, `/lavoro/centro/pratiche/${id}/ricevuta`],
    ]);
    const [{ n }] = await app.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM application_transitions WHERE application_id = $1 AND event = 'submit'`,
      [id],
    );
    expect(n).toBe(1);
    await page.goto(`${app.baseUrl}/lavoro/centro/pratiche/${id}/ricevuta`);
    const protocol = (await page.textContent('#protocol-number'))!.trim();
    expect(protocol).toMatch(/^\d{4}-\d{7}$/);
    await check('07-confirmation');
    const pdf = await page.request.get(`${app.baseUrl}/lavoro/centro/pratiche/${id}/ricevuta.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toBe(`attachment; filename="ricevuta-${protocol}.pdf"`);
    // Once registered, the filing steps lead to the case.
    await page.goto(`${app.baseUrl}/lavoro/centro/pratiche/${id}/riepilogo`);
    expect(new URL(page.url()).pathname).toBe(`/lavoro/centro/pratiche/${id}`);

    await submit(page, 'main a[href="/lavoro/centro"]');
    expect(await page.textContent('#centre-cases')).toContain(protocol);
    expect(await page.textContent('#centre-cases')).toContain('Inviata');
    await check('08-list');

    await officeRequestsIntegration(o, id);
    await submit(page, `a[href="/lavoro/centro/pratiche/${id}"]`);
    expect(await page.textContent('#case-status')).toBe('Integrazione richiesta');
    expect(await page.textContent('main')).toContain('Allegare la relazione aggiornata del centro');
    await check('09-case-integration');
    await submit(page, `form[action="/lavoro/centro/pratiche/${id}/integrazione"] button[type=submit]`);
    expect(await page.isVisible('#error-summary')).toBe(true);
    const answerAction = `/lavoro/centro/pratiche/${id}/integrazione`;
    const stale = {
      _csrf: (await page.getAttribute(`form[action="${answerAction}"] input[name=_csrf]`, 'value'))!,
      _version: (await page.getAttribute(`form[action="${answerAction}"] input[name=_version]`, 'value'))!,
      answer: 'Una seconda risposta',
    };
    await page.fill('#f-answer', 'Relazione aggiornata inviata all’ufficio');
    await submit(page, `form[action="/lavoro/centro/pratiche/${id}/integrazione"] button[type=submit]`);
    expect(await page.textContent('#case-status')).toBe('In istruttoria');
    // The same form posted again (a second tab, a replay): refused on the page, nothing changed.
    const replay = await page.request.post(`${app.baseUrl}${answerAction}`, { form: stale });
    expect(replay.status()).toBe(409);
    expect(await replay.text()).toContain('id="error-summary"');
    expect(await versionOf(id)).toBe(Number(stale._version) + 1);
    expect(await page.textContent('#flat-allocation')).toContain('Nessun alloggio');

    await officeSendsNotice(o, id);
    await page.reload();
    expect(await page.textContent('#case-status')).toBe('Preavviso di rigetto');
    expect(await page.textContent('main')).toContain('La relazione non conferma la fase finale del percorso');
    await check('10-case-notice');
    await page.fill('#f-observations', 'La relazione aggiornata conferma la fase finale');
    await submit(page, `form[action="/lavoro/centro/pratiche/${id}/osservazioni"] button[type=submit]`);
    expect(await page.textContent('#timeline')).toContain('Osservazioni ricevute');
    expect(await page.$(`form[action="/lavoro/centro/pratiche/${id}/osservazioni"]`)).toBeNull();

    const address = await officeAllocatesFlat(o, id);
    await page.reload();
    expect(await page.textContent('#case-status')).toBe('Accolta');
    expect(await page.textContent('#flat-allocation')).toContain('nella provincia MI');
    expect(await page.textContent('#timeline')).toContain('Alloggio assegnato');
    const html = await page.content();
    expect(html).not.toContain(address);
    expect(html).not.toContain(address.slice(0, 5));
    await check('11-case-flat');

    for (const path of ['/lavoro/centro', `/lavoro/centro/pratiche/${id}`]) {
      await page.goto(`${app.baseUrl}${path}?lang=en`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await check(null);
    }
    expect(await page.textContent('#flat-allocation')).toContain('in the province MI');
    await submit(page, 'main a[href="/lavoro/centro"]');
    await submit(page, 'a[href^="/lavoro/centro/nuova/"]');
    await check(null);
    await page.fill('#f-childrenCount', 'two');
    await submit(page, '#draft-form button[value=stay]');
    await check(null);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('another centre’s operator gets the not-found page for the case; other roles are refused the section', async () => {
    const cav = await seedAccount(app.db, [Role.CAV_OPERATOR]);
    const filed = await draftAndSubmit(app, await tokenFor(app, cav), 'ALER-VIOLENZA', {
      cavCode: 'CAV-MI-07',
      womanFiscalCode: uniqueFiscalCode(),
      cavStatus: 'current',
      finalPhaseOfLeavingViolence: true,
      province: 'MI',
      childrenCount: 0,
    });
    const other: Account = await seedAccount(app.db, [Role.CAV_OPERATOR]);
    const { context, page } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, other);
    expect(await page.textContent('main')).not.toContain(filed.receipt.protocolNumber);
    for (const suffix of ['', '/ricevuta', '/ricevuta.pdf', '/dati', '/documenti', '/riepilogo']) {
      const res = await page.goto(`${app.baseUrl}/lavoro/centro/pratiche/${filed.id}${suffix}`);
      expect({ suffix, status: res!.status() }).toEqual({ suffix, status: 404 });
    }
    expect(await page.textContent('h1')).toBe('Pagina non trovata');
    const [{ reads }] = await app.db.query<{ reads: number }[]>(
      `SELECT count(*)::int AS reads FROM application_access_log WHERE application_id = $1 AND actor_id = $2`,
      [filed.id, other.id],
    );
    expect(reads).toBe(0);
    await context.close();

    for (const roles of [[Role.APPLICANT], [Role.OPERATOR]]) {
      const { context: c, page: p } = await watched(browser, app.baseUrl);
      await browserLogin(p, app.baseUrl, await seedAccount(app.db, roles, { atsCodes: ['321'] }));
      const res = await p.goto(`${app.baseUrl}/lavoro/centro`);
      expect({ roles, status: res!.status() }).toEqual({ roles, status: 403 });
      await c.close();
    }
  });

  it('files a case and withdraws it with JavaScript disabled', async () => {
    const cav = await seedAccount(app.db, [Role.CAV_OPERATOR]);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await browserLogin(page, app.baseUrl, cav);
    await submit(page, 'a[href^="/lavoro/centro/nuova/"]');
    await fillAlerData(page, (id) => pick(page, id));
    await submit(page, '#draft-form button[value=next]');
    await page.setInputFiles('#f-file-cav-report', {
      name: 'relazione.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Relazione del centro'),
    });
    await submit(page, 'form[enctype="multipart/form-data"] button[type=submit]');
    await submit(page, 'main a[href$="/riepilogo"]');
    await submit(page, '#submit-form button[type=submit]');
    const protocol = (await page.textContent('#protocol-number'))!.trim();
    expect(protocol).toMatch(/^\d{4}-\d{7}$/);
    await submit(page, 'main a[href^="/lavoro/centro/pratiche/"]:not([download])');
    const withdraw = 'form[action$="/ritiro"] button[type=submit]';
    await submit(page, withdraw);
    expect(await page.textContent('#error-summary')).toContain('spunta la conferma');
    expect(await page.textContent('#case-status')).toBe('Inviata');
    await pick(page, '#f-withdraw');
    await submit(page, withdraw);
    expect(await page.textContent('#case-status')).toBe('Ritirata');
    await submit(page, 'main a[href="/lavoro/centro"]');
    expect(await page.textContent('#centre-cases')).toContain(protocol);
    expect(await page.textContent('#centre-cases')).toContain('Ritirata');
    await context.close();
  });
});
