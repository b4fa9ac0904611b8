import { formatDate, formatDateTime } from '../../format.js';
import type { PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { AmountTableHead } from './amount-table-head.js';
import { BudgetChart } from './budget-chart.js';
import { MANAGER, managerMeasureBySlug, managerOf } from './managed-measure.js';
import { amountOf } from './manager-format.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * A managed measure's money: the budget (numbers and chart), the waiting list in the order the
 * scorrimento follows, and the scorrimento's history, all read through the applications
 * services (BudgetAdminService.status, the waiting-list reads).
 */
export function budgetPages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/lavoro/gestione/misure/:slug',
      policy: MANAGER,
      handler: async (ctx) => {
        const { t, lang } = ctx;
        const actor = managerOf(ctx);
        const measure = await managerMeasureBySlug(s, actor, (ctx.req.params as { slug: string }).slug);
        const [budget, waiting] = await Promise.all([
          s.waitingList.budget(actor, measure.code),
          s.waitingList.waitingList(actor, measure.code),
        ]);
        const unit = budget.status.unit;
        const money = (n: number) => amountOf(unit, n, lang, t);
        const title = measure.version.definition.title[lang];
        const pageTitle = `${t('mgrBudgetTitle')} – ${measure.sealed ? t('mgrSealedMeasure') : title}`;
        const rows: [string, string, string][] =
          budget.status.total === null
            ? []
            : [
                ['total', t('mgrTotal'), money(budget.status.total)],
                ['reserved', t('mgrReserved'), money(budget.status.reserved)],
                ['approved', t('mgrApproved'), money(budget.approved)],
                ['booked', t('mgrBooked'), money(budget.booked)],
                ['available', t('mgrAvailable'), money(budget.status.available ?? 0)],
                ['queued', t('mgrQueued'), String(budget.status.queued)],
                ['queued-demand', t('mgrQueuedDemand'), money(budget.queuedDemand)],
              ];
        return {
          html: (
            <WorkbenchLayout
              chrome={ctx.chrome()}
              title={pageTitle}
              roles={actor.roles}
              section="manager"
              crumbs={[{ label: t('mgrTitle'), href: '/lavoro/gestione' }, { label: t('mgrBudgetTitle') }]}
            >
              <h1>{title}</h1>
              <h2 class="h3" id="budget-title">
                {t('mgrBudgetTitle')}
              </h2>
              {budget.status.total === null ? (
                <p>{t('mgrNoAccount')}</p>
              ) : (
                <>
                  <BudgetChart budget={budget} lang={lang} t={t} />
                  <table class="table" id="budget-figures">
                    <caption>{t('mgrBudgetTable')}</caption>
                    <AmountTableHead t={t} columns={['mgrFigure']} />
                    <tbody>
                      {rows.map(([key, label, value]) => (
                        <tr data-figure={key}>
                          <th scope="row">{label}</th>
                          <td class="text-end">{value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p class="small">{t('mgrPaidNote')}</p>
                </>
              )}

              <h2 class="h3 mt-5" id="waiting-title">
                {t('mgrWaitingTitle')}
              </h2>
              <p>{t('mgrWaitingIntro')}</p>
              {waiting.queue.length === 0 ? (
                <p id="waiting-empty">{t('mgrWaitingEmpty')}</p>
              ) : (
                <div class="table-responsive">
                  <table class="table" id="waiting-list" aria-labelledby="waiting-title">
                    <AmountTableHead t={t} columns={['mgrPosition', 'mgrProtocol', 'mgrReceived', 'mgrState']} />
                    <tbody>
                      {waiting.queue.map((q) => (
                        <tr>
                          <td>{q.position}</td>
                          <th scope="row">
                            <a href={`/lavoro/pratiche/${q.applicationId}`}>{q.protocolNumber}</a>
                          </th>
                          <td>{formatDate(iso(q.receivedAt), lang)}</td>
                          <td>{t(`status_${q.status}` as 'status_DRAFT')}</td>
                          <td class="text-end">
                            {unit === 'units' ? money(1) : q.amount === null ? '–' : money(q.amount)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}

              <h2 class="h3 mt-5">{t('mgrScorrimentoTitle')}</h2>
              <p>{t('mgrScorrimentoIntro')}</p>
              {waiting.scorrimento.length === 0 ? (
                <p id="scorrimento-empty">{t('mgrScorrimentoEmpty')}</p>
              ) : (
                <ol id="scorrimento" reversed>
                  {waiting.scorrimento.map((step) => (
                    <li class="mb-3">
                      {step.trigger.map((m) => (
                        <p class="mb-1">
                          <strong>{formatDateTime(iso(m.at), lang)}</strong>: {t(`mgrTrigger_${m.kind as 'release'}`)}{' '}
                          {money(m.amount)}
                          {m.protocolNumber ? ` ${t('mgrTriggerCase', { protocol: m.protocolNumber })}` : ''}
                        </p>
                      ))}
                      <p class="mb-1">{t('mgrFundedCases')}:</p>
                      <ul>
                        {step.funded.map((m) => (
                          <li>
                            {m.protocolNumber ?? '–'} ({money(m.amount)})
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ol>
              )}
            </WorkbenchLayout>
          ),
        };
      },
    },
  ];
}
