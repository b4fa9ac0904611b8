import { slugFor } from '../../measure/portal-measures.js';
import type { PortalServices } from '../../portal-services.js';

/** A measure code's address segment on the queue's pages, and back. */
export interface MeasureSlugs {
  slugOf: (code: string) => string;
  codeOf: (slug: string) => string | undefined;
}

/**
 * The queue's pages name a measure by the portal's slug, never by its code: a sealed measure's
 * code (ORFANI-…) would otherwise reach browser history and proxy logs. A measure with no
 * version in force (its sealing unknown here) is treated as sealed.
 */
export async function measureSlugs(s: PortalServices): Promise<MeasureSlugs> {
  const codes = await s.queue.measureCodes();
  const open = new Set(
    (await s.catalog.inForceVersions())
      .filter((v) => !(v.definition as unknown as { sealed: boolean }).sealed)
      .map((v) => v.code),
  );
  const slugOf = (code: string) => slugFor(code, !open.has(code));
  const bySlug = new Map(codes.map((c) => [slugOf(c), c]));
  return { slugOf, codeOf: (slug) => bySlug.get(slug) };
}
