import { DUE_SOON_DAYS } from '../../../applications/queue/work-queue.dto.js';
import type { Translate } from '../../i18n/messages.js';

/** Two days or fewer: the last moment to act. */
const URGENT_DAYS = 2;

/**
 * Days left to the legal deadline as a badge: colour by urgency, and the words say it too
 * ("scaduta", "urgente", "in scadenza", "sospesa"), so colour is never the only cue.
 */
export function DaysLeft({ t, days, suspended }: { t: Translate; days: number | null; suspended: boolean }) {
  if (days === null) return <span>{t('daysNone')}</span>;
  if (suspended) return <span class="badge bg-secondary">{t('daysSuspended', { days })}</span>;
  if (days < 0) return <span class="badge bg-danger">{t('daysOverdue', { days: -days })}</span>;
  if (days <= URGENT_DAYS) return <span class="badge bg-danger">{t('daysLeftUrgent', { days })}</span>;
  if (days <= DUE_SOON_DAYS) return <span class="badge bg-warning text-dark">{t('daysLeftSoon', { days })}</span>;
  return <span class="badge bg-light text-dark">{t('daysLeftOk', { days })}</span>;
}
