/** The roles of the backoffice. */
export enum Role {
  /** A citizen applying for themselves or as parent/guardian of a minor. */
  APPLICANT = 'APPLICANT',
  /** Case reviewer ("istruttore"). */
  OPERATOR = 'OPERATOR',
  /** Decides cases ("responsabile del procedimento"). */
  MANAGER = 'MANAGER',
  /** Anti-violence centre staff applying on behalf of a woman. */
  CAV_OPERATOR = 'CAV_OPERATOR',
  /** Configures measures and manages accounts. */
  ADMIN = 'ADMIN',
  /** Reads decisions and the audit trail, changes nothing. */
  AUDITOR = 'AUDITOR',
}

export const ALL_ROLES = Object.values(Role);
export const STAFF_ROLES = ALL_ROLES.filter((r) => r !== Role.APPLICANT);
/** Roles whose accounts must be scoped to one or more ATS or Ambiti. */
export const TERRITORIAL_ROLES = [Role.OPERATOR, Role.MANAGER];
