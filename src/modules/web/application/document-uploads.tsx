import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { RequiredDocument } from '../../measures/domain/measure-definition.js';
import type { DocumentView } from '../../applications/documents/documents.service.js';
import { CsrfField } from '../components/form-controls.js';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/messages.js';
import type { PageContext } from '../page.js';
import type { PortalServices } from '../portal-services.js';

/** The served script that adds drag and drop to the file inputs below (layout/assets.ts UPLOAD_JS). */
export const UPLOAD_SCRIPT = '/assets/portal/upload.js';

export interface UploadRefusal {
  doc: string;
  message: string;
  status: number;
}

const typesOf = (d: RequiredDocument) => d.mediaTypes.map((m) => m.split('/')[1].toUpperCase()).join(', ');

/**
 * One form per required document: a plain file input posted as multipart/form-data (no script
 * needed), with what is already attached. The token and the document id come before the file,
 * so a file over the limit still leaves a checked form. The data-* attributes give upload.js
 * the limits and the texts of its drop zone; the input stays what a person without script uses.
 */
export function DocumentUploads(p: {
  t: Translate;
  lang: Lang;
  action: string;
  csrf: string;
  documents: readonly RequiredDocument[];
  uploaded: readonly DocumentView[];
  error: Omit<UploadRefusal, 'status'> | null;
  maxBytes: number;
  /** The documents' heading level: under the page's h1, or under a section's h2. */
  level: 2 | 3;
  /**
   * Where a document's name may say what the measure is about (the centre's cases), the heading
   * is a number and the name is the input's label; the drop zone is then left out too.
   */
  neutral?: boolean;
}) {
  const { t, lang, error } = p;
  const Heading = p.level === 2 ? 'h2' : 'h3';
  const mib = (p.maxBytes / 1_048_576).toFixed(0);
  return (
    <>
      {p.documents.map((d, i) => {
        const mine = p.uploaded.filter((u) => u.requiredDocumentId === d.id);
        const inputId = `f-file-${d.id}`;
        const invalid = error?.doc === d.id;
        return (
          <section key={d.id} class="mb-4" aria-labelledby={`doc-${d.id}`}>
            <Heading class="h5" id={`doc-${d.id}`}>
              {p.neutral ? t('centreDocument', { n: i + 1 }) : d.name[lang]}
              {d.when ? ` (${t('documentConditional')})` : ''}
            </Heading>
            {mine.length ? (
              <ul>
                {mine.map((u) => (
                  <li key={u.id}>{t('documentUploaded', { name: u.fileName, kb: Math.ceil(u.size / 1024) })}</li>
                ))}
              </ul>
            ) : (
              <p>{t('documentMissing')}</p>
            )}
            <form method="post" action={p.action} enctype="multipart/form-data" novalidate>
              <CsrfField token={p.csrf} />
              <input type="hidden" name="requiredDocumentId" value={d.id} />
              <div class="form-group">
                <label htmlFor={inputId} class="active">
                  {p.neutral ? d.name[lang] : t('chooseFile')}
                </label>
                <input
                  id={inputId}
                  name="file"
                  type="file"
                  class={invalid ? 'form-control is-invalid' : 'form-control'}
                  accept={d.mediaTypes.join(',')}
                  aria-describedby={invalid ? `${inputId}-error ${inputId}-hint` : `${inputId}-hint`}
                  aria-invalid={invalid ? 'true' : undefined}
                  {...(p.neutral
                    ? {}
                    : {
                        'data-dropzone': t('dropHere'),
                        'data-max-bytes': String(p.maxBytes),
                        'data-error-one': t('dropOne'),
                        'data-error-type': t('dropType', { types: typesOf(d) }),
                        'data-error-size': t('dropSize', { mib }),
                      })}
                />
                <small id={`${inputId}-hint`} class="form-text">
                  {t('fileHint', { types: typesOf(d), mib })}
                </small>
                {invalid ? (
                  <div id={`${inputId}-error`} class="invalid-feedback d-block">
                    {error.message}
                  </div>
                ) : null}
              </div>
              <button type="submit" class="btn btn-outline-primary">
                {t('uploadButton')}
              </button>
            </form>
          </section>
        );
      })}
    </>
  );
}

/**
 * A posted document to DocumentsService.upload (the API's own checks: owner, state, required
 * document, type recognised from the content); null when stored, else what to show on its input.
 */
export async function receiveUpload(s: PortalServices, ctx: PageContext, id: string): Promise<UploadRefusal | null> {
  const { t } = ctx;
  const doc = ctx.form.requiredDocumentId ?? '';
  if (ctx.uploadTooLarge) {
    return {
      doc,
      message: t('fileTooLarge', { mib: (s.appConfig.DOCUMENT_MAX_BYTES / 1_048_576).toFixed(0) }),
      status: 413,
    };
  }
  if (!ctx.upload || ctx.upload.bytes.length === 0) return { doc, message: t('fileMissing'), status: 400 };
  try {
    await s.documents.upload(ctx.session!.principal!, id, doc, ctx.upload.name, ctx.upload.bytes);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
    return { doc, message: error.detail[ctx.lang], status: ERROR_CATALOG[error.code].status };
  }
}
