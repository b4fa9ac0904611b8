import { createHash } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import { canonicalJson, contentHash } from './content-hash.js';
import type { MeasureDefinition } from './measure-definition.js';
import { REFERENCE_MEASURES } from './reference-measures/index.js';

/** The same JSON with every object's keys in reverse order, as a database might return it. */
function reorderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorderKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reorderKeys(item)]),
  );
}

describe('contentHash', () => {
  it('serialises canonically: sorted keys, no whitespace, undefined properties dropped', () => {
    expect(canonicalJson({ b: [1, { d: 'é', c: null }], a: true, z: undefined })).toBe(
      '{"a":true,"b":[1,{"c":null,"d":"é"}]}',
    );
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
  });

  it('is the sha256 of the canonical JSON', () => {
    const definition = REFERENCE_MEASURES[0];
    const expected = createHash('sha256').update(canonicalJson(definition)).digest('hex');
    expect(contentHash(definition)).toBe(expected);
    expect(contentHash(definition)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not change when keys are reordered, and changes with any content', () => {
    for (const definition of REFERENCE_MEASURES) {
      const roundTripped = JSON.parse(JSON.stringify(reorderKeys(definition))) as MeasureDefinition;
      expect(contentHash(roundTripped)).toBe(contentHash(definition));
      expect(contentHash({ ...definition, procedure: { ...definition.procedure, deadlineDays: 31 } })).not.toBe(
        contentHash(definition),
      );
    }
    expect(new Set(REFERENCE_MEASURES.map(contentHash)).size).toBe(REFERENCE_MEASURES.length);
  });
});
