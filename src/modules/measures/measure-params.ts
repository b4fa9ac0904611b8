import { Injectable, type PipeTransform } from '@nestjs/common';
import { fieldError } from '../../common/errors/app-error.js';

const VERSION = /^[1-9]\d{0,8}$/;
const MEASURE_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

/** A path version number: a positive integer, else a 400 naming the parameter. */
@Injectable()
export class VersionPipe implements PipeTransform<string, number> {
  static readonly schema = { type: 'integer', minimum: 1, maximum: 999_999_999 };

  transform(value: string): number {
    if (!VERSION.test(value)) {
      throw fieldError('VALIDATION_FAILED', 'version', { it: 'Il numero di versione non è valido.', en: 'version must be a positive integer.' });
    }
    return Number(value);
  }
}

/** A path measure code: uppercase words joined by "-". */
@Injectable()
export class MeasureCodePipe implements PipeTransform<string, string> {
  static readonly schema = { type: 'string', pattern: MEASURE_CODE.source, maxLength: 64 };

  transform(value: string): string {
    if (!MEASURE_CODE.test(value) || value.length > 64) {
      throw fieldError('VALIDATION_FAILED', 'code', { it: 'Il codice della misura non è valido.', en: 'code must be uppercase words joined by "-".' });
    }
    return value;
  }
}
