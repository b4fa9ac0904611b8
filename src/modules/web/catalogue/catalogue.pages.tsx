import type { ProcedureType } from '../../measures/domain/index.js';
import { CheckboxField, RadioGroup } from '../components/form-controls.js';
import { formatDate } from '../format.js';
import type { Translate } from '../i18n/messages.js';
import { SPRITE } from '../layout/assets.js';
import { Layout } from '../layout/layout.js';
import { citizenMeasures, type PortalMeasure } from '../measure/portal-measures.js';
import type { PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const PROCEDURES: readonly ProcedureType[] = ['a_sportello', 'graduatoria', 'in_kind'];

/** Case- and accent-insensitive words of a search. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface CatalogueFilters {
  q: string;
  procedure: ProcedureType | '';
  open: boolean;
}

export function readFilters(query: Readonly<Record<string, string>>): CatalogueFilters {
  const procedure = PROCEDURES.includes(query.procedure as ProcedureType) ? (query.procedure as ProcedureType) : '';
  return { q: (query.q ?? '').slice(0, 100).trim(), procedure, open: query.open === 'true' };
}

/** Every word of the search in the title or description (either language), and the filters. */
export function filterMeasures(measures: readonly PortalMeasure[], f: CatalogueFilters): PortalMeasure[] {
  const words = fold(f.q).split(/\s+/).filter(Boolean);
  return measures.filter((m) => {
    const d = m.definition;
    if (f.procedure && d.procedure.type !== f.procedure) return false;
    if (f.open && !m.open) return false;
    const text = fold([d.title.it, d.title.en, d.description.it, d.description.en].join(' '));
    return words.every((w) => text.includes(w));
  });
}

function MeasureCard({ m, t, lang }: { m: PortalMeasure; t: Translate; lang: 'it' | 'en' }) {
  const d = m.definition;
  return (
    <li class="col-12 col-lg-6 mb-4">
      <article class="card card-bg h-100">
        <div class="card-body">
          <p class="mb-2">
            <span class={m.open ? 'badge bg-success' : 'badge bg-secondary'}>
              {m.open ? t('openNow') : t('closedNow')}
            </span>{' '}
            <span class="text-secondary">{t(`procedure_${d.procedure.type}`)}</span>
          </p>
          <h2 class="card-title h4">{d.title[lang]}</h2>
          <p class="card-text">{d.description[lang]}</p>
          <p class="card-text">
            <small>
              {t('windowFromTo', { from: formatDate(m.window.opensAt, lang), to: formatDate(m.window.closesAt, lang) })}
            </small>
          </p>
          <a class="read-more" href={`/misure/${m.slug}`}>
            {t('readMore')}
            <span class="visually-hidden">: {d.title[lang]}</span>
            <svg class="icon icon-primary icon-sm ms-1" aria-hidden="true" focusable="false">
              <use href={`${SPRITE}#it-arrow-right`} />
            </svg>
          </a>
        </div>
      </article>
    </li>
  );
}

export function cataloguePages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/',
      policy: { kind: 'public' },
      handler: async (ctx) => {
        const { t, lang } = ctx;
        const filters = readFilters(ctx.query);
        const shown = filterMeasures(await citizenMeasures(s.catalog), filters);
        return {
          html: (
            <Layout chrome={ctx.chrome()} title={t('catalogueTitle')}>
              <h1>{t('catalogueTitle')}</h1>
              <p class="lead">{t('catalogueIntro')}</p>
              <form method="get" action="/" class="mb-4" role="search">
                <div class="row">
                  <div class="col-12 col-md-6">
                    <div class="form-group">
                      <label htmlFor="f-q" class="active">
                        {t('searchLabel')}
                      </label>
                      <input id="f-q" name="q" type="search" class="form-control" value={filters.q} maxLength={100} />
                    </div>
                  </div>
                  <div class="col-12 col-md-6">
                    <RadioGroup
                      name="procedure"
                      legend={t('filterProcedure')}
                      value={filters.procedure}
                      options={[
                        { value: '', label: t('filterAll') },
                        ...PROCEDURES.map((p) => ({ value: p, label: t(`procedure_${p}`) })),
                      ]}
                    />
                  </div>
                </div>
                <CheckboxField name="open" label={t('filterOnlyOpen')} checked={filters.open} />
                <input type="hidden" name="lang" value={lang} />
                <button type="submit" class="btn btn-primary">
                  {t('searchButton')}
                </button>
              </form>
              <p role="status">{t('resultsCount', { count: shown.length })}</p>
              {shown.length === 0 ? <p>{t('noResults')}</p> : null}
              <ul class="row list-unstyled">
                {shown.map((m) => (
                  <MeasureCard key={m.code} m={m} t={t} lang={lang} />
                ))}
              </ul>
            </Layout>
          ),
        };
      },
    },
  ];
}
