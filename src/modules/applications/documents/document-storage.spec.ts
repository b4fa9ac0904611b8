import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDocumentStorage } from './document-storage.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('LocalDocumentStorage', () => {
  it('puts, gets and deletes by key, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sportello-docs-'));
    dirs.push(dir);
    const storage = new LocalDocumentStorage(dir);
    await storage.put('applications/abc/def', Buffer.from('hello'));
    expect((await storage.get('applications/abc/def'))?.toString()).toBe('hello');
    expect(await readdir(join(dir, 'applications', 'abc'))).toEqual(['def']);
    await storage.delete('applications/abc/def');
    expect(await storage.get('applications/abc/def')).toBeNull();
    await storage.delete('applications/abc/def');
  });

  it('refuses keys that could leave its folder', async () => {
    const storage = new LocalDocumentStorage(tmpdir());
    await expect(storage.put('../etc/x', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    await expect(storage.get('/abs')).rejects.toThrow(/invalid storage key/);
  });
});
