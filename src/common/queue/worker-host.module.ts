import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WorkerHostService } from './worker-host.service.js';

/** The BullMQ workers and schedules of the worker process; handlers come from the modules beside it. */
@Module({ imports: [DiscoveryModule], providers: [WorkerHostService] })
export class WorkerHostModule {}
