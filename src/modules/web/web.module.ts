import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { ExperienceRatingService } from './rating/experience-rating.service.js';
import { RatingFiguresController } from './rating/rating-figures.controller.js';
import { WebSessionService } from './sessions/web-session.service.js';
import { loadWebConfig, WebConfig } from './web-config.js';

/**
 * The citizens' portal: server-rendered pages (mounted on Fastify by mountPortal, called from
 * configureApp) that call the same services as the API. This module holds its configuration
 * and browser sessions.
 */
@Module({
  imports: [UsersModule],
  controllers: [RatingFiguresController],
  providers: [
    { provide: WebConfig, useFactory: () => loadWebConfig(process.env) },
    WebSessionService,
    ExperienceRatingService,
  ],
  exports: [WebConfig, WebSessionService, ExperienceRatingService],
})
export class WebModule {}
