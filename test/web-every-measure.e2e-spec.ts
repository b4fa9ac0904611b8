import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role.js';
import type { MeasureDefinition } from '../src/modules/measures/domain/measure-definition.js';
import {
  B1_FNA_2025,
  B2_FNA_2025_SEREGNO,
  BONUS_ASSISTENTI_FAMILIARI,
  NIDI_GRATIS_PLUS_2024_25,
  ORFANI_FEMMINICIDIO,
} from '../src/modules/measures/domain/reference-measures/index.js';
import { SAMPLE_APPLICATIONS } from '../src/modules/measures/domain/reference-measures/sample-applications.js';
import { SEREGNO } from '../src/modules/measures/domain/test-support.js';
import { slugFor } from '../src/modules/web/measure/portal-measures.js';
import { launchBrowser } from './support/browser.js';
import { uniqueFiscalCode } from './support/fiscal-codes.js';
import { MILANO } from './support/places.js';
import { seedAccount } from './support/test-app.js';
import { startWebApp, type WebTestContext } from './support/web-app.js';
import { browserLogin, makePdf, pick, submit, watched } from './support/web-pages.js';

// A real browser on a shared machine, five whole applications in a row.
jest.setTimeout(300_000);

let app: WebTestContext;
let browser: Browser;

beforeAll(async () => {
  app = await startWebApp();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The citizens' measures (ALER is filed by the anti-violence centre), each with where its applicant lives. */
const MEASURES: { definition: MeasureDefinition; residence: string; sealed: boolean }[] = [
  { definition: B1_FNA_2025, residence: MILANO, sealed: false },
  { definition: B2_FNA_2025_SEREGNO, residence: SEREGNO, sealed: false },
  { definition: BONUS_ASSISTENTI_FAMILIARI, residence: MILANO, sealed: false },
  { definition: ORFANI_FEMMINICIDIO, residence: MILANO, sealed: true },
  { definition: NIDI_GRATIS_PLUS_2024_25, residence: MILANO, sealed: false },
];

/** Money is typed in euro with the Italian decimal comma; the form collects it in cents. */
const euro = (cents: number) =>
  (cents / 100).toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Fills, control by control, the fields of `data` that this step of the form shows; returns their names. */
async function fillStep(page: Page, data: Readonly<Record<string, unknown>>): Promise<string[]> {
  const filled: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const control = page.locator(`[name="${name}"]`).first();
    if ((await control.count()) === 0) continue; // on another step
    filled.push(name);
    const tag = await control.evaluate((e) => `${e.tagName}:${(e as HTMLInputElement).type}`);
    if (tag === 'INPUT:radio') {
      const id = await page.getAttribute(`input[name="${name}"][value="${String(value)}"]`, 'id');
      await pick(page, id!);
    } else if (tag.startsWith('SELECT')) {
      await control.selectOption(String(value));
    } else {
      await control.fill(name.endsWith('Cents') ? euro(value as number) : String(value));
    }
  }
  return filled;
}

/** Fails with what the page says when a step did not move on (the error summary lists the fields). */
async function expectNoErrors(page: Page, step: string) {
  const summary = (await page.locator('#error-summary').count()) ? await page.textContent('#error-summary') : null;
  expect({ step, errors: summary }).toEqual({ step, errors: null });
}

it('a person with only a browser applies for every citizen reference measure, gets the protocol number and finds the case in the personal area', async () => {
  const pdf = await makePdf('Documento firmato');
  for (const { definition, residence, sealed } of MEASURES) {
    const { context, page, problems } = await watched(browser, app.baseUrl);
    const titles: string[] = [];
    page.on('load', () => void page.title().then((t) => titles.push(t)));
    const account = await seedAccount(app.db, [Role.APPLICANT], { residence });
    await browserLogin(page, app.baseUrl, account);
    const data = { ...SAMPLE_APPLICATIONS[definition.code] };
    for (const field of ['beneficiaryFiscalCode', 'assistedPersonFiscalCode', 'childFiscalCode']) {
      if (field in data) data[field] = uniqueFiscalCode();
    }
    if ('residenceIstatCode' in data) data.residenceIstatCode = residence;

    await page.goto(`${app.baseUrl}/misure/${slugFor(definition.code, sealed)}`);
    await submit(page, 'main a[href$="/domanda"]'); // "Richiedi online"
    await pick(page, '#f-consent');
    await submit(page, '#draft-form button[type=submit]');
    const who = await fillStep(page, data); // who applies and for whom
    await submit(page, '#draft-form button[value=next]');
    await expectNoErrors(page, `${definition.code} who`);
    const rest = await fillStep(page, data); // the measure's data
    await submit(page, '#draft-form button[value=next]');
    await expectNoErrors(page, `${definition.code} data`);
    // Every field of the complete application was on one of the two steps, typed by the person.
    expect({ measure: definition.code, filled: [...who, ...rest].sort() }).toEqual({
      measure: definition.code,
      filled: Object.keys(data).sort(),
    });

    const inputs = await page.locator('input[type=file]').evaluateAll((es) => es.map((e) => e.id));
    expect(inputs.length).toBeGreaterThan(0);
    for (const id of inputs) {
      await page.setInputFiles(`#${id}`, { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: pdf });
      await submit(page, `form:has(#${id}) button[type=submit]`);
      await expectNoErrors(page, `${definition.code} ${id}`);
      expect(await page.textContent('main')).toContain(`${id}.pdf`);
    }
    await submit(page, 'main a[href$="/riepilogo"]');
    await expectNoErrors(page, `${definition.code} summary`);
    await submit(page, '#submit-form button[type=submit]');
    expect({ measure: definition.code, protocol: await page.textContent('#protocol-number') }).toEqual({
      measure: definition.code,
      protocol: expect.stringMatching(/\d{4}-\d+/),
    });
    const caseId = new URL(page.url()).pathname.split('/')[2];

    await page.goto(`${app.baseUrl}/area-personale`);
    expect(await page.locator(`main a[href^="/domande/${caseId}"]`).count()).toBeGreaterThan(0);
    if (sealed) {
      expect(titles.length).toBeGreaterThan(5);
      expect(titles.filter((t) => /orfan|femminic|violen|orphan|femicide/i.test(t))).toEqual([]);
    }
    expect(problems).toEqual([]);
    await context.close();
  }
});
