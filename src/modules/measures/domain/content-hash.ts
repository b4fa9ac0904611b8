import { createHash } from 'node:crypto';

import type { MeasureDefinition } from './measure-definition.js';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, ECMAScript number
 * and string serialisation (the RFC 8785 / JCS rules for the values a definition holds).
 * Key order in the stored JSON (PostgreSQL jsonb reorders keys) then never changes a hash.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not representable in JSON: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  throw new TypeError(`Not representable in JSON: ${typeof value}`);
}

/** sha256 (hex) of the canonical JSON: the identity of a frozen, published version. */
export function contentHash(definition: MeasureDefinition): string {
  return createHash('sha256').update(canonicalJson(definition), 'utf8').digest('hex');
}
