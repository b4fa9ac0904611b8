import { formatCents, parseEuroToCents } from '../../measures/domain/index.js';
import type { MessageKey, Translate } from '../i18n/messages.js';
import { kindOf, type JsonSchemaNode } from './field-kind.js';
import { rowsOf } from './schema-form.js';
import { validationMessage } from './validation-messages.js';

export interface ParsedForm {
  /** The data as the API takes it (the schema's types); empty answers are left out. */
  data: Record<string, unknown>;
  /** Answers that are not even of the right type, by field path; the schema checks the rest. */
  errors: Record<string, MessageKey>;
}

/**
 * Posted strings to the form's data: booleans, enums, euros to cents, numbers, ISO dates,
 * identifiers upper-cased without spaces, nested objects and arrays by their dotted paths.
 * Patterns, ranges and required fields are left to the API's own ajv validation.
 */
export function parseSchemaForm(schema: JsonSchemaNode, form: Readonly<Record<string, string>>): ParsedForm {
  const errors: Record<string, MessageKey> = {};
  const walk = (node: JsonSchemaNode, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, p] of Object.entries((node.properties ?? {}) as Record<string, JsonSchemaNode>)) {
      const name = path ? `${path}.${key}` : key;
      const kind = kindOf(p);
      if (kind === 'object') {
        const inner = walk(p, name);
        if (Object.keys(inner).length) out[key] = inner;
        continue;
      }
      if (kind === 'array') {
        const items = Array.from({ length: rowsOf(form, name) }, (_, i) =>
          walk((p.items ?? {}) as JsonSchemaNode, `${name}.${i}`),
        ).filter((o) => Object.keys(o).length);
        if (items.length) out[key] = items;
        continue;
      }
      const raw = (form[name] ?? '').trim();
      if (raw === '') continue;
      switch (kind) {
        case 'boolean':
          if (raw === 'true' || raw === 'false') out[key] = raw === 'true';
          else errors[name] = 'invalidChoice';
          break;
        case 'choice':
          if ((p.enum as unknown[]).map(String).includes(raw)) out[key] = raw;
          else errors[name] = 'invalidChoice';
          break;
        case 'euro': {
          const cents = parseEuroToCents(raw);
          if (cents === null || cents < 0) errors[name] = 'invalidEuro';
          else out[key] = cents;
          break;
        }
        case 'integer':
          if (/^-?\d{1,15}$/.test(raw)) out[key] = Number(raw);
          else errors[name] = 'invalidNumber';
          break;
        case 'number':
          if (/^-?\d{1,15}([.,]\d{1,6})?$/.test(raw)) out[key] = Number(raw.replace(',', '.'));
          else errors[name] = 'invalidNumber';
          break;
        case 'date':
          if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) out[key] = raw;
          else errors[name] = 'invalidDate';
          break;
        case 'fiscalCode':
        case 'iban':
        case 'iseeProtocol':
          out[key] = raw.replace(/\s+/g, '').toUpperCase();
          break;
        case 'text':
          out[key] = raw;
          break;
      }
    }
    return out;
  };
  return { data: walk(schema, ''), errors };
}

/**
 * The API's validation problem ("data.child.fiscalCode": ajv's messages) as the form's field
 * paths, each message in the visitor's language (validation-messages.ts).
 */
export function formErrorsOf(
  errors: readonly { field: string; messages: string[] }[] | undefined,
  t: Translate,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const texts = e.messages.map((m) => validationMessage(m, t)).filter((m): m is string => m !== null);
    if (!texts.length) continue;
    const name = e.field.replace(/^data\./, '');
    out[name] = [...new Set([...(out[name] ? [out[name]] : []), ...texts])].join(' ');
  }
  return out;
}

/** Stored data back to the form's strings (the inverse of parseSchemaForm), to resume a draft. */
export function valuesOf(
  schema: JsonSchemaNode,
  data: Readonly<Record<string, unknown>>,
  path = '',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, p] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchemaNode>)) {
    const name = path ? `${path}.${key}` : key;
    const value = data[key];
    if (value === undefined || value === null) continue;
    const kind = kindOf(p);
    if (kind === 'object' && typeof value === 'object') {
      Object.assign(out, valuesOf(p, value as Record<string, unknown>, name));
    } else if (kind === 'array' && Array.isArray(value)) {
      value.forEach((item, i) =>
        Object.assign(
          out,
          valuesOf((p.items ?? {}) as JsonSchemaNode, (item ?? {}) as Record<string, unknown>, `${name}.${i}`),
        ),
      );
    } else if (kind === 'euro' && typeof value === 'number') out[name] = formatCents(value, 'it').replace(/\s*€$/, '');
    else out[name] = String(value);
  }
  return out;
}
