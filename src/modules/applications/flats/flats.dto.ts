import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class AddFlatDto {
  @ApiProperty({ example: 'MI', description: 'Province (sigla) where the flat is' })
  @Matches(/^[A-Z]{2}$/)
  province: string;

  @ApiProperty({ example: 'ALER-MI-2026-0042', description: "ALER's reference for the unit" })
  @IsString()
  @Length(1, 100)
  alerReference: string;

  @ApiProperty({ description: 'Address: sealed, masked in every list' })
  @IsString()
  @Length(3, 300)
  address: string;
}

export class AllocateFlatDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "A specific flat; default the earliest available one of the case's province",
  })
  @IsOptional()
  @IsUUID()
  flatId?: string;
}

export class FlatDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MI' }) province: string;
  @ApiProperty() alerReference: string;
  @ApiProperty({ description: 'Masked ("Via R***") except to the MANAGER who allocates it' }) address: string;
  @ApiProperty({ enum: ['available', 'allocated'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class FlatAllocationDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'date-time' }) allocatedAt: Date;
  @ApiProperty({ type: FlatDto }) flat: FlatDto;
}
