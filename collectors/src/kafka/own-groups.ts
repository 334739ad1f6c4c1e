import { TAP_GROUP_PREFIX } from './record-reader';

/** The group every replay commits its progress to: `eventscope-replay-<id>`. */
export const REPLAY_GROUP_PREFIX = 'eventscope-replay-';

/**
 * Groups Eventscope itself creates (the read-only taps and the replays' progress groups): never
 * shown as the user's consumer groups, never alerted on.
 */
export function isOwnGroup(groupId: string): boolean {
  return groupId.startsWith(TAP_GROUP_PREFIX) || groupId.startsWith(REPLAY_GROUP_PREFIX);
}
