/** The portal's languages: Italian first (the default), English alongside. */
export const LANGS = ['it', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const isLang = (value: unknown): value is Lang => value === 'it' || value === 'en';

/** A text in both languages, as the measure definitions carry them. */
export interface I18n {
  readonly it: string;
  readonly en: string;
}

/** ?lang= wins (the switch in the header), then the `lang` preference cookie, then Italian. */
export function chooseLang(query: unknown, cookie: unknown): Lang {
  if (isLang(query)) return query;
  if (isLang(cookie)) return cookie;
  return 'it';
}
