import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { validateDefinition, type MeasureDefinition } from './domain/index.js';
import { MEASURE_DEFINITION_SCHEMA } from './measure-definition.schema.js';

// ajv-formats is CommonJS: imported from ESM, its plugin function is the module's .default.
const addFormats = addFormatsModule.default;

/** One problem in a definition, its path rooted at "definition" (e.g. definition.eligibility.0.id). */
export interface DefinitionIssue {
  field: string;
  message: string;
}

/**
 * The English texts of a form field (docs/eligibility.md, "Form schemas"): an annotation, so it
 * never changes what the form accepts; its own shape is checked when a schema compiles.
 */
export const ENGLISH_TEXTS_KEYWORD = 'x-en';
const ENGLISH_TEXTS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: { title: { type: 'string', minLength: 1 }, description: { type: 'string', minLength: 1 } },
};

export const newAjv = (options: { allowUnionTypes?: boolean } = {}) => {
  // strictRequired would forbid the standard if/then "required" of conditional form sections.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, discriminator: true, ...options });
  addFormats(ajv);
  ajv.addKeyword({ keyword: ENGLISH_TEXTS_KEYWORD, metaSchema: ENGLISH_TEXTS_SCHEMA });
  return ajv;
};

// Expressions and nullable caps are unions of JSON types.
const validateShape = newAjv({ allowUnionTypes: true }).compile(MEASURE_DEFINITION_SCHEMA);

const field = (pointer: string) =>
  [
    'definition',
    ...pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')),
  ].join('.');

function fromAjv(error: ErrorObject, root = ''): DefinitionIssue {
  const params = error.params as { additionalProperty?: string; tag?: string };
  // unknown fields and unknown discriminator values (op, type, kind) name the field itself
  const child =
    error.keyword === 'additionalProperties'
      ? params.additionalProperty
      : error.keyword === 'discriminator'
        ? params.tag
        : undefined;
  const extra = child ? `/${child}` : '';
  const message = error.keyword === 'additionalProperties' ? 'unknown field' : (error.message ?? error.keyword);
  return { field: field(`${root}${error.instancePath}${extra}`), message };
}

/** Structure only: the JSON has the shape of a MeasureDefinition. */
export function structuralIssues(definition: unknown): DefinitionIssue[] {
  if (validateShape(definition)) return [];
  const seen = new Set<string>();
  return (validateShape.errors ?? [])
    .map((e) => fromAjv(e))
    .filter((i) => !seen.has(`${i.field}|${i.message}`) && seen.add(`${i.field}|${i.message}`));
}

/** The form schema compiles as a strict JSON Schema draft 2020-12 (with formats). */
export function formSchemaIssues(formSchema: unknown): DefinitionIssue[] {
  try {
    newAjv().compile(formSchema as object);
    return [];
  } catch (error) {
    return [{ field: 'definition.formSchema', message: (error as Error).message }];
  }
}

/** domain paths "eligibility[0].expression" → "definition.eligibility.0.expression". */
const domainField = (path: string) => `definition.${path.replace(/\[(\d+)\]/g, '.$1')}`;

/**
 * Everything that keeps a definition from being published: shape, then semantics (the
 * domain's validateDefinition), then the form schema. Semantics run only on a sound shape.
 */
export function definitionIssues(definition: unknown): DefinitionIssue[] {
  const shape = structuralIssues(definition);
  if (shape.length) return shape;
  const typed = definition as MeasureDefinition;
  return [
    ...validateDefinition(typed).map((p) => ({ field: domainField(p.path), message: p.message })),
    ...formSchemaIssues(typed.formSchema),
  ];
}
