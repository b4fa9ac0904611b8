import { AppError, fieldError, type FieldError } from '../../common/errors/app-error.js';
import type { CoverageDto } from './dto/territory.dto.js';

/** The territory module's errors: each code's message written once, here. */
export const TerritoryErrors = {
  municipalityNotFound: () => new AppError('NOT_FOUND', { it: 'Comune non trovato.', en: 'Municipality not found.' }),
  ambitoNotFound: () => new AppError('NOT_FOUND', { it: 'Ambito non trovato.', en: 'Ambito not found.' }),
  unknownAts: (field: string) =>
    fieldError('TERRITORY_UNKNOWN_ATS', field, { it: 'Codice ATS sconosciuto.', en: 'Unknown ATS code.' }),
  unknownAmbito: (field: string) =>
    fieldError('TERRITORY_UNKNOWN_AMBITO', field, { it: 'Codice Ambito sconosciuto.', en: 'Unknown Ambito code.' }),
  ambitoExists: () =>
    fieldError('TERRITORY_AMBITO_EXISTS', 'code', {
      it: 'Esiste già un Ambito con questo codice.',
      en: 'An Ambito with this code already exists.',
    }),
  malformedIstatCode: () =>
    fieldError('VALIDATION_FAILED', 'istatCode', {
      it: 'Il codice ISTAT deve avere 6 cifre.',
      en: 'istatCode must be a 6-digit ISTAT code.',
    }),
  /** The code names the first problem (an unknown municipality or Ambito, an Ambito of another ATS); errors[] lists them all. */
  ambitoMapInvalid: (
    code: 'TERRITORY_UNKNOWN_MUNICIPALITY' | 'TERRITORY_UNKNOWN_AMBITO' | 'TERRITORY_AMBITO_OTHER_ATS',
    errors: FieldError[],
  ) =>
    new AppError(
      code,
      {
        it: 'La mappa dei Comuni negli Ambiti contiene errori: nulla è stato modificato.',
        en: 'The Ambito map has errors: nothing was changed.',
      },
      { errors },
    ),
  ambitoCsvInvalid: (errors: FieldError[]) =>
    new AppError(
      'TERRITORY_AMBITO_CSV_INVALID',
      {
        it: 'Il file CSV contiene errori: nessuna modifica è stata applicata.',
        en: 'The CSV file has errors: no change was applied.',
      },
      { errors },
    ),
  /** An application whose residence the measure's territory does not cover, naming the covered area. */
  outsideMeasureTerritory: (coverage: CoverageDto, where: string, ambitoUnknown: boolean) => {
    const area = [...coverage.ats.map((a) => a.name), ...coverage.ambiti.map((a) => a.name)].join(', ');
    return new AppError(
      'MEASURE_OUTSIDE_TERRITORY',
      {
        it: `La misura copre solo: ${area}. ${where} non ne fa parte${ambitoUnknown ? " (per questo Comune l'Ambito non è noto: rivolgersi all'Ufficio di Piano)" : ''}.`,
        en: `The measure covers only: ${area}. ${where} is not part of it${ambitoUnknown ? ' (the Ambito of this municipality is not known: ask the Ambito office)' : ''}.`,
      },
      {
        errors: [{ field: 'data.residenceIstatCode', messages: [`outside the measure's territory: ${area}`] }],
        coverage,
      },
    );
  },
};
