import { Module } from '@nestjs/common';
import { jobHandlers } from '../../common/queue/job-handler.js';
import { ApplicationsModule } from '../applications/applications.module.js';
import { BulkCaseStep } from './bulk-case-step.js';
import { BulkOperationHandler } from './bulk-operation.handler.js';
import { BulkOperationsModule } from './bulk-operations.module.js';
import { BulkRelayService } from './bulk-relay.service.js';

/** The bulk operations' side of the worker: the relay that queues them and the job that runs them. */
@Module({
  imports: [ApplicationsModule, BulkOperationsModule],
  providers: [BulkCaseStep, BulkRelayService, ...jobHandlers(BulkOperationHandler)],
})
export class BulkOperationsWorkerModule {}
