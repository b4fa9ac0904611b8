import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/http/idempotency-key.decorator.js';
import { UuidPipe } from '../../common/http/uuid.pipe.js';
import { BulkOperationDto, CreateBulkOperationDto } from './bulk-operations.dto.js';
import { BulkOperationsService } from './bulk-operations.service.js';

/** Bulk work on many cases, run by the worker; each case through its single-case service. */
@ApiTags('bulk-operations')
@Controller('bulk-operations')
export class BulkOperationsController {
  constructor(private readonly bulk: BulkOperationsService) {}

  @Post()
  @Allow(Role.OPERATOR, Role.MANAGER)
  @ApiOperation({
    summary:
      'Start a bulk operation (assign and decide: MANAGER; request_integration: OPERATOR); each case keeps its own checks and gets its own result',
  })
  @ApiErrors(409)
  @ApiIdempotencyKey('A retry with the same key returns the operation the first request started (409: another request)')
  @ApiCreatedResponse({ type: BulkOperationDto })
  create(
    @CurrentUser() actor: Principal,
    @Body() dto: CreateBulkOperationDto,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.bulk.create(actor, dto, key);
  }

  @Get(':id')
  @ApiErrors(404)
  @Allow(Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: "One of the caller's bulk operations: progress and per-case results" })
  @ApiOkResponse({ type: BulkOperationDto })
  get(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.bulk.get(actor, id);
  }
}
