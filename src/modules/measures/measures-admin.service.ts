import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { Principal } from '../../common/access/principal.js';
import { AuditService, type AuditAction } from '../audit-log/audit.service.js';
import { definitionIssues } from './definition-validator.js';
import type { AdminMeasureDto, MeasureVersionDto, ValidationReportDto } from './dto/measure-views.dto.js';
import type { PublishDto, ReplaceDraftDto, VersionContentDto } from './dto/version-content.dto.js';
import {
  codeTaken,
  draftExists,
  notPublishable,
  notRetirable,
  staleDraft,
  validityBeforePrevious,
  versionFrozen,
} from './measures.errors.js';
import { versionContentHash } from './measure-version-content.js';
import { MeasureVersion } from './measure-version.entity.js';
import { findVersion, insertVersion, lockMeasure, updateVersion } from './measure-versions.repository.js';
import { toAdminMeasure, toVersionDto } from './measure-views.js';
import { Measure } from './measure.entity.js';
import { checkVersionContent } from './version-content-check.js';

/** ADMIN's catalog work: drafts, validation, publishing (freezing) and retiring versions. */
@Injectable()
export class MeasuresAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** A new measure with its first draft; the code is the definition's. */
  create(actor: Principal, dto: VersionContentDto): Promise<MeasureVersionDto> {
    return this.tx.run(async (em) => {
      const content = await checkVersionContent(em, null, dto);
      const code = content.definition.code;
      let measure: Measure;
      try {
        measure = await em.save(Measure, em.create(Measure, { code, createdAt: this.clock.now() }));
      } catch (error) {
        if (uniqueViolation(error) !== null) {
          throw codeTaken(code);
        }
        throw error;
      }
      const now = this.clock.now();
      await insertVersion(em, {
        measureId: measure.id,
        version: 1,
        status: 'draft',
        ...content,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      const view = await this.view(em, code, 1);
      await this.record(em, actor, 'measure.created', code, 1, {
        after: { status: 'draft', contentHash: versionContentHash({ ...content }) },
      });
      return view;
    });
  }

  async list(): Promise<AdminMeasureDto[]> {
    const measures = await this.db.getRepository(Measure).find({ order: { code: 'ASC' } });
    const versions = await this.db.getRepository(MeasureVersion).find({ order: { version: 'ASC' } });
    return measures.map((m) =>
      toAdminMeasure(
        m,
        versions.filter((v) => v.measureId === m.id),
      ),
    );
  }

  get(code: string, version: number): Promise<MeasureVersionDto> {
    return this.view(this.db.manager, code, version);
  }

  /** Changing a published measure: a new draft copying the latest version's content. */
  newDraft(actor: Principal, code: string): Promise<MeasureVersionDto> {
    return this.tx.run(async (em) => {
      const measure = await lockMeasure(em, code);
      if (await em.existsBy(MeasureVersion, { measureId: measure.id, status: 'draft' })) {
        throw draftExists();
      }
      const [latest] = await em.find(MeasureVersion, {
        where: { measureId: measure.id },
        order: { version: 'DESC' },
        take: 1,
      });
      const now = this.clock.now();
      const version = latest.version + 1;
      await insertVersion(em, {
        measureId: measure.id,
        version,
        status: 'draft',
        definition: latest.definition,
        windowOpensAt: latest.windowOpensAt,
        windowClosesAt: latest.windowClosesAt,
        managingBody: latest.managingBody,
        territorialScope: latest.territorialScope,
        quotas: latest.quotas,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      const view = await this.view(em, code, version);
      await this.record(em, actor, 'measure.draft_created', code, version, {
        copiedFrom: latest.version,
        after: { status: 'draft', contentHash: versionContentHash(latest) },
      });
      return view;
    });
  }

  replaceDraft(actor: Principal, code: string, version: number, dto: ReplaceDraftDto): Promise<MeasureVersionDto> {
    return this.tx.run(async (em) => {
      const draft = await this.lockedVersion(em, code, version);
      if (draft.status !== 'draft') throw versionFrozen(draft.status);
      if (draft.lockVersion !== dto.lockVersion) {
        throw staleDraft();
      }
      const content = await checkVersionContent(em, code, dto);
      await updateVersion(em, draft.id, {
        ...content,
        updatedAt: this.clock.now(),
        lockVersion: draft.lockVersion + 1,
      });
      const view = await this.view(em, code, version);
      await this.record(em, actor, 'measure.draft_replaced', code, version, {
        before: { lockVersion: draft.lockVersion, contentHash: versionContentHash(draft) },
        after: { lockVersion: draft.lockVersion + 1, contentHash: versionContentHash({ ...content }) },
      });
      return view;
    });
  }

  /** Everything publishing would check; any status (a published version re-checks cleanly). */
  async validate(code: string, version: number): Promise<ValidationReportDto> {
    const { version: v } = await findVersion(this.db.manager, code, version);
    const problems = definitionIssues(v.definition);
    return { valid: problems.length === 0, problems };
  }

  /** Freezes a draft: content hash, validity from validFrom (or now); the previous version's validity ends there. */
  publish(actor: Principal, code: string, version: number, dto: PublishDto): Promise<MeasureVersionDto> {
    return this.tx.run(async (em) => {
      const draft = await this.lockedVersion(em, code, version);
      if (draft.status !== 'draft') throw versionFrozen(draft.status);
      const problems = definitionIssues(draft.definition);
      if (problems.length) {
        throw notPublishable(problems);
      }
      const now = this.clock.now();
      const validFrom = dto.validFrom ? new Date(dto.validFrom) : now;
      const [previous] = await em.find(MeasureVersion, {
        where: { measureId: draft.measureId, status: 'published', validTo: IsNull() },
        order: { version: 'DESC' },
        take: 1,
      });
      if (previous && previous.validFrom && validFrom < previous.validFrom) {
        throw validityBeforePrevious(previous.validFrom);
      }
      if (previous) await updateVersion(em, previous.id, { validTo: validFrom, updatedAt: now });
      const contentHash = versionContentHash(draft);
      await updateVersion(em, draft.id, {
        status: 'published',
        contentHash,
        validFrom,
        publishedBy: actor.id,
        publishedAt: now,
        updatedAt: now,
        lockVersion: draft.lockVersion + 1,
      });
      const view = await this.view(em, code, version);
      await this.record(em, actor, 'measure.version_published', code, version, {
        before: { status: 'draft' },
        after: { status: 'published', contentHash, validFrom: validFrom.toISOString() },
        previousVersion: previous ? { version: previous.version, validTo: validFrom.toISOString() } : null,
      });
      return view;
    });
  }

  /** A retired version is no longer in force; it stays readable, as decisions cite it. */
  retire(actor: Principal, code: string, version: number): Promise<MeasureVersionDto> {
    return this.tx.run(async (em) => {
      const v = await this.lockedVersion(em, code, version);
      if (v.status !== 'published') {
        throw notRetirable();
      }
      const now = this.clock.now();
      const validTo = v.validTo ?? (v.validFrom && v.validFrom > now ? v.validFrom : now);
      await updateVersion(em, v.id, {
        status: 'retired',
        retiredAt: now,
        validTo,
        updatedAt: now,
        lockVersion: v.lockVersion + 1,
      });
      const view = await this.view(em, code, version);
      await this.record(em, actor, 'measure.version_retired', code, version, {
        before: { status: 'published', validTo: v.validTo?.toISOString() ?? null },
        after: { status: 'retired', validTo: validTo.toISOString() },
      });
      return view;
    });
  }

  /** The audit entry of a catalog change: the last statement of its transaction. */
  private record(
    em: EntityManager,
    actor: Principal,
    action: AuditAction,
    code: string,
    version: number,
    change: Record<string, unknown>,
  ) {
    return this.audit.record(em, {
      actor,
      action,
      target: { type: 'measure_version', id: `${code}/v${version}` },
      change,
    });
  }

  private async lockedVersion(em: EntityManager, code: string, version: number): Promise<MeasureVersion> {
    await lockMeasure(em, code);
    return (await findVersion(em, code, version)).version;
  }

  private async view(em: EntityManager, code: string, version: number): Promise<MeasureVersionDto> {
    return toVersionDto(code, (await findVersion(em, code, version)).version, this.clock.now());
  }
}
