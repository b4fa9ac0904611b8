import { DERIVED, derivableFacts } from './derive-facts.js';
import { checkExpression, referencedFacts } from './expression-check.js';
import type { Expression } from './expression.js';
import {
  DEFINITION_FORMAT_VERSION,
  type I18nText,
  type MeasureDefinition,
  type MoneyExpression,
} from './measure-definition.js';

/**
 * Semantic checks before a version is published: what TypeScript cannot see in JSON edited by
 * an administrator (unknown facts, unordered ISEE bands, a graduatoria without ranking...).
 * An empty list means publishable. The shape of the JSON itself is the API's DTO validation.
 */
export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

const CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*(-\*)?$/;
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_DEADLINE_DAYS = 180;

export function validateDefinition(definition: MeasureDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report = (path: string, message: string): void => void problems.push({ path, message });
  const formFields = formFieldsOf(definition.formSchema);
  const known = new Set([...formFields, ...derivableFacts(formFields)]);
  const checkFacts = (path: string, expression: Expression | undefined): void => {
    for (const message of checkExpression(expression)) report(path, message);
    for (const fact of referencedFacts(expression)) if (!known.has(fact)) report(path, `unknown fact "${fact}"`);
  };
  const checkFact = (path: string, fact: string): void => {
    if (!known.has(fact)) report(path, `unknown fact "${fact}"`);
  };

  if (definition.formatVersion !== DEFINITION_FORMAT_VERSION) {
    report('formatVersion', `must be ${DEFINITION_FORMAT_VERSION}`);
  }
  if (!CODE.test(definition.code)) report('code', 'uppercase words joined by "-"');
  checkText(report, 'title', definition.title);
  checkText(report, 'description', definition.description);
  checkText(report, 'managingBody', definition.managingBody);
  if (definition.legalBasis.length === 0) report('legalBasis', 'at least one legal reference');
  if (definition.sources.length === 0) report('sources', 'at least one source for the figures');
  const { deadlineDays, type } = definition.procedure;
  if (!Number.isInteger(deadlineDays) || deadlineDays < 1 || deadlineDays > MAX_DEADLINE_DAYS) {
    report('procedure.deadlineDays', `whole days between 1 and ${MAX_DEADLINE_DAYS}`);
  }
  const budget = definition.budget;
  if (!isCount(budget.kind === 'money' ? budget.totalCents : budget.units)) {
    report('budget', 'a non-negative whole number');
  }

  if (definition.eligibility.length === 0) report('eligibility', 'at least one rule');
  const ruleIds = new Set<string>();
  definition.eligibility.forEach((rule, index) => {
    const path = `eligibility[${index}]`;
    if (!RULE_ID.test(rule.id)) report(`${path}.id`, 'kebab-case');
    if (ruleIds.has(rule.id)) report(`${path}.id`, `duplicate rule id "${rule.id}"`);
    ruleIds.add(rule.id);
    checkText(report, `${path}.text`, rule.text);
    checkFacts(`${path}.expression`, rule.expression);
  });

  const benefit = definition.benefit;
  if ((type === 'in_kind') !== (benefit.type === 'in_kind')) {
    report('benefit.type', 'in_kind procedures and benefits go together');
  }
  if (benefit.type === 'one_off') checkMoney('benefit.amount', benefit.amount);
  if (benefit.type === 'monthly') {
    checkMoney('benefit.monthly', benefit.monthly);
    const months = benefit.months;
    if ('fixed' in months ? !isPositive(months.fixed) : !isPositive(months.max)) {
      report('benefit.months', 'a positive number of months');
    }
    if ('fact' in months) checkFact('benefit.months.fact', months.fact);
  }
  if (benefit.type === 'in_kind' && !isPositive(benefit.units)) report('benefit.units', 'a positive whole number');

  const required = (definition.formSchema as { required?: unknown }).required;
  if (
    !formFields.includes(definition.beneficiaryFiscalCodeField) ||
    !Array.isArray(required) ||
    !required.includes(definition.beneficiaryFiscalCodeField)
  ) {
    report('beneficiaryFiscalCodeField', 'a required top-level field of the form');
  }

  if ((type === 'graduatoria') !== (definition.ranking !== null)) {
    report('ranking', 'required for graduatoria, null otherwise');
  }
  definition.ranking?.keys.forEach((key, index) => checkFact(`ranking.keys[${index}].fact`, key.fact));
  if (definition.ranking?.keys.length === 0) report('ranking.keys', 'at least one key');

  definition.incompatibilities.forEach((incompatibility, index) =>
    incompatibility.measureCodes.forEach((code, codeIndex) => {
      const path = `incompatibilities[${index}].measureCodes[${codeIndex}]`;
      if (!CODE_PATTERN.test(code)) report(path, 'a measure code, or a prefix ending in "-*"');
      if (code === definition.code) report(path, 'a measure cannot exclude itself');
    }),
  );

  const documentIds = new Set<string>();
  definition.requiredDocuments.forEach((document, index) => {
    const path = `requiredDocuments[${index}]`;
    if (documentIds.has(document.id)) report(`${path}.id`, `duplicate document id "${document.id}"`);
    documentIds.add(document.id);
    checkText(report, `${path}.name`, document.name);
    if (document.mediaTypes.length === 0) report(`${path}.mediaTypes`, 'at least one accepted media type');
    if (document.when !== undefined) checkFacts(`${path}.when`, document.when);
  });

  if (definition.formSchema['type'] !== 'object' || typeof definition.formSchema['$schema'] !== 'string') {
    report('formSchema', 'a JSON Schema with $schema and type "object"');
  }
  return problems;

  function checkMoney(path: string, expression: MoneyExpression): void {
    switch (expression.op) {
      case 'constant':
        if (!isCount(expression.cents)) report(`${path}.cents`, 'non-negative whole cents');
        return;
      case 'fact':
        return checkFact(`${path}.fact`, expression.fact);
      case 'excess':
        checkMoney(`${path}.of`, expression.of);
        return checkMoney(`${path}.over`, expression.over);
      case 'percent':
        if (!isCount(expression.basisPoints) || expression.basisPoints > 10_000) {
          report(`${path}.basisPoints`, '0 to 10000');
        }
        return checkMoney(`${path}.of`, expression.of);
      case 'capByIseeBand': {
        checkFact(path, DERIVED.iseeValueCents);
        const bands = expression.bands;
        if (bands.length === 0) report(`${path}.bands`, 'at least one band');
        bands.forEach((band, index) => {
          if (
            !isCount(band.maxIseeCents) ||
            (index > 0 && band.maxIseeCents <= (bands[index - 1]?.maxIseeCents ?? -1))
          ) {
            report(`${path}.bands[${index}]`, 'ISEE bounds in whole cents, strictly ascending');
          }
          if (band.capCents !== null && !isCount(band.capCents)) {
            report(`${path}.bands[${index}].capCents`, 'whole cents or null');
          }
        });
        return checkMoney(`${path}.of`, expression.of);
      }
      case 'when':
        checkFacts(`${path}.condition`, expression.condition);
        checkMoney(`${path}.then`, expression.then);
        return checkMoney(`${path}.else`, expression.else);
      case 'table':
        checkFact(`${path}.fact`, expression.fact);
        if (Object.keys(expression.cases).length === 0) report(`${path}.cases`, 'at least one case');
        for (const [key, row] of Object.entries(expression.cases)) {
          if (!isCount(row.cents)) report(`${path}.cases.${key}`, 'non-negative whole cents');
        }
    }
  }
}

/** Top-level field names of a form schema, including fields declared in if/then/else and allOf. */
export function formFieldsOf(schema: unknown): string[] {
  const fields = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const properties = record['properties'];
    if (properties !== null && typeof properties === 'object') {
      Object.keys(properties).forEach((key) => fields.add(key));
    }
    for (const keyword of ['if', 'then', 'else']) visit(record[keyword]);
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const branches = record[keyword];
      if (Array.isArray(branches)) branches.forEach(visit);
    }
  };
  visit(schema);
  return [...fields];
}

function checkText(report: (path: string, message: string) => void, path: string, text: I18nText): void {
  if (!text.it.trim() || !text.en.trim()) report(path, 'Italian and English text required');
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function isPositive(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}
