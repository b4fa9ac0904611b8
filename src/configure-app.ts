import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { configureHttp } from './common/http/configure-http.js';
import { mountFederation } from './modules/identity/mount-federation.js';
import { mountQueueDashboard } from './modules/queue-dashboard/queue-dashboard.js';
import { mountPortal } from './modules/web/mount-portal.js';

/**
 * Everything both the real server and the e2e tests need: the common HTTP layer, then the pages
 * mounted beside Nest's router (Bull Board, the citizens' portal), so they get the same hooks and headers.
 */
export function configureApp(app: NestFastifyApplication, logger: Logger): void {
  configureHttp(app, logger);
  mountQueueDashboard(app);
  mountPortal(app);
  mountFederation(app);
}
