import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Public } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import {
  AmbitoCsvDto,
  AmbitoCsvResultDto,
  AmbitoPeriodDto,
  AmbitoDto,
  AmbitoMapResultDto,
  AmbitoQueryDto,
  AssignAmbitoDto,
  AtsDto,
  CreateAmbitoDto,
  LoadAmbitoMapDto,
  MunicipalityDto,
  MunicipalityPageDto,
  MunicipalityQueryDto,
  UpdateAmbitoDto,
} from './dto/territory.dto.js';
import { IstatCodePipe } from './istat-code.pipe.js';
import { AMBITO_CODE_PIPE } from './ambito-code.pipe.js';
import { AmbitoMapService } from './ambito-map.service.js';
import { TerritoryService } from './territory.service.js';

/** Territorial reference data: public to read, edited by ADMIN where no official list ships. */
@ApiTags('territory')
@Controller('territory')
export class TerritoryController {
  constructor(
    private readonly territory: TerritoryService,
    private readonly ambitoMap: AmbitoMapService,
  ) {}

  @Get('ats')
  @Public()
  @ApiOperation({ summary: 'The 8 ATS of Lombardy' })
  @ApiOkResponse({ type: [AtsDto] })
  listAts() {
    return this.territory.listAts();
  }

  @Get('ambiti')
  @Public()
  @ApiOperation({ summary: 'Ambiti territoriali, optionally of one ATS' })
  @ApiOkResponse({ type: [AmbitoDto] })
  listAmbiti(@Query() query: AmbitoQueryDto) {
    return this.territory.listAmbiti(query.atsCode);
  }

  @ApiErrors(409)
  @Post('ambiti')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Create an Ambito' })
  @ApiCreatedResponse({ type: AmbitoDto })
  createAmbito(@CurrentUser() actor: Principal, @Body() dto: CreateAmbitoDto) {
    return this.territory.createAmbito(actor, dto);
  }

  @Patch('ambiti/:code')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Rename an Ambito' })
  @ApiOkResponse({ type: AmbitoDto })
  updateAmbito(
    @CurrentUser() actor: Principal,
    @Param('code', AMBITO_CODE_PIPE) code: string,
    @Body() dto: UpdateAmbitoDto,
  ) {
    return this.territory.updateAmbito(actor, code, dto.name);
  }

  @Get('municipalities')
  @Public()
  @ApiOperation({ summary: 'Search Lombardy municipalities by name prefix, ATS or Ambito' })
  @ApiOkResponse({ type: MunicipalityPageDto })
  searchMunicipalities(@Query() query: MunicipalityQueryDto) {
    return this.territory.searchMunicipalities(query);
  }

  @Get('municipalities/:istatCode')
  @Public()
  @ApiOperation({ summary: 'One municipality by ISTAT code' })
  @ApiOkResponse({ type: MunicipalityDto })
  getMunicipality(@Param('istatCode', IstatCodePipe) istatCode: string) {
    return this.territory.getMunicipality(istatCode);
  }

  @Put('municipalities/:istatCode/ambito')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Assign a municipality to an Ambito of its ATS (or clear it)' })
  @ApiOkResponse({ type: MunicipalityDto })
  async assignAmbito(
    @CurrentUser() actor: Principal,
    @Param('istatCode', IstatCodePipe) istatCode: string,
    @Body() dto: AssignAmbitoDto,
  ) {
    await this.ambitoMap.loadAmbitoMap(actor, [{ istatCode, ambitoCode: dto.ambitoCode }]);
    return this.territory.getMunicipality(istatCode);
  }

  @Put('ambito-map')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Load the municipality-to-Ambito map (all-or-nothing)' })
  @ApiOkResponse({ type: AmbitoMapResultDto })
  async loadAmbitoMap(@CurrentUser() actor: Principal, @Body() dto: LoadAmbitoMapDto): Promise<AmbitoMapResultDto> {
    return { updated: await this.ambitoMap.loadAmbitoMap(actor, dto.entries) };
  }

  @Get('municipalities/:istatCode/history')
  @Public()
  @ApiOperation({ summary: 'The dated history of a municipality’s Ambito: reference sources and ADMIN changes' })
  @ApiOkResponse({ type: [AmbitoPeriodDto] })
  ambitoHistory(@Param('istatCode', IstatCodePipe) istatCode: string) {
    return this.ambitoMap.ambitoHistory(istatCode);
  }

  @Post('ambito-map/csv')
  @ApiErrors(422)
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Upload the Ambito map as CSV: apply false previews the changes, apply true applies them (all-or-nothing, dated, audited)',
  })
  @ApiOkResponse({ type: AmbitoCsvResultDto })
  uploadAmbitoCsv(@CurrentUser() actor: Principal, @Body() dto: AmbitoCsvDto) {
    return this.ambitoMap.uploadAmbitoCsv(actor, dto.csv, dto.apply);
  }
}
