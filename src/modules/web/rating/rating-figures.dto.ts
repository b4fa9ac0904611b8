import { ApiProperty } from '@nestjs/swagger';

export class RatingTitleDto {
  @ApiProperty() it: string;
  @ApiProperty() en: string;
}

export class RatingCountDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 very difficult … 5 very easy' }) rating: number;
  @ApiProperty({ minimum: 0 }) answers: number;
}

/** One measure's answers to the confirmation page's question "how easy was it to apply?". */
export class RatingFigureDto {
  @ApiProperty({ example: 'NIDI-GRATIS-PLUS-2024-25' }) measureCode: string;
  @ApiProperty({ type: RatingTitleDto, description: "The latest version's title" }) title: RatingTitleDto;
  @ApiProperty({ minimum: 0 }) answers: number;
  @ApiProperty({ type: [RatingCountDto], description: 'One entry per rating, 1 to 5, zeros included' })
  distribution: RatingCountDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 5,
    description: 'Two decimals; null without answers',
  })
  mean: number | null;
}
