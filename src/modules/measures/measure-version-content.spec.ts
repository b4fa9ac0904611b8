import { describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from './domain/index.js';
import { versionContentHash, type VersionContent } from './measure-version-content.js';
import { referenceContent } from './reference-measures-loader.js';

const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  }
  return value;
};

describe('versionContentHash', () => {
  const content: VersionContent = referenceContent(REFERENCE_MEASURES[0]);

  it('is a sha256 hex digest that ignores key order (jsonb reorders keys)', () => {
    const hash = versionContentHash(content);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      versionContentHash({ ...content, definition: reversed(content.definition) as VersionContent['definition'] }),
    ).toBe(hash);
  });

  it('changes with the window, the managing body, the scope, the quotas and the definition', () => {
    const hash = versionContentHash(content);
    const variants: VersionContent[] = [
      { ...content, windowClosesAt: new Date(content.windowClosesAt.getTime() + 1000) },
      { ...content, managingBody: { kind: 'REGION', code: null } },
      { ...content, territorialScope: { atsCodes: ['321'], ambitoCodes: [] } },
      { ...content, quotas: [{ kind: 'ATS', code: '321', amount: 1 }] },
      { ...content, definition: { ...content.definition, procedure: { type: 'a_sportello', deadlineDays: 60 } } },
    ];
    for (const variant of variants) expect(versionContentHash(variant)).not.toBe(hash);
  });

  it('places every reference measure as the digest says', () => {
    const bodies = Object.fromEntries(REFERENCE_MEASURES.map((d) => [d.code, referenceContent(d).managingBody]));
    expect(bodies).toEqual({
      'ORFANI-FEMMINICIDIO': { kind: 'ATS', code: '326' },
      'NIDI-GRATIS-PLUS-2024-25': { kind: 'REGION', code: null },
      'B1-FNA-2025': { kind: 'REGION', code: null },
      'B2-FNA-2025-SEREGNO': { kind: 'AMBITO', code: 'AMB-324-SEREGNO' },
      'ALER-VIOLENZA': { kind: 'REGION', code: null },
      'BONUS-ASSISTENTI-FAMILIARI': { kind: 'REGION', code: null },
    });
  });
});
