import { describe, expect, it } from 'vitest';
import {
  UNKNOWN,
  formatBytes,
  formatCount,
  formatDuration,
  formatDurationMs,
  formatExact,
  formatLocalIso,
  formatRelative,
  formatTimeTitle,
} from './format';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [0.25, '0.3'],
    [1000, '1 k'],
    [1234, '1.2 k'],
    [12_345, '12.3 k'],
    [123_456, '123 k'],
    [999_950, '1 M'],
    [3_400_000, '3.4 M'],
    [5_000_000_000, '5 G'],
    [-1500, '-1.5 k'],
  ])('%s → %s', (n, expected) => expect(formatCount(n)).toBe(expected));

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])('%s is unknown, never 0', (n) =>
    expect(formatCount(n)).toBe(UNKNOWN),
  );
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [1.4 * 1024 * 1024, '1.4 MiB'],
    [1024 ** 3 * 2, '2 GiB'],
    [1024 ** 4 * 300, '300 TiB'],
  ])('%s → %s', (n, expected) => expect(formatBytes(n)).toBe(expected));

  it('null is unknown', () => expect(formatBytes(null)).toBe(UNKNOWN));
});

describe('formatDuration (seconds)', () => {
  it.each([
    [0, '0 s'],
    [0.25, '250 ms'],
    [1.5, '1.5 s'],
    [9.96, '10 s'],
    [42, '42 s'],
    [59.7, '1 m'],
    [60, '1 m'],
    [192, '3 m 12 s'],
    [3599, '59 m 59 s'],
    [7200, '2 h'],
    [7500, '2 h 5 m'],
    [86_400 + 4 * 3600, '1 d 4 h'],
    [-30, '-30 s'],
  ])('%s → %s', (s, expected) => expect(formatDuration(s)).toBe(expected));

  it('null is unknown', () => expect(formatDuration(null)).toBe(UNKNOWN));
});

describe('formatDurationMs', () => {
  it.each([
    [0, '0 ms'],
    [12.4, '12 ms'],
    [999, '999 ms'],
    [1500, '1.5 s'],
    [192_000, '3 m 12 s'],
  ])('%s → %s', (ms, expected) => expect(formatDurationMs(ms)).toBe(expected));

  it('null is unknown', () => expect(formatDurationMs(null)).toBe(UNKNOWN));
});

describe('formatRelative', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it.each([
    ['2024-05-01T12:00:00Z', 'just now'],
    ['2024-05-01T11:59:48Z', '12 s ago'],
    ['2024-05-01T11:56:00Z', '4 m ago'],
    ['2024-05-01T09:30:00Z', '2 h ago'],
    ['2024-04-28T12:00:00Z', '3 d ago'],
    ['2024-05-01T12:00:30Z', 'just now'],
    ['2024-05-01T12:05:00Z', 'in 5 m'],
  ])('%s → %s', (at, expected) => expect(formatRelative(at, now)).toBe(expected));

  it.each([null, undefined, 'not a date'])('%s is unknown', (at) =>
    expect(formatRelative(at, now)).toBe(UNKNOWN),
  );
});

describe('absolute times', () => {
  // vitest.config.ts pins TZ=UTC so the local rendering is deterministic.
  it('renders local ISO with its offset', () => {
    expect(formatLocalIso('2024-05-01T12:03:04.500Z')).toBe('2024-05-01T12:03:04+00:00');
  });

  it('titles carry local and UTC', () => {
    expect(formatTimeTitle('2024-05-01T12:03:04Z')).toBe(
      '2024-05-01T12:03:04+00:00 (local) · 2024-05-01T12:03:04.000Z (UTC)',
    );
    expect(formatTimeTitle(null)).toBe('unknown');
  });
});

describe('formatExact', () => {
  it.each([
    [1_234_567, '1,234,567'],
    [0, '0'],
    [null, 'unknown'],
  ])('%s → %s', (n, expected) => expect(formatExact(n)).toBe(expected));
});
