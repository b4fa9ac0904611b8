import { AppError } from '../../../common/errors/app-error.js';

/** The art. 71 checks' errors, each message written once. */
export const sampleSizeRequired = () =>
  new AppError(
    'VALIDATION_FAILED',
    {
      it: 'Indicare la dimensione oppure la percentuale del campione.',
      en: 'Give either the size or the percentage of the sample.',
    },
    {
      errors: [{ field: 'size', messages: ['exactly one of size and percentage is required'] }],
    },
  );

export const notSampled = () =>
  new AppError('CHECK_NOT_SAMPLED', {
    it: 'La pratica non è in un campione di controllo in attesa di esito (o non è più approvata).',
    en: 'The case is not in a check sample awaiting its outcome (or is no longer approved).',
  });

export const outcomeRecorded = () =>
  new AppError('CHECK_OUTCOME_RECORDED', { it: "L'esito è già registrato.", en: 'The outcome is already recorded.' });
