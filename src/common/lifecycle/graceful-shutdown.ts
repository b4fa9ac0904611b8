import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';

const GRACE_MS = 25_000;

/**
 * On SIGTERM/SIGINT: stop taking work, let in-flight requests and jobs finish (Nest closes
 * Fastify, BullMQ workers, Redis and PostgreSQL through their shutdown hooks), then exit 0.
 * A second signal, or the grace period running out, exits at once with 1.
 */
export function exitGracefullyOnSignals(app: INestApplicationContext, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown grace period exceeded');
      process.exit(1);
    }, GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
