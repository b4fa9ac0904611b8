import type { VNode } from 'preact';
import { RadioGroup, SelectField, TextField, type FieldErrors } from '../components/form-controls.js';
import type { Lang } from '../i18n/lang.js';
import type { MessageKey, Translate } from '../i18n/messages.js';
import { enumLabel } from '../requirements-check/enum-labels.js';
import { fieldLabel, kindOf, type FieldLabel, type JsonSchemaNode } from './field-kind.js';

/** "if field is one of values then these are required" (form-fields.ts requiredWhen). */
interface Condition {
  field: string;
  values: readonly string[];
}

/** The conditional requirements of an object schema: allOf[].if/then and dependentRequired. */
/** Identifier fields: typed as printed on the document, never autofilled (someone else's code). */
const IDENTIFIERS = {
  fiscalCode: { hint: 'fiscalCodeHint', maxLength: 16 },
  iban: { hint: 'ibanHint', maxLength: 34 },
  iseeProtocol: { hint: 'iseeProtocolHint', maxLength: undefined },
} as const satisfies Record<string, { hint: MessageKey; maxLength: number | undefined }>;

export function conditionsOf(schema: JsonSchemaNode): Map<string, Condition[]> {
  const out = new Map<string, Condition[]>();
  const add = (target: string, c: Condition) => out.set(target, [...(out.get(target) ?? []), c]);
  const clauses = [schema, ...((schema.allOf as JsonSchemaNode[] | undefined) ?? [])];
  for (const clause of clauses) {
    const cond = clause.if as { properties?: Record<string, { const?: unknown; enum?: unknown[] }> } | undefined;
    const then = clause.then as { required?: string[] } | undefined;
    if (!cond?.properties || !then?.required) continue;
    for (const [field, test] of Object.entries(cond.properties)) {
      const values = test.const !== undefined ? [String(test.const)] : (test.enum ?? []).map(String);
      for (const target of then.required) add(target, { field, values });
    }
  }
  const dependent = (schema.dependentRequired ?? {}) as Record<string, string[]>;
  for (const [field, targets] of Object.entries(dependent)) {
    for (const target of targets) add(target, { field, values: [] });
  }
  return out;
}

export interface SchemaFormProps {
  schema: JsonSchemaNode;
  /** Posted strings by field path ("child.birthDate", "children.0.fiscalCode"). */
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  lang: Lang;
  t: Translate;
  /** Path of this object inside the form ("" at the top). */
  path?: string;
}

/**
 * Properties in the form's order. A definition read back from PostgreSQL (jsonb) loses the key
 * order of its objects; the required list is an array, so it keeps the author's order.
 */
export function orderedProperties(schema: JsonSchemaNode): [string, JsonSchemaNode][] {
  const entries = Object.entries((schema.properties ?? {}) as Record<string, JsonSchemaNode>);
  const required = (schema.required as string[] | undefined) ?? [];
  const rank = (k: string) => (required.includes(k) ? required.indexOf(k) : required.length);
  return entries
    .map((e, i) => [e, i] as const)
    .sort((a, b) => rank(a[0][0]) - rank(b[0][0]) || a[1] - b[1])
    .map(([e]) => e);
}

const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

