import { describe, expect, it } from '@jest/globals';
import { render } from 'preact-render-to-string';
import { REFERENCE_MEASURES } from '../../measures/domain/index.js';
import { translator } from '../i18n/messages.js';
import { formErrorsOf, parseSchemaForm } from './parse-form.js';
import { conditionsOf, orderedProperties, SchemaFields } from './schema-form.js';

const t = translator('it');
const measure = (prefix: string) => REFERENCE_MEASURES.find((m) => m.code.startsWith(prefix))!;

/** A schema with what an administrator's new measure may use beyond the reference forms. */
const family = {
  type: 'object',
  required: ['applicant', 'iban'],
  properties: {
    applicant: {
      type: 'object',
      title: 'Chi presenta la domanda',
      required: ['fiscalCode'],
      properties: {
        fiscalCode: {
          type: 'string',
          title: 'Codice fiscale',
          pattern: '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$',
        },
        role: { type: 'string', title: 'Ruolo', enum: ['parent', 'guardian', 'beneficiary'] },
      },
    },
    children: {
      type: 'array',
      title: 'Figlio',
      items: {
        type: 'object',
        properties: {
          birthDate: { type: 'string', format: 'date', title: 'Data di nascita' },
          disabled: { type: 'boolean', title: 'Con disabilità' },
        },
      },
    },
    iban: { type: 'string', title: 'IBAN', pattern: '^IT[0-9]{2}[A-Z][0-9]{10}[0-9A-Z]{12}$' },
    iseeProtocol: { type: 'string', title: 'Protocollo ISEE', pattern: '^INPS-ISEE-[0-9]{4}-[0-9]{9}-[0-9]{2}$' },
    rentCents: { type: 'integer', minimum: 0, title: 'Affitto mensile (centesimi)' },
    province: { type: 'string', title: 'Provincia', enum: ['BG', 'BS', 'CO', 'CR', 'MI'] },
    score: { type: 'number', title: 'Punteggio' },
  },
} as const;

