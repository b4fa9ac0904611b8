import { hash, verify } from '@node-rs/argon2';

// Argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the account does not exist makes an unknown e-mail cost the
 * same time as a wrong password, so response times do not reveal who is registered.
 */
let dummyHash: Promise<string> | undefined;
export const verifyAgainstDummy = async (password: string) =>
  verifyPassword(await (dummyHash ??= hashPassword('sportello-dummy-password')), password);
