import { Injectable, type PipeTransform } from '@nestjs/common';
import { fieldError } from '../errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Validates a path id; a malformed one is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) {
      throw fieldError('VALIDATION_FAILED', 'id', { it: "L'identificativo non è valido.", en: 'id must be a UUID.' });
    }
    return value.toLowerCase();
  }
}
