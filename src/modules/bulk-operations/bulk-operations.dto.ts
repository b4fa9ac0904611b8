import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsInt4 } from '../../common/http/validators.js';
import { BULK_KINDS, BULK_MAX_ITEMS, type BulkKind } from './bulk-operation.kinds.js';

/** One case chosen, with the version the staff member saw: a case changed since is refused, not overwritten. */
export class BulkItemInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ description: 'The version of the case read: a case changed since is refused (stale)' })
  @IsInt4(1)
  version: number;
}

export class CreateBulkOperationDto {
  @ApiProperty({
    enum: BULK_KINDS,
    description:
      'assign (MANAGER), decide a-sportello cases in protocol order (MANAGER), request_integration (OPERATOR)',
  })
  @IsIn(BULK_KINDS)
  kind: BulkKind;

  @ApiProperty({ type: [BulkItemInputDto], minItems: 1, maxItems: BULK_MAX_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => BulkItemInputDto)
  items: BulkItemInputDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'assign: the OPERATOR to assign every case to' })
  @ValidateIf((o: CreateBulkOperationDto) => o.kind === 'assign')
  @IsUUID()
  operatorId?: string;

  @ApiPropertyOptional({ enum: ['approve', 'reject'], description: "decide: must match each case's proposal" })
  @ValidateIf((o: CreateBulkOperationDto) => o.kind === 'decide')
  @IsIn(['approve', 'reject'])
  outcome?: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'decide: reasons of the decision, the same for every case' })
  @ValidateIf((o: CreateBulkOperationDto) => o.kind === 'decide')
  @IsString()
  @Length(3, 8000)
  reasons?: string;

  @ApiPropertyOptional({ description: 'request_integration: what to correct or complete' })
  @ValidateIf((o: CreateBulkOperationDto) => o.kind === 'request_integration')
  @IsString()
  @Length(3, 4000)
  message?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'request_integration: days given (at most 30)' })
  @ValidateIf((o: CreateBulkOperationDto) => o.kind === 'request_integration')
  @IsInt()
  @Min(1)
  @Max(30)
  days?: number;
}

export class BulkItemDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the caller may not see the case' })
  protocolNumber: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['done', 'already', 'refused'],
    description: 'null: not processed yet; already: the case was already so, nothing changed',
  })
  result: 'done' | 'already' | 'refused' | null;
  @ApiProperty({ type: String, nullable: true, description: 'Error-catalog code of a refusal' })
  refusalCode: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { it: { type: 'string' }, en: { type: 'string' } },
    description: 'Why it was refused, in Italian and English',
  })
  refusal: { it: string; en: string } | null;
}

export class BulkOperationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: BULK_KINDS }) kind: BulkKind;
  @ApiProperty({ enum: ['pending', 'queued', 'running', 'done', 'failed'] }) state: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Cases with a result (done, already or refused)' }) processed: number;
  @ApiProperty() done: number;
  @ApiProperty() already: number;
  @ApiProperty() refused: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: [BulkItemDto], description: 'In the order they are processed (protocol order)' })
  items: BulkItemDto[];
}
