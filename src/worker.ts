import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitGracefullyOnSignals } from './common/lifecycle/graceful-shutdown.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { loadConfigOrExit } from './config/load-or-exit.js';
import { WorkerModule } from './worker.module.js';

/** The worker process: consumes the queues until SIGTERM/SIGINT, then drains and exits. */
async function main() {
  const config = loadConfigOrExit('worker');
  const logger = createRootLogger(config.LOG_LEVEL, 'sportello-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  exitGracefullyOnSignals(app, logger);
  await app.init();
}

void main();
