import { hasRole, type Principal } from '../../common/access/principal.js';
import { scopeCovers } from '../territory/territory-scope.js';
import { Role } from '../../common/access/role.js';
import type { Application } from './application.entity.js';

/**
 * Whether an officer's territory covers a case: the measure's managing body when it is an ATS
 * or an Ambito (e.g. ATS Brescia handles the orphans' fund for the whole region), otherwise the
 * beneficiary's residence.
 */
export function territoryCovers(
  actor: Principal,
  app: Pick<Application, 'managingKind' | 'managingCode' | 'atsCode' | 'ambitoCode'>,
): boolean {
  if (app.managingKind === 'ATS') return actor.scope.atsCodes.includes(app.managingCode ?? '');
  if (app.managingKind === 'AMBITO') return actor.scope.ambitoCodes.includes(app.managingCode ?? '');
  return scopeCovers(actor.scope, app.atsCode ? { atsCode: app.atsCode, ambitoCode: app.ambitoCode } : null);
}

/**
 * Who may see a case: its owner (the citizen or the submitting CAV), and staff of the right
 * territory. A sealed (violence) case: only its MANAGERs (responsabili del procedimento) and
 * the OPERATOR assigned to it.
 */
export function mayView(actor: Principal, app: Application): boolean {
  return app.ownerId === actor.id || mayViewAsStaff(actor, app);
}

/** The staff half of mayView: what an officer sees of a case, whoever owns it. */
export function mayViewAsStaff(
  actor: Principal,
  app: Pick<
    Application,
    'status' | 'sealed' | 'assignedOperatorId' | 'managingKind' | 'managingCode' | 'atsCode' | 'ambitoCode'
  >,
): boolean {
  if (app.status === 'DRAFT' || !hasRole(actor, Role.OPERATOR, Role.MANAGER) || !territoryCovers(actor, app)) {
    return false;
  }
  if (!app.sealed || hasRole(actor, Role.MANAGER)) return true;
  return app.assignedOperatorId === actor.id;
}

/** The staff rule as SQL over a table alias, for lists: parameters :ats, :ambiti, :me, :isManager. */
export const visibleToStaffSql = (a: string) => `${a}.status <> 'DRAFT' AND (
  (${a}.managing_kind = 'ATS' AND ${a}.managing_code = ANY(:ats)) OR
  (${a}.managing_kind = 'AMBITO' AND ${a}.managing_code = ANY(:ambiti)) OR
  (${a}.managing_kind = 'REGION' AND (${a}.ats_code = ANY(:ats) OR ${a}.ambito_code = ANY(:ambiti)))
) AND (NOT ${a}.sealed OR :isManager OR ${a}.assigned_operator_id = :me)`;

export const VISIBLE_TO_STAFF_SQL = visibleToStaffSql('a');

export const staffVisibilityParams = (actor: Principal) => ({
  ats: actor.scope.atsCodes,
  ambiti: actor.scope.ambitoCodes,
  me: actor.id,
  isManager: hasRole(actor, Role.MANAGER),
});
