import { describe, expect, it } from 'vitest';
import type { MessageBrowse } from '../../hooks/useDlqMessages';
import {
  describeSelection,
  discardLabel,
  replayLabel,
  selectionFor,
  shortClass,
  skipLines,
} from './selection';

const browse: MessageBrowse = {
  order: 'oldest',
  partition: 2,
  offset: '100',
  at: '2026-01-01T00:00:00.000Z',
  errorClass: 'com.acme.PaymentDeclined',
  key: null,
  includeHandled: false,
};

describe('replay and discard wording', () => {
  it('names the count and the target on the confirm button', () => {
    expect(replayLabel({ payments: 1204 }, null)).toBe('Replay 1,204 messages to payments');
    expect(replayLabel({ payments: 1 }, null)).toBe('Replay 1 message to payments');
    expect(replayLabel({ shipments: 2, payments: 3, empty: 0 }, null)).toBe(
      'Replay 5 messages to their original topics (payments, shipments)',
    );
    expect(replayLabel({ 'payments-retry': 7 }, 'payments-retry')).toBe(
      'Replay 7 messages to payments-retry',
    );
    expect(replayLabel({}, null)).toBe('Nothing to replay');
    expect(discardLabel(12)).toBe('Discard 12 messages');
    expect(discardLabel(0)).toBe('Nothing to discard');
  });

  it('turns the browser state into a selection; jumps are not filters', () => {
    const refs = [{ partition: 0, offset: '41' }];
    expect(selectionFor('selected', refs, browse)).toEqual({ offsets: refs });
    expect(selectionFor('filter', refs, browse)).toEqual({
      filter: { errorClass: 'com.acme.PaymentDeclined', partition: 2 },
    });
    expect(selectionFor('all', refs, browse)).toEqual({ all: true });
  });

  it('describes a selection in words', () => {
    expect(describeSelection({ all: true }, 'd')).toBe('every dead letter in d');
    expect(describeSelection({ offsets: [{ partition: 0, offset: '1' }] }, 'd')).toBe(
      'the 1 selected message',
    );
    expect(describeSelection({ filter: { key: 'k', partition: 0 } }, 'd')).toBe(
      'dead letters in d with key “k”, partition 0',
    );
    expect(describeSelection({ filter: {} }, 'd')).toBe('every dead letter in d');
  });

  it('lists only the skip reasons that apply', () => {
    expect(skipLines({ loopGuard: 0, handled: 1, noTarget: 2 }, 3)).toEqual([
      '1 message already replayed or discarded',
      '2 messages without an origin topic in their headers',
    ]);
    expect(skipLines({ loopGuard: 0, handled: 0, noTarget: 0 }, 3)).toEqual([]);
  });

  it('shortens exception classes to their simple name', () => {
    expect(shortClass('org.apache.kafka.common.errors.SerializationException')).toBe(
      'SerializationException',
    );
    expect(shortClass('com.acme.Outer$Inner')).toBe('Inner');
    expect(shortClass('Plain')).toBe('Plain');
  });
});
