import { registerDecorator, type ValidationOptions } from 'class-validator';
import commonPasswords from './data/common-passwords.json' with { type: 'json' };

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

// Lower-cased in the file; compared lower-cased, so "Qwerty123456" is as common as "qwerty123456".
const COMMON = new Set(commonPasswords.passwords);

/**
 * Why a password is refused, or null. The minimum counts code points, as people count characters;
 * the maximum counts UTF-16 units, as the login form's limit does, so every accepted password can log in.
 */
export function passwordProblem(password: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (COMMON.has(password.toLowerCase())) return 'is one of the most common passwords: choose another';
  return null;
}

/** A password the policy accepts: 12 to 128 characters and not on the shipped list of common passwords. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          `${args?.property} ${typeof args?.value === 'string' ? passwordProblem(args.value) : 'must be a string'}`,
      },
    });
  };
}
