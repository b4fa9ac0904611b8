/**
 * Lighthouse on the portal's pages that issue 12 names: the catalogue, a measure page, a form
 * step and the confirmation, each in Lighthouse's default (mobile, simulated slow 4G and CPU)
 * and desktop settings, performance and accessibility scored.
 *
 *   npm run bench:lighthouse -- [--reports <dir>] [--keep]   (--reports: each page's Lighthouse JSON)
 *
 * The built app runs in production mode on a scratch database with the reference data; one
 * applicant logs in through the login page, fills the Nidi Gratis Plus form through the
 * portal's steps, uploads the document and submits, so the form step and the confirmation are
 * that person's real pages (Lighthouse sends the session cookie). Debian's Chromium runs
 * Lighthouse (chrome-launcher, chromePath). Exit code 1 when a score is below 95. The last line
 * printed is one JSON object with every score.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import PDFDocument from 'pdfkit';
import {
  benchFiscalCode,
  csrfOf,
  getPage,
  NIDI_PATH,
  nidiDraft,
  postForm,
  seedApplicants,
  startPortalApp,
  webLogin,
  type WebSession,
} from '../support/portal.js';

const { values: args } = parseArgs({
  options: { keep: { type: 'boolean', default: false }, reports: { type: 'string' } },
});
const TARGET = 95;
const say = (line: string) => process.stdout.write(`${line}\n`);
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find(
  (p): p is string => !!p && existsSync(p),
);

/** A one-page PDF, as a person's scanned statement would be (the type is read from the content). */
function samplePdf(): Promise<Buffer> {
  return new Promise((resolvePdf) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolvePdf(Buffer.concat(chunks)));
    doc.text('Attestazione della retta mensile: 450,00 euro.');
    doc.end();
  });
}

/** The document step's form without script: a multipart POST with the CSRF token and the file. */
async function upload(base: string, s: WebSession, id: string) {
  const form = new FormData();
  form.set('_csrf', s.csrf);
  form.set('requiredDocumentId', 'fee-statement');
  form.set('file', new Blob([new Uint8Array(await samplePdf())], { type: 'application/pdf' }), 'retta.pdf');
  const res = await fetch(`${base}/domande/${id}/documenti`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie },
    body: form,
  });
  if (res.status !== 303) throw new Error(`upload: ${res.status}`);
}

/** Summary, then "Conferma e invia" with the page's own idempotency key; the confirmation's path. */
async function submit(base: string, s: WebSession, id: string): Promise<string> {
  const summary = await (await getPage(base, s, `/domande/${id}/riepilogo`)).text();
  const key = /name="_key" value="([^"]+)"/.exec(summary)?.[1] ?? '';
  const res = await postForm(base, { ...s, csrf: csrfOf(summary) || s.csrf }, `/domande/${id}/invia`, { _key: key });
  if (res.status !== 303) throw new Error(`submit: ${res.status} ${(await res.text()).slice(0, 400)}`);
  return res.headers.get('location')!;
}

interface Score {
  page: string;
  path: string;
  settings: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  /** The audits that cost points, for the reader of a score below 100. */
  below: string[];
}

async function main() {
  if (!CHROMIUM) {
    throw new Error('Debian’s Chromium not found: apt-get install -y chromium-headless-shell (or set CHROMIUM_PATH)');
  }
  const app = await startPortalApp('lighthouse', Boolean(args.keep));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const [applicant] = await seedApplicants(app.db, 1);
    const session = await webLogin(app.base, applicant);
    const draft = await nidiDraft(app.base, session, benchFiscalCode(7000, 'CRL24E10F205'));
    const submitted = await nidiDraft(app.base, session, benchFiscalCode(7001, 'CRL24E10F205'));
    await upload(app.base, session, submitted.id);
    const confirmation = await submit(app.base, session, submitted.id);
    const pages = [
      { page: 'catalogue', path: '/', cookie: false },
      { page: 'measure page', path: NIDI_PATH, cookie: false },
      { page: 'form step (the measure’s data)', path: `/domande/${draft.id}`, cookie: true },
      { page: 'confirmation', path: confirmation, cookie: true },
    ];
    // A visitor's first request has each served file compressed once and kept (compression.ts):
    // one request per page beforehand, so Lighthouse measures what every later visitor gets.
    for (const p of pages) {
      const html = await (
        await fetch(`${app.base}${p.path}`, { headers: p.cookie ? { cookie: session.cookie } : {} })
      ).text();
      for (const m of html.matchAll(/(?:href|src)="(\/assets\/[^"#]+)/g)) {
        await (await fetch(`${app.base}${m[1]}`, { headers: { 'accept-encoding': 'br, gzip' } })).arrayBuffer();
      }
    }
    if (args.reports) mkdirSync(args.reports, { recursive: true });
    const scores: Score[] = [];
    for (const p of pages) {
      for (const settings of ['mobile', 'desktop'] as const) {
        const result = await lighthouse(
          `${app.base}${p.path}`,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
            extraHeaders: p.cookie ? { Cookie: session.cookie } : undefined,
          },
          settings === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`no Lighthouse result for ${p.path}`);
        const lhr = result.lhr;
        if (args.reports) {
          writeFileSync(`${args.reports}/${p.page.split(' ')[0]}-${settings}.json`, JSON.stringify(lhr, null, 1));
        }
        if (lhr.runtimeError) throw new Error(`${p.path}: ${lhr.runtimeError.message}`);
        if (lhr.finalDisplayedUrl !== `${app.base}${p.path}`) {
          throw new Error(`${p.path} ended at ${lhr.finalDisplayedUrl}`);
        }
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const below = Object.values(lhr.audits)
          .filter(
            (a) =>
              a.scoreDisplayMode !== 'informative' &&
              a.scoreDisplayMode !== 'notApplicable' &&
              a.scoreDisplayMode !== 'manual',
          )
          .filter((a) => typeof a.score === 'number' && a.score < 0.9)
          .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
        const s: Score = {
          page: p.page,
          path: p.path,
          settings,
          performance: score('performance'),
          accessibility: score('accessibility'),
          below,
        };
        scores.push(s);
        say(
          `${p.page.padEnd(32)} ${settings.padEnd(8)} performance ${String(s.performance).padStart(3)}  accessibility ${String(s.accessibility).padStart(3)}${below.length ? `  below 0.9: ${below.join(', ')}` : ''}`,
        );
      }
    }
    const met = scores.every((s) => s.performance >= TARGET && s.accessibility >= TARGET);
    say(`every page at ${TARGET} or more in performance and accessibility, mobile and desktop: ${met}`);
    say(JSON.stringify({ bench: 'lighthouse', lighthouse: '12.2.3', chromium: CHROMIUM, scores, met }));
    process.exitCode = met ? 0 : 1;
  } finally {
    chrome.kill();
    await app.cleanup();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench:lighthouse failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
