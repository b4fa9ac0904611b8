import type { Role } from './role.js';

/** The authenticated caller, re-read from the database on every request. */
export interface Principal {
  id: string;
  roles: Role[];
  /** Territories an OPERATOR or MANAGER may work on. */
  scope: { atsCodes: string[]; ambitoCodes: string[] };
}

/** The caller as the access guard loads it: the principal and the state of its account and session. */
export interface SessionPrincipal extends Principal {
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
  passwordChangeRequired: boolean;
  emailVerified: boolean;
}

export const hasRole = (p: Principal, ...roles: Role[]) => p.roles.some((r) => roles.includes(r));
