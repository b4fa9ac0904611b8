import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import { Role } from '../../../../common/access/role.js';
import type { PageContext } from '../../page.js';
import type { ManagedMeasure } from '../../../applications/budget/managed-measures.service.js';
import type { Principal } from '../../../../common/access/principal.js';
import { notFound } from '../../../../common/errors/app-error.js';
import { slugFor } from '../../measure/portal-measures.js';
import type { PortalServices } from '../../portal-services.js';

/** Every page of the manager's section: MANAGER only; the services then scope it to their offices. */
export const MANAGER: AccessPolicy = { kind: 'roles', roles: [Role.MANAGER] };

/** The signed-in manager (the page's policy admitted only a MANAGER with a session). */
export const managerOf = (ctx: PageContext) => ctx.session!.principal!;

/** A managed measure with its address segment (opaque for sealed measures, as in the portal). */
export interface ManagerMeasure extends ManagedMeasure {
  slug: string;
  sealed: boolean;
}

export async function managerMeasures(s: PortalServices, actor: Principal): Promise<ManagerMeasure[]> {
  return (await s.managedMeasures.list(actor)).map((m) => ({
    ...m,
    sealed: m.version.definition.sealed,
    slug: slugFor(m.code, m.version.definition.sealed),
  }));
}

/** The measure of an address; a measure another office manages is not found, as an unknown one. */
export async function managerMeasureBySlug(s: PortalServices, actor: Principal, slug: string): Promise<ManagerMeasure> {
  const found = (await managerMeasures(s, actor)).find((m) => m.slug === slug);
  if (!found) throw notFound();
  return found;
}
