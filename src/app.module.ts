import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ClockModule } from './common/clock/clock.module.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './common/redis/redis.module.js';
import { ApplicationsModule } from './modules/applications/applications.module.js';
import { AuditModule } from './modules/audit-log/audit.module.js';
import { AuditorModule } from './modules/auditor/auditor.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BulkOperationsModule } from './modules/bulk-operations/bulk-operations.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { MeasuresModule } from './modules/measures/measures.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { TerritoryModule } from './modules/territory/territory.module.js';
import { UsersModule } from './modules/users/users.module.js';
import { WebModule } from './modules/web/web.module.js';

/** The HTTP API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot(),
        RedisModule,
        HealthModule,
        AuditModule,
        AuthModule,
        IdentityModule,
        UsersModule,
        TerritoryModule,
        MeasuresModule,
        ApplicationsModule,
        AuditorModule,
        NotificationsModule,
        BulkOperationsModule,
        WebModule,
      ],
    };
  }
}
