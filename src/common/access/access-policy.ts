import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemDto } from '../errors/problem.dto.js';
import { ALL_ROLES, type Role } from './role.js';

export const ACCESS_POLICY = 'sportello:access-policy';

/** Who may call a route. Every route declares one; the AccessGuard denies routes without. */
export type AccessPolicy = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/** Anyone, without a token. Reserved for login, registration, health and public reference data. */
export const Public = () =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy),
    ApiExtension('x-access', 'public'),
  );

/** Authenticated callers holding one of these roles; the service still checks each record. */
export const Allow = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy),
    ApiBearerAuth(),
    ApiExtension('x-access', roles),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or revoked token', type: ProblemDto }),
    ApiForbiddenResponse({ description: `Role not in: ${roles.join(', ')}`, type: ProblemDto }),
  );

export const PENDING_ALLOWED = 'sportello:pending-allowed';

/** What an account may still have to do before it can use the API fully. */
export type PendingStep = 'password-change' | 'email-verification';

/**
 * Marks a route callable while the account still has these steps pending. Without it, an account
 * with a temporary password gets 403 PASSWORD_CHANGE_REQUIRED everywhere, and one whose e-mail
 * is unverified gets 403 EMAIL_VERIFICATION_REQUIRED on every write.
 */
export const AllowWhilePending = (...steps: PendingStep[]) => SetMetadata(PENDING_ALLOWED, steps);

/** Any authenticated account, whatever its role. */
export const AnyRole = () => Allow(...ALL_ROLES);
