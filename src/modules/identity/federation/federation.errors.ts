/** Why a federation step failed; the OIDC flow maps these to the login error page. */
export type FederationFailure =
  | 'FETCH_FAILED'
  | 'BAD_STATEMENT'
  | 'BAD_SIGNATURE'
  | 'EXPIRED'
  | 'NOT_IN_FEDERATION'
  | 'POLICY_CONFLICT'
  | 'POLICY_VIOLATION'
  | 'BAD_CONFIGURATION';

/**
 * A refused federation step. The message names the entity and the rule broken, never personal
 * data: entity ids are public URLs.
 */
export class FederationError extends Error {
  constructor(
    readonly reason: FederationFailure,
    message: string,
  ) {
    super(`${reason}: ${message}`);
    this.name = 'FederationError';
  }
}
