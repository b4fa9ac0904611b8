import { AppError, notFound } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import type { RankingPreview } from '../../../applications/rankings/ranking-preview.service.js';
import type { RankingDto } from '../../../applications/rankings/rankings.dto.js';
import { formatCents } from '../../../measures/domain/money.js';
import { CheckboxField, CsrfField, ErrorSummary } from '../../components/form-controls.js';
import { formatDate, formatDateTime } from '../../format.js';
import type { Lang } from '../../i18n/lang.js';
import type { Translate } from '../../i18n/messages.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { AmountTableHead } from './amount-table-head.js';
import { MANAGER, managerMeasureBySlug, managerOf, type ManagerMeasure } from './managed-measure.js';
import { amountOf } from './manager-format.js';
import { criterionValue, rankingCsv, renderRankingPdf } from './ranking-files.js';

type Entry = Pick<
  RankingDto['entries'][number],
  'position' | 'protocolNumber' | 'status' | 'amount' | 'quota' | 'sortKeys'
> & {
  applicationId: string;
  tie?: boolean;
};

/** A criterion's value for people: money facts (named …Cents by the engine's convention) in euro. */
const shownValue = (fact: string, value: unknown, lang: Lang) =>
  value === null || value === undefined
    ? '–'
    : fact.endsWith('Cents') && typeof value === 'number'
      ? formatCents(value, lang)
      : criterionValue(value);

