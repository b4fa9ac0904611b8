import { AppError } from '../../../common/errors/app-error.js';

/** The graduatorie's errors, each message written once. */
export const notGraduatoria = () =>
  new AppError('RANKING_NOT_GRADUATORIA', {
    it: 'La misura non prevede una graduatoria.',
    en: 'The measure is not a graduatoria.',
  });

export const windowStillOpen = (windowClosesAt: Date) =>
  new AppError(
    'RANKING_WINDOW_OPEN',
    {
      it: 'La graduatoria si forma dopo la chiusura del bando.',
      en: 'The ranking is computed after the window closes.',
    },
    { windowClosesAt: windowClosesAt.toISOString() },
  );

export const rankingExists = (rankingId: string) =>
  new AppError(
    'RANKING_EXISTS',
    { it: 'La graduatoria è già stata pubblicata.', en: 'The ranking was already published.' },
    { rankingId },
  );

export const casesPending = (protocolNumbers: readonly string[]) =>
  new AppError(
    'RANKING_CASES_PENDING',
    {
      it: `Ci sono ${protocolNumbers.length} domande ancora in istruttoria.`,
      en: `${protocolNumbers.length} applications are still under examination.`,
    },
    { pendingApplications: protocolNumbers },
  );

export const rankingNotFound = () =>
  new AppError('RANKING_NOT_FOUND', { it: 'Graduatoria non trovata.', en: 'Ranking not found.' });
