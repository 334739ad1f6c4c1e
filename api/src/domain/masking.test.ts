import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultMaskingConfig, MaskingConfigSchema } from '@eventscope/shared';
import { createMasker } from './masking';

const masker = createMasker(
  MaskingConfigSchema.parse({
    replacement: '***',
    rules: [
      { kind: 'jsonPath', path: '$.card.number' },
      { kind: 'jsonPath', path: '$..password' },
      { kind: 'jsonPath', path: '$.items[*].iban' },
      { kind: 'header', name: 'X-Api-Key' },
      { kind: 'regex', pattern: '[\\w.]+@[\\w.]+', flags: 'i' },
    ],
  }),
);

describe('createMasker', () => {
  it('masks JSON paths, recursive keys and array members', () => {
    const payload = {
      card: { number: '4111111111111111', expiry: '12/29' },
      user: { login: { password: 'hunter2' } },
      items: [
        { iban: 'DE89 3704', qty: 1 },
        { iban: 'FR76 3000', qty: 2 },
      ],
    };
    expect(masker.maskJson(payload)).toEqual({
      card: { number: '***', expiry: '12/29' },
      user: { login: { password: '***' } },
      items: [
        { iban: '***', qty: 1 },
        { iban: '***', qty: 2 },
      ],
    });
    expect(payload.card.number).toBe('4111111111111111');
  });

  it('masks regex matches in every string, in payloads, text and headers', () => {
    expect(masker.maskJson({ note: 'mail ann@example.com now' })).toEqual({ note: 'mail *** now' });
    expect(masker.maskText('from bob@shop.io')).toBe('from ***');
    expect(
      masker.maskHeaders({ 'x-api-key': 'k-123', from: 'eve@x.org', 'correlation-id': 'c-1' }),
    ).toEqual({
      'x-api-key': '***',
      from: '***',
      'correlation-id': 'c-1',
    });
  });

  it('masks card-number-looking digits and secret headers by default', () => {
    const fallback = createMasker(defaultMaskingConfig);
    expect(fallback.maskText('card 4111 1111 1111 1111 ok')).toBe('card •••• ok');
    expect(fallback.maskHeaders({ Authorization: 'Bearer x' })).toEqual({ Authorization: '••••' });
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        masker.maskJson(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('never executes script expressions in a path', () => {
    const evil = createMasker(
      MaskingConfigSchema.parse({
        rules: [{ kind: 'jsonPath', path: '$..[?(@.constructor.constructor("throw 1")())]' }],
      }),
    );
    expect(() => evil.maskJson({ a: { b: 1 } })).toThrow();
  });
});
