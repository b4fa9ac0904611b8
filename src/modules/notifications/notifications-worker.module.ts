import { Module } from '@nestjs/common';
import { jobHandlers } from '../../common/queue/job-handler.js';
import { AppIoChannel, EmailChannel } from './channels.js';
import { NotificationDeliveryHandler } from './delivery.handler.js';
import { NotificationsModule } from './notifications.module.js';
import { OutboxRelayService } from './outbox-relay.service.js';

/** The notifications' side of the worker: the outbox relay, the channels and the delivery job. */
@Module({
  imports: [NotificationsModule],
  providers: [EmailChannel, AppIoChannel, OutboxRelayService, ...jobHandlers(NotificationDeliveryHandler)],
})
export class NotificationsWorkerModule {}
