import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import type { Principal } from '../../../../common/access/principal.js';
import { Role } from '../../../../common/access/role.js';
import { AppError } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { DrawSampleDto } from '../../../applications/checks/checks.dto.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../components/form-controls.js';
import { formatDateTime } from '../../format.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { managerMeasures } from '../manager/managed-measure.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { actionPath } from './actions.pages.js';

const MANAGER: AccessPolicy = { kind: 'roles', roles: [Role.MANAGER] };

/**
 * `/lavoro/controlli` (MANAGER): art. 71 DPR 445/2000 checks are drawn per measure. The page
 * draws a reproducible sample through ChecksService.draw (as POST /measures/:code/checks/samples)
 * and lists the samples with a link to each case's check-outcome page. A measure is addressed by
 * its slug (opaque for a sealed one), never its code: the address lands in history and proxy logs.
 */
export function checksPages(s: PortalServices): PageRoute[] {
  const measuresOf = async (actor: Principal) =>
    (await managerMeasures(s, actor)).map((m) => ({ code: m.code, slug: m.slug, title: m.version.definition.title }));

  const page = async (
    ctx: PageContext,
    slug: string | undefined,
    errors: Readonly<Record<string, string>>,
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const actor = ctx.session!.principal!;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const measures = await measuresOf(actor);
    const chosen = measures.find((m) => m.slug === slug);
    const samples = chosen ? await s.checks.list(actor, chosen.code) : [];
    const protocols = await s.checks.protocolNumbers(
      actor,
      samples.flatMap((x) => x.applicationIds),
    );
    const options = measures.map((m) => ({ value: m.slug, label: m.title[lang] }));
    return {
      status,
      html: (
        <WorkbenchLayout chrome={ctx.chrome()} title={t('checksTitle')} roles={actor.roles} section="manager">
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={Object.entries(errors).map(([f, message]) => ({ anchor: `f-${f}`, message }))}
          />
          <h1>{t('checksTitle')}</h1>
          <p>{t('checksIntro')}</p>
          <form method="get" action="/lavoro/controlli" class="mb-4">
            <SelectField
              name="misura"
              id="f-show-measure"
              legend={t('checksMeasure')}
              placeholder={t('assignChoose')}
              options={options}
              value={chosen?.slug}
            />
            <button type="submit" class="btn btn-outline-primary">
              {t('checksChooseMeasure')}
            </button>
          </form>
          <form method="post" action="/lavoro/controlli" novalidate>
            <CsrfField token={csrf} />
            <SelectField
              name="measure"
              legend={t('checksMeasure')}
              placeholder={t('assignChoose')}
              options={options}
              value={ctx.form.measure ?? chosen?.slug}
              error={errors.measure}
              required
            />
            <TextField
              name="seed"
              label={t('checksSeed')}
              value={ctx.form.seed}
              hint={t('checksSeedHint')}
              error={errors.seed}
              required
            />
            <TextField
              name="size"
              label={t('checksSize')}
              value={ctx.form.size}
              error={errors.size}
              inputMode="numeric"
            />
            <TextField
              name="percentage"
              label={t('checksPercentage')}
              value={ctx.form.percentage}
              inputMode="decimal"
            />
            <button type="submit" class="btn btn-primary" id="checks-draw">
              {t('checksDraw')}
            </button>
          </form>
          {chosen ? (
            <section aria-labelledby="checks-samples" class="mt-5">
              <h2 class="h4" id="checks-samples">
                {t('checksSamples')} – {chosen.title[lang]}
              </h2>
              {samples.length === 0 ? <p>{t('checksNone')}</p> : null}
              {samples.map((x) => (
                <div class="mb-4">
                  <h3 class="h6">
                    {t('checksSampleOf', {
                      when: formatDateTime(new Date(x.drawnAt).toISOString(), lang),
                      size: x.size,
                      population: x.population,
                      seed: x.seed,
                    })}
                  </h3>
                  <ul class="sample-list">
                    {x.applicationIds.map((id) => (
                      <li>
                        <a href={actionPath(id, 'check-outcome')}>
                          {protocols.get(id) ?? id} – {t('checksOpenCase')}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ) : null}
        </WorkbenchLayout>
      ),
    };
  };

  const draw = async (ctx: PageContext): Promise<PageResult> => {
    const actor = ctx.session!.principal!;
    const f = ctx.form;
    const slug = (f.measure ?? '').trim();
    const chosen = (await measuresOf(actor)).find((m) => m.slug === slug);
    const errors: Record<string, string> = {};
    if (!chosen) errors.measure = ctx.t('chooseOne');
    const percentage = f.percentage?.trim() ? Number(f.percentage.replace(',', '.')) : undefined;
    const size = f.size?.trim() ? Number(f.size) : undefined;
    const dto = plainToInstance(DrawSampleDto, { seed: (f.seed ?? '').trim(), size, percentage });
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (invalid.some((e) => e.property === 'seed')) errors.seed = ctx.t('required');
    if ((size === undefined) === (percentage === undefined) || invalid.some((e) => e.property !== 'seed')) {
      errors.size = ctx.t('checksSizeInvalid');
    }
    if (!chosen || Object.keys(errors).length) return page(ctx, slug, errors, 400);
    try {
      await s.checks.draw(actor, chosen.code, dto);
    } catch (error) {
      if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
      return page(ctx, slug, { measure: error.detail[ctx.lang] }, ERROR_CATALOG[error.code].status);
    }
    return { redirect: `/lavoro/controlli?misura=${encodeURIComponent(chosen.slug)}` };
  };

  return [
    { method: 'GET', url: '/lavoro/controlli', policy: MANAGER, handler: (ctx) => page(ctx, ctx.query.misura, {}) },
    { method: 'POST', url: '/lavoro/controlli', policy: MANAGER, handler: draw },
  ];
}
