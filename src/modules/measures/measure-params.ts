import { Injectable, type PipeTransform } from '@nestjs/common';
import { malformedCode, malformedVersion } from './measures.errors.js';

const VERSION = /^[1-9]\d{0,8}$/;
const MEASURE_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

/** A path version number: a positive integer, else a 400 naming the parameter. */
@Injectable()
export class VersionPipe implements PipeTransform<string, number> {
  static readonly schema = { type: 'integer', minimum: 1, maximum: 999_999_999 };

  transform(value: string): number {
    if (!VERSION.test(value)) {
      throw malformedVersion();
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
      throw malformedCode();
    }
    return value;
  }
}
