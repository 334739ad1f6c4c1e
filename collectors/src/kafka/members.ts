import { AssignerProtocol } from 'kafkajs';
import type { GroupMember } from '@eventscope/shared';

/** A member as DescribeGroups returns it, whichever client read it. */
export interface DescribedMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  memberAssignment: Buffer;
}

/**
 * Members with their partition assignments. Only the "consumer" protocol's assignment bytes
 * have a known layout; a non-standard assignor's bytes leave the member without assignments.
 */
export function decodeMembers(
  protocolType: string,
  members: readonly DescribedMember[],
): GroupMember[] {
  return members.map((m) => {
    let assignments: GroupMember['assignments'] = [];
    if (protocolType === 'consumer' && m.memberAssignment.length > 0) {
      try {
        const decoded = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        assignments = Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => ({
          topic,
          partitions: [...partitions].sort((a, b) => a - b),
        }));
      } catch {
        // Unknown layout: listed without assignments.
      }
    }
    return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost, assignments };
  });
}
