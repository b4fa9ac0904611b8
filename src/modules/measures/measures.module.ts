import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module.js';
import { DryRunService } from './dry-run.service.js';
import { MeasuresAdminController } from './measures-admin.controller.js';
import { MeasuresAdminService } from './measures-admin.service.js';
import { MeasuresCatalogService } from './measures-catalog.service.js';
import { MeasuresController } from './measures.controller.js';

@Module({
  imports: [TerritoryModule],
  controllers: [MeasuresAdminController, MeasuresController],
  providers: [MeasuresAdminService, MeasuresCatalogService, DryRunService],
  exports: [MeasuresCatalogService],
})
export class MeasuresModule {}
