import { Module } from '@nestjs/common';
import { jobHandlers } from '../../common/queue/job-handler.js';
import { PurgeExpiredTokensHandler } from './purge-expired-tokens.handler.js';
import { SessionsModule } from './sessions.module.js';

/** The sessions' side of the worker: the nightly purge of expired refresh tokens. */
@Module({ imports: [SessionsModule], providers: [...jobHandlers(PurgeExpiredTokensHandler)] })
export class SessionsWorkerModule {}
