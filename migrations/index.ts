import { IdentityAndTerritory1767000000000 } from './1767000000000-identity-and-territory.js';
import { Measures1767000000001 } from './1767000000001-measures.js';
import { Audit1767000000002 } from './1767000000002-audit.js';
import { Applications1767000000003 } from './1767000000003-applications.js';
import { Documents1767000000004 } from './1767000000004-documents.js';
import { RankingsInventoryChecks1767000000005 } from './1767000000005-rankings-inventory-checks.js';
import { Notifications1767000000006 } from './1767000000006-notifications.js';
import { Auditing1767000000007 } from './1767000000007-auditing.js';
import { Schedules1767000000008 } from './1767000000008-schedules.js';
import { AuthHardening1767000000010 } from './1767000000010-auth-hardening.js';
import { CaseHardening1767000000011 } from './1767000000011-case-hardening.js';
import { TerritorySources1767000000015 } from './1767000000015-territory-sources.js';
import { WebSessions1767000000016 } from './1767000000016-web-sessions.js';
import { DiscardDrafts1767000000020 } from './1767000000020-discard-drafts.js';
import { ExperienceRatings1767000000021 } from './1767000000021-experience-ratings.js';
import { NotificationPreferences1767000000022 } from './1767000000022-notification-preferences.js';
import { BulkOperations1767000000023 } from './1767000000023-bulk-operations.js';
import { WorkQueue1767000000024 } from './1767000000024-work-queue.js';
import { BulkIdempotency1767000000026 } from './1767000000026-bulk-idempotency.js';

/** Every migration, in order (one a line). New migrations are appended here. */
export const MIGRATIONS = [
  IdentityAndTerritory1767000000000,
  Measures1767000000001,
  Audit1767000000002,
  Applications1767000000003,
  Documents1767000000004,
  RankingsInventoryChecks1767000000005,
  Notifications1767000000006,
  Auditing1767000000007,
  Schedules1767000000008,
  AuthHardening1767000000010,
  CaseHardening1767000000011,
  TerritorySources1767000000015,
  WebSessions1767000000016,
  DiscardDrafts1767000000020,
  ExperienceRatings1767000000021,
  NotificationPreferences1767000000022,
  BulkOperations1767000000023,
  WorkQueue1767000000024,
  BulkIdempotency1767000000026,
];
