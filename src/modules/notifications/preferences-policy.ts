import type { ChannelName } from './channels.js';
import type { NotificationEvent } from './templates.js';

/** The external channels a person may turn off; the in-app inbox is always kept. */
export interface ChannelPreferences {
  email: boolean;
  appIo: boolean;
}

export const DEFAULT_PREFERENCES: ChannelPreferences = { email: true, appIo: true };

/**
 * Messages that reach the person's address whatever the preferences:
 * - the request for integration (L. 241/1990 art. 6, soccorso istruttorio) and the notice of
 *   intended rejection (art. 10-bis) open a term that runs against the applicant and suspend the
 *   procedure: they must be communicated, not only posted in an area the person may not open;
 * - decisions, funding from the waiting list and revocations are provvedimenti: a restrictive
 *   one takes effect only once communicated to its addressee (art. 21-bis), and every decision
 *   states its reasons and how to appeal, with the appeal term running from the communication;
 * - the account mails (verification link, someone registering with the address) are about the
 *   account's security and must reach the mailbox.
 * The rest (a copy of the receipt, which the portal and the API already hand over at submission;
 * reminders; a lapsed term) is information the person may choose to read in the inbox only.
 */
export const ALWAYS_DELIVERED: readonly NotificationEvent[] = [
  'integration_request',
  'pre_rejection_notice',
  'decision_approved',
  'decision_waitlisted',
  'decision_rejected',
  'waitlist_funded',
  'revocation',
  'email_verification',
  'registration_attempt',
];

export const isAlwaysDelivered = (event: NotificationEvent) => ALWAYS_DELIVERED.includes(event);

/** Whether the person's preferences let this event out on this channel. */
export function channelAllowed(event: NotificationEvent, channel: ChannelName, prefs: ChannelPreferences): boolean {
  if (isAlwaysDelivered(event)) return true;
  return channel === 'email' ? prefs.email : prefs.appIo;
}
