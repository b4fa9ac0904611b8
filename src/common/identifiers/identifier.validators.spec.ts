import { describe, it, expect } from '@jest/globals';
import { validate } from 'class-validator';
import { IsCodiceFiscale, IsIban, IsIseeProtocol } from './identifier.validators.js';

class Application {
  @IsCodiceFiscale()
  fiscalCode: unknown;

  @IsIban()
  iban: unknown;

  @IsIban('SEPA')
  foreignIban: unknown;

  @IsIseeProtocol()
  iseeProtocol: unknown;

  @IsCodiceFiscale({ each: true })
  householdCodes: unknown;

  @IsIban('IT', { message: 'custom IBAN message' })
  ibanWithCustomMessage: unknown;
}

const VALID = {
  fiscalCode: 'RSSMRA85T10A562S',
  iban: 'IT60X0542811101000000123456',
  foreignIban: 'DE89370400440532013000',
  iseeProtocol: 'INPS-ISEE-2025-012345678-00',
  householdCodes: ['RSSMRA85T10A562S', '12345678903'],
  ibanWithCustomMessage: 'IT60X0542811101000000123456',
};

async function messages(overrides: Record<string, unknown>): Promise<Record<string, string[]>> {
  const application = Object.assign(new Application(), VALID, overrides);
  const errors = await validate(application);
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
}

describe('identifier validators', () => {
  it('accept valid identifiers', async () => {
    expect(await messages({})).toEqual({});
  });

  it('accept input that normalisation fixes', async () => {
    expect(
      await messages({
        fiscalCode: ' rssmra85t10a562s ',
        iban: 'it60 x054 2811 1010 0000 0123 456',
        iseeProtocol: 'inps-isee-2025-012345678-00',
      }),
    ).toEqual({});
  });

  it('name the property and the reason for a codice fiscale', async () => {
    expect(await messages({ fiscalCode: 'RSSMRA85T10A562T' })).toEqual({
      fiscalCode: ['fiscalCode must be a valid Italian codice fiscale (check character mismatch)'],
    });
    expect(await messages({ fiscalCode: 'RSSMRA85F10A562S' })).toEqual({
      fiscalCode: ['fiscalCode must be a valid Italian codice fiscale (invalid month letter)'],
    });
  });

  it('reject a foreign IBAN by default and accept it with the SEPA scope', async () => {
    expect(await messages({ iban: 'DE89370400440532013000' })).toEqual({
      iban: ['iban must be a valid Italian IBAN (not an Italian IBAN)'],
    });
    expect(await messages({ foreignIban: 'IT60X0542811101000000123456' })).toEqual({});
  });

  it('explain IBAN problems', async () => {
    expect(await messages({ iban: 'IT61X0542811101000000123456' })).toEqual({
      iban: ['iban must be a valid Italian IBAN (check digits mismatch)'],
    });
    expect(await messages({ foreignIban: 'TR330006100519786457841326' })).toEqual({
      foreignIban: ['foreignIban must be a valid IBAN of a SEPA country (unsupported country TR)'],
    });
  });

  it('explain ISEE protocol problems', async () => {
    expect(await messages({ iseeProtocol: 'INPS-ISEE-2014-012345678-00' })).toEqual({
      iseeProtocol: [
        'iseeProtocol must be a valid INPS ISEE attestation protocol (implausible year, expected 2015-2099)',
      ],
    });
  });

  it('reject values that are not strings', async () => {
    expect(await messages({ fiscalCode: 12345678903, iban: undefined, iseeProtocol: null })).toEqual({
      fiscalCode: ['fiscalCode must be a valid Italian codice fiscale (not a string)'],
      iban: ['iban must be a valid Italian IBAN (not a string)'],
      iseeProtocol: ['iseeProtocol must be a valid INPS ISEE attestation protocol (not a string)'],
    });
  });

  it('validate each element with { each: true } and report the first problem', async () => {
    expect(await messages({ householdCodes: ['RSSMRA85T10A562S', '12345678901'] })).toEqual({
      householdCodes: ['householdCodes must be a valid Italian codice fiscale (check digit mismatch)'],
    });
  });

  it('keep a custom message', async () => {
    expect(await messages({ ibanWithCustomMessage: 'IT60' })).toEqual({
      ibanWithCustomMessage: ['custom IBAN message'],
    });
  });
});
