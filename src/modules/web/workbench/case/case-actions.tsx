import { OWNER_ACTIONS, type CaseAction } from '../../../applications/domain/allowed-actions.js';
import type { MessageKey, Translate } from '../../i18n/messages.js';

/** An action's page: `/lavoro/pratiche/:id/azioni/<action, kebab-cased>` (e.g. take-in-charge). */
export const actionHref = (caseId: string, action: CaseAction) =>
  `/lavoro/pratiche/${caseId}/azioni/${action.replaceAll('_', '-')}`;

/** The staff actions of a case's allowedActions (the applicant's own are never offered here), one link each. */
export function CaseActions({ t, caseId, actions }: { t: Translate; caseId: string; actions: readonly CaseAction[] }) {
  const staff = actions.filter((a) => !OWNER_ACTIONS.has(a));
  return (
    <nav aria-labelledby="actions-title" class="mb-4" id="case-actions">
      <h2 class="h4" id="actions-title">
        {t('wbActions')}
      </h2>
      {staff.length ? (
        <ul class="list-inline">
          {staff.map((a) => (
            <li class="list-inline-item mb-2" key={a}>
              <a class="btn btn-primary" href={actionHref(caseId, a)} data-action={a}>
                {t(`action_${a}` as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('wbNoActions')}</p>
      )}
    </nav>
  );
}
