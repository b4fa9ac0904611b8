import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { startSmtpSink, type SmtpSink } from '../../src/cli/smtp-sink.js';
import { WorkerModule } from '../../src/worker.module.js';
import { startAppIoStub, type AppIoStub } from './app-io-stub.js';
import { bearer } from './cases.js';
import { createTestApp, type TestContext } from './test-app.js';

/**
 * The in-process harness of the notification tests: the app and the worker module on one
 * database, with both channels on (an SMTP sink and the App IO stub), relaying every 100 ms.
 */
export interface NotificationApp {
  ctx: TestContext;
  worker: INestApplicationContext;
  smtp: SmtpSink;
  appIo: AppIoStub;
}

/**
 * The file's harness, made in beforeAll and closed in afterAll. Read the fields inside tests
 * (not at load time).
 */
export function notificationAppOfFile(): NotificationApp {
  const app = {} as NotificationApp;
  beforeAll(async () => {
    app.smtp = await startSmtpSink();
    app.appIo = await startAppIoStub();
    app.ctx = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${app.smtp.port}`,
      APP_IO_BASE_URL: app.appIo.url,
      APP_IO_API_KEY: app.appIo.key,
      NOTIFICATION_CHANNELS: 'email,app_io',
      NOTIFICATION_RELAY_INTERVAL_MS: '100',
    });
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(app.ctx.config)] }).compile();
    app.worker = moduleRef.createNestApplication({ logger: false });
    await app.worker.init();
  });
  afterAll(async () => {
    await app.worker?.close();
    await app.ctx?.close();
    await app.smtp?.close();
    await app.appIo?.close();
  });
  return app;
}

/** Sets the signed-in person's channel preferences through the API (200 expected). */
export async function setNotificationPreferences(
  ctx: TestContext,
  token: string,
  preferences: { email: boolean; appIo: boolean },
): Promise<void> {
  await ctx.http().put('/api/v1/me/notification-preferences').set(bearer(token)).send(preferences).expect(200);
}
