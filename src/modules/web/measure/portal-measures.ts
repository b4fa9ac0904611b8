import { createHash } from 'node:crypto';
import { notFound } from '../../../common/errors/app-error.js';
import { referencedFacts, type MeasureDefinition } from '../../measures/domain/index.js';
import type { MeasuresCatalogService } from '../../measures/measures-catalog.service.js';

/** A measure in force as the portal shows it. */
export interface PortalMeasure {
  code: string;
  /** The address segment: the code, or an opaque one for sealed measures (browser history). */
  slug: string;
  version: number;
  definition: MeasureDefinition;
  open: boolean;
  window: { opensAt: string; closesAt: string };
}

/**
 * Measures whose rules read who submits (e.g. only an anti-violence centre may file) are
 * filed by an office, not by citizens online: the portal does not offer them.
 */
export const filedByOffice = (d: MeasureDefinition) =>
  d.eligibility.some((r) => referencedFacts(r.expression).includes('submitterRole'));

export const slugFor = (code: string, sealed: boolean) =>
  sealed ? `r-${createHash('sha256').update(code).digest('hex').slice(0, 12)}` : code.toLowerCase();

/** The measures a citizen may apply for online, from the public catalogue service. */
export async function citizenMeasures(catalog: MeasuresCatalogService): Promise<PortalMeasure[]> {
  return (await catalog.inForceVersions())
    .map((v) => {
      const definition = v.definition as unknown as MeasureDefinition;
      return {
        code: v.code,
        slug: slugFor(v.code, definition.sealed),
        version: v.version,
        definition,
        open: v.open,
        window: v.window,
      };
    })
    .filter((m) => !filedByOffice(m.definition));
}

export async function measureBySlug(catalog: MeasuresCatalogService, slug: string): Promise<PortalMeasure> {
  const found = (await citizenMeasures(catalog)).find((m) => m.slug === slug);
  if (!found) throw notFound();
  return found;
}

/** The page title: a sealed measure's nature stays out of tab titles and browser history. */
export const pageTitleOf = (m: PortalMeasure, lang: 'it' | 'en', neutral: string) =>
  m.definition.sealed ? neutral : m.definition.title[lang];
