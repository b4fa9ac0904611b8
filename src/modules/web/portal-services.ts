import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CaseReadsService } from '../applications/case-reads.service.js';
import { IntakeService } from '../applications/intake/intake.service.js';
import { AuthService } from '../auth/auth.service.js';
import { DryRunService } from '../measures/dry-run.service.js';
import { MeasuresCatalogService } from '../measures/measures-catalog.service.js';
import { RegistrationService } from '../auth/registration.service.js';
import { UsersService } from '../users/users.service.js';
import { WebSessionService } from './sessions/web-session.service.js';
import { WebConfig } from './web-config.js';

/** The services the pages call: the API's own, so every check stays where it is. */
export interface PortalServices {
  config: WebConfig;
  sessions: WebSessionService;
  catalog: MeasuresCatalogService;
  dryRuns: DryRunService;
  auth: AuthService;
  users: UsersService;
  registration: RegistrationService;
  intake: IntakeService;
  cases: CaseReadsService;
}

export function portalServices(app: NestFastifyApplication): PortalServices {
  const get = <T>(type: abstract new (...args: never[]) => T): T => app.get(type as never, { strict: false }) as T;
  return {
    config: get(WebConfig),
    sessions: get(WebSessionService),
    catalog: get(MeasuresCatalogService),
    dryRuns: get(DryRunService),
    auth: get(AuthService),
    users: get(UsersService),
    registration: get(RegistrationService),
    intake: get(IntakeService),
    cases: get(CaseReadsService),
  };
}