/** Rows of an array already posted (at least one, so an empty form shows the first). */
export function rowsOf(values: Readonly<Record<string, string>>, path: string): number {
  const indexes = Object.keys(values)
    .map((k) => new RegExp(`^${path.replace(/\./g, '\\.')}\\.(\\d+)\\.`).exec(k)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  return Math.max(1, ...indexes.map((i) => i + 1));
}

/**
 * A measure's form from its JSON Schema, with the components every page uses: choices as radios
 * (up to four) or a select, yes/no as radios, money in euro, dates and identifiers with their
 * hints, nested objects as fieldsets, arrays of objects as one fieldset per person. Conditional
 * fields (if/then, dependentRequired) are always shown, so the form works without JavaScript,
 * with a hint saying when they are due; the server validates with the API's own schema.
 */
export function SchemaFields({ schema, values, errors, lang, t, path = '' }: SchemaFormProps): VNode {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchemaNode>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const conditions = conditionsOf(schema);
  const title = (name: string) => fieldLabel(name, properties[name] ?? {}, lang);
  // An Italian label left on an English page is marked, so screen readers pronounce it right.
  const label = (l: FieldLabel, text = l.text) => (l.lang === lang ? text : <span lang="it">{text}</span>);
  return (
    <>
      {orderedProperties(schema).map(([key, p]) => {
        const name = path ? `${path}.${key}` : key;
        const id = idOf(name);
        const kind = kindOf(p);
        const when = conditions.get(key);
        const whenHint = when
          ?.map((c) =>
            t('requiredWhen', {
              field: title(c.field).text,
              values: c.values.map((v) => `«${enumLabel(v, lang)}»`).join(' / ') || '…',
            }),
          )
          .join(' ');
        const mandatory = required.has(key) && !when;
        const common = { name, id, value: values[name], error: errors[name], required: mandatory };
        const withHint = (hint?: string) => [hint, whenHint].filter(Boolean).join(' ') || undefined;
        switch (kind) {
          case 'object':
            return (
              <fieldset key={name} class="border rounded p-3 mb-4" id={id}>
                <legend class="h5 px-2 w-auto">{label(fieldLabel(key, p, lang))}</legend>
                <SchemaFields schema={p} values={values} errors={errors} lang={lang} t={t} path={name} />
              </fieldset>
            );
          case 'array': {
            const items = (p.items ?? {}) as JsonSchemaNode;
            const rows = rowsOf(values, name);
            return (
              <div key={name} id={id}>
                {Array.from({ length: rows }, (_, i) => (
                  <fieldset key={`${name}.${i}`} class="border rounded p-3 mb-3">
                    <legend class="h5 px-2 w-auto">
                      {label(
                        fieldLabel(key, p, lang),
                        t('itemNumber', { title: fieldLabel(key, p, lang).text, n: i + 1 }),
                      )}
                    </legend>
                    <SchemaFields
                      schema={items}
                      values={values}
                      errors={errors}
                      lang={lang}
                      t={t}
                      path={`${name}.${i}`}
                    />
                  </fieldset>
                ))}
                <button type="submit" name="_add" value={name} class="btn btn-outline-primary mb-4" formnovalidate>
                  {t('addItem')}: {label(fieldLabel(key, p, lang))}
                </button>
              </div>
            );
          }
          case 'boolean':
            return (
              <RadioGroup
                key={name}
                {...common}
                legend={label(title(key))}
                hint={withHint()}
                options={[
                  { value: 'true', label: t('yes') },
                  { value: 'false', label: t('no') },
                ]}
              />
            );
          case 'choice': {
            const options = (p.enum as unknown[]).map(String).map((v) => ({ value: v, label: enumLabel(v, lang) }));
            return options.length <= 4 ? (
              <RadioGroup key={name} {...common} legend={label(title(key))} hint={withHint()} options={options} />
            ) : (
              <SelectField
                key={name}
                {...common}
                legend={label(title(key))}
                hint={withHint()}
                options={options}
                placeholder={t('choose')}
              />
            );
          }
          case 'euro':
            return (
              <TextField
                key={name}
                {...common}
                label={label(title(key))}
                hint={withHint(t('euroHint'))}
                inputMode="decimal"
              />
            );
          case 'integer':
          case 'number':
            return (
              <TextField
                key={name}
                {...common}
                label={label(title(key))}
                hint={withHint()}
                inputMode={kind === 'integer' ? 'numeric' : 'decimal'}
              />
            );
          case 'date':
            return <TextField key={name} {...common} label={label(title(key))} hint={withHint(t('dateHint'))} />;
          case 'fiscalCode':
          case 'iban':
          case 'iseeProtocol': {
            const id = IDENTIFIERS[kind];
            return (
              <TextField
                key={name}
                {...common}
                label={label(title(key))}
                hint={withHint(t(id.hint))}
                maxLength={id.maxLength}
                autocomplete="off"
              />
            );
          }
          case 'text':
            return (
              <TextField
                key={name}
                {...common}
                label={label(title(key))}
                hint={withHint()}
                maxLength={typeof p.maxLength === 'number' ? p.maxLength : undefined}
              />
            );
        }
      })}
    </>
  );
}
