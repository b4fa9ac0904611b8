import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type {} from '@fastify/multipart';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../common/errors/error-catalog.js';
import { hasRole } from '../../common/access/principal.js';
import { adminRatingsPages } from './admin/ratings.pages.js';
import { draftPages } from './application/draft.pages.js';
import { casePages } from './application/case.pages.js';
import { integrationPages } from './application/integration.pages.js';
import { discardPages } from './application/discard.pages.js';
import { queuePages } from './workbench/queue/queue.pages.js';
import { workbenchCasePages } from './workbench/case/case.pages.js';
import { actionPages } from './workbench/actions/actions.pages.js';
import { checksPages } from './workbench/actions/checks.pages.js';
import { bulkPages } from './workbench/bulk/bulk.pages.js';
import { BULK_PROGRESS_JS, BULK_PROGRESS_URL } from './workbench/bulk/bulk-progress-script.js';
import { centrePages } from './workbench/centre/centre.pages.js';
import { submissionPages } from './application/submission.pages.js';
import { authPages } from './auth/auth.pages.js';
import { verifyEmailPages } from './auth/verify-email.pages.js';
import { cataloguePages } from './catalogue/catalogue.pages.js';
import { ErrorPage, type ErrorKind } from './info/error.page.js';
import { infoPages } from './info/info.pages.js';
import { inboxPages } from './inbox/inbox.pages.js';
import { profilePages } from './profile/profile.pages.js';
import { chooseLang, type Lang } from './i18n/lang.js';
import { translator } from './i18n/messages.js';
import { compressResponses } from './layout/compression.js';
import { BI_PREFIX, fontsCss, PORTAL_JS, themeCss, UPLOAD_JS, VERIFY_EMAIL_JS } from './layout/assets.js';
import type { Chrome } from './layout/layout.js';
import { THEMES } from './layout/themes.js';
import { measurePages } from './measure/measure.pages.js';
import { managerPages } from './workbench/manager/manager.pages.js';
import type { PageContext, PageResult, PageRoute } from './page.js';
import { landingFor } from './landing.js';
import { pendingRefusal } from './pending-step.js';
import { INLINE_FILE_CSP, PAGE_CSP, renderDocument } from './render.js';
import { requirementsCheckPages } from './requirements-check/check.pages.js';
import { portalServices, type PortalServices } from './portal-services.js';
import { csrfMatches, type WebSession } from './sessions/web-session.service.js';

const LANG_COOKIE = 'lang';
const mounted = new WeakMap<object, readonly PageRoute[]>();

/** Every page of the portal, each with its policy. */
export function portalRoutes(s: PortalServices): PageRoute[] {
  return [
    ...cataloguePages(s),
    ...measurePages(s),
    ...requirementsCheckPages(s),
    ...authPages(s),
    ...verifyEmailPages(s),
    ...draftPages(s),
    ...submissionPages(s),
    ...casePages(s),
    ...integrationPages(s),
    ...discardPages(s),
    ...inboxPages(s),
    ...profilePages(s),
    ...queuePages(s),
    ...workbenchCasePages(s),
    ...actionPages(s),
    ...checksPages(s),
    ...bulkPages(s),
    ...centrePages(s),
    ...infoPages(s),
    ...adminRatingsPages(s),
    ...managerPages(s),
  ];
}

/** The pages mountPortal registered on this app (for the route-policy test). */
export const mountedPortalRoutes = (app: NestFastifyApplication): readonly PageRoute[] => mounted.get(app) ?? [];

function assertPolicies(routes: readonly PageRoute[]): void {
  for (const r of routes) {
    const p = r.policy as PageRoute['policy'] | undefined;
    const valid = p && (p.kind === 'public' || (p.kind === 'roles' && p.roles.length > 0));
    if (!valid) throw new Error(`Portal page without access policy: ${r.method} ${r.url}`);
  }
}

const assetsRoot = () => join(dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'dist');

/**
 * The citizens' portal on the API's Fastify instance, outside Nest's /api/v1 prefix: cookies,
 * urlencoded forms and Bootstrap Italia's files in this plugin's own scope (the API is not
 * affected), one hook that loads the browser session on every page and enforces the page's
 * policy and, on every POST, the CSRF token.
 */
