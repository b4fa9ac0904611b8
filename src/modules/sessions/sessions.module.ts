import { Module } from '@nestjs/common';
import { RefreshTokenService } from './refresh-token.service.js';

/** Login sessions as refresh-token families: issue, rotate, revoke, purge. */
@Module({ providers: [RefreshTokenService], exports: [RefreshTokenService] })
export class SessionsModule {}
