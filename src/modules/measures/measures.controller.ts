import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../../common/errors/problem.dto.js';
import { Allow, Public } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import { DryRunDto, DryRunResultDto, MeasureListQueryDto } from './dto/dry-run.dto.js';
import { MeasureVersionDto, PublicMeasureDto } from './dto/measure-views.dto.js';
import { DryRunService } from './dry-run.service.js';
import { MeasureCodePipe, VersionPipe } from './measure-params.js';
import { MeasuresCatalogService } from './measures-catalog.service.js';

/** The public catalog of measures, and the dry run of a version's rules for staff. */
@ApiTags('measures')
@Controller('measures')
export class MeasuresController {
  constructor(
    private readonly catalog: MeasuresCatalogService,
    private readonly dryRuns: DryRunService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Measures with a version in force; open tells whether applications are accepted now' })
  @ApiOkResponse({ type: [PublicMeasureDto] })
  list(@Query() query: MeasureListQueryDto) {
    return this.catalog.list(query.open === undefined ? undefined : query.open === 'true');
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'The version in force: rules with their texts, form schema, required documents, window' })
  @ApiOkResponse({ type: MeasureVersionDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  current(@Param('code', MeasureCodePipe) code: string) {
    return this.catalog.current(code);
  }

  @Get(':code/versions/:version')
  @Public()
  @ApiOperation({ summary: 'A published or retired version (drafts are not public)' })
  @ApiOkResponse({ type: MeasureVersionDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  version(@Param('code', MeasureCodePipe) code: string, @Param('version', VersionPipe) version: number) {
    return this.catalog.published(code, version);
  }

  @Post(':code/versions/:version/dry-run')
  @ApiErrors(422)
  @Allow(Role.ADMIN, Role.OPERATOR, Role.MANAGER, Role.AUDITOR)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Evaluate a version against given facts: outcome, explanation, amount. Stores nothing; drafts only for ADMIN',
  })
  @ApiOkResponse({ type: DryRunResultDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  dryRun(
    @CurrentUser() actor: Principal,
    @Param('code', MeasureCodePipe) code: string,
    @Param('version', VersionPipe) version: number,
    @Body() dto: DryRunDto,
  ) {
    return this.dryRuns.run(actor, code, version, dto);
  }
}
