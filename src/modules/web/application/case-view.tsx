import type { ComponentChildren } from 'preact';
import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { ApplicationDto } from '../../applications/intake/intake.dto.js';
import type { CaseReadsService } from '../../applications/case-reads.service.js';
import { CsrfField } from '../components/form-controls.js';
import { formatDate, formatDateTime } from '../format.js';
import type { Lang } from '../i18n/lang.js';
import type { MessageKey, Translate } from '../i18n/messages.js';
import type { PageContext, PageResult } from '../page.js';

/*
 * A registered case's page as the applicant (application/case.pages.tsx) and the centre's
 * operator (workbench/centre/centre-case.pages.tsx) see it alike: its facts, its timeline and
 * its action forms, each through the API's service; the callers give addresses and texts.
 */

export type HistoryEntry = Awaited<ReturnType<CaseReadsService['history']>>[number];

/** The case's state and deadline (suspended or not), with the caller's rows in between. */
export function CaseFacts(p: { t: Translate; lang: Lang; app: ApplicationDto; children: ComponentChildren }) {
  const { t, lang, app } = p;
  return (
    <dl class="row">
      <dt class="col-sm-4">{t('statusColumn')}</dt>
      <dd class="col-sm-8" id="case-status">
        {t(`status_${app.status}`)}
      </dd>
      {p.children}
      {app.deadlineDate ? (
        <>
          <dt class="col-sm-4">{t('deadline')}</dt>
          <dd class="col-sm-8">
            {formatDate(app.deadlineDate, lang)}
            {app.suspended ? ` (${t('caseSuspended')})` : ''}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * The case's own history, oldest first; `special` names an event in its own words (then its
 * reason, which may hold what the reader must not see, is left out).
 */
export function CaseTimeline(p: {
  t: Translate;
  lang: Lang;
  history: readonly HistoryEntry[];
  special?: (h: HistoryEntry) => string | null;
}) {
  const { t, lang } = p;
  return (
    <ol id="timeline">
      {p.history.map((h, i) => {
        const special = p.special?.(h) ?? null;
        return (
          <li key={i}>
            <strong>{formatDateTime(h.at, lang)}</strong>: {special ?? t(`status_${h.to}` as MessageKey)}
            {h.reason && special === null ? <span lang="it"> – {h.reason}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

/** One action of the case as its own section and form, carrying the version it was read at. */
export function CaseActionForm(p: {
  id: string;
  title: string;
  action: string;
  csrf: string;
  version: number;
  button: string;
  primary: boolean;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${p.id}-title`} class="mt-4">
      <h2 class="h4" id={`${p.id}-title`}>
        {p.title}
      </h2>
      <form method="post" action={p.action} novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="_version" value={String(p.version)} />
        {p.children}
        <button type="submit" class={p.primary ? 'btn btn-primary' : 'btn btn-outline-primary'}>
          {p.button}
        </button>
      </form>
    </section>
  );
}

/**
 * One posted action: its text required (at most 4000 characters), then the service; its
 * refusal (stale version, not allowed now) is shown on its form, a 404 stays the not-found page.
 */
export async function runCaseAction<F extends string>(
  ctx: PageContext,
  a: {
    form: F;
    field: string;
    required: MessageKey;
    run: (text: string, version: number) => Promise<unknown>;
    page: (error: { form: F; message: string }, status: number) => Promise<PageResult>;
    done: string;
  },
): Promise<PageResult> {
  const text = (ctx.form[a.field] ?? '').trim();
  if (!text || text.length > 4000) return a.page({ form: a.form, message: ctx.t(a.required) }, 400);
  try {
    await a.run(text, Number(ctx.form._version));
  } catch (error) {
    if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
    return a.page({ form: a.form, message: error.detail[ctx.lang] }, ERROR_CATALOG[error.code].status);
  }
  return { redirect: a.done };
}
