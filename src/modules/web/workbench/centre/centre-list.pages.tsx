import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import { formatDate } from '../../format.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { CAV } from './centre-frame.js';
import { centreMeasures, neutralName } from './centre-measures.js';
import { CENTRE_HOME, casePath, newCasePath, stepPath } from './centre-steps.js';

/**
 * The centre operator's cases (CaseReadsService.mine, as GET /applications: the cases this
 * account filed, nobody else's) with their state in plain words, and one button per measure
 * the centre files whose window is open, named by what it gives.
 */
export function centreListPages(s: PortalServices): PageRoute[] {
  const listPage = async (ctx: PageContext): Promise<PageResult> => {
    const { t, lang } = ctx;
    const principal = ctx.session!.principal!;
    const [cases, measures] = await Promise.all([s.cases.mine(principal), centreMeasures(s.catalog)]);
    return {
      html: (
        <WorkbenchLayout chrome={ctx.chrome()} title={t('centreTitle')} roles={principal.roles} section="centre">
          <h1>{t('centreTitle')}</h1>
          <p>{t('centreIntro')}</p>
          <p class="d-flex gap-3 flex-wrap">
            {measures
              .filter((m) => m.open)
              .map((m) => (
                <a key={m.slug} class="btn btn-primary" href={newCasePath(m.slug)}>
                  {t('centreNew', { unit: neutralName(m, lang, t('sealedTitle')) })}
                </a>
              ))}
          </p>
          {cases.length === 0 ? (
            <p>{t('centreEmpty')}</p>
          ) : (
            <div class="table-responsive">
              <table class="table" id="centre-cases">
                <caption class="visually-hidden">{t('centreTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('protocolColumn')}</th>
                    <th scope="col">{t('statusColumn')}</th>
                    <th scope="col">{t('centreReceived')}</th>
                    <th scope="col">{t('deadline')}</th>
                    <th scope="col">{t('centreColumnAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c) => (
                    <tr key={c.id}>
                      <td>{c.protocolNumber ?? '—'}</td>
                      <td>{t(`status_${c.status}`)}</td>
                      <td>{c.receivedAt ? formatDate(c.receivedAt, lang) : '—'}</td>
                      <td>
                        {c.deadlineDate ? formatDate(c.deadlineDate, lang) : '—'}
                        {c.suspended ? ` (${t('caseSuspended')})` : ''}
                      </td>
                      <td>
                        {c.status === ApplicationStatus.DRAFT ? (
                          <a href={stepPath(c.id, 'data')}>{t('centreContinue')}</a>
                        ) : (
                          <a href={casePath(c.id)}>{t('centreOpen', { protocol: c.protocolNumber ?? '' })}</a>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </WorkbenchLayout>
      ),
    };
  };

  return [{ method: 'GET', url: CENTRE_HOME, policy: CAV, handler: listPage }];
}
