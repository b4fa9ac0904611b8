import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDto } from '../../common/errors/problem.dto.js';
import { Allow } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import { AdminMeasureDto, MeasureVersionDto, ValidationReportDto } from './dto/measure-views.dto.js';
import { PublishDto, ReplaceDraftDto, VersionContentDto } from './dto/version-content.dto.js';
import { MeasureCodePipe, VersionPipe } from './measure-params.js';
import { MeasuresAdminService } from './measures-admin.service.js';

/** ADMIN: measures as data, drafts to published (frozen) to retired versions. */
@ApiTags('admin: measures')
@Controller('admin/measures')
export class MeasuresAdminController {
  constructor(private readonly measures: MeasuresAdminService) {}

  @Post()
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Create a measure with its first draft version (code = definition.code)' })
  @ApiCreatedResponse({ type: MeasureVersionDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'errors name definition.<path>' })
  @ApiConflictResponse({ type: ProblemDto })
  create(@CurrentUser() actor: Principal, @Body() dto: VersionContentDto) {
    return this.measures.create(actor, dto);
  }

  @Get()
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Every measure with its versions and their status' })
  @ApiOkResponse({ type: [AdminMeasureDto] })
  list() {
    return this.measures.list();
  }

  @Get(':code/versions/:version')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'One version, drafts included' })
  @ApiOkResponse({ type: MeasureVersionDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(@Param('code', MeasureCodePipe) code: string, @Param('version', VersionPipe) version: number) {
    return this.measures.get(code, version);
  }

  @Post(':code/versions')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'New draft version copying the latest one (how a published measure changes)' })
  @ApiCreatedResponse({ type: MeasureVersionDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'A draft already exists' })
  newDraft(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string) {
    return this.measures.newDraft(actor, code);
  }

  @Put(':code/versions/:version')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: "Replace a draft's content (optimistic concurrency on lockVersion)" })
  @ApiOkResponse({ type: MeasureVersionDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'MEASURE_VERSION_FROZEN or MEASURE_STALE_VERSION' })
  replace(
    @CurrentUser() actor: Principal,
    @Param('code', MeasureCodePipe) code: string,
    @Param('version', VersionPipe) version: number,
    @Body() dto: ReplaceDraftDto,
  ) {
    return this.measures.replaceDraft(actor, code, version, dto);
  }

  @Post(':code/versions/:version/validate')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a version as publishing would: shape, rules, facts, form schema' })
  @ApiOkResponse({ type: ValidationReportDto })
  validate(@Param('code', MeasureCodePipe) code: string, @Param('version', VersionPipe) version: number) {
    return this.measures.validate(code, version);
  }

  @Post(':code/versions/:version/publish')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish a draft: frozen with its content hash; the previous version stays valid until validFrom',
  })
  @ApiOkResponse({ type: MeasureVersionDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Not a draft, or not valid' })
  publish(
    @CurrentUser() actor: Principal,
    @Param('code', MeasureCodePipe) code: string,
    @Param('version', VersionPipe) version: number,
    @Body() dto: PublishDto,
  ) {
    return this.measures.publish(actor, code, version, dto);
  }

  @Post(':code/versions/:version/retire')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire a published version: no longer in force, still readable' })
  @ApiOkResponse({ type: MeasureVersionDto })
  @ApiConflictResponse({ type: ProblemDto })
  retire(
    @CurrentUser() actor: Principal,
    @Param('code', MeasureCodePipe) code: string,
    @Param('version', VersionPipe) version: number,
  ) {
    return this.measures.retire(actor, code, version);
  }
}
