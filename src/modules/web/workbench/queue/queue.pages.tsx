import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import { Role } from '../../../../common/access/role.js';
import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import {
  ELIGIBILITY_OUTCOMES,
  MAX_QUEUE_OFFSET,
  QUEUE_VIEWS,
  QueueSearchDto,
  WorkQueueQueryDto,
  type CountDto,
  type QueueItemDto,
  type WorkQueueCountsDto,
} from '../../../applications/queue/work-queue.dto.js';
import { AppError } from '../../../../common/errors/app-error.js';
import {
  SAVED_FILTER_KEYS,
  type SavedFilter,
  type SavedFilterValues,
} from '../../../applications/queue/saved-filters.service.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from '../../components/form-controls.js';
import { formatDate } from '../../format.js';
import type { MessageKey, Translate } from '../../i18n/messages.js';
import type { Lang } from '../../i18n/lang.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { DaysLeft } from './days-left.js';
import { measureSlugs, type MeasureSlugs } from './measure-slugs.js';

export const QUEUE_POLICY: AccessPolicy = { kind: 'roles', roles: [Role.OPERATOR, Role.MANAGER] };
const PAGE_SIZE = 25;
/**
 * The query keys of the queue's address: the filters (no personal data) and the page. The
 * measure is `misura=<slug>` (measure-slugs.ts), mapped to the API's measureCode here.
 */
const FILTER_KEYS = ['view', 'status', 'misura', 'atsCode', 'ambitoCode', 'eligibility', 'protocol', 'sort'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** The page's filters as the API's query (measureCode); an unknown slug fails its validation. */
const toQuery = (filters: Filters, slugs: MeasureSlugs): Record<string, string> => {
  const { misura, ...rest } = filters;
  const query = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => !!e[1]));
  return misura ? { ...query, measureCode: slugs.codeOf(misura) ?? '?' } : query;
};

/** A saved filter (the API's keys) as the page's. */
const fromQuery = (values: SavedFilterValues, slugs: MeasureSlugs): Filters => {
  const { measureCode, ...rest } = values;
  return measureCode ? { ...rest, misura: slugs.slugOf(measureCode) } : rest;
};

const hrefOf = (filters: Filters, page = 1) => {
  const params = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
  if (page > 1) params.set('pagina', String(page));
  const qs = params.toString();
  return qs ? `/lavoro?${qs}` : '/lavoro';
};

export const caseHref = (id: string) => `/lavoro/pratiche/${id}`;

/**
 * The work queue (`/lavoro`): WorkQueueService, the API's own engine, with the same DTO
 * validating the address's filters; the saved filters and their counts in the sidebar; the
 * search by protocol (a GET: a protocol number is no personal data) and by codice fiscale (a
 * POST, so the code never reaches an address, a history or an access log).
 */
