/** The states of a case (procedimento) under L. 241/1990. */
export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  /** Registered with a protocol number (art. 8, art. 18-bis). */
  SUBMITTED = 'SUBMITTED',
  /** In the hands of an officer (istruttoria). */
  IN_REVIEW = 'IN_REVIEW',
  /** Soccorso istruttorio: the deadline is suspended, once, at most 30 days. */
  INTEGRATION_REQUESTED = 'INTEGRATION_REQUESTED',
  /** The officer proposed approval or rejection. */
  PROPOSED = 'PROPOSED',
  /** Art. 10-bis preavviso di rigetto: 10 days for observations, deadline suspended. */
  PRE_REJECTION_NOTICE = 'PRE_REJECTION_NOTICE',
  APPROVED = 'APPROVED',
  /** Eligible, not fundable now; funded in order when money arrives (scorrimento). */
  WAITLISTED = 'WAITLISTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  /** Approved, then revoked (e.g. a failed art. 71 check): the amount is recovered. */
  REVOKED = 'REVOKED',
}

/** States in which the legal deadline runs or is suspended: the case awaits a decision. */
export const OPEN_STATES: readonly ApplicationStatus[] = [
  ApplicationStatus.SUBMITTED,
  ApplicationStatus.IN_REVIEW,
  ApplicationStatus.INTEGRATION_REQUESTED,
  ApplicationStatus.PROPOSED,
  ApplicationStatus.PRE_REJECTION_NOTICE,
];

/**
 * States in which a case counts for "one case per beneficiary" (the unique index's predicate):
 * everything but drafts and cases withdrawn or rejected.
 */
export const isActive = (status: ApplicationStatus): boolean =>
  status !== ApplicationStatus.DRAFT && status !== ApplicationStatus.WITHDRAWN && status !== ApplicationStatus.REJECTED;