describe('SchemaFields', () => {
  it('renders each keyword with its control: fieldsets, one fieldset per person, radios, select, money, identifiers', () => {
    const html = render(
      <SchemaFields schema={family} values={{ 'children.1.birthDate': '2020-01-01' }} errors={{}} lang="it" t={t} />,
    );
    expect(html).toContain(
      '<fieldset class="border rounded p-3 mb-4" id="f-applicant"><legend class="h5 px-2 w-auto">Chi presenta la domanda</legend>',
    );
    expect(html).toContain('name="applicant.fiscalCode"');
    expect(html).toMatch(
      /id="f-applicant-fiscalCode"[^>]*required[^>]*maxLength="16"|id="f-applicant-fiscalCode"[^>]*maxlength="16"/i,
    );
    expect(html).toContain('<legend class="h6">Ruolo</legend>');
    // Two children already posted: two fieldsets, and a button to add one more (works without JS).
    expect(html).toContain('Figlio n. 1');
    expect(html).toContain('Figlio n. 2');
    expect(html).toContain('name="children.1.birthDate"');
    expect(html).toContain('<button type="submit" name="_add" value="children"');
    expect(html).toContain('<select id="f-province" name="province"');
    expect(html).toContain('<label for="f-rentCents" class="active">Affitto mensile</label>');
    expect(html).toContain('In euro, per esempio 350,00');
    expect(html).toContain('IBAN italiano di 27 caratteri');
    expect(html).toContain('INPS-ISEE-2025-123456789-00');
  });

  it('shows a conditional field with when it is due, and not as always required', () => {
    const b1 = measure('B1-');
    const html = render(<SchemaFields schema={b1.formSchema} values={{}} errors={{}} lang="it" t={t} />);
    expect(html).toMatch(/id="f-glasgowComaScale-hint" class="form-text">Da compilare se «[^»]+» è «[^»]+»\./);
    expect(conditionsOf(b1.formSchema).get('glasgowComaScale')).toEqual([
      { field: 'clinicalCondition', values: ['coma'] },
    ]);
  });

  it('puts the API’s validation messages beside their fields', () => {
    const errors = formErrorsOf(
      [
        {
          field: 'data.applicant.fiscalCode',
          messages: [`must match pattern "${family.properties.applicant.properties.fiscalCode.pattern}"`],
        },
      ],
      t,
    );
    const html = render(<SchemaFields schema={family} values={{}} errors={errors} lang="it" t={t} />);
    expect(html).toContain('aria-describedby="f-applicant-fiscalCode-hint f-applicant-fiscalCode-error"');
    expect(html).toContain('Scrivi un codice fiscale valido');
  });

  it('renders the Nidi Gratis Plus form in English with the definition’s English labels', () => {
    const html = render(
      <SchemaFields schema={measure('NIDI-').formSchema} values={{}} errors={{}} lang="en" t={translator('en')} />,
    );
    expect(html).toContain('<label for="f-childFiscalCode" class="active">Child’s fiscal code</label>');
    expect(html).toContain('<legend class="h6">Relationship to the child</legend>');
    // Money keeps its euro control: the kind comes from the Italian title's cents note.
    expect(html).toContain('>Monthly fee excluding meals and extra services</label>');
    expect(html).toContain('In euro, for example 350.00');
    expect(html).not.toContain('Codice fiscale del bambino');
    expect(html).not.toContain('lang="it"');
    expect(html).toContain('>Parent</label>');
  });

  it('falls back to the Italian title, marked as Italian, where a definition has no English text', () => {
    const html = render(<SchemaFields schema={family} values={{}} errors={{}} lang="en" t={translator('en')} />);
    expect(html).toContain('<legend class="h5 px-2 w-auto"><span lang="it">Chi presenta la domanda</span></legend>');
    expect(html).toContain('<span lang="it">Affitto mensile</span>');
    expect(html).toContain('<span lang="it">Figlio no. 1</span>');
  });

  it('mixes per field: an English title where given, the Italian one elsewhere', () => {
    const schema = {
      type: 'object',
      properties: {
        named: { type: 'string', title: 'Nome', 'x-en': { title: 'Name' } },
        plain: { type: 'string', title: 'Cognome' },
      },
    };
    const en = render(<SchemaFields schema={schema} values={{}} errors={{}} lang="en" t={translator('en')} />);
    expect(en).toContain('<label for="f-named" class="active">Name</label>');
    expect(en).toContain('<span lang="it">Cognome</span>');
    const italian = render(<SchemaFields schema={schema} values={{}} errors={{}} lang="it" t={t} />);
    expect(italian).toContain('<label for="f-named" class="active">Nome</label>');
    expect(italian).not.toContain('Name<');
  });
});

describe('orderedProperties', () => {
  it('keeps the author’s order from the required list, whatever the object key order', () => {
    const schema = { required: ['b', 'a'], properties: { a: {}, c: {}, b: {} } };
    expect(orderedProperties(schema).map(([k]) => k)).toEqual(['b', 'a', 'c']);
  });
});

describe('parseSchemaForm', () => {
  it('turns posted strings into the schema’s data', () => {
    const { data, errors } = parseSchemaForm(family, {
      'applicant.fiscalCode': 'rss mra 85t50 a794s',
      'applicant.role': 'parent',
      'children.0.birthDate': '2020-05-01',
      'children.0.disabled': 'false',
      'children.1.birthDate': '2022-01-31',
      iban: 'it60 x054 2811 1010 0000 0123 456',
      rentCents: '650,00',
      score: '7,5',
      province: '',
    });
    expect(errors).toEqual({});
    expect(data).toEqual({
      applicant: { fiscalCode: 'RSSMRA85T50A794S', role: 'parent' },
      children: [{ birthDate: '2020-05-01', disabled: false }, { birthDate: '2022-01-31' }],
      iban: 'IT60X0542811101000000123456',
      rentCents: 65_000,
      score: 7.5,
    });
  });

  it('names the answers of the wrong type by their path', () => {
    const { errors } = parseSchemaForm(family, {
      rentCents: 'molto',
      'children.0.disabled': 'forse',
      'applicant.role': 'uncle',
      score: 'x',
    });
    expect(errors).toEqual({
      rentCents: 'invalidEuro',
      'children.0.disabled': 'invalidChoice',
      'applicant.role': 'invalidChoice',
      score: 'invalidNumber',
    });
  });
});
