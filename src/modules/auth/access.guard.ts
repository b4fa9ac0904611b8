import { Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../../common/errors/app-error.js';
import { ACCESS_POLICY, PENDING_ALLOWED, type AccessPolicy, type PendingStep } from '../../common/access/access-policy.js';
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
      throw new AppError('FORBIDDEN', { it: 'Operazione non consentita.', en: 'Operation not allowed.' });
    }
    if (policy.kind === 'public') return true;
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<{ user: SessionPrincipal; method: string }>();
    const user = request.user;
    const allowed = this.reflector.getAllAndOverride<PendingStep[] | undefined>(PENDING_ALLOWED, targets) ?? [];
    if (user.passwordChangeRequired && !allowed.includes('password-change')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', {
        it: 'La password è temporanea: cambiala (PUT /me/password) prima di continuare.',
        en: 'Your password is temporary: change it (PUT /me/password) before going on.',
      });
    }
    if (!user.emailVerified && !READS.has(request.method) && !allowed.includes('email-verification')) {
      throw new AppError('EMAIL_VERIFICATION_REQUIRED', {
        it: "Conferma il tuo indirizzo e-mail con il link che ti abbiamo inviato prima di presentare domande.",
        en: 'Confirm your e-mail address with the link we sent you before applying.',
      });
    }
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
