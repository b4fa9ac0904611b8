import type { Lang } from './i18n/lang.js';

const locale = (lang: Lang) => (lang === 'it' ? 'it-IT' : 'en-GB');

/** One formatter per language and style: building an Intl.DateTimeFormat costs far more than using it. */
function formatter(options: Intl.DateTimeFormatOptions) {
  const byLang = new Map<Lang, Intl.DateTimeFormat>();
  return (iso: string, lang: Lang) => {
    let f = byLang.get(lang);
    if (!f) byLang.set(lang, (f = new Intl.DateTimeFormat(locale(lang), { timeZone: 'Europe/Rome', ...options })));
    return f.format(new Date(iso));
  };
}

/** A date as people in Italy read it, on the Rome calendar. */
export const formatDate = formatter({ day: 'numeric', month: 'long', year: 'numeric' });

export const formatDateTime = formatter({ dateStyle: 'long', timeStyle: 'short' });

/** An instant to the second, with its zone (a receipt's time of arrival). */
export const formatInstant = formatter({ dateStyle: 'long', timeStyle: 'long' });
