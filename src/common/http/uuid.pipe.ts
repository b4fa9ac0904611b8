import { Injectable, type PipeTransform } from '@nestjs/common';
import { fieldError } from '../errors/app-error.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/**
 * Validates a path id; a malformed one is a 400 naming the parameter, never a database error.
 * `@Param('id', UuidPipe)`, or `UuidPipe.named('documentId')` for a parameter with another name.
 */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  static readonly schema = { type: 'string', format: 'uuid', pattern: UUID.source, maxLength: 36 };
  readonly schema = UuidPipe.schema;

  private name = 'id';

  static named(name: string): UuidPipe {
    const pipe = new UuidPipe();
    pipe.name = name;
    return pipe;
  }

  transform(value: string): string {
    if (!UUID.test(value)) {
      throw fieldError('VALIDATION_FAILED', this.name, {
        it: "L'identificativo non è valido.",
        en: `${this.name} must be a UUID.`,
      });
    }
    return value.toLowerCase();
  }
}
