export {
  codiceFiscaleProblem,
  isProvisionalCodiceFiscale,
  isValidCodiceFiscale,
  normalizeCodiceFiscale,
} from './codice-fiscale.js';
export { ibanProblem, isValidIban, isValidItalianIban, normalizeIban, type IbanScope } from './iban.js';
export {
  iseeExpiry,
  iseeProtocolProblem,
  isValidIseeProtocol,
  normalizeIseeProtocol,
  type IseeType,
} from './isee-attestation.js';
export { IsCodiceFiscale, IsIban, IsIseeProtocol } from './identifier.validators.js';
