import type { Translate } from '../../i18n/messages.js';
import { ACTION_SPECS, titleKey } from './action-specs.js';

/**
 * The success notice an action page leads to: the case page (`/lavoro/pratiche/:id`) passes its
 * `fatto` query flag here (an action's URL segment, no personal data) and shows what this returns.
 */
export function ActionDoneNotice({ done, t }: { done: string | undefined; t: Translate }) {
  const spec = ACTION_SPECS.find((a) => a.slug === done);
  if (!spec) return null;
  return (
    <div class="alert alert-success" role="status" id="action-done">
      {t('actionDone', { action: t(titleKey(spec.action)) })}
    </div>
  );
}
