import { describe, expect, it } from '@jest/globals';
import { hostileStringPath } from './validation.js';

describe('hostileStringPath', () => {
  it('names the first string carrying a NUL or a lone surrogate, by path', () => {
    expect(hostileStringPath({ a: 'ok', b: { c: ['x', 'y\u0000'] } }, '')).toBe('b.c.1');
    expect(hostileStringPath({ name: 'Rossi\ud800' }, '')).toBe('name');
    expect(hostileStringPath({ name: '\udc00' }, '')).toBe('name');
    expect(hostileStringPath('x\u0000', 'q')).toBe('q');
  });

  it('a bad key names the object holding it', () => {
    expect(hostileStringPath({ data: { 'k\u0000': 1 } }, '')).toBe('data');
    expect(hostileStringPath({ 'k\ud800': 1 }, '')).toBe('');
  });

  it('accepts ordinary text, surrogate pairs included', () => {
    expect(hostileStringPath({ a: 'Niccolò 😀 ✓', b: [1, null, true, { c: 'ß' }] }, '')).toBeNull();
    expect(hostileStringPath(undefined, 'q')).toBeNull();
  });
});
