import { AppError, fieldError } from '../../common/errors/app-error.js';

/** The AUDITOR API's errors: each code's message written once, here. */
export const AuditorErrors = {
  decisionNotFound: () =>
    new AppError('APPLICATION_NOT_FOUND', { it: 'Decisione non trovata.', en: 'Decision not found.' }),
  indicatorNotFound: () => new AppError('NOT_FOUND', { it: 'Indicatore sconosciuto.', en: 'Unknown indicator.' }),
  invalidCursor: () =>
    new AppError(
      'VALIDATION_FAILED',
      { it: 'Cursore non valido.', en: 'Invalid cursor.' },
      { errors: [{ field: 'after', messages: ['invalid cursor'] }] },
    ),
  invalidFormat: () =>
    fieldError('VALIDATION_FAILED', 'format', { it: 'Formato: json o csv.', en: 'format must be json or csv.' }),
};
