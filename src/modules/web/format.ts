import type { Lang } from './i18n/lang.js';

/** A date as people in Italy read it, on the Rome calendar. */
export const formatDate = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

export const formatDateTime = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
