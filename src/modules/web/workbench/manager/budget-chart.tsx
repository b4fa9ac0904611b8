import type { Lang } from '../../i18n/lang.js';
import type { Translate } from '../../i18n/messages.js';
import type { ManagerBudget } from '../../../applications/budget/waiting-list.service.js';
import { amountOf } from './manager-format.js';

/** Colours with at least 3:1 against white (WCAG 1.4.11), the available part outlined. */
const COLOURS = { approved: '#00664d', booked: '#0059b3', available: '#f2f4f7', queue: '#995c00', outline: '#5c6f82' };
const WIDTH = 600;

/**
 * The budget as two bars drawn on the server (SVG attributes, no style and no script, so the
 * page's CSP holds): the budget split into approved, booked and available, and under it what
 * the waiting list asks, on the same scale. The same figures are in the table beside it; the
 * chart's description says them in words.
 */
export function BudgetChart({ budget, lang, t }: { budget: ManagerBudget; lang: Lang; t: Translate }) {
  const unit = budget.status.unit;
  const total = budget.status.total ?? 0;
  const available = Math.max(0, budget.status.available ?? 0);
  const scale = Math.max(total, budget.queuedDemand, 1);
  const w = (amount: number) => Math.round((Math.max(0, amount) / scale) * WIDTH);
  const parts = [
    { key: 'approved', amount: budget.approved, fill: COLOURS.approved, label: t('mgrApproved') },
    { key: 'booked', amount: budget.booked, fill: COLOURS.booked, label: t('mgrBooked') },
    { key: 'available', amount: available, fill: COLOURS.available, label: t('mgrAvailable') },
  ];
  let x = 0;
  const segments = parts.map((p) => {
    const segment = { ...p, x, width: w(p.amount) };
    x += segment.width;
    return segment;
  });
  const money = (n: number) => amountOf(unit, n, lang, t);
  return (
    <figure class="mb-4">
      <svg
        viewBox={`0 0 ${WIDTH + 2} 150`}
        width="100%"
        role="img"
        aria-labelledby="budget-chart-title budget-chart-desc"
        id="budget-chart"
      >
        <title id="budget-chart-title">{t('mgrBudgetChart')}</title>
        <desc id="budget-chart-desc">
          {t('mgrBudgetChartDesc', {
            approved: money(budget.approved),
            booked: money(budget.booked),
            available: money(available),
            queued: money(budget.queuedDemand),
            count: budget.status.queued,
          })}
        </desc>
        <text x="1" y="14" font-size="14" fill="#1a1a1a">
          {t('mgrBarTotal')}: {money(total)}
        </text>
        <rect x="1" y="22" width={w(total)} height="40" fill={COLOURS.available} stroke={COLOURS.outline} />
        {segments.map((s) =>
          s.width > 0 ? (
            <rect
              data-part={s.key}
              x={1 + s.x}
              y="22"
              width={s.width}
              height="40"
              fill={s.fill}
              stroke={COLOURS.outline}
            />
          ) : null,
        )}
        <text x="1" y="92" font-size="14" fill="#1a1a1a">
          {t('mgrBarQueue')}: {money(budget.queuedDemand)}
        </text>
        <rect x="1" y="100" width={WIDTH} height="40" fill="none" stroke={COLOURS.outline} stroke-dasharray="4 3" />
        {budget.queuedDemand > 0 ? (
          <rect data-part="queue" x="1" y="100" width={w(budget.queuedDemand)} height="40" fill={COLOURS.queue} />
        ) : null}
      </svg>
      <figcaption>
        <ul class="list-inline mt-2 mb-0">
          {[...parts, { key: 'queue', fill: COLOURS.queue, label: t('mgrQueuedDemand') }].map((p) => (
            <li class="list-inline-item me-3">
              <svg width="14" height="14" aria-hidden="true" focusable="false">
                <rect width="14" height="14" fill={p.fill} stroke={COLOURS.outline} />
              </svg>{' '}
              {p.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
