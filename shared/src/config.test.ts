import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnvSchema, parseConfig } from './config';

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const result = parseConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 8080,
        host: '0.0.0.0',
        dataDir: './data',
        sampleIntervalMs: 5000,
        clusters: [],
      },
    });
  });

  it('caps one replay at EVENTSCOPE_REPLAY_MAX_RATE records per second (default 100,000)', () => {
    const defaults = parseConfig({});
    expect(defaults.ok && defaults.config.replayMaxRate).toBe(100_000);
    const set = parseConfig({ EVENTSCOPE_REPLAY_MAX_RATE: '500' });
    expect(set.ok && set.config.replayMaxRate).toBe(500);
  });

  it('binds 127.0.0.1 only in demo mode', () => {
    const result = parseConfig({ EVENTSCOPE_DEMO: 'true' });
    expect(result.ok && result.config.host).toBe('127.0.0.1');
  });

  it('links notifications to EVENTSCOPE_PUBLIC_URL, else to the host and port it serves', () => {
    const set = parseConfig({ EVENTSCOPE_PUBLIC_URL: 'https://ops.example.com/eventscope/' });
    expect(set.ok && set.config.publicUrl).toBe('https://ops.example.com/eventscope');
    const defaults = parseConfig({});
    expect(defaults.ok && defaults.config.publicUrl).toBe('http://localhost:8080');
    const bound = parseConfig({ EVENTSCOPE_HOST: '10.0.0.5', EVENTSCOPE_PORT: '9000' });
    expect(bound.ok && bound.config.publicUrl).toBe('http://10.0.0.5:9000');
    const bad = parseConfig({ EVENTSCOPE_PUBLIC_URL: 'https://user:pw@example.com' });
    expect(bad.ok ? '' : bad.message).toMatch(/^EVENTSCOPE_PUBLIC_URL /);
  });

  it('reads one cluster from KAFKA_BROKERS', () => {
    const result = parseConfig({ KAFKA_BROKERS: 'a:9092, b.example:19092', KAFKA_CLUSTER: 'prod' });
    expect(result.ok && result.config.clusters).toEqual([
      expect.objectContaining({ id: 'prod', brokers: ['a:9092', 'b.example:19092'], ssl: false }),
    ]);
  });

  it.each([
    [{ EVENTSCOPE_PORT: 'abc' }, /^EVENTSCOPE_PORT /],
    [{ EVENTSCOPE_PORT: '70000' }, /^EVENTSCOPE_PORT /],
    [{ KAFKA_BROKERS: 'garbage' }, /^KAFKA_BROKERS "garbage" is not host:port$/],
    [{ KAFKA_BROKERS: 'host:99999' }, /^KAFKA_BROKERS /],
    [{ KAFKA_BROKERS: ' , ' }, /^KAFKA_BROKERS is empty/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL /],
    [{ EVENTSCOPE_SAMPLE_INTERVAL_MS: '0' }, /^EVENTSCOPE_SAMPLE_INTERVAL_MS /],
    [{ EVENTSCOPE_ADMIN_TOKEN: 'short' }, /^EVENTSCOPE_ADMIN_TOKEN /],
    [
      { KAFKA_SASL_MECHANISM: 'plain' },
      /KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    ],
    [{ KAFKA_CLUSTER: 'has space' }, /^KAFKA_CLUSTER /],
    [{ EVENTSCOPE_REPLAY_MAX_RATE: '0' }, /^EVENTSCOPE_REPLAY_MAX_RATE /],
    [{ EVENTSCOPE_REPLAY_MAX_RATE: '2000000' }, /^EVENTSCOPE_REPLAY_MAX_RATE must be at most/],
    [{ EVENTSCOPE_MASKING: '{not json' }, /^EVENTSCOPE_MASKING is not valid JSON$/],
    [
      { EVENTSCOPE_MASKING: '{"rules":[{"kind":"regex","pattern":"("}]}' },
      /^EVENTSCOPE_MASKING rules\.0\.pattern: /,
    ],
  ])('rejects %o with one line naming the setting', (env, pattern) => {
    const result = parseConfig(env);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(pattern);
      expect(result.message).not.toContain('\n');
    }
  });

  it('never echoes a SASL password in its messages', () => {
    const result = parseConfig({ KAFKA_SASL_PASSWORD: 's3cret-value', KAFKA_SASL_USERNAME: 'u' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('s3cret-value');
  });
});

describe('parseConfig under fuzzing', () => {
  const keys = Object.keys(EnvSchema.shape);
  it('never throws, and a refusal is always one line naming a setting', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...keys),
          fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-z:.,\-/@{}[\]"]{0,40}$/)),
        ),
        (env) => {
          const result = parseConfig(env);
          if (!result.ok) {
            expect(result.message).not.toContain('\n');
            expect(keys.some((k) => result.message.includes(k))).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
