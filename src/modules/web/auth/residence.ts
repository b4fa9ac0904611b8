import type { TerritoryService } from '../../territory/territory.service.js';

/** A name as people type it: no accents, apostrophes, case or repeated spaces. */
const normal = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’'`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();

export type ResidenceMatch = { istatCode: string; name: string } | 'none' | 'ambiguous';

/**
 * The Lombardy municipality a person names ("Milano", "cantu", "Castro (BG)"), through the
 * territory service's own search: an exact name, with the province in brackets when two
 * municipalities share it. Nobody knows their ISTAT code, which is what the API takes.
 */
export async function residenceByName(territory: TerritoryService, typed: string): Promise<ResidenceMatch> {
  const m = /^(.*?)\s*\(\s*([A-Za-z]{2})\s*\)\s*$/.exec(typed.trim());
  const name = normal(m ? m[1] : typed);
  const province = m?.[2].toUpperCase();
  if (!name) return 'none';
  // The search is by prefix of the stored name: the first letters (rarely accented) find the
  // candidates, the normalised comparison picks the one named.
  const { items } = await territory.searchMunicipalities({ q: name.slice(0, 3), limit: 500, offset: 0 });
  const found = items.filter((c) => normal(c.name) === name && (!province || c.province === province));
  if (found.length === 0) return 'none';
  if (found.length > 1) return 'ambiguous';
  return { istatCode: found[0].istatCode, name: found[0].name };
}
