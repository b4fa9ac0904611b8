import {
  registerDecorator,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidationOptions,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { codiceFiscaleProblem } from './codice-fiscale.js';
import { ibanProblem, type IbanScope } from './iban.js';
import { iseeProtocolProblem } from './isee-attestation.js';

/*
 * class-validator decorators for the Italian identifiers. Like the functions they wrap,
 * they accept input that normalisation fixes (case, spaces): DTOs should normalise the
 * value (e.g. with @Transform and the normalize* functions) before it is stored.
 */

abstract class IdentifierConstraint implements ValidatorConstraintInterface {
  /** What the value must be, completing "<property> must be ...". */
  protected abstract expected(args: ValidationArguments): string;
  protected abstract problem(value: string, args: ValidationArguments): string | null;

  validate(value: unknown, args: ValidationArguments): boolean {
    return typeof value === 'string' && this.problem(value, args) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    // With { each: true } the arguments carry the whole array: report its first problem.
    const values: unknown[] = Array.isArray(args.value) ? args.value : [args.value];
    const reason = values
      .map((value) => (typeof value === 'string' ? this.problem(value, args) : 'not a string'))
      .find((problem) => problem !== null);
    const base = `${args.property} must be ${this.expected(args)}`;
    return reason === undefined ? base : `${base} (${reason})`;
  }
}

@ValidatorConstraint({ name: 'isCodiceFiscale' })
class CodiceFiscaleConstraint extends IdentifierConstraint {
  protected expected(): string {
    return 'a valid Italian codice fiscale';
  }
  protected problem(value: string): string | null {
    return codiceFiscaleProblem(value);
  }
}

@ValidatorConstraint({ name: 'isIban' })
class IbanConstraint extends IdentifierConstraint {
  protected expected(args: ValidationArguments): string {
    return scopeOf(args) === 'IT' ? 'a valid Italian IBAN' : 'a valid IBAN of a SEPA country';
  }
  protected problem(value: string, args: ValidationArguments): string | null {
    return ibanProblem(value, scopeOf(args));
  }
}

@ValidatorConstraint({ name: 'isIseeProtocol' })
class IseeProtocolConstraint extends IdentifierConstraint {
  protected expected(): string {
    return 'a valid INPS ISEE attestation protocol';
  }
  protected problem(value: string): string | null {
    return iseeProtocolProblem(value);
  }
}

function scopeOf(args: ValidationArguments): IbanScope {
  return args.constraints[0] as IbanScope;
}

function decorator(
  name: string,
  validator: new () => IdentifierConstraint,
  constraints: unknown[],
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      options,
      validator,
    });
  };
}

/** A personal (16-character, homocodes included) or provisional (11-digit) codice fiscale. */
export function IsCodiceFiscale(options?: ValidationOptions): PropertyDecorator {
  return decorator('isCodiceFiscale', CodiceFiscaleConstraint, [], options);
}

/** An Italian IBAN by default; pass 'SEPA' to accept any country of the SEPA scheme scope. */
export function IsIban(scope: IbanScope = 'IT', options?: ValidationOptions): PropertyDecorator {
  return decorator('isIban', IbanConstraint, [scope], options);
}

/** An INPS ISEE attestation protocol, INPS-ISEE-YYYY-XXXXXXXXX-NN. */
export function IsIseeProtocol(options?: ValidationOptions): PropertyDecorator {
  return decorator('isIseeProtocol', IseeProtocolConstraint, [], options);
}