export function queuePages(s: PortalServices): PageRoute[] {
  const render = async (
    ctx: PageContext,
    search: { fiscalCode: string; error?: string; items?: QueueItemDto[] } | null,
    saving: { source: Readonly<Record<string, string>>; name: string; error: string } | null = null,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const principal = ctx.session!.principal!;
    const source = saving?.source ?? ctx.query;
    const filters: Filters = Object.fromEntries(FILTER_KEYS.filter((k) => source[k]).map((k) => [k, source[k]]));
    const slugs = await measureSlugs(s);
    const pageNo = Math.max(
      1,
      Math.min(Number.parseInt(ctx.query.pagina ?? '1', 10) || 1, 1 + MAX_QUEUE_OFFSET / PAGE_SIZE),
    );
    const dto = plainToInstance(WorkQueueQueryDto, {
      ...toQuery(filters, slugs),
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    const errors = problems.map((p) => ({
      anchor: `f-${p.property === 'measureCode' ? 'misura' : p.property}`,
      message: t('queueBadFilter', { detail: Object.values(p.constraints ?? {}).join('; ') }),
    }));
    if (search?.error) errors.push({ anchor: 'f-fiscalCode', message: search.error });
    if (saving) errors.push({ anchor: 'f-filterName', message: saving.error });
    const [counts, saved, page] = await Promise.all([
      s.queue.counts(principal),
      s.savedFilters.list(principal),
      problems.length ? Promise.resolve({ items: [], total: 0, totalExact: true }) : s.queue.page(principal, dto),
    ]);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const lastPage = 1 + MAX_QUEUE_OFFSET / PAGE_SIZE;
    // Past the counted total the pager goes on while full pages come (up to the offset bound).
    const pages = page.totalExact
      ? Math.max(1, Math.ceil(page.total / PAGE_SIZE))
      : page.items.length === PAGE_SIZE && pageNo < lastPage
        ? pageNo + 1
        : pageNo;
    return {
      status: errors.length ? 400 : 200,
      html: (
        <WorkbenchLayout
          chrome={ctx.chrome()}
          title={t('queueTitle')}
          roles={principal.roles}
          section="queue"
          aside={<QueueAside t={t} counts={counts} filters={filters} saved={saved} csrf={csrf} slugs={slugs} />}
        >
          <ErrorSummary title={t('errorSummaryTitle')} errors={errors} />
          <h1>{t('queueTitle')}</h1>
          <p>{t('queueIntro')}</p>
          <section aria-labelledby="search-title" class="mb-4">
            <h2 class="h4" id="search-title">
              {t('searchTitle')}
            </h2>
            <div class="row">
              <form method="get" action="/lavoro" class="col-md-6" role="search" aria-label={t('searchProtocol')}>
                <TextField
                  name="protocol"
                  label={t('searchProtocol')}
                  hint={t('searchProtocolHint')}
                  value={filters.protocol}
                  maxLength={16}
                />
                <button type="submit" class="btn btn-outline-primary">
                  {t('searchProtocolButton')}
                </button>
              </form>
              <form
                method="post"
                action="/lavoro/ricerca"
                class="col-md-6"
                role="search"
                aria-label={t('searchFiscalCode')}
                novalidate
              >
                <CsrfField token={csrf} />
                <TextField
                  name="fiscalCode"
                  label={t('searchFiscalCode')}
                  hint={t('searchFiscalCodeHint')}
                  value={search?.fiscalCode}
                  error={search?.error}
                  maxLength={16}
                  autocomplete="off"
                />
                <button type="submit" class="btn btn-outline-primary">
                  {t('searchFiscalCodeButton')}
                </button>
              </form>
            </div>
          </section>
          {search?.items ? (
            <section aria-labelledby="results-title" class="mb-4">
              <h2 class="h4" id="results-title">
                {t('searchResults')}
              </h2>
              {search.items.length ? (
                <QueueTable id="search-table" t={t} lang={lang} items={search.items} caption={t('searchResults')} />
              ) : (
                <p>{t('searchNone')}</p>
              )}
            </section>
          ) : null}
          <FilterForm t={t} counts={counts} filters={filters} slugs={slugs} />
          {Object.keys(filters).some((k) => k !== 'protocol') ? (
            <form method="post" action="/lavoro/filtri" class="mb-4" aria-labelledby="save-filter-title" novalidate>
              <h2 class="h5" id="save-filter-title">
                {t('saveFilterTitle')}
              </h2>
              <CsrfField token={csrf} />
              {FILTER_KEYS.filter((k) => k !== 'protocol' && filters[k]).map((k) => (
                <input type="hidden" name={k} value={filters[k]} key={k} />
              ))}
              <TextField
                name="filterName"
                label={t('saveFilterName')}
                value={saving?.name}
                error={saving?.error}
                maxLength={60}
              />
              <button type="submit" class="btn btn-outline-primary">
                {t('saveFilterButton')}
              </button>
            </form>
          ) : null}
          {page.items.length ? (
            <QueueTable
              id="queue-table"
              t={t}
              lang={lang}
              items={page.items}
              caption={
                page.totalExact
                  ? t('queueCaption', { count: page.total, page: pageNo, pages })
                  : t('queueCaptionMore', { count: page.total, page: pageNo })
              }
            />
          ) : (
            <p id="queue-empty">{t('queueEmpty')}</p>
          )}
          {pageNo === lastPage && !page.totalExact ? <p>{t('queueTooDeep', { max: MAX_QUEUE_OFFSET })}</p> : null}
          <Pager t={t} filters={filters} page={pageNo} pages={pages} exact={page.totalExact} />
        </WorkbenchLayout>
      ),
    };
  };

  return [
    { method: 'GET', url: '/lavoro', policy: QUEUE_POLICY, handler: (ctx) => render(ctx, null) },
    {
      method: 'POST',
      url: '/lavoro/filtri',
      policy: QUEUE_POLICY,
      handler: async (ctx) => {
        const name = ctx.form.filterName ?? '';
        const slugs = await measureSlugs(s);
        const values = toQuery(ctx.form, slugs);
        try {
          await s.savedFilters.save(ctx.session!.principal!, name, values);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
          return render(ctx, null, { source: ctx.form, name, error: error.detail[ctx.lang] });
        }
        const kept = Object.fromEntries(SAVED_FILTER_KEYS.filter((k) => values[k]).map((k) => [k, values[k]]));
        return { redirect: hrefOf(fromQuery(kept, slugs)) };
      },
    },
    {
      method: 'POST',
      url: '/lavoro/filtri/:id/elimina',
      policy: QUEUE_POLICY,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        if (/^[0-9a-f-]{36}$/.test(id)) await s.savedFilters.remove(ctx.session!.principal!, id);
        return { redirect: '/lavoro' };
      },
    },
    {
      method: 'POST',
      url: '/lavoro/ricerca',
      policy: QUEUE_POLICY,
      handler: async (ctx) => {
        const fiscalCode = (ctx.form.fiscalCode ?? '').trim().toUpperCase();
        const dto = plainToInstance(QueueSearchDto, { fiscalCode });
        if ((await validate(dto)).length) return render(ctx, { fiscalCode, error: ctx.t('searchFiscalCodeInvalid') });
        return render(ctx, { fiscalCode, items: await s.queue.search(ctx.session!.principal!, fiscalCode) });
      },
    },
  ];
}

const countText = (c: CountDto | undefined) => (c ? `${c.count}${c.more ? '+' : ''}` : '0');

function QueueAside(p: {
  t: Translate;
  counts: WorkQueueCountsDto;
  filters: Filters;
  saved: readonly SavedFilter[];
  csrf: string;
  slugs: MeasureSlugs;
}) {
  const { t, counts, filters, slugs } = p;
  const current = filters.view ?? 'open';
  const group = (
    title: string,
    key: keyof Filters,
    rows: CountDto[],
    label: (k: string) => string,
    value: (k: string) => string = (k) => k,
  ) =>
    rows.length ? (
      <nav class="mt-3" aria-label={title}>
        <h2 class="h6">{title}</h2>
        <ul class="list-unstyled">
          {rows.map((r) => (
            <li key={r.key}>
              <a
                href={hrefOf({ [key]: value(r.key) })}
                aria-current={filters[key] === value(r.key) ? 'page' : undefined}
              >
                {label(r.key)}
              </a>{' '}
              <span class="badge bg-light text-dark">{countText(r)}</span>
            </li>
          ))}
        </ul>
      </nav>
    ) : null;
  return (
    <div id="queue-aside">
      <nav class="mt-3" aria-label={t('savedFilters')}>
        <h2 class="h6">{t('savedFilters')}</h2>
        <ul class="list-unstyled" id="saved-filters">
          {QUEUE_VIEWS.map((v) => (
            <li key={v}>
              <a
                href={hrefOf(v === 'open' ? {} : { view: v })}
                data-view={v}
                aria-current={current === v && Object.keys(filters).length <= 1 ? 'page' : undefined}
              >
                {t(`view_${v}` as MessageKey)}
              </a>{' '}
              <span class="badge bg-light text-dark" data-count={v}>
                {countText(counts.views.find((c) => c.key === v))}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      {p.saved.length ? (
        <nav class="mt-3" aria-label={t('mySavedFilters')}>
          <h2 class="h6">{t('mySavedFilters')}</h2>
          <ul class="list-unstyled" id="my-filters">
            {p.saved.map((f) => (
              <li key={f.id} class="d-flex align-items-center">
                <a href={hrefOf(fromQuery(f.filters, slugs))}>{f.name}</a>
                <form method="post" action={`/lavoro/filtri/${f.id}/elimina`} class="ms-2 mt-0">
                  <CsrfField token={p.csrf} />
                  <button
                    type="submit"
                    class="btn btn-link btn-sm p-0"
                    aria-label={t('removeFilter', { name: f.name })}
                  >
                    {t('removeFilterShort')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {group(t('countsBy', { what: t('byMeasure') }), 'misura', counts.measures, (k) => k, slugs.slugOf)}
      {group(t('countsBy', { what: t('byState') }), 'status', counts.states, (k) => t(`status_${k}` as MessageKey))}
      <nav class="mt-3" aria-label={t('byOutcomeTitle')}>
        <h2 class="h6">{t('byOutcomeTitle')}</h2>
        <ul class="list-unstyled">
          {ELIGIBILITY_OUTCOMES.map((k) => (
            <li key={k}>
              <a href={hrefOf({ eligibility: k })} aria-current={filters.eligibility === k ? 'page' : undefined}>
                {t(`staffOutcome_${k}` as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {group(t('countsBy', { what: t('byAts') }), 'atsCode', counts.ats, (k) => k)}
      {group(t('countsBy', { what: t('byAmbito') }), 'ambitoCode', counts.ambiti, (k) => k)}
    </div>
  );
}

function FilterForm(p: { t: Translate; counts: WorkQueueCountsDto; filters: Filters; slugs: MeasureSlugs }) {
  const { t, counts, filters } = p;
  const opts = (rows: CountDto[]) => rows.map((r) => ({ value: r.key, label: r.key }));
  const states = Object.values(ApplicationStatus).filter((x) => x !== ApplicationStatus.DRAFT);
  return (
    <section aria-labelledby="filters-title" class="mb-4">
      <h2 class="h4" id="filters-title">
        {t('filtersTitle')}
      </h2>
      <form method="get" action="/lavoro" id="queue-filters" class="mt-4">
        {filters.view ? <input type="hidden" name="view" value={filters.view} /> : null}
        <div class="row">
          <div class="col-md-4">
            <SelectField
              name="misura"
              legend={t('filterMeasure')}
              placeholder={t('anyValue')}
              value={filters.misura}
              options={counts.measures.map((r) => ({ value: p.slugs.slugOf(r.key), label: r.key }))}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              name="status"
              legend={t('filterState')}
              placeholder={t('anyValue')}
              value={filters.status}
              options={states.map((x) => ({ value: x, label: t(`status_${x}` as MessageKey) }))}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              name="eligibility"
              legend={t('filterOutcome')}
              placeholder={t('anyValue')}
              value={filters.eligibility}
              options={ELIGIBILITY_OUTCOMES.map((x) => ({ value: x, label: t(`staffOutcome_${x}` as MessageKey) }))}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              name="atsCode"
              legend={t('filterAts')}
              placeholder={t('anyValue')}
              value={filters.atsCode}
              options={opts(counts.ats)}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              name="ambitoCode"
              legend={t('filterAmbito')}
              placeholder={t('anyValue')}
              value={filters.ambitoCode}
              options={opts(counts.ambiti)}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              name="sort"
              legend={t('filterSort')}
              placeholder={t('sort_days_left')}
              value={filters.sort === 'received_at' ? 'received_at' : undefined}
              options={[{ value: 'received_at', label: t('sort_received_at') }]}
            />
          </div>
        </div>
        <button type="submit" class="btn btn-primary me-2">
          {t('applyFilters')}
        </button>
        <a href="/lavoro" class="btn btn-outline-primary">
          {t('clearFilters')}
        </a>
      </form>
    </section>
  );
}

export function QueueTable({
  id,
  t,
  lang,
  items,
  caption,
}: {
  id: string;
  t: Translate;
  lang: Lang;
  items: readonly QueueItemDto[];
  caption: string;
}) {
  return (
    <div class="table-responsive">
      <table class="table table-hover" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colProtocol')}</th>
            <th scope="col">{t('colMeasure')}</th>
            <th scope="col">{t('colReceived')}</th>
            <th scope="col">{t('colDaysLeft')}</th>
            <th scope="col">{t('colState')}</th>
            <th scope="col">{t('colAssignee')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-case={c.id}>
              <th scope="row">
                <a href={caseHref(c.id)}>{c.protocolNumber}</a>
                {c.sealed ? <small class="d-block">{t('sealedMark')}</small> : null}
                {c.possibleDuplicate ? <small class="d-block">{t('duplicateMark')}</small> : null}
              </th>
              <td>{c.measureCode}</td>
              <td>{c.receivedAt ? formatDate(c.receivedAt, lang) : ''}</td>
              <td>
                <DaysLeft t={t} days={c.daysLeft} suspended={c.suspended} />
              </td>
              <td>{t(`status_${c.status}` as MessageKey)}</td>
              <td>{c.assigneeName ?? t('unassigned')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pager(p: { t: Translate; filters: Filters; page: number; pages: number; exact: boolean }) {
  const { t, filters, page, pages } = p;
  if (pages <= 1) return null;
  return (
    <nav class="pagination-wrapper" aria-label={t('pagesNav')}>
      <ul class="pagination">
        {page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={hrefOf(filters, page - 1)} rel="prev">
              {t('previousPage')}
            </a>
          </li>
        ) : null}
        <li class="page-item">
          <span class="page-link" aria-current="page">
            {p.exact ? t('pageOf', { page, pages }) : t('pageN', { page })}
          </span>
        </li>
        {page < pages ? (
          <li class="page-item">
            <a class="page-link" href={hrefOf(filters, page + 1)} rel="next">
              {t('nextPage')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
