/**
 * The one canonical form of an e-mail address, used wherever an address is compared or counted
 * (registration, login, throttling keys). The database computes the same expression into
 * users.email_canonical (migration AuthHardening1767000000010): NFKC, then only the ASCII letters
 * lower-cased. Full Unicode case mapping is deliberately not used: PostgreSQL's lower() depends on
 * the collation and differs from JavaScript's toLowerCase() (U+0130 "İ" becomes "i" in one and
 * "i̇" in the other), so two forms of one address could reach one account with two counters.
 */
export function canonicalEmail(email: string): string {
  return email.normalize('NFKC').replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
