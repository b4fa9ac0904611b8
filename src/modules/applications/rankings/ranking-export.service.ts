import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/clock/clock.js';
import type { Principal } from '../../../common/access/principal.js';
import { rankingNotFound } from './rankings.errors.js';
import { rankingCsv, renderRankingPdf } from './ranking-files.js';
import { RankingPreviewService } from './ranking-preview.service.js';

/** The published graduatoria of a measure the manager manages, as CSV or PDF; 404 before publication. */
@Injectable()
export class RankingExportService {
  constructor(
    private readonly clock: Clock,
    private readonly previews: RankingPreviewService,
  ) {}

  async csv(actor: Principal, code: string): Promise<Buffer> {
    return Buffer.from(rankingCsv(await this.published(actor, code)), 'utf8');
  }

  async pdf(actor: Principal, code: string, measureTitle: { it: string; en: string }): Promise<Buffer> {
    return renderRankingPdf(await this.published(actor, code), measureTitle, this.clock.now());
  }

  private async published(actor: Principal, code: string) {
    const state = await this.previews.state(actor, code);
    if (state.kind !== 'published') throw rankingNotFound();
    return state.ranking;
  }
}
