import type { PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { budgetPages } from './budget.pages.js';
import { MANAGER, managerMeasures, managerOf } from './managed-measure.js';
import { rankingPages } from './ranking.pages.js';
import { workloadPages } from './workload.pages.js';

/** The manager's section of the workbench: the measures, their money and graduatoria, the team. */
export function managerPages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/lavoro/gestione',
      policy: MANAGER,
      handler: async (ctx) => {
        const { t } = ctx;
        const actor = managerOf(ctx);
        const measures = await managerMeasures(s, actor);
        return {
          html: (
            <WorkbenchLayout chrome={ctx.chrome()} title={t('mgrTitle')} roles={actor.roles} section="manager">
              <h1>{t('mgrTitle')}</h1>
              <p>{t('mgrIntro')}</p>
              {measures.length === 0 ? (
                <p id="no-measures">{t('mgrNoMeasures')}</p>
              ) : (
                <div class="table-responsive">
                  <table class="table" id="managed-measures">
                    <caption class="visually-hidden">{t('mgrTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('mgrMeasureColumn')}</th>
                        <th scope="col">{t('mgrProcedureColumn')}</th>
                        <th scope="col">{t('mgrViewsColumn')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {measures.map((m) => {
                        const type = m.version.definition.procedure.type;
                        return (
                          <tr>
                            <th scope="row">
                              {m.version.definition.title[ctx.lang]}
                              {m.sealed ? <span class="badge bg-secondary ms-2">{t('mgrSealedMeasure')}</span> : null}
                            </th>
                            <td>{t(`mgrProcedure_${type}`)}</td>
                            <td>
                              <ul class="list-unstyled mb-0">
                                <li>
                                  <a href={`/lavoro/gestione/misure/${m.slug}`}>{t('mgrBudgetLink')}</a>
                                </li>
                                {type === 'graduatoria' ? (
                                  <li>
                                    <a href={`/lavoro/gestione/misure/${m.slug}/graduatoria`}>{t('mgrRankingLink')}</a>
                                  </li>
                                ) : null}
                              </ul>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <p>
                <a href="/lavoro/gestione/carichi">{t('mgrWorkloadLink')}</a>
              </p>
            </WorkbenchLayout>
          ),
        };
      },
    },
    ...budgetPages(s),
    ...rankingPages(s),
    ...workloadPages(s),
  ];
}
