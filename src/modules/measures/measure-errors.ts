import { AppError, type FieldError } from '../../common/errors/app-error.js';
import type { DefinitionIssue } from './definition-validator.js';

export const measureNotFound = () =>
  new AppError('MEASURE_NOT_FOUND', { it: 'Misura o versione non trovata.', en: 'Measure or version not found.' });

export const versionFrozen = (status: string) =>
  new AppError('MEASURE_VERSION_FROZEN', {
    it: `La versione è ${status === 'retired' ? 'ritirata' : 'pubblicata'} e non può cambiare: crea una nuova versione.`,
    en: `The version is ${status} and cannot change: create a new version.`,
  });

export const asFieldErrors = (issues: DefinitionIssue[]): FieldError[] => {
  const byField = new Map<string, string[]>();
  for (const issue of issues) byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue.message]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
};

export const invalidDefinition = (issues: DefinitionIssue[]) =>
  new AppError(
    'MEASURE_INVALID_DEFINITION',
    {
      it: `Definizione della misura non valida: ${[...new Set(issues.map((i) => i.field))].join(', ')}`,
      en: `Invalid measure definition: ${[...new Set(issues.map((i) => i.field))].join(', ')}`,
    },
    { errors: asFieldErrors(issues) },
  );
