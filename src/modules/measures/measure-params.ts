import { Injectable, type PipeTransform } from '@nestjs/common';
import { fieldError } from '../../common/errors/app-error.js';

/** A path version number: a positive integer, else a 400 naming the parameter. */
@Injectable()
export class VersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) {
      throw fieldError('VALIDATION_FAILED', 'version', { it: 'Il numero di versione non è valido.', en: 'version must be a positive integer.' });
    }
    return Number(value);
  }
}

/** A path measure code: uppercase words joined by "-". */
@Injectable()
export class MeasureCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Z0-9]+(-[A-Z0-9]+)*$/.test(value) || value.length > 64) {
      throw fieldError('VALIDATION_FAILED', 'code', { it: 'Il codice della misura non è valido.', en: 'code must be uppercase words joined by "-".' });
    }
    return value;
  }
}
