import { notFound } from '../../../../common/errors/app-error.js';
import type { MeasureDefinition } from '../../../measures/domain/index.js';
import type { MeasuresCatalogService } from '../../../measures/measures-catalog.service.js';
import type { Lang } from '../../i18n/lang.js';
import { slugFor, type PortalMeasure } from '../../measure/portal-measures.js';

/**
 * The measures an anti-violence centre files for a woman: the sealed in-kind ones, the rule
 * IntakeService.assertMayApply enforces (a CAV operator applies for these and nothing else).
 * The intake refuses any other, so this list only decides what the pages offer.
 */
export const filedByCentre = (d: MeasureDefinition) => d.procedure.type === 'in_kind' && d.sealed;

type CatalogVersion = Awaited<ReturnType<MeasuresCatalogService['current']>>;

const asPortalMeasure = (v: CatalogVersion): PortalMeasure => ({
  code: v.code,
  slug: slugFor(v.code, true),
  version: v.version,
  definition: v.definition as unknown as MeasureDefinition,
  open: v.open,
  window: v.window,
});

/** The centre's measures in force, addressed by their opaque slug (never the code: browser history). */
export async function centreMeasures(catalog: MeasuresCatalogService): Promise<PortalMeasure[]> {
  const list = await catalog.list(undefined);
  const versions = await Promise.all(list.map((m) => catalog.current(m.code)));
  return versions.map(asPortalMeasure).filter((m) => filedByCentre(m.definition));
}

export async function centreMeasureBySlug(catalog: MeasuresCatalogService, slug: string): Promise<PortalMeasure> {
  const found = (await centreMeasures(catalog)).find((m) => m.slug === slug);
  if (!found) throw notFound();
  return found;
}

/** A case's measure, in force: one read, not the whole catalogue. */
export async function centreMeasureByCode(catalog: MeasuresCatalogService, code: string): Promise<PortalMeasure> {
  const found = asPortalMeasure(await catalog.current(code));
  if (!filedByCentre(found.definition)) throw notFound();
  return found;
}

/** What a measure gives, in neutral words ("alloggio ALER"), for buttons a shoulder-surfer may read. */
export const neutralName = (m: PortalMeasure, lang: Lang, fallback: string) =>
  m.definition.benefit.type === 'in_kind' ? m.definition.benefit.unit[lang] : fallback;
