import { deriveFacts, type EvaluationContext } from './derive-facts.js';
import { evaluateExpression, ExpressionError } from './expression.js';
import type { MeasureDefinition, RequiredDocument } from './measure-definition.js';

/**
 * The documents this applicant must attach. A condition that cannot be decided (a fact not
 * yet filled in) keeps the document in the list: asking for one too many is recoverable,
 * a missing one stops the procedure.
 */
export function requiredDocumentsFor(
  definition: Pick<MeasureDefinition, 'requiredDocuments'>,
  submittedFacts: Readonly<Record<string, unknown>>,
  context: EvaluationContext,
): RequiredDocument[] {
  const { facts } = deriveFacts(submittedFacts, context);
  return definition.requiredDocuments.filter((document) => {
    if (document.when === undefined) return true;
    try {
      return evaluateExpression(document.when, facts, new Map()) !== false;
    } catch (caught) {
      if (caught instanceof ExpressionError) return true;
      throw caught;
    }
  });
}
