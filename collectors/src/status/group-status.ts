import type { GroupStatus } from '@eventscope/shared';
import { formatCount } from './format';
import { severity, type PartitionStatus } from './partition-status';

export interface GroupStatusInput {
  /** false when the cluster could not be reached this sample. */
  reachable: boolean;
  memberCount: number;
  lagMessages: number | null;
  partitions: readonly PartitionStatus[];
}

/** Rolls partition statuses up to the group: UNKNOWN and EMPTY first, then the worst partition wins. */
export function evaluateGroup(input: GroupStatusInput): GroupStatus {
  if (!input.reachable)
    return { code: 'UNKNOWN', reason: 'the cluster is unreachable; lag unknown' };
  if (input.memberCount === 0) {
    const lag = input.lagMessages;
    return {
      code: 'EMPTY',
      reason:
        lag === null
          ? 'the group has no members'
          : `the group has no members and is ${formatCount(lag)} messages behind`,
    };
  }
  let worst: PartitionStatus | undefined;
  for (const p of input.partitions)
    if (!worst || severity[p.code] > severity[worst.code]) worst = p;
  if (!worst) return { code: 'OK', reason: 'no committed offsets yet' };
  if (worst.code === 'OK') {
    const lag = input.lagMessages;
    return {
      code: 'OK',
      reason: lag === null || lag === 0 ? 'caught up' : `consuming; lag ${formatCount(lag)}`,
    };
  }
  const same = input.partitions.filter((p) => p.code === worst.code).length;
  const more = same > 1 ? ` (and ${same - 1} more partition${same > 2 ? 's' : ''})` : '';
  return { code: worst.code, reason: `${worst.topic}/${worst.partition}: ${worst.reason}${more}` };
}
