import { createHmac } from 'node:crypto';

/** Keys that hold personal data whatever their value looks like. */
const PERSONAL_KEY =
  /fiscal|codicefiscale|name|nome|cognome|iban|address|indirizzo|street|via|phone|telefono|email|pec|birthplace|luogo|act|notes|note|reason|motiv|text|description|observation|comment/i;
const FISCAL_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/i;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/i;
/** Codes, enum values, dates, numbers as text: kept. Anything else (free text) is replaced. */
const CODE_LIKE = /^[A-Za-z0-9_.:\-/+]{0,40}$/;

/**
 * Replaces personal data by a keyed hash (HMAC-SHA256 with AUDIT_PSEUDONYM_KEY): stable, so the
 * same person links across decisions, and not reversible without the key (a plain hash of a
 * fiscal code could be brute-forced from the code's structure).
 */
export class Pseudonymiser {
  constructor(
    private readonly key: string,
    private readonly prefix = 'psn',
  ) {}

  pseudonym(value: string): string {
    return `${this.prefix}_${createHmac('sha256', this.key).update(value.trim().toUpperCase()).digest('hex').slice(0, 20)}`;
  }

  /**
   * A pseudonymiser for one purpose (e.g. one year's publication) with its own key derived from
   * this one: its pseudonyms cannot be linked to this one's, nor to another purpose's, without
   * the master key.
   */
  derive(purpose: string, prefix: string): Pseudonymiser {
    return new Pseudonymiser(createHmac('sha256', this.key).update(`purpose:${purpose}`).digest('hex'), prefix);
  }

  /** Deep copy with personal values replaced; numbers and booleans are kept. */
  redact<T>(value: T, key = ''): T {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v) => this.redact(v, key)) as T;
    if (typeof value === 'object') {
      if (value instanceof Date) return value;
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.redact(v, k)]),
      ) as T;
    }
    if (typeof value === 'string') {
      const personal = PERSONAL_KEY.test(key) || FISCAL_CODE.test(value) || IBAN.test(value) || !CODE_LIKE.test(value);
      return (personal && value !== '' ? this.pseudonym(value) : value) as T;
    }
    return value;
  }
}
