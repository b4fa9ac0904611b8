import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AccessPolicy } from '../../common/access/access-policy.js';
import type { Lang } from './i18n/lang.js';
import type { Translate } from './i18n/messages.js';
import type { Chrome } from './layout/layout.js';
import type { WebSession } from './sessions/web-session.service.js';

/** What a page handler gets: the request, the visitor's language and session, the form. */
export interface PageContext {
  req: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  t: Translate;
  session: WebSession | null;
  /** The visitor's previous session ended (idle, logout elsewhere, password change...). */
  sessionEnded: boolean;
  /** Form fields of a POST (urlencoded), strings only. */
  form: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  /** The file of a multipart POST (a document upload), read within the document size bound. */
  upload: { name: string; bytes: Buffer } | null;
  /** The multipart POST's file exceeded the document size bound (its other fields were read). */
  uploadTooLarge: boolean;
  /** The session, created anonymous if the visitor has none (a form needs its CSRF token). */
  ensureSession(): Promise<WebSession>;
  /** Replaces the session (login, logout) and its cookie. */
  setSession(session: WebSession | null, cookie: string | null): void;
  chrome(): Chrome;
}

export type PageResult =
  | { html: VNode; status?: number }
  | { redirect: string }
  /**
   * A download (the receipt PDF): sent as an attachment, never cached (the global no-store).
   * `inline`: shown inside this origin's pages (a document beside the case's data).
   */
  | { file: Buffer; type: string; name: string; inline?: true };

/**
 * One page of the portal. Every page declares who may use it with the API's own policy type:
 * public, or the roles allowed (APPLICANT for the personal area, staff roles for the
 * workbench). mountPortal refuses to start with a page that lacks one (fail closed).
 */
export interface PageRoute {
  method: 'GET' | 'POST';
  url: string;
  policy: AccessPolicy;
  /** The page takes a file (multipart/form-data); other pages never read one. */
  multipart?: true;
  handler: (ctx: PageContext) => Promise<PageResult>;
}
