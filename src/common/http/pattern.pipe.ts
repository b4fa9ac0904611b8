import { Injectable, type PipeTransform } from '@nestjs/common';
import type { Localized } from '../errors/app-error.js';
import { fieldError } from '../errors/app-error.js';
import type { DocumentedPipe } from './openapi-params.js';
import { regexMaxLength } from './regex-max-length.js';

/**
 * A path parameter that must match an anchored pattern (a code, a slug): anything else is a
 * 400 naming the parameter. Its schema (pattern and the length the pattern allows) documents it.
 */
@Injectable()
export class PatternPipe implements PipeTransform<string, string>, DocumentedPipe {
  readonly schema: Record<string, unknown>;

  constructor(
    private readonly name: string,
    private readonly pattern: RegExp,
    private readonly message: Localized,
  ) {
    const maxLength = regexMaxLength(pattern.source);
    if (maxLength === null) throw new Error(`PatternPipe(${name}): the pattern must bound the length`);
    this.schema = { type: 'string', pattern: pattern.source, maxLength };
  }

  transform(value: string): string {
    if (!this.pattern.test(value)) throw fieldError('VALIDATION_FAILED', this.name, this.message);
    return value;
  }
}
