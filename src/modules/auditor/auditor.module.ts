import { Module } from '@nestjs/common';
import { AuditorController, IndicatorTargetsController, TransparencyController } from './auditor.controller.js';
import { AuditorDecisionsService } from './auditor-decisions.service.js';
import { IndicatorsService } from './indicators.service.js';

/** AUDITOR read-only API: decision search, snapshots, re-runs, CSV export, disclosures; indicators; transparency. */
@Module({
  controllers: [AuditorController, IndicatorTargetsController, TransparencyController],
  providers: [AuditorDecisionsService, IndicatorsService],
})
export class AuditorModule {}
