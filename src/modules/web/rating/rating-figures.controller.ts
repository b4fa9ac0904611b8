import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { MeasureCodePipe } from '../../measures/measure-params.js';
import { ExperienceRatingService } from './experience-rating.service.js';
import { RatingFigureDto } from './rating-figures.dto.js';

/** ADMIN: the portal's one-question rating of the experience, as counts per measure. */
@ApiTags('admin: ratings')
@Controller('admin')
export class RatingFiguresController {
  constructor(private readonly ratings: ExperienceRatingService) {}

  @Get('ratings')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: "Every measure's experience ratings: answers, distribution, mean" })
  @ApiOkResponse({ type: [RatingFigureDto] })
  list(): Promise<RatingFigureDto[]> {
    return this.ratings.figures();
  }

  @Get('measures/:code/ratings')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: "One measure's experience ratings: answers, distribution, mean" })
  @ApiOkResponse({ type: RatingFigureDto })
  @ApiErrors(404)
  async one(@Param('code', MeasureCodePipe) code: string): Promise<RatingFigureDto> {
    const [figure] = await this.ratings.figures(code);
    return figure;
  }
}
