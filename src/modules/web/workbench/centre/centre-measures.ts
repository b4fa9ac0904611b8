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

/** The centre's measures in force, addressed by their opaque slug (never the code: browser history). */
export async function centreMeasures(catalog: MeasuresCatalogService): Promise<PortalMeasure[]> {
  const list = await catalog.list(undefined);
  const versions = await Promise.all(list.map((m) => catalog.current(m.code)));
  return versions
    .map((v) => {
      const definition = v.definition as unknown as MeasureDefinition;
      return {
        code: v.code,
        slug: slugFor(v.code, true),
        version: v.version,
        definition,
        open: v.open,
        window: v.window,
      };
    })
    .filter((m) => filedByCentre(m.definition));
}

export async function centreMeasureBy(
  catalog: MeasuresCatalogService,
  find: (m: PortalMeasure) => boolean,
): Promise<PortalMeasure> {
  const found = (await centreMeasures(catalog)).find(find);
  if (!found) throw notFound();
  return found;
}

/** What a measure gives, in neutral words ("alloggio ALER"), for buttons a shoulder-surfer may read. */
export const neutralName = (m: PortalMeasure, lang: Lang, fallback: string) =>
  m.definition.benefit.type === 'in_kind' ? m.definition.benefit.unit[lang] : fallback;
