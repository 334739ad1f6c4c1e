import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact';

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/es', 'postgres://app:***@db:5432/es'],
    [
      'postgresql://app:p%40ss%3Aw0rd@db/es?sslmode=require',
      'postgresql://app:***@db/es?sslmode=require',
    ],
    ['postgres://db/es?user=app&password=s3cret', 'postgres://db/es?user=app&password=***'],
    ['postgres://app@db/es', 'postgres://app@db/es'],
  ])('masks the password in %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('masks credentials even when the URL does not parse', () => {
    const redacted = redactUrl('postgres://app:s3cret@db:notaport/es');
    expect(redacted).not.toContain('s3cret');
  });
});
