import { AppError } from '../../../common/errors/app-error.js';

/** The review workflow's own errors (its refusals by the case rules are in cases.errors.ts), each message written once. */
export const operatorNotInTerritory = () =>
  new AppError(
    'VALIDATION_FAILED',
    {
      it: "L'istruttore non opera sul territorio della pratica.",
      en: "The operator does not work on the case's territory.",
    },
    { errors: [{ field: 'operatorId', messages: ['must be an OPERATOR of the case territory'] }] },
  );

export const fieldsProtected = (fields: readonly string[]) => {
  const names = fields.map((f) => `data.${f}`).join(', ');
  return new AppError(
    'APPLICATION_FIELD_PROTECTED',
    {
      it: `Questi campi non si possono modificare con l'integrazione: ${names}`,
      en: `These fields cannot be changed by an integration answer: ${names}`,
    },
    {
      errors: fields.map((f) => ({
        field: `data.${f}`,
        messages: ['identity, territory or server-set field: cannot be changed'],
      })),
    },
  );
};

export const observationsAssessmentRequired = () =>
  new AppError(
    'VALIDATION_FAILED',
    {
      it: 'Il rigetto deve dire perché le osservazioni non sono accolte.',
      en: 'The rejection must say why the observations were not accepted.',
    },
    { errors: [{ field: 'observationsAssessment', messages: ['required when the applicant sent observations'] }] },
  );

export const recoveryExceedsGrant = () =>
  new AppError(
    'VALIDATION_FAILED',
    {
      it: "L'importo da recuperare supera quello concesso.",
      en: 'The amount to recover exceeds the amount granted.',
    },
    { errors: [{ field: 'recoveryAmountCents', messages: ['must not exceed the amount granted'] }] },
  );
