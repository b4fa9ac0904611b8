/**
 * A feature's own interface texts, Italian first: the English table must have exactly the
 * Italian keys (the compiler says which is missing). messages.ts spreads every feature's tables
 * into the portal's translator, so a feature adds its texts without touching the shared file.
 */
export function defineMessages<K extends string>(
  it: Readonly<Record<K, string>>,
  en: Readonly<Record<NoInfer<K>, string>>,
): { it: Readonly<Record<K, string>>; en: Readonly<Record<K, string>> } {
  return { it, en };
}
