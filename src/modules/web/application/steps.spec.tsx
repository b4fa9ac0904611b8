import { describe, expect, it } from '@jest/globals';
import { render } from 'preact-render-to-string';
import { translator } from '../i18n/messages.js';
import { summaryRows } from './submission.pages.js';
import { pickFields, StepsNav, whoFieldsOf } from './steps.js';

const schema = {
  type: 'object',
  required: ['applicantRole', 'childFiscalCode', 'children', 'fee', 'enrolled'],
  properties: {
    enrolled: { type: 'boolean', title: 'Iscritto' },
    fee: { type: 'integer', title: 'Retta (centesimi)' },
    applicantRole: { type: 'string', title: 'Chi presenta la domanda', enum: ['parent', 'guardian'] },
    childFiscalCode: { type: 'string', title: 'Codice fiscale del bambino' },
    children: {
      type: 'array',
      title: 'Figli',
      items: { type: 'object', properties: { name: { type: 'string', title: 'Nome' } } },
    },
  },
};

describe('the application steps', () => {
  it('who applies and for whom: the applicant-role field and the beneficiary field', () => {
    expect(whoFieldsOf(schema, 'childFiscalCode').sort()).toEqual(['applicantRole', 'childFiscalCode']);
    const rest = pickFields(schema, (k) => !['applicantRole', 'childFiscalCode'].includes(k));
    expect(Object.keys(rest.properties as object).sort()).toEqual(['children', 'enrolled', 'fee']);
    expect(rest.required).toEqual(['children', 'fee', 'enrolled']);
  });

  it('shows where the person is and links the steps done back to be edited', () => {
    const html = render(<StepsNav t={translator('it')} current="documents" id="abc" />);
    expect(html).toContain('Passo 4 di 5');
    expect(html).toContain('href="/domande/abc/chi"');
    expect(html).toContain('href="/domande/abc"');
    expect(html).not.toContain('href="/domande/abc/documenti"');
    expect(html).toContain('aria-current="step"');
  });

  it('the summary labels each answer in the form’s order, in plain words', () => {
    const rows = summaryRows(
      schema,
      { fee: 45_000, enrolled: true, applicantRole: 'guardian', childFiscalCode: 'X', children: [{ name: 'Ada' }] },
      'it',
      translator('it'),
    );
    expect(rows).toEqual([
      { label: 'Chi presenta la domanda', value: 'Tutore' },
      { label: 'Codice fiscale del bambino', value: 'X' },
      { label: 'Figli n. 1 – Nome', value: 'Ada' },
      { label: 'Retta', value: '450,00 €' },
      { label: 'Iscritto', value: 'Sì' },
    ]);
  });
});
