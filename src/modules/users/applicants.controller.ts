import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../../common/errors/problem.dto.js';
import { UuidPipe } from '../../common/http/uuid.pipe.js';
import { Allow } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { ApplicantsService } from './applicants.service.js';
import { ProfileDto } from './dto/profile.dto.js';
import { ApplicantPageDto, ApplicantQueryDto } from './dto/staff.dto.js';
import { Role } from '../../common/access/role.js';

@ApiTags('applicants')
@Controller('applicants')
export class ApplicantsController {
  constructor(private readonly applicants: ApplicantsService) {}

  @Get()
  @Allow(Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: "Search applicants resident in the caller's ATS/Ambiti" })
  @ApiOkResponse({ type: ApplicantPageDto })
  search(@CurrentUser() actor: Principal, @Query() query: ApplicantQueryDto) {
    return this.applicants.search(actor, query);
  }

  @Get(':id')
  @Allow(Role.APPLICANT, Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: 'An applicant: themselves, or a resident of the officer’s territory' })
  @ApiOkResponse({ type: ProfileDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or outside the caller’s reach' })
  get(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.applicants.get(actor, id);
  }
}
