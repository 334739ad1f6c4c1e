import { describe, expect, it } from 'vitest';
import { parseTraceparent } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('parseTraceparent', () => {
  it('reads version 00 with the sampled flag', () => {
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      flags: '01',
      sampled: true,
    });
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-00`)?.sampled).toBe(false);
  });

  it('accepts upper-case hex and surrounding blanks, and returns lower case', () => {
    expect(parseTraceparent(`  00-${TRACE.toUpperCase()}-${SPAN.toUpperCase()}-01 `)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      flags: '01',
      sampled: true,
    });
  });

  it('accepts fields a later version appends, but not after version 00', () => {
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01-extra`)?.traceId).toBe(TRACE);
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01-extra`)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['long span id', `00-${TRACE}-${SPAN}0-01`],
    ['not hex', `00-${TRACE.replace('4', 'g')}-${SPAN}-01`],
    ['missing flags', `00-${TRACE}-${SPAN}`],
  ])('rejects %s', (_, value) => {
    expect(parseTraceparent(value)).toBeNull();
  });

  it('is null for null and undefined', () => {
    expect(parseTraceparent(null)).toBeNull();
    expect(parseTraceparent(undefined)).toBeNull();
  });
});
