import { describe, expect, it } from 'vitest';
import { OffsetSchema } from './offsets';

describe('OffsetSchema', () => {
  it.each(['0', '42', '9223372036854775807'])('accepts %s', (offset) => {
    expect(OffsetSchema.parse(offset)).toBe(offset);
  });

  it.each([
    '-1',
    '9223372036854775808',
    '99999999999999999999',
    '01',
    '1.5',
    '',
    ' 1',
    '1e3',
    '0x10',
  ])('refuses %j', (offset) => {
    expect(OffsetSchema.safeParse(offset).success).toBe(false);
  });
});
