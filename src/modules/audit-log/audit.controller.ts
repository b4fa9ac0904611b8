import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../common/access/access-policy.js';
import { Role } from '../../common/access/role.js';
import { AuditEntriesPageDto, AuditEntriesQueryDto, AuditVerifyDto } from './audit.dto.js';
import { AuditQueryService } from './audit-query.service.js';

/** AUDITOR: the audit trail, read-only. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get('verify')
  @Allow(Role.AUDITOR)
  @ApiOperation({ summary: 'Walk the hash chain; names the first broken entry' })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify() {
    return this.audit.verify();
  }

  @Get('entries')
  @Allow(Role.AUDITOR)
  @ApiOperation({ summary: 'Audit entries in seq order, filtered; keyset pagination with `after`' })
  @ApiOkResponse({ type: AuditEntriesPageDto })
  entries(@Query() query: AuditEntriesQueryDto) {
    return this.audit.entries(query);
  }
}
