import { Module } from '@nestjs/common';
import { AuditModule } from '../audit-log/audit.module.js';
import { CaseTransitions } from './case-transitions.js';

/** The one way to move a case, for the API's services and the worker's jobs alike. */
@Module({ imports: [AuditModule], providers: [CaseTransitions], exports: [CaseTransitions] })
export class CaseTransitionsModule {}
