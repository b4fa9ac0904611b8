import type { Localized } from '../../common/errors/app-error.js';
import { Role } from '../../common/access/role.js';

export interface RoleRule {
  /** Stable name of the rule, returned to the caller. */
  rule: string;
  role: Role;
  excludes: Role[];
  why: Localized;
}

/**
 * Separation of duties: who checks must not operate, who files a case for a woman (CAV) must
 * not review or decide it, who administers accounts must not audit them.
 */
export const ROLE_RULES: RoleRule[] = [
  {
    rule: 'AUDITOR_NOT_OPERATIONAL',
    role: Role.AUDITOR,
    excludes: [Role.OPERATOR, Role.MANAGER, Role.CAV_OPERATOR],
    why: {
      it: 'Il ruolo AUDITOR non può essere combinato con un ruolo operativo (OPERATOR, MANAGER, CAV_OPERATOR).',
      en: 'AUDITOR cannot be combined with an operational role (OPERATOR, MANAGER, CAV_OPERATOR).',
    },
  },
  {
    rule: 'CAV_NOT_REVIEWER',
    role: Role.CAV_OPERATOR,
    excludes: [Role.OPERATOR, Role.MANAGER],
    why: {
      it: 'Il ruolo CAV_OPERATOR non può essere combinato con OPERATOR o MANAGER: chi presenta una domanda non la istruisce né la decide.',
      en: 'CAV_OPERATOR cannot be combined with OPERATOR or MANAGER: who files a case neither reviews nor decides it.',
    },
  },
  {
    rule: 'ADMIN_NOT_AUDITOR',
    role: Role.ADMIN,
    excludes: [Role.AUDITOR],
    why: {
      it: 'Il ruolo ADMIN non può essere combinato con AUDITOR.',
      en: 'ADMIN cannot be combined with AUDITOR.',
    },
  },
];

/** The first rule a set of roles breaks, or null. */
export function brokenRoleRule(roles: readonly Role[]): RoleRule | null {
  return ROLE_RULES.find((r) => roles.includes(r.role) && r.excludes.some((x) => roles.includes(x))) ?? null;
}
