import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

const valid = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
  JWT_ACCESS_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ ...valid, HTTP_PORT: '8080' });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.JWT_ACCESS_TTL_SECONDS).toBe(900);
  });

  it('serves the OpenAPI document and Swagger UI by default except in production', () => {
    expect(loadConfig(valid).OPENAPI_PUBLIC).toBe(true);
    expect(loadConfig({ ...valid, NODE_ENV: 'test' }).OPENAPI_PUBLIC).toBe(true);
    const production = { ...valid, NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: 'k'.repeat(32) };
    expect(loadConfig(production).OPENAPI_PUBLIC).toBe(false);
    expect(loadConfig({ ...production, OPENAPI_PUBLIC: 'true' }).OPENAPI_PUBLIC).toBe(true);
    expect(loadConfig({ ...valid, OPENAPI_PUBLIC: 'false' }).OPENAPI_PUBLIC).toBe(false);
    expect(() => loadConfig({ ...valid, OPENAPI_PUBLIC: 'maybe' })).toThrow(/OPENAPI_PUBLIC/);
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({ JWT_ACCESS_SECRET: 'x'.repeat(32) })).toThrow(/DATABASE_URL is required/);
  });

  it('names a malformed variable', () => {
    try {
      loadConfig({ ...valid, HTTP_PORT: 'eighty', REDIS_URL: 'http://nope' });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).problems.join('\n');
      expect(text).toMatch(/HTTP_PORT/);
      expect(text).toMatch(/REDIS_URL/);
    }
  });

  it('rejects a short JWT secret', () => {
    expect(() => loadConfig({ ...valid, JWT_ACCESS_SECRET: 'short' })).toThrow(/JWT_ACCESS_SECRET must be at least 32/);
  });

  it('requires AUDIT_PSEUDONYM_KEY in production only', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(/AUDIT_PSEUDONYM_KEY must be at least 32/);
    expect(
      loadConfig({ ...valid, NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: 'k'.repeat(32) }).AUDIT_PSEUDONYM_KEY,
    ).toHaveLength(32);
    expect(loadConfig(valid).AUDIT_PSEUDONYM_KEY).toBe('');
  });
});
