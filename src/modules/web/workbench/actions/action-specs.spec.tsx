import { describe, expect, it } from '@jest/globals';
import { renderToString } from 'preact-render-to-string';
import { translator } from '../../i18n/messages.js';
import { ActionDoneNotice } from './action-done-notice.js';
import { ACTION_SPECS, euroToCents, integrationMessage, type ActionCase } from './action-specs.js';
import { CASE_ACTIONS, OWNER_ACTIONS } from '../../../applications/domain/allowed-actions.js';

const it_ = translator('it');
/** The staff actions of allowedActions, kebab-cased: the action pages' URL segments. */
const STAFF_SLUGS = CASE_ACTIONS.filter((a) => !OWNER_ACTIONS.has(a)).map((a) => a.replace(/_/g, '-'));
const withDocs = {
  documents: [
    { id: 'isee', name: { it: 'Attestazione ISEE', en: 'ISEE' }, mediaTypes: [] },
    { id: 'fee', name: { it: 'Ricevuta della retta', en: 'Fee receipt' }, mediaTypes: [] },
  ],
} as unknown as ActionCase;

describe('action forms', () => {
  it('reads euro as typed in Italy or abroad, refuses anything else', () => {
    expect(euroToCents('1200,50')).toBe(120_050);
    expect(euroToCents('1200.5')).toBe(120_050);
    expect(euroToCents(' 80 ')).toBe(8_000);
    for (const bad of ['', '-5', '1.200,50', '12,345', 'abc', '1e3']) expect(euroToCents(bad)).toBeNull();
  });

  it('writes the integration message from the template, the documents asked and the note, in Italian', () => {
    const message = integrationMessage(
      { template: 'documents', doc_isee: 'true', doc_fee: 'true', note: 'Entro la scadenza.' },
      withDocs,
      it_,
    );
    expect(message).toBe(
      'Ai fini dell’istruttoria si chiede di trasmettere la documentazione indicata.\n' +
        'Documenti richiesti: Attestazione ISEE; Ricevuta della retta.\nEntro la scadenza.',
    );
    expect(integrationMessage({ template: 'nonsense' }, withDocs, it_)).toBe('');
  });

  it('has one page per staff action of the allowed actions, each kebab-cased, plus the check outcome', () => {
    expect(ACTION_SPECS.map((a) => a.slug).sort()).toEqual([...STAFF_SLUGS, 'check-outcome'].sort());
    for (const a of ACTION_SPECS) if (a.action !== 'check_outcome') expect(a.slug).toBe(a.action.replace(/_/g, '-'));
  });

  it('shows the success notice for a known action only', () => {
    expect(renderToString(<ActionDoneNotice done="propose" t={it_} />)).toContain(
      'Operazione eseguita: Proponi l’esito.',
    );
    expect(renderToString(<ActionDoneNotice done="<script>" t={it_} />)).toBe('');
  });
});
