import { AppError, fieldError, type FieldError } from '../../common/errors/app-error.js';
import type { DefinitionIssue } from './definition-validator.js';

/** The measures module's errors: each code's message written once, here. */

export const measureNotFound = () =>
  new AppError('MEASURE_NOT_FOUND', { it: 'Misura o versione non trovata.', en: 'Measure or version not found.' });

export const versionFrozen = (status: string) =>
  new AppError('MEASURE_VERSION_FROZEN', {
    it: `La versione è ${status === 'retired' ? 'ritirata' : 'pubblicata'} e non può cambiare: crea una nuova versione.`,
    en: `The version is ${status} and cannot change: create a new version.`,
  });

const asFieldErrors = (issues: DefinitionIssue[]): FieldError[] => {
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

export const codeTaken = (code: string) =>
  new AppError(
    'MEASURE_CODE_TAKEN',
    {
      it: `Esiste già una misura ${code}: crea una nuova versione.`,
      en: `Measure ${code} already exists: create a new version.`,
    },
    { errors: [{ field: 'definition.code', messages: ['a measure with this code already exists'] }] },
  );

export const draftExists = () =>
  new AppError('MEASURE_DRAFT_EXISTS', {
    it: 'La misura ha già una versione in bozza: modifica quella.',
    en: 'The measure already has a draft version: edit that one.',
  });

export const staleDraft = () =>
  new AppError('MEASURE_STALE_VERSION', {
    it: 'La bozza è stata modificata da qualcun altro: ricarica e riprova.',
    en: 'The draft was changed by someone else: reload and retry.',
  });

export const notPublishable = (issues: DefinitionIssue[]) =>
  new AppError(
    'MEASURE_NOT_PUBLISHABLE',
    { it: 'La bozza ha errori e non può essere pubblicata.', en: 'The draft has problems and cannot be published.' },
    { errors: asFieldErrors(issues) },
  );

export const validityBeforePrevious = (previousFrom: Date) =>
  new AppError(
    'MEASURE_NOT_PUBLISHABLE',
    {
      it: 'La validità non può iniziare prima di quella della versione precedente.',
      en: 'Validity cannot start before the previous version’s.',
    },
    { errors: [{ field: 'validFrom', messages: [`validFrom must not be before ${previousFrom.toISOString()}`] }] },
  );

export const notRetirable = () =>
  new AppError('MEASURE_NOT_RETIRABLE', {
    it: 'Solo una versione pubblicata può essere ritirata.',
    en: 'Only a published version can be retired.',
  });

export const windowInverted = () =>
  fieldError('VALIDATION_FAILED', 'window.closesAt', {
    it: 'La chiusura deve seguire l’apertura.',
    en: 'closesAt must be after opensAt.',
  });

export const regionWithCode = () =>
  fieldError('VALIDATION_FAILED', 'managingBody.code', {
    it: 'La Regione non ha codice.',
    en: 'code must be null for REGION.',
  });

export const unknownTerritorialCodes = (field: string, missing: string[]) =>
  fieldError('VALIDATION_FAILED', field, {
    it: `Codici territoriali sconosciuti: ${missing.join(', ')}`,
    en: `Unknown territorial codes: ${missing.join(', ')}`,
  });

export const quotasOverBudget = (shares: number, budget: number) =>
  new AppError(
    'VALIDATION_FAILED',
    { it: 'Le quote superano la dotazione della misura.', en: "The quotas exceed the measure's budget." },
    { errors: [{ field: 'quotas', messages: [`quotas total ${shares} exceeds the budget ${budget}`] }] },
  );

export const factsOffForm = (errors: FieldError[]) => {
  const fields = errors.map((e) => e.field).join(', ');
  return new AppError(
    'VALIDATION_FAILED',
    { it: `I dati non corrispondono al modulo: ${fields}`, en: `The facts do not match the form: ${fields}` },
    { errors },
  );
};

export const malformedVersion = () =>
  fieldError('VALIDATION_FAILED', 'version', {
    it: 'Il numero di versione non è valido.',
    en: 'version must be a positive integer.',
  });

export const malformedCode = () =>
  fieldError('VALIDATION_FAILED', 'code', {
    it: 'Il codice della misura non è valido.',
    en: 'code must be uppercase words joined by "-".',
  });
