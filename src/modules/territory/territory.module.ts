import { Module } from '@nestjs/common';
import { AmbitoMapService } from './ambito-map.service.js';
import { TerritoryController } from './territory.controller.js';
import { TerritoryService } from './territory.service.js';

@Module({
  controllers: [TerritoryController],
  providers: [TerritoryService, AmbitoMapService],
  exports: [TerritoryService],
})
export class TerritoryModule {}
