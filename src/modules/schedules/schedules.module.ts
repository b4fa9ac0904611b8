import { Module } from '@nestjs/common';
import { jobHandlers } from '../../common/queue/job-handler.js';
import { CaseTransitionsModule } from '../applications/case-transitions.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DeadlineLapsesHandler, DeadlineRemindersHandler } from './deadline-jobs.handler.js';
import { RegisterExportHandler } from './register-export.handler.js';

/** The worker's daily jobs on cases: deadline reminders and lapses, the protocol-register export. */
@Module({
  imports: [NotificationsModule, CaseTransitionsModule],
  providers: [...jobHandlers(DeadlineRemindersHandler, DeadlineLapsesHandler, RegisterExportHandler)],
})
export class SchedulesModule {}
