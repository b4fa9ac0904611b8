/**
 * The shape of a MeasureDefinition (domain/measure-definition.ts) as JSON Schema, checked with
 * Ajv before the domain's semantic validateDefinition. Rule expressions stay free-form JSON
 * here: validateDefinition checks their operators, arity and facts. The form schema must be
 * an object here and compile as draft 2020-12 (checked separately).
 */
const text = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const i18n = { $ref: '#/$defs/i18n' } as const;
const money = { $ref: '#/$defs/money' } as const;
const expression = { $ref: '#/$defs/expression' } as const;
const count = { type: 'integer', minimum: 0 } as const;

const object = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

export const MEASURE_DEFINITION_SCHEMA = {
  $id: 'https://sportello.example/schemas/measure-definition.json',
  ...object(
    [
      'formatVersion',
      'code',
      'title',
      'description',
      'legalBasis',
      'managingBody',
      'procedure',
      'budget',
      'eligibility',
      'benefit',
      'ranking',
      'incompatibilities',
      'requiredDocuments',
      'formSchema',
      'beneficiaryFiscalCodeField',
      'sealed',
      'sources',
    ],
    {
      formatVersion: { type: 'integer', minimum: 1 },
      code: { type: 'string', pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$', maxLength: 64 },
      title: i18n,
      description: i18n,
      legalBasis: { type: 'array', items: object(['citation', 'title'], { citation: text, title: i18n }) },
      managingBody: i18n,
      procedure: object(['type', 'deadlineDays'], {
        type: { enum: ['a_sportello', 'graduatoria', 'in_kind'] },
        deadlineDays: { type: 'integer' },
      }),
      budget: {
        type: 'object',
        discriminator: { propertyName: 'kind' },
        required: ['kind'],
        oneOf: [
          object(['kind', 'totalCents', 'figure', 'note'], {
            kind: { const: 'money' },
            totalCents: count,
            figure: { $ref: '#/$defs/figure' },
            note: i18n,
          }),
          object(['kind', 'units', 'figure', 'note'], {
            kind: { const: 'units' },
            units: count,
            figure: { $ref: '#/$defs/figure' },
            note: i18n,
          }),
        ],
      },
      eligibility: {
        type: 'array',
        items: object(['id', 'kind', 'text', 'expression'], {
          id: { type: 'string', maxLength: 100 },
          kind: { enum: ['requirement', 'review'] },
          text: i18n,
          expression,
        }),
      },
      benefit: {
        type: 'object',
        discriminator: { propertyName: 'type' },
        required: ['type'],
        oneOf: [
          object(['type', 'amount'], { type: { const: 'one_off' }, amount: money }),
          object(['type', 'monthly', 'months'], {
            type: { const: 'monthly' },
            monthly: money,
            months: {
              type: 'object',
              oneOf: [
                object(['fixed'], { fixed: { type: 'integer', minimum: 1 } }),
                object(['fact', 'max'], { fact: { type: 'string' }, max: { type: 'integer', minimum: 1 } }),
              ],
            },
          }),
          object(['type', 'units', 'unit', 'description'], {
            type: { const: 'in_kind' },
            units: { type: 'integer', minimum: 1 },
            unit: i18n,
            description: i18n,
          }),
        ],
      },
      ranking: {
        oneOf: [
          { type: 'null' },
          object(['keys', 'tieBreaker'], {
            keys: {
              type: 'array',
              items: object(['fact', 'direction', 'label'], {
                fact: { type: 'string' },
                direction: { enum: ['asc', 'desc'] },
                label: i18n,
              }),
            },
            tieBreaker: { const: 'protocol_order' },
          }),
        ],
      },
      incompatibilities: {
        type: 'array',
        items: object(['measureCodes', 'scope', 'reason'], {
          measureCodes: { type: 'array', items: { type: 'string' } },
          scope: { const: 'same_beneficiary_same_year' },
          reason: i18n,
        }),
      },
      requiredDocuments: {
        type: 'array',
        items: object(['id', 'name', 'mediaTypes'], {
          id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          name: i18n,
          when: expression,
          mediaTypes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z]+/[a-z0-9.+-]+$' } },
        }),
      },
      formSchema: { type: 'object' },
      beneficiaryFiscalCodeField: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' },
      sealed: { type: 'boolean' },
      revealsHealthOrHardship: { type: 'boolean' },
      sources: { type: 'array', items: object(['title'], { title: text, url: { type: 'string', format: 'uri' } }) },
    },
  ),
  $defs: {
    i18n: object(['it', 'en'], { it: text, en: text }),
    figure: { enum: ['published', 'approx', 'demo'] },
    /** A rule expression: JSON checked by the domain (validateDefinition). */
    expression: { type: ['object', 'string', 'number', 'boolean', 'array'] },
    money: {
      type: 'object',
      discriminator: { propertyName: 'op' },
      required: ['op'],
      oneOf: [
        object(['op', 'cents', 'label'], { op: { const: 'constant' }, cents: count, label: i18n }),
        object(['op', 'fact', 'label'], { op: { const: 'fact' }, fact: { type: 'string' }, label: i18n }),
        object(['op', 'of', 'over'], { op: { const: 'excess' }, of: money, over: money }),
        object(['op', 'basisPoints', 'of'], { op: { const: 'percent' }, basisPoints: count, of: money }),
        object(['op', 'of', 'bands'], {
          op: { const: 'capByIseeBand' },
          of: money,
          bands: {
            type: 'array',
            minItems: 1,
            items: object(['maxIseeCents', 'capCents'], {
              maxIseeCents: count,
              capCents: { type: ['integer', 'null'], minimum: 0 },
            }),
          },
        }),
        object(['op', 'condition', 'label', 'then', 'else'], {
          op: { const: 'when' },
          condition: expression,
          label: i18n,
          then: money,
          else: money,
        }),
        object(['op', 'fact', 'label', 'cases'], {
          op: { const: 'table' },
          fact: { type: 'string' },
          label: i18n,
          cases: {
            type: 'object',
            minProperties: 1,
            additionalProperties: object(['cents', 'label'], { cents: count, label: i18n }),
          },
        }),
      ],
    },
  },
} as const;
