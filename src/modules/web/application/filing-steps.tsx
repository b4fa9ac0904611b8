import { randomUUID } from 'node:crypto';
import { Fragment, type ComponentChildren } from 'preact';
import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { DocumentView } from '../../applications/documents/documents.service.js';
import type { ReceiptDto } from '../../applications/intake/intake.dto.js';
import { CsrfField } from '../components/form-controls.js';
import { formatDate, formatInstant } from '../format.js';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/messages.js';
import type { PageContext, PageResult } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { SchemaFields } from '../schema-form/schema-form.js';
import type { JsonSchemaNode } from '../schema-form/field-kind.js';

/*
 * The filing steps the applicant (application/) and the centre's operator (workbench/centre/)
 * go through alike: the same forms and the same service calls, under their own addresses,
 * titles and access policies, which the callers pass in.
 */

const KEY = /^[0-9a-f-]{36}$/;

/** A draft's data form: the schema's fields, the version it was read at, "save and continue" or "save". */
export function DraftForm(p: {
  t: Translate;
  lang: Lang;
  action: string;
  csrf: string;
  version?: number;
  schema: JsonSchemaNode;
  values: Readonly<Record<string, string>>;
  errors: Record<string, string>;
}) {
  const { t, lang } = p;
  return (
    <form method="post" action={p.action} id="draft-form" novalidate>
      <CsrfField token={p.csrf} />
      {p.version !== undefined ? <input type="hidden" name="_version" value={String(p.version)} /> : null}
      <SchemaFields schema={p.schema} values={p.values} errors={p.errors} lang={lang} t={t} />
      <div class="d-flex gap-3 flex-wrap">
        <button type="submit" name="_go" value="next" class="btn btn-primary">
          {t('saveAndContinue')}
        </button>
        <button type="submit" name="_go" value="stay" class="btn btn-outline-primary">
          {t('saveDraft')}
        </button>
      </div>
    </form>
  );
}

/**
 * The summary before sending: the answers, the documents attached, the declaration and the
 * "send" form carrying a fresh idempotency key (a double click registers one case).
 */
export function FilingSummary(p: {
  t: Translate;
  lang: Lang;
  csrf: string;
  rows: readonly { label: string; value: string }[];
  uploaded: readonly DocumentView[];
  texts: { intro: string; dataHeading: string; declaration: string; send: string };
  hrefs: { data: string; documents: string; submit: string };
}) {
  const { t, lang, texts, hrefs } = p;
  return (
    <>
      <p>{texts.intro}</p>
      <h2 class="h4">{texts.dataHeading}</h2>
      <dl class="row" lang={lang === 'en' ? 'it' : undefined}>
        {p.rows.map((r) => (
          <Fragment key={r.label}>
            <dt class="col-sm-5">{r.label}</dt>
            <dd class="col-sm-7">{r.value}</dd>
          </Fragment>
        ))}
      </dl>
      <p>
        <a href={hrefs.data}>{t('editData')}</a>
      </p>
      <h2 class="h4">{t('stepDocuments')}</h2>
      {p.uploaded.length ? (
        <ul>
          {p.uploaded.map((u) => (
            <li key={u.id}>{u.fileName}</li>
          ))}
        </ul>
      ) : (
        <p>{t('noDocuments')}</p>
      )}
      <p>
        <a href={hrefs.documents}>{t('editDocuments')}</a>
      </p>
      <div class="alert alert-info" role="note">
        {texts.declaration}
      </div>
      <form method="post" action={hrefs.submit} id="submit-form" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="_key" value={randomUUID()} />
        <button type="submit" class="btn btn-primary btn-lg">
          {texts.send}
        </button>
      </form>
    </>
  );
}

/** The registered case's receipt: protocol, received, deadline, (office,) officer in charge. */
export function ReceiptDetails(p: {
  t: Translate;
  lang: Lang;
  receipt: ReceiptDto;
  officerNotYet: string;
  office: boolean;
}) {
  const { t, lang, receipt: r } = p;
  return (
    <dl class="row">
      <dt class="col-sm-4">{t('protocolColumn')}</dt>
      <dd class="col-sm-8" id="protocol-number">
        {r.protocolNumber}
      </dd>
      <dt class="col-sm-4">{t('receivedAt')}</dt>
      <dd class="col-sm-8">{formatInstant(r.receivedAt, lang)}</dd>
      <dt class="col-sm-4">{t('deadline')}</dt>
      <dd class="col-sm-8">{t('deadlineText', { date: formatDate(r.deadlineDate, lang), days: r.deadlineDays })}</dd>
      {p.office ? (
        <>
          <dt class="col-sm-4">{t('office')}</dt>
          <dd class="col-sm-8">{r.office[lang]}</dd>
        </>
      ) : null}
      <dt class="col-sm-4">{t('officer')}</dt>
      <dd class="col-sm-8">{r.officerInCharge ?? p.officerNotYet}</dd>
    </dl>
  );
}

/**
 * "Send": IntakeService.submit under the form's idempotency key (a retry under the same key
 * answers the receipt registered the first time); a refusal re-renders the summary with it.
 */
export async function submitFiling(
  s: PortalServices,
  ctx: PageContext,
  id: string,
  summaryPage: (errors: { anchor: string; message: string }[], status: number) => Promise<PageResult>,
  receiptPath: string,
): Promise<PageResult> {
  const key = ctx.form._key ?? '';
  if (!KEY.test(key)) return summaryPage([{ anchor: 'submit-form', message: ctx.t('csrfBody') }], 400);
  try {
    await s.intake.submit(ctx.session!.principal!, id, key);
  } catch (error) {
    if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
    const fields = (error.extra.errors ?? []).map((e) => ({
      anchor: 'submit-form',
      message: `${e.field.replace(/^data\./, '')}: ${e.messages.join('; ')}`,
    }));
    return summaryPage(
      [{ anchor: 'submit-form', message: error.detail[ctx.lang] }, ...fields],
      ERROR_CATALOG[error.code].status,
    );
  }
  return { redirect: receiptPath };
}

/** The receipt as a PDF, through the same read as the API's (others' cases and drafts: not found). */
export async function receiptPdfFile(s: PortalServices, ctx: PageContext, id: string): Promise<PageResult> {
  const { pdf, protocolNumber } = await s.receipts.receiptPdf(ctx.session!.principal!, id);
  return { file: pdf, type: 'application/pdf', name: `ricevuta-${protocolNumber}.pdf` };
}

/** The documents step's body: the intro with the size limit, the upload forms, "continue". */
export function FilingDocuments(p: { t: Translate; maxBytes: number; next: string; children: ComponentChildren }) {
  const { t } = p;
  return (
    <>
      <p>{t('documentsIntro', { mib: (p.maxBytes / 1_048_576).toFixed(0) })}</p>
      {p.children}
      <p>
        <a class="btn btn-primary" href={p.next}>
          {t('continue')}
        </a>
      </p>
    </>
  );
}

/** A documents or summary step's reads: the draft (null once registered), the form's token, its documents. */
export async function draftStepOf<T extends { app: { id: string } }>(
  s: PortalServices,
  ctx: PageContext,
  found: T | null,
): Promise<(T & { csrf: string; uploaded: DocumentView[] }) | null> {
  if (!found) return null;
  const csrf = (await ctx.ensureSession()).csrfToken;
  const uploaded = await s.documents.list(ctx.session!.principal!, found.app.id);
  return { ...found, csrf, uploaded };
}
