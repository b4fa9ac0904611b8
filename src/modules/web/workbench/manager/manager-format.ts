import { formatCents } from '../../../measures/domain/money.js';
import type { Lang } from '../../i18n/lang.js';
import type { Translate } from '../../i18n/messages.js';

/** An amount of a budget: euro for money, a count for in-kind measures (flats). */
export const amountOf = (unit: string | null, amount: number, lang: Lang, t: Translate) =>
  unit === 'units' ? t('mgrUnits', { n: amount }) : formatCents(amount, lang);
