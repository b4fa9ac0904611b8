import { describe, it, expect } from '@jest/globals';
import * as identifiers from './index.js';

describe('identifiers public API', () => {
  it('re-exports the functions and decorators, and nothing that derives a code from personal data', () => {
    expect(Object.keys(identifiers).sort()).toEqual([
      'IsCodiceFiscale',
      'IsIban',
      'IsIseeProtocol',
      'codiceFiscaleProblem',
      'ibanProblem',
      'isProvisionalCodiceFiscale',
      'isValidCodiceFiscale',
      'isValidIban',
      'isValidIseeProtocol',
      'isValidItalianIban',
      'iseeExpiry',
      'iseeProtocolProblem',
      'normalizeCodiceFiscale',
      'normalizeIban',
      'normalizeIseeProtocol',
    ]);
  });
});
