import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsInt8, IsInt4 } from '../../../common/http/validators.js';

export class DrawSampleDto {
  @ApiProperty({
    description: 'Seed of the draw, recorded (e.g. the act number or a public lottery draw)',
    example: 'DD-2026-123',
  })
  @IsString()
  @Length(1, 200)
  seed: string;

  @ApiPropertyOptional({ minimum: 1, description: 'How many cases; give this or percentage' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  size?: number;

  @ApiPropertyOptional({ minimum: 0.01, maximum: 100, description: 'Percentage of the approved cases, rounded up' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  percentage?: number;
}

export class CheckOutcomeDto {
  @ApiProperty({ description: 'The version of the case read: a stale one gets 409' })
  @IsInt4(1)
  version: number;

  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  outcome: 'passed' | 'failed';

  @ApiProperty({ description: 'What was checked and found' })
  @IsString()
  @Length(3, 4000)
  notes: string;

  @ApiPropertyOptional({ description: 'Failed check: amount to recover in cents (default: the whole amount granted)' })
  @IsOptional()
  @IsInt8(0)
  recoveryAmountCents?: number;
}

export class CheckSampleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() measureCode: string;
  @ApiProperty() seed: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ size } or { percentage }, as requested' })
  requested: Record<string, unknown>;
  @ApiProperty() size: number;
  @ApiProperty({ description: 'APPROVED cases the sample was drawn from' }) population: number;
  @ApiProperty({ description: 'SHA-256 of the population ids in protocol order' }) populationHash: string;
  @ApiProperty({ type: [String] }) applicationIds: string[];
  @ApiProperty({ format: 'uuid' }) drawnBy: string;
  @ApiProperty({ format: 'date-time' }) drawnAt: Date;
}
