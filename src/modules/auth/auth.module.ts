import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { RegistrationService } from './registration.service.js';

/**
 * Getting in: applicants' self-registration and e-mail verification, login, tokens, and the global
 * access guard that enforces every route's policy.
 */
@Module({
  imports: [PassportModule, JwtModule.register({}), UsersModule, SessionsModule, NotificationsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    RegistrationService,
    JwtStrategy,
    LoginThrottleService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AuthModule {}
