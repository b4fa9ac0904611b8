import type { VNode } from 'preact';
import { Layout, type Chrome } from '../layout/layout.js';
import type { MessageKey } from '../i18n/messages.js';

const TEXTS: Record<'forbidden' | 'notFound' | 'csrf' | 'error', [MessageKey, MessageKey]> = {
  forbidden: ['forbiddenTitle', 'forbiddenBody'],
  notFound: ['notFoundTitle', 'notFoundBody'],
  csrf: ['csrfTitle', 'csrfBody'],
  error: ['errorTitle', 'errorBody'],
};

/** 403, 404, an expired form or a failure: said plainly, with the way back. */
export function ErrorPage({ chrome, kind }: { chrome: Chrome; kind: keyof typeof TEXTS }): VNode {
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
