import { Injectable, type PipeTransform } from '@nestjs/common';
import { TerritoryErrors } from './territory.errors.js';

const ISTAT_CODE = /^\d{6}$/;

/** Rejects a malformed ISTAT code in a path with a 400 naming the parameter. */
@Injectable()
export class IstatCodePipe implements PipeTransform<string, string> {
  static readonly schema = { type: 'string', pattern: ISTAT_CODE.source, maxLength: 6 };

  transform(value: string): string {
    if (!ISTAT_CODE.test(value)) {
      throw TerritoryErrors.malformedIstatCode();
    }
    return value;
  }
}
