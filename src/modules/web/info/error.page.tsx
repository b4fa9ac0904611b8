import type { VNode } from 'preact';
import { Layout, type Chrome } from '../layout/layout.js';
import type { MessageKey } from '../i18n/messages.js';

export type ErrorKind = 'forbidden' | 'notFound' | 'csrf' | 'error' | 'emailVerification' | 'passwordChange';

const TEXTS: Record<ErrorKind, [MessageKey, MessageKey]> = {
  forbidden: ['forbiddenTitle', 'forbiddenBody'],
  notFound: ['notFoundTitle', 'notFoundBody'],
  csrf: ['csrfTitle', 'csrfBody'],
  error: ['errorTitle', 'errorBody'],
  emailVerification: ['emailVerificationTitle', 'emailVerificationBody'],
  passwordChange: ['passwordChangeTitle', 'passwordChangeBody'],
};

/** 403, 404, an expired form or a failure: said plainly, with the way back. */
export function ErrorPage({ chrome, kind }: { chrome: Chrome; kind: ErrorKind }): VNode {
  const [title, body] = TEXTS[kind];
  return (
    <Layout chrome={chrome} title={chrome.t(title)}>
      <h1>{chrome.t(title)}</h1>
      <p>{chrome.t(body)}</p>
      <p>
        <a href="/">{chrome.t('backToCatalogue')}</a>
      </p>
    </Layout>
  );
}
