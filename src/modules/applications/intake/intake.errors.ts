import { AppError } from '../../../common/errors/app-error.js';

/** Intake's errors (drafts and submission), each message written once. */
export const duplicateOfOwn = () =>
  new AppError('APPLICATION_DUPLICATE', {
    it: 'Hai già una domanda attiva per questo beneficiario su questa misura.',
    en: 'You already have an active application for this beneficiary for this measure.',
  });

export const draftLimit = (open: number, max: number) =>
  new AppError(
    'APPLICATION_DRAFT_LIMIT',
    {
      it: `Hai già ${open} bozze aperte (al massimo ${max}): presenta una bozza prima di iniziarne un'altra.`,
      en: `You already have ${open} open drafts (at most ${max}): submit one before starting another.`,
    },
    { maxOpenDrafts: max },
  );

export const idempotencyKeyReused = () =>
  new AppError('APPLICATION_IDEMPOTENCY_KEY_REUSED', {
    it: 'Questa Idempotency-Key è già stata usata per un’altra domanda.',
    en: 'This Idempotency-Key was already used for another application.',
  });

/** A draft names a measure that does not exist or has no version in force (the field at fault). */
export const unknownMeasure = () =>
  new AppError(
    'NOT_FOUND',
    { it: 'Misura non trovata.', en: 'Measure not found.' },
    { errors: [{ field: 'measureCode', messages: ['unknown measure'] }] },
  );

/** Violence measures are applied for by a CAV operator, and a CAV operator applies for nothing else. */
export const roleNotAllowed = (cavOperator: boolean) =>
  new AppError('APPLICATION_ROLE_NOT_ALLOWED', {
    it: cavOperator
      ? 'Un operatore CAV può presentare solo domande per le misure a tutela delle donne.'
      : 'Questa misura è presentata dal centro antiviolenza.',
    en: cavOperator
      ? 'A CAV operator applies only for measures protecting women.'
      : 'This measure is applied for by the anti-violence centre.',
  });
