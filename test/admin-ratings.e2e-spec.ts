import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { Role } from '../src/common/access/role.js';
import { actor } from './support/actors.js';
import { browserAppOfFile } from './support/browser-app.js';
import { seedAccount } from './support/test-app.js';
import type { WebTestContext } from './support/web-app.js';
import { axe, browserLogin, signedIn, watched } from './support/web-pages.js';

const web = browserAppOfFile();
let app: WebTestContext;
let browser: Browser;
beforeAll(() => void ({ app, browser } = web));

const NIDI = 'NIDI-GRATIS-PLUS-2024-25';
const B1 = 'B1-FNA-2025';

/** Counts as the confirmation page stores them (experience-rating.service.ts record). */
async function givenRatings(code: string, counts: Record<number, number>, day = '2026-03-01') {
  for (const [rating, answers] of Object.entries(counts)) {
    await app.db.query(
      `INSERT INTO experience_ratings (measure_code, rated_on, rating, answers) VALUES ($1, $2, $3, $4)
       ON CONFLICT (measure_code, rated_on, rating) DO UPDATE SET answers = experience_ratings.answers + $4`,
      [code, day, Number(rating), answers],
    );
  }
}

describe('the experience ratings for ADMINs', () => {
  it('counts, distribution and mean per measure over the API, summed over days; ADMIN only', async () => {
    await app.db.query(`DELETE FROM experience_ratings WHERE measure_code IN ($1, $2)`, [NIDI, B1]);
    await givenRatings(NIDI, { 5: 3, 4: 1, 1: 1 });
    await givenRatings(NIDI, { 5: 1 }, '2026-03-02');
    const admin = await actor(app, Role.ADMIN);

    const one = await admin.get(`/admin/measures/${NIDI}/ratings`).expect(200);
    expect(one.body).toEqual({
      measureCode: NIDI,
      title: { it: expect.stringContaining('Nidi Gratis'), en: expect.any(String) },
      answers: 6,
      distribution: [
        { rating: 1, answers: 1 },
        { rating: 2, answers: 0 },
        { rating: 3, answers: 0 },
        { rating: 4, answers: 1 },
        { rating: 5, answers: 4 },
      ],
      mean: 4.17, // (1 + 4 + 4 × 5) / 6
    });

    // The list has every measure; one not rated yet has zero answers and no mean.
    const list = (await admin.get('/admin/ratings').expect(200)).body as { measureCode: string }[];
    expect(list.find((f) => f.measureCode === NIDI)).toEqual(one.body);
    expect(list.find((f) => f.measureCode === B1)).toMatchObject({ answers: 0, mean: null });

    await admin.get('/admin/measures/NO-SUCH-MEASURE/ratings').expect(404);
    await admin.get('/admin/measures/not a code/ratings').expect(400);
    for (const role of [Role.APPLICANT, Role.OPERATOR, Role.MANAGER, Role.AUDITOR]) {
      const other = await actor(app, role, { atsCodes: ['321'] });
      await other.get('/admin/ratings').expect(403);
      await other.get(`/admin/measures/${NIDI}/ratings`).expect(403);
    }
    await app.http().get('/api/v1/admin/ratings').expect(401);
  });

  it('the ADMIN page shows the same figure, numbers in a table; other people are refused', async () => {
    await app.db.query(`DELETE FROM experience_ratings WHERE measure_code = $1`, [B1]);
    await givenRatings(B1, { 3: 2, 2: 1, 5: 1 });
    const admin = await seedAccount(app.db, [Role.ADMIN]);
    const page = await app
      .http()
      .get('/amministrazione/valutazioni')
      .set('cookie', await signedIn(app, admin))
      .expect(200);
    const section = page.text.slice(page.text.indexOf(`id="r-${B1}"`));
    const b1 = section.slice(0, section.indexOf('</section>'));
    expect(b1).toContain('Risposte: 4 · Media: 3,25 su 5');
    expect(b1).toMatch(
      /<th scope="row">3 · Né facile né difficile<\/th><td class="text-end">2<\/td><td class="text-end">50%<\/td>/,
    );
    expect(b1).toContain('width="50.00"');
    expect(b1).toContain('width="25.00"');
    expect(page.text).not.toMatch(/style="/);

    const applicant = await seedAccount(app.db, [Role.APPLICANT]);
    await app
      .http()
      .get('/amministrazione/valutazioni')
      .set('cookie', await signedIn(app, applicant))
      .expect(403);
    await app.http().get('/amministrazione/valutazioni').expect(303).expect('location', '/accedi');
  });

  it('passes axe in Italian and English in the browser, with no CSP report or third-party request', async () => {
    await givenRatings(NIDI, { 4: 2, 2: 1 });
    const admin = await seedAccount(app.db, [Role.ADMIN]);
    const { context, page, problems } = await watched(browser, app.baseUrl);
    await browserLogin(page, app.baseUrl, admin);
    for (const lang of ['it', 'en']) {
      await page.goto(`${app.baseUrl}/amministrazione/valutazioni?lang=${lang}`);
      await expect(page.locator('h1').textContent()).resolves.toBe(
        lang === 'it' ? 'Valutazioni dell’esperienza' : 'Experience ratings',
      );
      expect({ lang, violations: await axe(page) }).toEqual({ lang, violations: [] });
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
