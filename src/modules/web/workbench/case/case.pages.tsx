import { AppError } from '../../../../common/errors/app-error.js';
import type { ApplicationDto, EligibilitySnapshotDto } from '../../../applications/intake/intake.dto.js';
import type { DocumentView } from '../../../applications/documents/documents.service.js';
import type { CaseFile } from '../../../applications/queue/case-file.service.js';
import type { RuleEvaluation } from '../../../measures/domain/evaluate-eligibility.js';
import { summaryRows } from '../../application/submission.pages.js';
import { formatDate, formatDateTime, formatInstant } from '../../format.js';
import type { Lang } from '../../i18n/lang.js';
import type { MessageKey, Translate } from '../../i18n/messages.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { DaysLeft } from '../queue/days-left.js';
import { caseHref, QUEUE_POLICY } from '../queue/queue.pages.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { CaseActions } from './case-actions.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const notFound = () => new AppError('NOT_FOUND', { it: 'Pratica non trovata', en: 'Case not found' });
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
const RESULT_CLASS = { pass: 'portal-rule-pass', fail: 'portal-rule-fail', review: 'portal-rule-review' } as const;

const money = (cents: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** A fact's value as read by a rule, in plain text. */
const factText = (v: unknown, t: Translate) =>
  v === null || v === undefined ? t('wbNotProvided') : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * The case page (`/lavoro/pratiche/:id`): every part read through the API's own services —
 * CaseReadsService (the case, its eligibility snapshots, its history, the sealed access
 * record), DocumentsService (the documents listed; one shown inline when asked, `?documento=<id>`,
 * each read recorded for a sealed case) and CaseFileService (budget position, notifications sent). A
 * case the caller may not see, or a draft, is the not-found page.
 */
export function workbenchCasePages(s: PortalServices): PageRoute[] {
  const idOf = (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw notFound();
    return id;
  };

  const page = async (ctx: PageContext): Promise<PageResult> => {
    const { t, lang } = ctx;
    const principal = ctx.session!.principal!;
    const id = idOf(ctx);
    // The case first: it answers not found for a case the caller may not see, before any other read.
    const app = await s.cases.get(principal, id);
    const [history, documents, file, access] = await Promise.all([
      s.cases.history(principal, id),
      s.documents.list(principal, id),
      s.caseFile.file(principal, id),
      app.sealed ? s.cases.accessLog(principal, id) : Promise.resolve([]),
    ]);
    const { budget, notifications, definition } = file;
    const declared = definition ? summaryRows(definition.formSchema, app.data, lang, t) : [];
    const titles = new Map((definition?.requiredDocuments ?? []).map((d) => [d.id, d.name[lang]]));
    const nameOf = (d: DocumentView) => `${titles.get(d.requiredDocumentId) ?? d.requiredDocumentId} (${d.fileName})`;
    // One document at a time, when asked: each fetch is a recorded read of a sealed case, so the
    // page itself fetches none and the access log tells which documents were opened.
    const asked = ctx.query.documento;
    const shown = asked ? documents.find((d) => d.id === asked) : undefined;
    if (asked && !shown) throw notFound();
    const timeline = [
      ...history.map((h) => ({
        at: h.at,
        text: `${t('wbTransition', { from: h.from ? t(`status_${h.from}` as MessageKey) : '–', to: t(`status_${h.to}` as MessageKey) })} ${t('wbBy', { role: h.actorRole })}`,
        detail: h.reason,
      })),
      ...notifications.map((n) => ({
        at: n.sentAt ?? n.createdAt,
        text: t('wbNotification', {
          template: n.template,
          state: t(`notification_${n.state}` as MessageKey),
        }),
        detail: n.sentChannel,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    const protocol = app.protocolNumber ?? '';
    return {
      html: (
        <WorkbenchLayout
          chrome={ctx.chrome()}
          title={t('wbCaseTitle', { protocol })}
          roles={principal.roles}
          section="queue"
          crumbs={[{ label: t('queueTitle'), href: '/lavoro' }, { label: protocol }]}
        >
          <h1>{t('wbCaseTitle', { protocol })}</h1>
          <CaseHeader t={t} lang={lang} app={app} me={principal.id} suspension={file.suspension} />
          <CaseActions t={t} caseId={app.id} actions={app.allowedActions} />
          <div class="row">
            <section class="col-lg-6" aria-labelledby="declared-title">
              <h2 class="h4" id="declared-title">
                {t('wbDeclared')}
              </h2>
              <dl id="declared-data">
                {declared.map((r) => (
                  <>
                    <dt lang="it">{r.label}</dt>
                    <dd>{r.value}</dd>
                  </>
                ))}
              </dl>
            </section>
            <section class="col-lg-6" aria-labelledby="documents-title">
              <h2 class="h4" id="documents-title">
                {t('wbDocuments')}
              </h2>
              {documents.length === 0 ? <p>{t('wbNoDocuments')}</p> : null}
              <ul id="document-list">
                {documents.map((d) => (
                  <li key={d.id} data-document={d.id}>
                    {d.id === shown?.id ? (
                      <span aria-current="true">{nameOf(d)}</span>
                    ) : (
                      <a href={`${caseHref(app.id)}?documento=${d.id}#documents-title`}>
                        {t('wbShowDocument', { name: nameOf(d) })}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
              {shown ? (
                <ShownDocument
                  t={t}
                  src={`${caseHref(app.id)}/documenti/${shown.id}`}
                  doc={shown}
                  name={nameOf(shown)}
                />
              ) : null}
            </section>
          </div>
          <Eligibility t={t} lang={lang} snapshots={app.eligibilitySnapshots ?? []} />
          <section aria-labelledby="budget-title" class="mb-4">
            <h2 class="h4" id="budget-title">
              {t('wbBudget')}
            </h2>
            <p id="budget-position">
              {budget.funding === 'queued'
                ? budget.queuePosition === null
                  ? t('wbQueuedOnly')
                  : t('wbQueued', { position: budget.queuePosition, length: budget.queueLength ?? 0 })
                : budget.funding === 'reserved'
                  ? t('wbBooked', { amount: money(budget.reservedCents, lang) })
                  : t('wbNoBooking')}
            </p>
          </section>
          {app.possibleDuplicates?.length ? (
            <section aria-labelledby="dups-title" class="mb-4">
              <h2 class="h4" id="dups-title">
                {t('wbDuplicates')}
              </h2>
              <ul>
                {app.possibleDuplicates.map((d) => (
                  <li key={d.id}>
                    <a href={caseHref(d.id)}>{d.protocolNumber}</a> – {t(`status_${d.status}` as MessageKey)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="timeline-title" class="mb-4">
            <h2 class="h4" id="timeline-title">
              {t('wbTimeline')}
            </h2>
            <ol id="case-timeline">
              {timeline.map((e, i) => (
                <li key={i}>
                  <strong>{formatDateTime(e.at, lang)}</strong>: {e.text}
                  {e.detail ? <span lang="it"> – {e.detail}</span> : null}
                </li>
              ))}
            </ol>
          </section>
          {app.sealed ? (
            <section aria-labelledby="access-title" class="mb-4">
              <h2 class="h4" id="access-title">
                {t('wbAccessLog')}
              </h2>
              <p>{t('wbAccessIntro')}</p>
              <table class="table" id="access-log">
                <caption class="visually-hidden">{t('wbAccessLog')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('wbAccessWhen')}</th>
                    <th scope="col">{t('wbAccessWho')}</th>
                    <th scope="col">{t('wbAccessWhat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {access.map((r, i) => (
                    <tr key={i}>
                      <td>{formatInstant(r.at, lang)}</td>
                      <td>{r.actorRole}</td>
                      <td>{r.action}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </WorkbenchLayout>
      ),
    };
  };

  /** A document shown in the page (inline) or downloaded: DocumentsService.download, which records a sealed read. */
  const document = async (ctx: PageContext): Promise<PageResult> => {
    const principal = ctx.session!.principal!;
    const id = idOf(ctx);
    const documentId = (ctx.req.params as { documentId: string }).documentId;
    if (!UUID.test(documentId)) throw notFound();
    const { document: d, bytes } = await s.documents.download(principal, id, documentId);
    const inline = !ctx.query.scarica && INLINE_TYPES.has(d.mediaType);
    return { file: bytes, type: d.mediaType, name: d.fileName, inline: inline || undefined };
  };

  return [
    { method: 'GET', url: '/lavoro/pratiche/:id', policy: QUEUE_POLICY, handler: page },
    { method: 'GET', url: '/lavoro/pratiche/:id/documenti/:documentId', policy: QUEUE_POLICY, handler: document },
  ];
}

/** The one document asked for, inline (PDF in a frame, an image as such), with its download link. */
function ShownDocument({ t, src, doc, name }: { t: Translate; src: string; doc: DocumentView; name: string }) {
  return (
    <figure class="mb-4" id="shown-document" data-document={doc.id}>
      {doc.mediaType === 'application/pdf' ? (
        <iframe src={src} title={t('wbDocumentOf', { name })} class="w-100 border" height="480" />
      ) : INLINE_TYPES.has(doc.mediaType) ? (
        <img src={src} alt={t('wbDocumentOf', { name })} class="img-fluid border" />
      ) : null}
      <figcaption>
        {name} ·{' '}
        <a href={`${src}?scarica=1`} download>
          {t('wbDownload', { name: doc.fileName })}
        </a>
      </figcaption>
    </figure>
  );
}

function CaseHeader(p: {
  t: Translate;
  lang: Lang;
  app: ApplicationDto;
  me: string;
  suspension: CaseFile['suspension'];
}) {
  const { t, lang, app, me, suspension } = p;
  return (
    <dl class="row" id="case-header">
      <dt class="col-sm-4">{t('wbMeasure')}</dt>
      <dd class="col-sm-8">{app.measureCode}</dd>
      <dt class="col-sm-4">{t('statusColumn')}</dt>
      <dd class="col-sm-8" id="case-state">
        {t(`status_${app.status}` as MessageKey)}
      </dd>
      <dt class="col-sm-4">{t('wbReceivedAt')}</dt>
      <dd class="col-sm-8">{app.receivedAt ? formatInstant(app.receivedAt, lang) : ''}</dd>
      <dt class="col-sm-4">{t('wbDeadline')}</dt>
      <dd class="col-sm-8">
        {app.deadlineDate ? formatDate(app.deadlineDate, lang) : ''}{' '}
        <DaysLeft t={t} days={app.daysLeft} suspended={app.suspended} />
      </dd>
      <dt class="col-sm-4">{t('wbSuspensions')}</dt>
      <dd class="col-sm-8">
        {suspension.days === 0 && !suspension.since
          ? t('wbNoSuspension')
          : [
              suspension.days ? t('wbSuspendedDays', { days: suspension.days }) : null,
              suspension.since ? t('wbSuspendedSince', { date: formatDate(suspension.since, lang) }) : null,
            ]
              .filter(Boolean)
              .join(', ')}
      </dd>
      <dt class="col-sm-4">{t('wbAssignee')}</dt>
      <dd class="col-sm-8">
        {app.assignedOperatorId === null
          ? t('unassigned')
          : app.assignedOperatorId === me
            ? t('wbAssignedToMe')
            : t('wbAssignedOther')}
      </dd>
    </dl>
  );
}

function Eligibility({
  t,
  lang,
  snapshots,
}: {
  t: Translate;
  lang: Lang;
  snapshots: readonly EligibilitySnapshotDto[];
}) {
  const latest = snapshots.at(-1);
  return (
    <section aria-labelledby="eligibility-title" class="mb-4">
      <h2 class="h4" id="eligibility-title">
        {t('wbEligibility')}
      </h2>
      {!latest ? <p>{t('wbNoEligibility')}</p> : null}
      {latest ? (
        <>
          <p id="eligibility-outcome">
            <strong>{t('wbOutcome', { outcome: t(`staffOutcome_${latest.outcome}` as MessageKey) })}</strong>
          </p>
          <ul class="list-unstyled" id="eligibility-rules">
            {(latest.rules as RuleEvaluation[]).map((r) => (
              <li key={r.id} class={`ps-3 mb-3 ${RESULT_CLASS[r.result]}`} data-rule={r.id}>
                <p class="mb-1">
                  <strong>{t(`rule_${r.result}` as MessageKey)}</strong>: {r.text[lang]}
                </p>
                <p class="mb-0 small">
                  {t('wbInputs')}:{' '}
                  {Object.entries(r.inputs)
                    .map(([k, v]) => `${k} = ${factText(v, t)}`)
                    .join('; ') || '–'}
                  {r.missing?.length ? ` (${t('wbMissing', { facts: r.missing.join(', ') })})` : ''}
                </p>
              </li>
            ))}
          </ul>
          <h3 class="h5">{t('wbSnapshots')}</h3>
          <ol id="eligibility-snapshots">
            {snapshots.map((sn, i) => (
              <li key={i}>
                {formatDateTime(sn.evaluatedAt, lang)}: {t(`snapshot_${sn.cause}` as MessageKey)} –{' '}
                {t(`staffOutcome_${sn.outcome}` as MessageKey)} (
                {t('wbRulesHash', { hash: sn.ruleVersionHash.slice(0, 12) })})
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
