import { AppError } from '../../common/errors/app-error.js';
import { hasRole, type Principal } from '../../common/access/principal.js';
import type { ManagingBody } from '../measures/measure-version-content.js';
import { Role } from '../../common/access/role.js';

/**
 * Whether an officer works for the measure's managing body (an ATS or an Ambito). A measure
 * managed by the Region itself has no territorial office in this model: nobody covers it.
 */
export function coversManagingBody(actor: Principal, body: ManagingBody): boolean {
  if (body.kind === 'ATS') return actor.scope.atsCodes.includes(body.code ?? '');
  if (body.kind === 'AMBITO') return actor.scope.ambitoCodes.includes(body.code ?? '');
  return false;
}

/** Measure-wide acts (ranking, check samples) are for a MANAGER of the managing body. */
export function assertManagerOf(actor: Principal, body: ManagingBody): void {
  if (!hasRole(actor, Role.MANAGER) || !coversManagingBody(actor, body)) {
    throw new AppError('FORBIDDEN', {
      it: "Solo il responsabile del procedimento dell'ente gestore della misura può farlo.",
      en: "Only a MANAGER of the measure's managing body may do this.",
    });
  }
}
