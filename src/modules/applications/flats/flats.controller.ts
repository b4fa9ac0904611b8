import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../../common/http/uuid.pipe.js';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { MeasureCodePipe } from '../../measures/measure-params.js';
import { Role } from '../../../common/access/role.js';
import { AddFlatDto, AllocateFlatDto, FlatAllocationDto, FlatDto } from './flats.dto.js';
import { FlatsService } from './flats.service.js';

/** ALER flats: inventory and allocation to approved in-kind cases. */
@ApiTags('flats')
@Controller()
export class FlatsController {
  constructor(private readonly flats: FlatsService) {}

  @Post('admin/measures/:code/flats')
  @ApiErrors(409)
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Add an ALER flat to the inventory of an in-kind measure' })
  @ApiCreatedResponse({ type: FlatDto })
  add(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string, @Body() dto: AddFlatDto) {
    return this.flats.add(actor, code, dto);
  }

  @Get('measures/:code/flats')
  @Allow(Role.ADMIN, Role.MANAGER, Role.AUDITOR)
  @ApiOperation({ summary: 'The flats inventory by province (addresses masked)' })
  @ApiOkResponse({ type: [FlatDto] })
  list(@Param('code', MeasureCodePipe) code: string) {
    return this.flats.list(code);
  }

  @Post('cases/:id/flat-allocation')
  @ApiErrors(409)
  @Allow(Role.MANAGER)
  @ApiOperation({
    summary:
      "Allocate an available flat of the case's province to an APPROVED in-kind case (never twice, one per woman)",
  })
  @ApiCreatedResponse({ type: FlatAllocationDto })
  allocate(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: AllocateFlatDto) {
    return this.flats.allocate(actor, id, dto);
  }
}
