import { describe, expect, it } from '@jest/globals';
import { DOCS_HTML } from './api-docs.js';

describe('the Swagger UI page', () => {
  it('has no inline script, style or event handler: it runs under script-src/style-src self', () => {
    expect(DOCS_HTML).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(DOCS_HTML).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    const refs = [...DOCS_HTML.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(ref).toMatch(/^\/api\/docs\//);
  });
});
