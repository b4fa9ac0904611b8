import { Role } from '../../common/access/role.js';

/** A signed-in person's own area: where a login lands and where the header's link leads. */
export interface Landing {
  href: string;
  /** The header link's text: the applicant's area or the staff workbench. */
  label: 'myArea' | 'workbenchHome';
}

/**
 * The personal area for applicants, the workbench for officers, managers and centre operators;
 * none (the home) for ADMIN and AUDITOR until their consoles exist.
 */
export function landingFor(roles: readonly Role[]): Landing | null {
  if (roles.includes(Role.APPLICANT)) return { href: '/area-personale', label: 'myArea' };
  if (roles.includes(Role.CAV_OPERATOR)) return { href: '/lavoro/centro', label: 'workbenchHome' };
  if (roles.includes(Role.OPERATOR) || roles.includes(Role.MANAGER)) return { href: '/lavoro', label: 'workbenchHome' };
  return null;
}
