import { describe, expect, it } from 'vitest';
import {
  checkCustomRange,
  fromLocalInput,
  rangePhrase,
  rangeWindow,
  readTimeRange,
  toLocalInput,
} from './timeRange';

const now = Date.parse('2024-05-01T12:00:00Z');

describe('checkCustomRange', () => {
  it('accepts from < to in the past, normalised to UTC', () => {
    expect(checkCustomRange('2024-05-01T10:00:00+02:00', '2024-05-01T11:00:00Z', now)).toEqual({
      ok: true,
      range: { from: '2024-05-01T08:00:00.000Z', to: '2024-05-01T11:00:00.000Z' },
    });
  });

  it('names the field that is wrong', () => {
    expect(checkCustomRange('', '2024-05-01T11:00:00Z', now)).toMatchObject({ field: 'from' });
    expect(checkCustomRange('2024-05-01T10:00:00Z', 'soon', now)).toMatchObject({ field: 'to' });
    expect(checkCustomRange('2024-05-01T11:00:00Z', '2024-05-01T11:00:00Z', now)).toMatchObject({
      field: 'to',
      message: 'The end must be after the start',
    });
    expect(checkCustomRange('2024-05-01T11:00:00Z', '2024-05-01T13:00:00Z', now)).toMatchObject({
      field: 'to',
      message: 'The end must not be in the future',
    });
  });

  it('takes dates only with a zone: a bare local time means different instants to different readers', () => {
    expect(checkCustomRange('2024-05-01T10:00', '2024-05-01T11:00:00Z').ok).toBe(false);
  });
});

describe('readTimeRange', () => {
  it('prefers a valid from/to pair, falls back to the preset otherwise', () => {
    const custom = new URLSearchParams(
      'range=6h&from=2024-05-01T10:00:00Z&to=2024-05-01T11:00:00Z',
    );
    expect(readTimeRange(custom)).toEqual({
      from: '2024-05-01T10:00:00.000Z',
      to: '2024-05-01T11:00:00.000Z',
    });
    expect(readTimeRange(new URLSearchParams('range=6h&from=2024-05-01T10:00:00Z'))).toBe('6h');
    expect(readTimeRange(new URLSearchParams('range=nope'))).toBe('1h');
  });
});

describe('rangeWindow', () => {
  it('slides a preset to now and keeps a custom window, its end held to now', () => {
    expect(rangeWindow('15m', now)).toEqual({
      from: '2024-05-01T11:45:00.000Z',
      to: '2024-05-01T12:00:00.000Z',
    });
    const fixed = { from: '2024-05-01T08:00:00.000Z', to: '2024-05-01T09:00:00.000Z' };
    expect(rangeWindow(fixed, now)).toEqual(fixed);
    expect(rangeWindow({ from: fixed.from, to: '2024-05-02T00:00:00.000Z' }, now)).toEqual({
      from: fixed.from,
      to: '2024-05-01T12:00:00.000Z',
    });
  });
});

describe('phrases and inputs', () => {
  it('reads naturally after "in"', () => {
    expect(rangePhrase('6h')).toBe('the last 6 h');
    expect(rangePhrase({ from: '2024-05-01T08:00:00.000Z', to: '2024-05-01T09:30:00.000Z' })).toBe(
      '2024-05-01 08:00 – 2024-05-01 09:30',
    );
  });

  it('round-trips datetime-local values (UTC in tests)', () => {
    expect(toLocalInput('2024-05-01T08:00:00.000Z')).toBe('2024-05-01T08:00');
    expect(fromLocalInput('2024-05-01T08:00')).toBe('2024-05-01T08:00:00.000Z');
    expect(fromLocalInput('')).toBe('');
  });
});
