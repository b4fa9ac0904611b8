import { describe, expect, it } from '@jest/globals';
import { scopeCovers } from './territory-scope.js';

describe('scopeCovers', () => {
  const brescia = { atsCode: '326', ambitoCode: 'AMB-326-BRESCIA' };
  const bergamo = { atsCode: '325', ambitoCode: null };

  it('an ATS scope covers its residents and nobody else', () => {
    const scope = { atsCodes: ['326'], ambitoCodes: [] };
    expect(scopeCovers(scope, brescia)).toBe(true);
    expect(scopeCovers(scope, bergamo)).toBe(false);
  });

  it('an Ambito scope covers only municipalities assigned to it', () => {
    const scope = { atsCodes: [], ambitoCodes: ['AMB-326-BRESCIA'] };
    expect(scopeCovers(scope, brescia)).toBe(true);
    expect(scopeCovers(scope, { atsCode: '326', ambitoCode: null })).toBe(false);
  });

  it('an unknown residence is covered by no scope', () => {
    expect(scopeCovers({ atsCodes: ['326'], ambitoCodes: [] }, null)).toBe(false);
  });
});
