import { Not } from 'typeorm';
import { notFound } from '../../../common/errors/app-error.js';
import { Application } from '../../applications/application.entity.js';
import { versionFor } from '../../applications/cases.repository.js';
import { MeasureVersion } from '../../measures/measure-version.entity.js';
import { isOpen } from '../../measures/measure-views.js';
import { slugFor, type PortalMeasure } from '../measure/portal-measures.js';
import type { PortalServices } from '../portal-services.js';

/**
 * The measure of a case the caller has just been allowed to read (CaseReadsService.get): the
 * version it was submitted under, not the catalogue's version in force, so a version whose
 * validity ended never hides the case nor changes the form its answers are checked against. A
 * draft is judged by the version in force; one whose measure has none left shows the latest.
 */
export async function caseMeasure(
  s: PortalServices,
  read: { id: string; measureCode: string },
): Promise<PortalMeasure> {
  const em = s.db.manager;
  const app = await em.findOneBy(Application, { id: read.id });
  if (!app) throw notFound();
  const now = s.clock.now();
  const version =
    (await versionFor(em, app, now)) ??
    (await em.findOne(MeasureVersion, {
      where: { measureId: app.measureId, status: Not('draft') },
      order: { version: 'DESC' },
    }));
  if (!version) throw notFound();
  const { definition } = version;
  return {
    code: read.measureCode,
    slug: slugFor(read.measureCode, definition.sealed),
    version: version.version,
    definition,
    open: isOpen(version, now),
    window: { opensAt: version.windowOpensAt.toISOString(), closesAt: version.windowClosesAt.toISOString() },
  };
}
