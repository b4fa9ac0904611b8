import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AuthErrors } from './auth.errors.js';
import {
  ACCESS_POLICY,
  PENDING_ALLOWED,
  type AccessPolicy,
  type PendingStep,
} from '../../common/access/access-policy.js';
import { hasRole, type SessionPrincipal } from '../../common/access/principal.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate in front of every route: no policy → denied (fail closed); public → open;
 * otherwise a valid access token of a live session of an active account holding one of the
 * listed roles, with no pending step (temporary password, unverified e-mail) the route needs done.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, targets);
    if (!policy) {
      this.logger.error(`Route without access policy: ${context.getClass().name}.${context.getHandler().name}`);
      throw AuthErrors.noPolicy();
    }
    if (policy.kind === 'public') return true;
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<{ user: SessionPrincipal; method: string }>();
    const user = request.user;
    const allowed = this.reflector.getAllAndOverride<PendingStep[] | undefined>(PENDING_ALLOWED, targets) ?? [];
    if (user.passwordChangeRequired && !allowed.includes('password-change')) {
      throw AuthErrors.passwordChangeRequired();
    }
    if (!user.emailVerified && !READS.has(request.method) && !allowed.includes('email-verification')) {
      throw AuthErrors.emailVerificationRequired();
    }
    if (!hasRole(user, ...policy.roles)) {
      throw AuthErrors.roleDenied();
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error instanceof Error ? error : AuthErrors.invalidToken();
    if (!user) {
      throw AuthErrors.invalidToken();
    }
    return user;
  }
}
