import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** A whole document: Preact escapes every text and attribute it is given. */
export const renderDocument = (page: VNode): string => `<!DOCTYPE html>${render(page)}`;

/**
 * The pages' policy, no looser than the API's global one: only this origin's scripts, styles,
 * fonts and forms; data: images and fonts, which Bootstrap Italia's stylesheet embeds (form
 * controls' SVG icons, an icon font).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A file shown inside a page (a case's PDF or image, never HTML: its type is sniffed from the
 * content and nosniff is set): framed by this origin only, nothing loaded but itself.
 */
export const INLINE_FILE_CSP = [
  "default-src 'none'",
  "img-src 'self'",
  "object-src 'self'",
  "style-src 'unsafe-inline'",
  "frame-ancestors 'self'",
].join('; ');
