/**
 * Every error code the API can answer with, grouped by module, and its HTTP mapping.
 * The one place where domain errors become HTTP problem details (RFC 9457).
 */
export const ERROR_CATALOG = {
  // common
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_REQUEST: { status: 400, title: 'The request body could not be read' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  // auth
  AUTH_INVALID_CREDENTIALS: { status: 401, title: 'Invalid credentials' },
  AUTH_INVALID_TOKEN: { status: 401, title: 'Invalid or expired token' },
  AUTH_REFRESH_REUSED: { status: 401, title: 'Refresh token reuse detected' },
  AUTH_ACCOUNT_DISABLED: { status: 401, title: 'Account disabled' },
  AUTH_THROTTLED: { status: 429, title: 'Too many login attempts' },
  AUTH_ROLE_DENIED: { status: 403, title: 'Role not allowed' },
  // users
  USER_EMAIL_TAKEN: { status: 409, title: 'E-mail already registered' },
  USER_FISCAL_CODE_TAKEN: { status: 409, title: 'Fiscal code already registered' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  USER_STALE_VERSION: { status: 409, title: 'The record was changed by someone else' },
  USER_SCOPE_REQUIRED: { status: 400, title: 'Territorial scope required' },
  USER_CANNOT_CHANGE_SELF: { status: 409, title: 'Administrators cannot disable or demote themselves' },
  // territory
  TERRITORY_UNKNOWN_MUNICIPALITY: { status: 400, title: 'Unknown municipality' },
  TERRITORY_UNKNOWN_ATS: { status: 400, title: 'Unknown ATS' },
  TERRITORY_UNKNOWN_AMBITO: { status: 400, title: 'Unknown Ambito' },
  TERRITORY_AMBITO_EXISTS: { status: 409, title: 'Ambito already exists' },
  TERRITORY_AMBITO_OTHER_ATS: { status: 400, title: 'The Ambito belongs to another ATS' },
  TERRITORY_AMBITO_CSV_INVALID: { status: 422, title: 'The Ambito map CSV has errors' },
  // measures
  MEASURE_NOT_FOUND: { status: 404, title: 'Measure or version not found' },
  MEASURE_OUTSIDE_TERRITORY: { status: 422, title: 'The residence is outside the territory the measure covers' },
  MEASURE_CODE_TAKEN: { status: 409, title: 'A measure with this code already exists' },
  MEASURE_INVALID_DEFINITION: { status: 400, title: 'The measure definition is not valid' },
  MEASURE_VERSION_FROZEN: { status: 409, title: 'The version is published or retired and cannot change' },
  MEASURE_DRAFT_EXISTS: { status: 409, title: 'The measure already has a draft version' },
  MEASURE_STALE_VERSION: { status: 409, title: 'The draft was changed by someone else' },
  MEASURE_NOT_PUBLISHABLE: { status: 409, title: 'The draft cannot be published' },
  MEASURE_NOT_RETIRABLE: { status: 409, title: 'Only a published version can be retired' },
  // applications
  APPLICATION_NOT_FOUND: { status: 404, title: 'Application not found' },
  APPLICATION_ILLEGAL_TRANSITION: { status: 409, title: 'Not allowed in the current state of the case' },
  APPLICATION_STALE: { status: 409, title: 'The case was changed by someone else' },
  APPLICATION_WINDOW_CLOSED: { status: 422, title: 'The measure is not accepting applications' },
  APPLICATION_DUPLICATE: { status: 409, title: 'An active application for this beneficiary exists' },
  APPLICATION_IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'Idempotency-Key already used for another request' },
  APPLICATION_FOUR_EYES: { status: 403, title: 'Who proposed cannot decide' },
  APPLICATION_NOT_ASSIGNED: { status: 403, title: 'The case is assigned to another officer' },
  APPLICATION_ROLE_NOT_ALLOWED: { status: 403, title: 'This role cannot apply to this measure' },
  APPLICATION_INTEGRATION_USED: { status: 409, title: 'Integration already requested once' },
  APPLICATION_PRE_REJECTION_REQUIRED: { status: 409, title: 'A rejection needs the art. 10-bis notice first' },
  APPLICATION_NOTICE_RUNNING: { status: 409, title: 'The 10-day period for observations is still running' },
  APPLICATION_AMOUNT_UNKNOWN: { status: 409, title: 'The amount of the benefit is not known' },
  APPLICATION_RANKING_REQUIRED: { status: 409, title: 'In a graduatoria, admission is decided by the published ranking' },
  // rankings, in-kind allocation, art. 71 checks
  RANKING_NOT_FOUND: { status: 404, title: 'Ranking not found' },
  RANKING_NOT_GRADUATORIA: { status: 409, title: 'The measure is not a graduatoria' },
  RANKING_WINDOW_OPEN: { status: 409, title: 'The application window is still open' },
  RANKING_EXISTS: { status: 409, title: 'The ranking was already published' },
  RANKING_CASES_PENDING: { status: 409, title: 'Some applications are still under examination' },
  FLAT_NOT_IN_KIND: { status: 409, title: 'The measure does not allocate flats' },
  FLAT_EXISTS: { status: 409, title: 'A flat with this ALER reference exists' },
  FLAT_NOT_AVAILABLE: { status: 409, title: 'No available flat (or the flat chosen is taken)' },
  FLAT_ALREADY_PLACED: { status: 409, title: 'The case or the woman already has a flat' },
  CHECK_NOT_SAMPLED: { status: 409, title: 'The case is not in a check sample awaiting its outcome' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
