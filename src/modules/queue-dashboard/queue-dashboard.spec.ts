import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { selfContainedPage } from './queue-dashboard.js';

// The template Bull Board renders, from the installed version.
const template = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('@bull-board/ui/package.json')), 'dist/index.ejs'),
  'utf8',
);

describe('selfContainedPage', () => {
  const page = selfContainedPage(template, '/api/admin/queues');

  it('drops the third-party font and every inline style', () => {
    expect(template).toMatch(/fonts\.googleapis\.com/);
    expect(page).not.toMatch(/https?:\/\/|<style|\sstyle=/);
  });

  it('refers to its own files by absolute paths (the CSP makes browsers ignore <base href>)', () => {
    const refs = [...page.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((r) => !r.startsWith('<%'));
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) expect(ref).toMatch(/^\/api\/admin\/queues\/static\//);
  });

  it('keeps no executable inline script (the UI config is a JSON data block)', () => {
    expect(page).not.toMatch(/<script(?![^>]*\b(?:src=|type="application\/json"))[^>]*>/);
  });
});
