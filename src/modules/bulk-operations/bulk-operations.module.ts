import { Module } from '@nestjs/common';
import { BulkOperationsController } from './bulk-operations.controller.js';
import { BulkOperationsRepository } from './bulk-operations.repository.js';
import { BulkOperationsService } from './bulk-operations.service.js';

/** Bulk operations, the API's side: start one, read its progress (the worker runs it). */
@Module({
  controllers: [BulkOperationsController],
  providers: [BulkOperationsService, BulkOperationsRepository],
  exports: [BulkOperationsService, BulkOperationsRepository],
})
export class BulkOperationsModule {}
