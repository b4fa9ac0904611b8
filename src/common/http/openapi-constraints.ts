import { getMetadataStorage } from 'class-validator';
import { regexMaxLength } from './regex-max-length.js';
import { TIMESTAMP } from './validators.js';

/** The part of a JSON Schema object this module reads and writes. */
export interface SchemaNode {
  type?: string;
  format?: string;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  allOf?: SchemaNode[];
  $ref?: string;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
  enum?: unknown[];
  [key: string]: unknown;
}

interface ValidatorMetadata {
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

/** JSON Schema keywords that state what a class-validator decorator enforces. */
function keywordsOf(meta: ValidatorMetadata): Partial<SchemaNode> {
  const [a, b] = meta.constraints ?? [];
  switch (meta.name) {
    case 'isLength':
      return {
        ...(typeof a === 'number' && a > 0 ? { minLength: a } : {}),
        ...(typeof b === 'number' ? { maxLength: b } : {}),
      };
    case 'maxLength':
      return { maxLength: a as number };
    case 'minLength':
      return { minLength: a as number };
    case 'matches': {
      const source = a instanceof RegExp ? a.source : typeof a === 'string' ? a : null;
      if (source === null) return {};
      const max = regexMaxLength(source);
      return max === null ? { pattern: source } : { pattern: source, maxLength: max };
    }
    case 'max':
      return { maximum: a as number };
    case 'min':
      return { minimum: a as number };
    case 'arrayMaxSize':
      return { maxItems: a as number };
    case 'arrayMinSize':
      return { minItems: a as number };
    case 'isUuid':
      return { format: 'uuid', maxLength: 36 };
    case 'isEmail':
      return { format: 'email' };
    // The project's own validators (common/http/validators.ts, common/identifiers): what each accepts.
    case 'isCalendarDate':
      return { format: 'date', maxLength: 10 };
    case 'isTimestamp':
      return { pattern: TIMESTAMP.source, maxLength: regexMaxLength(TIMESTAMP.source) ?? undefined };
    case 'isInstantIdCursor':
      return { pattern: '^[A-Za-z0-9_-]{1,200}$', maxLength: 200 };
    case 'isCodiceFiscale':
      return { pattern: '^([A-Z0-9]{16}|\\d{11})$', maxLength: 16 };
    case 'isIban':
      return { pattern: '^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$', maxLength: 34 };
    case 'isIseeProtocol':
      return { pattern: '^INPS-ISEE-\\d{4}-[A-Z0-9]{9}-\\d{2}$', maxLength: 27 };
    case 'isIn':
      return Array.isArray(a) ? { enum: a } : {};
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isString':
      return { type: 'string' };
    default:
      return {};
  }
}

/** Keywords describing the value itself go on `items` when the decorator validates each element. */
export function applyConstraints(target: SchemaNode, keywords: Partial<SchemaNode>, each: boolean): void {
  const node = each && target.type === 'array' ? (target.items ??= {}) : target;
  for (const [key, value] of Object.entries(keywords)) {
    if (node[key] === undefined) node[key] = value;
  }
}

/**
 * Copies the limits that the DTOs' class-validator decorators enforce (lengths, patterns, ranges,
 * array sizes) into the OpenAPI schemas of the same name, so the document states what the server
 * checks and cannot drift from it. Keywords already written by hand win.
 */
export function addValidatorConstraints(schemas: Record<string, SchemaNode>): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidatorMetadata[]> };
  const byName = new Map<string, ValidatorMetadata[]>();
  for (const target of storage.validationMetadatas.keys()) {
    if (typeof target !== 'function') continue;
    const name = (target as { name: string }).name;
    // Two DTO classes with one name would make the schema ambiguous: leave it as written.
    byName.set(name, byName.has(name) ? [] : collect(target as new () => unknown));
  }
  for (const [name, schema] of Object.entries(schemas)) {
    for (const meta of byName.get(name) ?? []) {
      const property = schema.properties?.[meta.propertyName];
      if (!property) continue;
      const keywords = keywordsOf(meta);
      if (property.allOf || property.$ref) continue; // a referenced schema carries its own limits
      applyConstraints(property, keywords, meta.each === true);
    }
  }
}

/** The metadata of a class and the classes it extends. */
function collect(target: new () => unknown): ValidatorMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
}

/** Per property of a DTO class, the JSON Schema keywords its validators enforce. */
export function constraintsOf(
  target: new () => unknown,
): Map<string, { keywords: Partial<SchemaNode>; each: boolean }[]> {
  const out = new Map<string, { keywords: Partial<SchemaNode>; each: boolean }[]>();
  for (const meta of collect(target)) {
    const list = out.get(meta.propertyName) ?? [];
    list.push({ keywords: keywordsOf(meta), each: meta.each === true });
    out.set(meta.propertyName, list);
  }
  return out;
}
