import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOG } from '../../common/errors/error-catalog.js';
import { QUEUES, type QueueKey } from '../../common/queue/queues.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthErrors } from '../auth/auth.errors.js';
import { accessClaims, JWT_AUDIENCE, JWT_ISSUER, type AccessClaims } from '../auth/jwt.strategy.js';
import { hasRole } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import { UsersService } from '../users/users.service.js';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

function problem(reply: FastifyReply, code: 'AUTH_INVALID_TOKEN' | 'AUTH_ROLE_DENIED', detail: string) {
  const { status, title } = ERROR_CATALOG[code];
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: `urn:sportello:problem:${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, detail });
}

type Denial = { code: 'AUTH_INVALID_TOKEN' | 'AUTH_ROLE_DENIED'; detail: string };

/**
 * The page as a browser may load it under the Content-Security-Policy of every response: no
 * third-party request (Bull Board links Google Fonts; the system font is used instead), no
 * inline style (the loading placeholder), and its own files referenced by absolute paths,
 * since `base-uri 'none'` makes the browser ignore its <base href> for URLs (the UI still
 * reads that attribute for its API calls).
 */
export function selfContainedPage(html: string, basePath: string): string {
  return html
    .replace(/<link[^>]*href="(?:https?:)?\/\/[^"]*"[^>]*>\s*/g, '')
    .replace(/<style>[\s\S]*?<\/style>\s*/g, '')
    .replace(/ style="[^"]*"/g, '')
    .replace(/\b(href|src)="static\//g, `$1="${basePath}/static/`);
}

/**
 * Bull Board (every queue of QUEUES) under /api/admin/queues, for ADMIN only. Outside Nest's
 * guards, so an onRequest hook on the dashboard's own Fastify scope does what the AccessGuard
 * does (authorize): verify the access JWT as JwtStrategy does, re-read the account (a disabled
 * account or a lost role is refused on the very next request) and require ADMIN. No token or
 * a bad one: 401; another role: 403. The page's static files (scripts, styles, icons, the
 * same for every install, no data) are public, so a browser can load the page.
 */
export function mountQueueDashboard(app: NestFastifyApplication): void {
  const config = app.get(AppConfig);
  const jwt = app.get(JwtService, { strict: false });
  const users = app.get(UsersService, { strict: false });
  const connection = { url: config.REDIS_URL, maxRetriesPerRequest: null };
  const queues = (Object.keys(QUEUES) as QueueKey[]).map((key) => {
    const queue = new Queue(QUEUES[key].name, { connection, prefix: config.REDIS_PREFIX });
    queue.on('error', () => undefined); // readiness reports Redis; the dashboard just shows errors
    return queue;
  });
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Sportello' } },
  });

  /** Who may use the dashboard: the one place a session cookie will be accepted too. */
  async function authorize(req: FastifyRequest): Promise<Denial | null> {
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) return { code: 'AUTH_INVALID_TOKEN', detail: 'Missing access token.' };
    let claims: { sub: string; sid: string } | null;
    try {
      claims = accessClaims(
        await jwt.verifyAsync<AccessClaims>(token, {
          secret: config.JWT_ACCESS_SECRET,
          algorithms: ['HS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
        }),
      );
      if (!claims) throw new Error('not an access token');
    } catch {
      return { code: 'AUTH_INVALID_TOKEN', detail: AuthErrors.invalidToken().detail.en };
    }
    const principal = await users.loadActivePrincipal(claims.sub, claims.sid);
    if (!principal) return { code: 'AUTH_INVALID_TOKEN', detail: AuthErrors.invalidToken().detail.en };
    if (!hasRole(principal, Role.ADMIN)) return { code: 'AUTH_ROLE_DENIED', detail: AuthErrors.roleDenied().detail.en };
    return null;
  }

  const staticFiles = `${QUEUE_DASHBOARD_PATH}/static/`;
  const fastify = app.getHttpAdapter().getInstance();
  void fastify.register(async (scope) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      // By the route matched, not the raw URL: "static/../api/queues" still matches the static route.
      if (req.routeOptions.url?.startsWith(staticFiles)) return;
      const denial = await authorize(req);
      if (denial) return problem(reply, denial.code, denial.detail);
    });
    scope.addHook('onSend', async (_req, reply, payload) => {
      const type = reply.getHeader('content-type');
      return typeof payload === 'string' && typeof type === 'string' && type.startsWith('text/html')
        ? selfContainedPage(payload, QUEUE_DASHBOARD_PATH)
        : payload;
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
  fastify.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
  });
}
