import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startWebApp, type WebTestContext } from './web-app.js';

/** A browser test file's app on a free port, its one browser, and where its screenshots go. */
export interface BrowserApp {
  app: WebTestContext;
  browser: Browser;
  /** The folder named by the file's screenshots variable (created), or undefined: no screenshots. */
  shots: string | undefined;
}

/**
 * The browser tests' bootstrap: the app and the browser made in beforeAll, closed in afterAll;
 * a real browser on a machine shared with the other test files takes seconds a page, hence the
 * file's 240 s timeout.
 * `shotsVariable` names the env var that asks for screenshots (e.g. PORTAL_SCREENSHOTS). Read
 * `app` and `browser` inside tests (not at load time); `shots` is known at once.
 */
export function browserAppOfFile(shotsVariable?: string): BrowserApp {
  jest.setTimeout(240_000);
  const web = { shots: shotsVariable ? process.env[shotsVariable] : undefined } as BrowserApp;
  beforeAll(async () => {
    web.app = await startWebApp();
    web.browser = await launchBrowser();
    if (web.shots) mkdirSync(web.shots, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await web.browser?.close();
    await web.app?.close();
  });
  return web;
}
