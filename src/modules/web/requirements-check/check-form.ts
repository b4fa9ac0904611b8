import { parseEuroToCents, referencedFacts, type MeasureDefinition } from '../../measures/domain/index.js';
import type { Lang } from '../i18n/lang.js';
import type { MessageKey } from '../i18n/messages.js';
import { fieldLabel, kindOf, type FieldKind } from '../schema-form/field-kind.js';

/** One question of the requirements check, from a field of the measure's form schema. */
export interface CheckField {
  name: string;
  kind: Exclude<FieldKind, 'object' | 'array'>;
  /** The schema's title in the visitor's language or Italian (money without its "(centesimi)" note). */
  label: string;
  labelLang: Lang;
  options: readonly string[];
}

/** Derived facts the rules read, and the submitted field each comes from. */
function sourceField(fact: string): string {
  if (['residentInLombardy', 'residenceAtsCode', 'residenceAmbitoCode'].includes(fact)) return 'residenceIstatCode';
  if (fact === 'iseeValueCents') return 'iseeValue';
  if (fact === 'ageYears') return 'birthDate';
  if (fact.endsWith('AgeYears')) return `${fact.slice(0, -'AgeYears'.length)}BirthDate`;
  return fact;
}

/**
 * The short form of the check: only the fields whose facts the eligibility rules read (in the
 * rules' order), typed from the form schema. Facts the system sets (who submits) are not asked.
 */
export function checkFields(definition: MeasureDefinition, lang: Lang): CheckField[] {
  const properties = (definition.formSchema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const names = new Set<string>();
  for (const rule of definition.eligibility) {
    for (const fact of referencedFacts(rule.expression)) {
      const field = sourceField(fact);
      if (field in properties && field !== 'submitterRole') names.add(field);
    }
  }
  return [...names].flatMap((name) => {
    const p = properties[name];
    const kind = kindOf(p);
    if (kind === 'object' || kind === 'array') return [];
    const { text: label, lang: labelLang } = fieldLabel(name, p, lang);
    return [{ name, kind, label, labelLang, options: Array.isArray(p.enum) ? p.enum.map(String) : [] }];
  });
}

export interface ParsedAnswers {
  /** Facts for the engine; an empty answer is left out (the rule then says "to be verified"). */
  facts: Record<string, unknown>;
  errors: Record<string, MessageKey>;
}

/** The posted strings as the engine's facts: booleans, cents, integers, ISO dates. */
export function parseAnswers(fields: readonly CheckField[], form: Readonly<Record<string, string>>): ParsedAnswers {
  const facts: Record<string, unknown> = {};
  const errors: Record<string, MessageKey> = {};
  for (const f of fields) {
    const raw = (form[f.name] ?? '').trim();
    if (raw === '') continue;
    switch (f.kind) {
      case 'boolean':
        if (raw === 'true' || raw === 'false') facts[f.name] = raw === 'true';
        else errors[f.name] = 'invalidChoice';
        break;
      case 'choice':
        if (f.options.includes(raw)) facts[f.name] = raw;
        else errors[f.name] = 'invalidChoice';
        break;
      case 'euro': {
        const cents = parseEuroToCents(raw);
        if (cents === null || cents < 0) errors[f.name] = 'invalidEuro';
        else facts[f.name] = cents;
        break;
      }
      case 'integer':
        if (/^\d{1,9}$/.test(raw)) facts[f.name] = Number(raw);
        else errors[f.name] = 'invalidNumber';
        break;
      case 'number':
        if (/^\d{1,9}([.,]\d{1,3})?$/.test(raw)) facts[f.name] = Number(raw.replace(',', '.'));
        else errors[f.name] = 'invalidNumber';
        break;
      case 'date':
        if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) facts[f.name] = raw;
        else errors[f.name] = 'invalidDate';
        break;
      case 'fiscalCode':
      case 'iban':
      case 'iseeProtocol':
        facts[f.name] = raw.replace(/\s+/g, '').toUpperCase().slice(0, 40);
        break;
      case 'text':
        facts[f.name] = raw.slice(0, 200);
        break;
    }
  }
  return { facts, errors };
}
