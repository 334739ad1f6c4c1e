import { describe, expect, it } from 'vitest';
import { statusInfo, worstRole } from './status';

describe('statusInfo', () => {
  it.each([
    ['OK', 'ok', 'Keeping up'],
    ['WARN', 'warn', 'Lag growing'],
    ['STALL', 'crit', 'Not consuming'],
    ['STOP', 'crit', 'Stopped'],
    ['REWIND', 'crit', 'Committed offset went backwards'],
    ['EMPTY', 'empty', 'No members'],
    ['UNKNOWN', 'unknown', 'No data: cluster unreachable or stale'],
    ['firing', 'crit', undefined],
    ['pending', 'warn', undefined],
    ['resolved', 'ok', undefined],
    ['silenced', 'muted', undefined],
    ['unreachable', 'crit', undefined],
  ])('%s → %s', (status, role, tooltip) => {
    const info = statusInfo(status);
    expect(info.role).toBe(role);
    expect(info.word).toBe(status);
    if (tooltip) expect(info.tooltip).toBe(tooltip);
  });

  it('shows a status it does not know as unknown, keeping its word', () => {
    expect(statusInfo('LIMBO')).toEqual({
      role: 'unknown',
      word: 'LIMBO',
      tooltip: 'No data: cluster unreachable or stale',
    });
  });

  it('does not treat prototype keys as statuses', () => {
    expect(statusInfo('toString').role).toBe('unknown');
  });

  it('treats missing as UNKNOWN', () => {
    expect(statusInfo(null).word).toBe('UNKNOWN');
    expect(statusInfo('').word).toBe('UNKNOWN');
  });
});

describe('worstRole', () => {
  it.each([
    [[], 'ok'],
    [['ok', 'warn'], 'warn'],
    [['ok', 'unknown', 'warn'], 'warn'],
    [['empty', 'unknown'], 'unknown'],
    [['warn', 'crit', 'ok'], 'crit'],
  ] as const)('%j → %s', (roles, expected) => expect(worstRole(roles)).toBe(expected));
});
