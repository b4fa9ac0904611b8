import type { VNode } from 'preact';
import { Layout, type Chrome } from '../layout/layout.js';
import type { MessageKey } from '../i18n/messages.js';

export type ErrorKind =
  'forbidden' | 'notFound' | 'csrf' | 'error' | 'refused' | 'emailVerification' | 'passwordChange';

const TEXTS: Record<ErrorKind, [MessageKey, MessageKey]> = {
  forbidden: ['forbiddenTitle', 'forbiddenBody'],
  notFound: ['notFoundTitle', 'notFoundBody'],
  csrf: ['csrfTitle', 'csrfBody'],
  error: ['errorTitle', 'errorBody'],
  refused: ['refusedTitle', 'refusedBody'],
  emailVerification: ['emailVerificationTitle', 'emailVerificationBody'],
  passwordChange: ['passwordChangeTitle', 'passwordChangeBody'],
};

/**
 * 403, 404, an expired form, a refusal or a failure: said plainly, with the way back. A refusal
 * shows the service's own reason (`detail`, already in the visitor's language).
 */
export function ErrorPage({ chrome, kind, detail }: { chrome: Chrome; kind: ErrorKind; detail?: string }): VNode {
  const [title, body] = TEXTS[kind];
  return (
    <Layout chrome={chrome} title={chrome.t(title)}>
      <h1>{chrome.t(title)}</h1>
      <p>{chrome.t(body)}</p>
      {detail ? <p>{detail}</p> : null}
      <p>
        <a href="/">{chrome.t('backToCatalogue')}</a>
      </p>
    </Layout>
  );
}
