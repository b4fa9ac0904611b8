import { PatternPipe } from '../../common/http/pattern.pipe.js';
import { AMBITO_CODE } from './dto/territory.dto.js';

/** An Ambito code in a path (AMB-324-SEREGNO): anything else is a 400 naming `code`. */
export const AMBITO_CODE_PIPE = new PatternPipe('code', AMBITO_CODE, {
  it: 'Il codice dell’Ambito non è valido (2-64 lettere maiuscole, cifre o trattini).',
  en: 'code must be an Ambito code (2-64 upper-case letters, digits or dashes).',
});
