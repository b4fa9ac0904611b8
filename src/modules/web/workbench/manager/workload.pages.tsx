import { DUE_SOON_DAYS } from '../../../applications/workload/workload.service.js';
import type { PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { MANAGER, managerOf } from './managed-measure.js';

const nameOf = (r: { firstName: string | null; lastName: string | null }) =>
  [r.firstName, r.lastName].filter(Boolean).join(' ');

/**
 * The team's workload: per officer of the manager's territory, the open cases in charge,
 * overdue and due soon; then the overdue cases, each linking to its case page. Every count is
 * over the cases the manager may see (WorkloadService, the API's visibility rule).
 */
export function workloadPages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/lavoro/gestione/carichi',
      policy: MANAGER,
      handler: async (ctx) => {
        const { t } = ctx;
        const actor = managerOf(ctx);
        const load = await s.workload.team(actor);
        return {
          html: (
            <WorkbenchLayout
              chrome={ctx.chrome()}
              title={t('mgrWorkloadTitle')}
              roles={actor.roles}
              section="manager"
              crumbs={[{ label: t('mgrTitle'), href: '/lavoro/gestione' }, { label: t('mgrWorkloadTitle') }]}
            >
              <h1>{t('mgrWorkloadTitle')}</h1>
              <p>{t('mgrWorkloadIntro', { days: DUE_SOON_DAYS })}</p>
              <div class="table-responsive">
                <table class="table" id="team-workload">
                  <caption class="visually-hidden">{t('mgrWorkloadTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('mgrOfficer')}</th>
                      <th scope="col" class="text-end">
                        {t('mgrInCharge')}
                      </th>
                      <th scope="col" class="text-end">
                        {t('mgrOverdue')}
                      </th>
                      <th scope="col" class="text-end">
                        {t('mgrDueSoon')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {load.officers.map((o) => (
                      <tr data-officer={o.officerId ?? 'unassigned'}>
                        <th scope="row">{o.officerId ? nameOf(o) : t('mgrUnassigned')}</th>
                        <td class="text-end">{o.inCharge}</td>
                        <td class="text-end">{o.overdue}</td>
                        <td class="text-end">{o.dueSoon}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h2 class="h3 mt-5" id="overdue-title">
                {t('mgrOverdueTitle')}
              </h2>
              {load.overdue.length === 0 ? (
                <p id="overdue-empty">{t('mgrOverdueEmpty')}</p>
              ) : (
                <div class="table-responsive">
                  <table class="table" id="overdue-cases" aria-labelledby="overdue-title">
                    <thead>
                      <tr>
                        <th scope="col">{t('mgrProtocol')}</th>
                        <th scope="col">{t('mgrState')}</th>
                        <th scope="col">{t('mgrOfficer')}</th>
                        <th scope="col" class="text-end">
                          {t('mgrDaysLate')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {load.overdue.map((c) => (
                        <tr>
                          <th scope="row">
                            <a href={`/lavoro/pratiche/${c.applicationId}`}>{c.protocolNumber}</a>
                          </th>
                          <td>{t(`status_${c.status}` as 'status_DRAFT')}</td>
                          <td>{c.officerId ? nameOf(c) : t('mgrUnassigned')}</td>
                          <td class="text-end">{c.daysLate}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </WorkbenchLayout>
          ),
        };
      },
    },
  ];
}
