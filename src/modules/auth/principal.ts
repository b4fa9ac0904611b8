import type { Role } from '../users/role.js';

/** The authenticated caller, re-read from the database on every request. */
export interface Principal {
  id: string;
  roles: Role[];
  /** Territories an OPERATOR or MANAGER may work on. */
  scope: { atsCodes: string[]; ambitoCodes: string[] };
}

export const hasRole = (p: Principal, ...roles: Role[]) => p.roles.some((r) => roles.includes(r));