export function mountPortal(app: NestFastifyApplication): void {
  const services = portalServices(app);
  const routes = portalRoutes(services);
  assertPolicies(routes);
  mounted.set(app, routes);
  const { config, sessions } = services;
  const logger = new Logger('Portal');
  const fonts = fontsCss();
  const theme = themeCss(THEMES[config.theme]);

  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(async (scope) => {
    await scope.register(cookie);
    // Nest's adapter parses urlencoded bodies itself when created by NestFactory; the testing
    // module's app does not: the same forms are parsed either way.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      await scope.register(formbody, { bodyLimit: 65_536 });
    }
    await scope.register(fastifyStatic, {
      root: assetsRoot(),
      prefix: `${BI_PREFIX}/`,
      allowedPath: (path) => /^\/(css|js|svg|fonts)\//.test(path),
      decorateReply: false,
      cacheControl: false,
    });
    compressResponses(scope);
    // Public files, the same for everyone: cacheable (an hour, so an upgrade shows soon),
    // unlike every page and API answer, which stay no-store (this hook runs after the global one).
    scope.addHook('onSend', async (req, reply) => {
      if (req.url.startsWith('/assets/') && reply.statusCode === 200) {
        reply.header('cache-control', 'public, max-age=3600');
      }
    });
    const asset = (url: string, type: string, body: string) =>
      scope.get(url, (_req, reply) => reply.type(type).send(body));
    asset('/assets/portal/fonts.css', 'text/css; charset=utf-8', fonts);
    asset('/assets/portal/theme.css', 'text/css; charset=utf-8', theme);
    asset('/assets/portal/portal.js', 'text/javascript; charset=utf-8', PORTAL_JS);
    asset('/assets/portal/verify-email.js', 'text/javascript; charset=utf-8', VERIFY_EMAIL_JS);
    asset('/assets/portal/upload.js', 'text/javascript; charset=utf-8', UPLOAD_JS);
    asset(BULK_PROGRESS_URL, 'text/javascript; charset=utf-8', BULK_PROGRESS_JS);
    scope.get('/favicon.ico', (_req, reply) => reply.code(204).send());

    for (const route of routes) {
      scope.route({ method: route.method, url: route.url, handler: (req, reply) => handle(route, req, reply) });
    }
  });

  async function handle(route: PageRoute, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const query = stringsOf(req.query);
    const lang: Lang = chooseLang(query.lang, req.cookies[LANG_COOKIE]);
    if (query.lang === lang && req.cookies[LANG_COOKIE] !== lang) {
      // The visitor's own choice, remembered: a technical preference cookie, no personal data.
      reply.setCookie(LANG_COOKIE, lang, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: config.secureCookies,
        maxAge: 31_536_000,
      });
    }
    const t = translator(lang);
    const loaded = await sessions.load(req.cookies[sessions.cookieName]);
    const ended = loaded.ended;
    let session = loaded.session;
    const setCookie = (value: string | null) => {
      if (value === null) reply.clearCookie(sessions.cookieName, { path: '/' });
      else {
        reply.setCookie(sessions.cookieName, value, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.secureCookies,
        });
      }
    };
    if (ended && !session) setCookie(null);
    const ctx: PageContext = {
      req,
      reply,
      lang,
      t,
      get session() {
        return session;
      },
      sessionEnded: ended,
      form: req.method === 'POST' && !req.isMultipart() ? stringsOf(req.body) : {},
      query,
      upload: null,
      uploadTooLarge: false,
      async ensureSession() {
        if (session) return session;
        const created = await sessions.createAnonymous();
        session = created.session;
        setCookie(created.cookie);
        return session;
      },
      setSession(next: WebSession | null, value: string | null) {
        session = next;
        setCookie(value);
      },
      chrome: (): Chrome => ({
        lang,
        t,
        bodyName: config.bodyName,
        path: req.url.split('?')[0],
        signedIn: !!session?.principal,
        landing: session?.principal ? landingFor(session.principal.roles) : null,
        emailUnverified: !!session?.principal && !session.principal.emailVerified,
        csrfToken: session?.csrfToken ?? null,
        idleSeconds: session ? sessions.idleSeconds : null,
      }),
    };
    const send = (result: PageResult) => {
      if ('redirect' in result) return reply.redirect(result.redirect, 303);
      if ('file' in result) {
        const name = result.name.replace(/[^A-Za-z0-9._-]/g, '_');
        // Inline: framed by this origin's pages only (CSP frame-ancestors, which browsers apply over
        // X-Frame-Options); the browser's own image and PDF viewers style the frame inline.
        if (result.inline) reply.header('content-security-policy', INLINE_FILE_CSP);
        return reply
          .type(result.type)
          .header('content-disposition', `${result.inline ? 'inline' : 'attachment'}; filename="${name}"`)
          .send(result.file);
      }
      return reply
        .code(result.status ?? 200)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .send(renderDocument(result.html));
    };
    const error = (status: number, kind: ErrorKind, detail?: string) =>
      send({ status, html: ErrorPage({ chrome: ctx.chrome(), kind, detail }) });

    if (route.policy.kind === 'roles') {
      const principal = session?.principal;
      if (!principal) return route.method === 'GET' ? send({ redirect: '/accedi' }) : error(403, 'forbidden');
      if (!hasRole(principal, ...route.policy.roles)) return error(403, 'forbidden');
      const pending = pendingRefusal(principal, route.method);
      if (pending) return error(403, pending);
    }
    // Only the pages that take a file read one, and only for a caller their policy admits.
    if (route.multipart && req.isMultipart()) {
      const body = await readMultipart(req, services.appConfig.DOCUMENT_MAX_BYTES);
      Object.assign(ctx, { form: body.form, upload: body.file, uploadTooLarge: body.tooLarge });
    }
    if (route.method === 'POST' && !csrfMatches(session, ctx.form._csrf)) return error(403, 'csrf');
    try {
      return send(await route.handler(ctx));
    } catch (caught) {
      if (caught instanceof AppError) {
        const { status } = ERROR_CATALOG[caught.code];
        if (status === 404) return error(404, 'notFound');
        // A refusal the page did not turn into a form error: its own status and reason, not a 500.
        if (status < 500) return error(status, 'refused', caught.detail[lang]);
      }
      // The error's class and code only: a message may quote what the visitor typed.
      const what = caught instanceof AppError ? caught.code : caught instanceof Error ? caught.name : typeof caught;
      logger.error(`Portal page ${route.method} ${route.url} failed: ${what}`);
      return error(500, 'error');
    }
  }
}

/**
 * A multipart form (a document upload without script): its text fields, so the CSRF check reads
 * them as for any form, and its one file within the size bound the API applies to documents.
 */
async function readMultipart(req: FastifyRequest, maxBytes: number) {
  const form: Record<string, string> = {};
  let file: { name: string; bytes: Buffer } | null = null;
  let tooLarge = false;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 } })) {
      if (part.type === 'file') {
        if (!file && part.filename) file = { name: part.filename, bytes: await part.toBuffer() };
        else part.file.resume();
      } else if (typeof part.value === 'string') {
        form[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    tooLarge = true;
    file = null;
  }
  return { form, file, tooLarge };
}

/** Query strings and urlencoded forms, keeping only single string values. */
function stringsOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
