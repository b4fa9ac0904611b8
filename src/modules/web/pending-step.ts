import type { SessionPrincipal } from '../../common/access/principal.js';

/** A step the account must complete before a page may act for it. */
export type PendingRefusal = 'passwordChange' | 'emailVerification';

/**
 * The API's AccessGuard rule, for pages (they call the services directly, so the guard never
 * runs): a temporary password blocks every signed-in page; an unverified address blocks every
 * write (every POST), while reads stay open so the person can look around.
 */
export function pendingRefusal(
  principal: Pick<SessionPrincipal, 'passwordChangeRequired' | 'emailVerified'>,
  method: 'GET' | 'POST',
): PendingRefusal | null {
  if (principal.passwordChangeRequired) return 'passwordChange';
  if (!principal.emailVerified && method === 'POST') return 'emailVerification';
  return null;
}
