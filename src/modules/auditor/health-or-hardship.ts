import type { MeasureDefinition } from '../measures/domain/index.js';

/**
 * Whether a decision's measure reveals the beneficiary's health or hardship, read from the flag
 * of the rule version the decision was made under (never from a list of measure codes): an
 * auditor's read of such a decision is recorded in the audit log. The SQL form below is the
 * same rule for the search and export queries (`v` is the decision's measure version).
 */
export const revealsHealthOrHardship = (definition: Pick<MeasureDefinition, 'revealsHealthOrHardship'>): boolean =>
  definition.revealsHealthOrHardship === true;

export const REVEALS_HEALTH_OR_HARDSHIP_SQL = `coalesce((v.definition->>'revealsHealthOrHardship')::boolean, false)`;
