import { describe, expect, it } from '@jest/globals';
import { paragraphsOf } from '../inbox/inbox.pages.js';
import { correctionsOf } from './integration.pages.js';

describe('the integration answer', () => {
  it('sends only the fields whose value changed, arrays and objects compared deeply', () => {
    const stored = { months: 10, nurseryCode: 'N-1', children: [{ fiscalCode: 'A' }], flag: true };
    expect(
      correctionsOf({ months: 11, nurseryCode: 'N-1', children: [{ fiscalCode: 'A' }], flag: true }, stored),
    ).toEqual({ months: 11 });
    expect(correctionsOf({ children: [{ fiscalCode: 'B' }] }, stored)).toEqual({ children: [{ fiscalCode: 'B' }] });
    expect(correctionsOf({}, stored)).toEqual({});
  });
});

describe('an inbox message', () => {
  it('reads as paragraphs, without the markdown rule before the footer', () => {
    expect(paragraphsOf('Testo.\n\n---\nMessaggio automatico.')).toEqual(['Testo.', 'Messaggio automatico.']);
  });
});
