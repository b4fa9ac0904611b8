import { describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from '../../measures/domain/index.js';
import { formDataErrors } from '../../measures/form-data-validation.js';
import { translator } from '../i18n/messages.js';
import { formErrorsOf } from './parse-form.js';
import { validationMessage } from './validation-messages.js';

const nidi = REFERENCE_MEASURES.find((m) => m.code.startsWith('NIDI-'))!;
const it_ = translator('it');
const en = translator('en');

/** What the API answers for these data: the same ajv run (formDataErrors) the intake uses. */
const apiErrors = (data: Record<string, unknown>) => formDataErrors(null, nidi.formSchema, data, 'data');

const wrong = {
  applicantRelationship: 'uncle',
  childFiscalCode: 'RSSMRA80',
  childBirthDate: '2024-02-30',
  hasSiblingUnder10: 'yes',
  iseeProtocol: 'INPS-2025',
  monthlyFeeCents: -5,
  months: 14,
  colour: 'blue',
};

describe('the API’s validation messages on the page', () => {
  it('says in Italian what each field the API refused needs', () => {
    const fields = formErrorsOf(apiErrors(wrong), it_);
    expect(fields).toEqual({
      applicantRelationship: 'Scegli una delle risposte proposte.',
      childFiscalCode: 'Scrivi un codice fiscale valido: 16 caratteri, lettere e cifre, per esempio RSSMRA80A01F205X.',
      childBirthDate: 'Scrivi una data esistente nel formato AAAA-MM-GG, per esempio 2025-09-01.',
      hasSiblingUnder10: 'Scegli «Sì» o «No».',
      iseeProtocol: 'Scrivi il protocollo come è stampato sull’attestazione: INPS-ISEE-AAAA-NNNNNNNNN-NN.',
      monthlyFeeCents: 'Il valore deve essere almeno 0.',
      months: 'Il valore non può superare 11.',
      colour: 'Campo non previsto dal modulo.',
      nurseryCode: 'Campo obbligatorio.',
      childEnrolledInAdmittedNursery: 'Campo obbligatorio.',
      iseeType: 'Campo obbligatorio.',
      iseeValue: 'Campo obbligatorio.',
      iseeHasOmissionsOrDiscrepancies: 'Campo obbligatorio.',
    });
  });

  it('says the same in English to an English visitor', () => {
    const fields = formErrorsOf(apiErrors(wrong), en);
    expect(fields.childFiscalCode).toBe(
      'Enter a valid codice fiscale: 16 letters and digits, for example RSSMRA80A01F205X.',
    );
    expect(fields.nurseryCode).toBe('This field is required.');
    expect(fields.months).toBe('The value cannot be more than 11.');
  });

  it('leaves no ajv wording untranslated for the reference forms’ keywords', () => {
    for (const m of REFERENCE_MEASURES) {
      for (const e of formDataErrors(null, m.formSchema, { unexpected: 1 }, 'data')) {
        for (const message of e.messages) expect(validationMessage(message, it_)).not.toBe(it_('vInvalid'));
      }
    }
  });

  it('drops the conditional “then” failure, which the required fields already report', () => {
    expect(validationMessage('must match "then" schema', it_)).toBeNull();
    expect(formErrorsOf([{ field: 'data', messages: ['must match "then" schema'] }], it_)).toEqual({});
  });

  it('names a pattern of digits by its length and anything unknown as not valid', () => {
    expect(validationMessage('must match pattern "^[0-9]{6}$"', it_)).toBe('Scrivi 6 cifre.');
    expect(validationMessage('must be multiple of 5', en)).toBe('The value is not valid.');
  });
});
