import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ClockModule } from './common/clock/clock.module.js';
import { WorkerHostModule } from './common/queue/worker-host.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AuditModule } from './modules/audit-log/audit.module.js';
import { BulkOperationsWorkerModule } from './modules/bulk-operations/bulk-operations-worker.module.js';
import { NotificationsWorkerModule } from './modules/notifications/notifications-worker.module.js';
import { SchedulesModule } from './modules/schedules/schedules.module.js';
import { SessionsWorkerModule } from './modules/sessions/sessions-worker.module.js';

/** The worker process: BullMQ consumers and scheduled jobs, no HTTP. Each module wires its own jobs. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(),
        AuditModule,
        SessionsWorkerModule,
        NotificationsWorkerModule,
        SchedulesModule,
        BulkOperationsWorkerModule,
        WorkerHostModule,
      ],
    };
  }
}
