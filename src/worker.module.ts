import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ClockModule } from './common/clock/clock.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { JOB_HANDLERS, type JobHandler } from './common/queue/job-handler.js';
import { WorkerHostService } from './common/queue/worker-host.service.js';
import { PurgeExpiredTokensHandler } from './modules/sessions/purge-expired-tokens.handler.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { AppIoChannel, EmailChannel } from './modules/notifications/channels.js';
import { NotificationDeliveryHandler } from './modules/notifications/delivery.handler.js';
import { OutboxRelayService } from './modules/notifications/outbox-relay.service.js';
import { NotificationsService } from './modules/notifications/notifications.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { CaseTransitionsModule } from './modules/applications/case-transitions.module.js';
import { DeadlineLapsesHandler, DeadlineRemindersHandler } from './modules/schedules/deadline-jobs.handler.js';
import { RegisterExportHandler } from './modules/schedules/register-export.handler.js';

const HANDLERS = [PurgeExpiredTokensHandler, NotificationDeliveryHandler, DeadlineRemindersHandler, DeadlineLapsesHandler, RegisterExportHandler];

/** The worker process: BullMQ consumers and scheduled jobs, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), ClockModule, DatabaseModule.forRoot(), SessionsModule, CaseTransitionsModule],
      providers: [
        ...HANDLERS,
        { provide: JOB_HANDLERS, inject: HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers },
        WorkerHostService,
        EmailChannel,
        AppIoChannel,
        OutboxRelayService,
        NotificationsService,
        AuditService,
      ],
    };
  }
}
