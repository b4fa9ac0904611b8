import type { MessageKey, Translate } from '../i18n/messages.js';
import { kindOf } from './field-kind.js';

type Rule = readonly [RegExp, (m: RegExpExecArray) => [MessageKey, Record<string, string>?] | null];

/** A pattern's message names what the pattern is for (the same patterns kindOf recognises). */
function patternMessage(pattern: string): [MessageKey, Record<string, string>?] {
  const digits = /^\^\[0-9\]\{(\d+)\}\$$/.exec(pattern);
  if (digits) return ['vDigits', { n: digits[1] }];
  switch (kindOf({ type: 'string', pattern })) {
    case 'fiscalCode':
      return ['vFiscalCode'];
    case 'iban':
      return ['vIban'];
    case 'iseeProtocol':
      return ['vIseeProtocol'];
    default:
      return ['vPattern'];
  }
}

const TYPES: Readonly<Record<string, MessageKey>> = {
  boolean: 'vBoolean',
  integer: 'vInteger',
  number: 'vNumber',
  string: 'vText',
  array: 'vList',
};

/**
 * The messages ajv writes (English, as the API's problem+json carries them in `errors`), each
 * to the text the page shows in the visitor's language. Ajv's wording is fixed by its keyword,
 * so the keyword and its parameter are read back from it.
 */
const RULES: readonly Rule[] = [
  [/^must have required property '.*'$/, () => ['vRequired']],
  [/^must have propert(y|ies) .* when property .* is present$/, () => ['vRequiredWith']],
  [/^unknown field$/, () => ['vUnknownField']],
  [/^must be (boolean|integer|number|string|array)$/, (m) => [TYPES[m[1]]]],
  [/^must be equal to (one of the allowed values|constant)$/, () => ['vChoice']],
  [/^must match format "date"$/, () => ['vDate']],
  [/^must match format "email"$/, () => ['vEmail']],
  [/^must match format ".*"$/, () => ['vFormat']],
  [/^must match pattern "(.*)"$/, (m) => patternMessage(m[1])],
  [/^must be >=? (-?[\d.]+)$/, (m) => ['vMinimum', { n: m[1] }]],
  [/^must be <=? (-?[\d.]+)$/, (m) => ['vMaximum', { n: m[1] }]],
  [/^must NOT have fewer than 1 characters$/, () => ['vRequired']],
  [/^must NOT have fewer than (\d+) characters$/, (m) => ['vMinLength', { n: m[1] }]],
  [/^must NOT have more than (\d+) characters$/, (m) => ['vMaxLength', { n: m[1] }]],
  [/^must NOT have fewer than (\d+) items$/, (m) => ['vMinItems', { n: m[1] }]],
  [/^must NOT have more than (\d+) items$/, (m) => ['vMaxItems', { n: m[1] }]],
  [/^must NOT have duplicate items/, () => ['vDuplicate']],
  // A failed conditional `then` is also reported on each field it requires: that says it.
  [/^must match "(then|else)" schema$/, () => null],
];

/** One API validation message in the visitor's language; null when another error says it. */
export function validationMessage(message: string, t: Translate): string | null {
  for (const [pattern, toKey] of RULES) {
    const m = pattern.exec(message);
    if (!m) continue;
    const found = toKey(m);
    return found ? t(found[0], found[1]) : null;
  }
  return t('vInvalid');
}
