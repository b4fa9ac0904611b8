import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../../common/errors/app-error.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { hasRole, type Principal } from './principal.js';

/**
 * The one gate in front of every route: no policy → denied (fail closed); public → open;
 * otherwise a valid access token of an active account holding one of the listed roles.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(`Route without access policy: ${context.getClass().name}.${context.getHandler().name}`);
      throw new AppError('FORBIDDEN', { it: 'Operazione non consentita.', en: 'Operation not allowed.' });
    }
    if (policy.kind === 'public') return true;
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<{ user: Principal }>().user;
    if (!hasRole(user, ...policy.roles)) {
      throw new AppError('AUTH_ROLE_DENIED', {
        it: 'Il tuo ruolo non consente questa operazione.',
        en: 'Your role does not allow this operation.',
      });
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) {
      throw new AppError('AUTH_INVALID_TOKEN', {
        it: 'Sessione non valida o scaduta: effettua di nuovo il login.',
        en: 'Invalid or expired session: please log in again.',
      });
    }
    return user;
  }
}
