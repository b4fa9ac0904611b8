import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { createFastifyAdapter } from './common/http/configure-http.js';
import { configureApp } from './configure-app.js';
import { exitGracefullyOnSignals } from './common/lifecycle/graceful-shutdown.js';
import { createRootLogger, PinoNestLogger } from './common/logging/logger.js';
import { loadConfigOrExit } from './config/load-or-exit.js';

/** The API process. */
async function main() {
  const config = loadConfigOrExit('api');
  const logger = createRootLogger(config.LOG_LEVEL, 'sportello-api');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(config),
    {
      logger: new PinoNestLogger(logger),
    },
  );
  configureApp(app, logger);
  exitGracefullyOnSignals(app, logger);
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  logger.info({ url: `http://${config.HTTP_HOST}:${config.HTTP_PORT}/api/docs` }, 'API listening');
}

void main();
