import type { Lang } from '../i18n/lang.js';

/** A JSON Schema property as the portal's forms type it. */
export type JsonSchemaNode = Readonly<Record<string, unknown>>;

export type FieldKind =
  | 'boolean'
  | 'choice'
  | 'euro'
  | 'integer'
  | 'number'
  | 'date'
  | 'fiscalCode'
  | 'iban'
  | 'iseeProtocol'
  | 'text'
  | 'object'
  | 'array';

/** Money typed by people is collected in cents (form-fields.ts): the title carries the note. */
export const CENTS_NOTE = /\s*\(centesimi\)\s*$/;

/**
 * The control a property needs, from its JSON Schema keywords: enums are choices, an integer
 * titled in cents is money in euro, and the identifiers are recognised by their patterns.
 */
export function kindOf(p: JsonSchemaNode): FieldKind {
  const pattern = typeof p.pattern === 'string' ? p.pattern : '';
  const title = typeof p.title === 'string' ? p.title : '';
  if (p.type === 'object') return 'object';
  if (p.type === 'array') return 'array';
  if (p.type === 'boolean') return 'boolean';
  if (Array.isArray(p.enum) && p.enum.length > 0) return 'choice';
  if (p.type === 'integer') return CENTS_NOTE.test(title) ? 'euro' : 'integer';
  if (p.type === 'number') return 'number';
  if (p.format === 'date') return 'date';
  if (pattern.includes('[0-9LMNPQRSTUV]')) return 'fiscalCode';
  if (pattern.startsWith('^IT[0-9]{2}')) return 'iban';
  if (pattern.includes('INPS-ISEE')) return 'iseeProtocol';
  return 'text';
}

/** A field's label and the language it is written in (marked with lang="it" on English pages). */
export interface FieldLabel {
  text: string;
  lang: Lang;
}

/**
 * The label people read, in their language: English from the definition's `x-en` annotation
 * (docs/eligibility.md), else the Italian title without the cents note (a definition written
 * before `x-en`, or a field its author left Italian only), else the field's name.
 */
export function fieldLabel(name: string, p: JsonSchemaNode, lang: Lang): FieldLabel {
  const en = p['x-en'] as { title?: unknown } | undefined;
  if (lang === 'en' && typeof en?.title === 'string') return { text: en.title, lang: 'en' };
  return { text: typeof p.title === 'string' ? p.title.replace(CENTS_NOTE, '') : name, lang: 'it' };
}

export const labelOf = (name: string, p: JsonSchemaNode, lang: Lang) => fieldLabel(name, p, lang).text;