/** The list as a table: the preview's and the frozen one's are the same columns. */
function RankingTable(p: {
  id: string;
  entries: readonly Entry[];
  unit: string;
  /** The criteria's labels by fact, in the page's language. */
  labels: Readonly<Record<string, string>>;
  lang: Lang;
  t: Translate;
}) {
  const { t } = p;
  return (
    <div class="table-responsive">
      <table class="table" id={p.id}>
        <caption class="visually-hidden">{t('mgrRankingTitle')}</caption>
        <AmountTableHead t={t} columns={['mgrPosition', 'mgrProtocol', 'mgrOutcome', 'mgrScores', 'mgrQuota']} />
        <tbody>
          {p.entries.map((e) => (
            <tr data-application={e.applicationId} data-status={e.status}>
              <td>
                {e.position ?? '–'}
                {e.tie ? <span class="badge bg-secondary ms-2">{t('mgrTie')}</span> : null}
              </td>
              <th scope="row">{e.protocolNumber}</th>
              <td>{t(`mgrEntry_${e.status as 'funded'}`)}</td>
              <td>
                {Object.entries(e.sortKeys).map(([fact, value]) => (
                  <span class="d-block">
                    {p.labels[fact] ?? fact}: {shownValue(fact, value, p.lang)}
                  </span>
                ))}
              </td>
              <td>{e.status === 'funded' ? (e.quota ?? t('mgrQuotaCommon')) : ''}</td>
              <td class="text-end">{e.amount === null ? '' : amountOf(p.unit, e.amount, p.lang, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The graduatoria of a managed measure: before publication its preview (planned by the
 * publication's own function, nothing written) with what still blocks it and the publish form
 * with its confirmation; after, the frozen list with its CSV and PDF.
 */
export function rankingPages(s: PortalServices): PageRoute[] {
  const measureOf = async (ctx: PageContext): Promise<ManagerMeasure> => {
    const m = await managerMeasureBySlug(s, managerOf(ctx), (ctx.req.params as { slug: string }).slug);
    if (m.version.definition.procedure.type !== 'graduatoria') throw notFound();
    return m;
  };

  const page = async (ctx: PageContext, error: string | null, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const actor = managerOf(ctx);
    const measure = await measureOf(ctx);
    const state = await s.rankingPreview.state(actor, measure.code);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const title = measure.version.definition.title[lang];
    const base = `/lavoro/gestione/misure/${measure.slug}/graduatoria`;
    const summary = (
      r: Pick<RankingPreview, 'available' | 'funded' | 'waitlisted' | 'notAdmitted' | 'population' | 'unit'>,
    ) =>
      t('mgrPreviewSummary', {
        available: amountOf(r.unit, r.available, lang, t),
        funded: r.funded,
        waitlisted: r.waitlisted,
        notAdmitted: r.notAdmitted,
        population: r.population,
      });
    const criteria = measure.version.definition.ranking?.keys ?? [];
    const labels = Object.fromEntries(criteria.map((k) => [k.fact, k.label[lang]]));
    return {
      status,
      html: (
        <WorkbenchLayout
          chrome={ctx.chrome()}
          title={`${t('mgrRankingTitle')} – ${measure.sealed ? t('mgrSealedMeasure') : title}`}
          roles={actor.roles}
          section="manager"
          crumbs={[{ label: t('mgrTitle'), href: '/lavoro/gestione' }, { label: t('mgrRankingTitle') }]}
        >
          <ErrorSummary
            title={t('errorSummaryTitle')}
            errors={error ? [{ anchor: 'f-confirm', message: error }] : []}
          />
          <h1>{title}</h1>
          <p id="ranking-criteria">
            {t('mgrScores')}: {criteria.map((k) => k.label[lang]).join(', ')}
          </p>
          {state.kind === 'published' ? (
            <section aria-labelledby="frozen-title">
              <h2 class="h3" id="frozen-title">
                {t('mgrFrozenTitle')}
              </h2>
              <p>
                {t('mgrPublishedAt', { date: formatDateTime(new Date(state.ranking.publishedAt).toISOString(), lang) })}
              </p>
              <p id="ranking-summary">{summary({ ...state.ranking, unit: state.ranking.unit as 'cents' })}</p>
              <p>
                <a class="btn btn-outline-primary me-2" href={`${base}.csv`} download>
                  {t('mgrDownloadCsv')}
                </a>
                <a class="btn btn-outline-primary" href={`${base}.pdf`} download>
                  {t('mgrDownloadPdf')}
                </a>
              </p>
              {state.ties.some(Boolean) ? <p class="small">{t('mgrTieNote')}</p> : null}
              <RankingTable
                id="frozen-ranking"
                entries={state.ranking.entries.map((e, i) => ({ ...e, tie: state.ties[i] }))}
                unit={state.ranking.unit}
                labels={labels}
                lang={lang}
                t={t}
              />
            </section>
          ) : (
            <section aria-labelledby="preview-title">
              <h2 class="h3" id="preview-title">
                {t('mgrPreviewTitle')}
              </h2>
              <p>{t('mgrPreviewIntro')}</p>
              <p id="ranking-summary">{summary(state.preview)}</p>
              {state.preview.publishable ? null : (
                <div class="alert alert-warning" id="preview-blockers">
                  <h3 class="h5">{t('mgrPreviewBlocked')}</h3>
                  <ul class="mb-0">
                    {state.preview.blockers.windowClosesAt ? (
                      <li>
                        {t('mgrWindowOpen', {
                          date: formatDate(state.preview.blockers.windowClosesAt.toISOString(), lang),
                        })}
                      </li>
                    ) : null}
                    {state.preview.blockers.pending.length > 0 ? (
                      <li>{t('mgrPendingCases', { list: state.preview.blockers.pending.join(', ') })}</li>
                    ) : null}
                    {state.preview.blockers.ownCase ? <li>{t('mgrOwnCase')}</li> : null}
                    {state.preview.blockers.amountUnknown ? (
                      <li>{t('mgrAmountUnknown', { protocol: state.preview.blockers.amountUnknown })}</li>
                    ) : null}
                  </ul>
                </div>
              )}
              {state.preview.entries.some((e) => e.tie) ? <p class="small">{t('mgrTieNote')}</p> : null}
              <RankingTable
                id="ranking-preview"
                entries={state.preview.entries}
                unit={state.preview.unit}
                labels={labels}
                lang={lang}
                t={t}
              />
              {state.preview.publishable ? (
                <section aria-labelledby="publish-title" class="mt-4">
                  <h3 class="h4" id="publish-title">
                    {t('mgrPublishTitle')}
                  </h3>
                  <form method="post" action={base} novalidate>
                    <CsrfField token={csrf} />
                    <input type="hidden" name="fingerprint" value={state.preview.fingerprint} />
                    <CheckboxField name="confirm" label={t('mgrPublishConfirm')} error={error ?? undefined} />
                    <button type="submit" class="btn btn-primary">
                      {t('mgrPublish')}
                    </button>
                  </form>
                </section>
              ) : null}
            </section>
          )}
        </WorkbenchLayout>
      ),
    };
  };

  /** The frozen list of the page's measure; not found before its publication. */
  const published = async (ctx: PageContext) => {
    const measure = await measureOf(ctx);
    const state = await s.rankingPreview.state(managerOf(ctx), measure.code);
    if (state.kind !== 'published') throw notFound();
    return { measure, ranking: state.ranking };
  };

  return [
    {
      method: 'GET',
      url: '/lavoro/gestione/misure/:slug/graduatoria',
      policy: MANAGER,
      handler: (ctx) => page(ctx, null),
    },
    {
      method: 'POST',
      url: '/lavoro/gestione/misure/:slug/graduatoria',
      policy: MANAGER,
      handler: async (ctx) => {
        const measure = await measureOf(ctx);
        if (ctx.form.confirm !== 'true') return page(ctx, ctx.t('mgrPublishMissing'), 400);
        try {
          await s.rankingPreview.publish(managerOf(ctx), measure.code, ctx.form.fingerprint ?? '');
        } catch (error) {
          if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
          const message = error.code === 'CONFLICT' ? ctx.t('mgrPublishChanged') : error.detail[ctx.lang];
          return page(ctx, message, ERROR_CATALOG[error.code].status);
        }
        return { redirect: `/lavoro/gestione/misure/${measure.slug}/graduatoria` };
      },
    },
    {
      method: 'GET',
      url: '/lavoro/gestione/misure/:slug/graduatoria.csv',
      policy: MANAGER,
      handler: async (ctx) => {
        const { measure, ranking } = await published(ctx);
        const file = Buffer.from(rankingCsv(ranking), 'utf8');
        return { file, type: 'text/csv; charset=utf-8', name: `graduatoria-${measure.slug}.csv` };
      },
    },
    {
      method: 'GET',
      url: '/lavoro/gestione/misure/:slug/graduatoria.pdf',
      policy: MANAGER,
      handler: async (ctx) => {
        const { measure, ranking } = await published(ctx);
        const file = await renderRankingPdf(ranking, measure.version.definition.title, s.clock.now());
        return { file, type: 'application/pdf', name: `graduatoria-${measure.slug}.pdf` };
      },
    },
  ];
}
