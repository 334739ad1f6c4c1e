import type { NotificationCenter } from '../notify/types';

/** A notification center that sends nothing: until notification delivery is wired in. */
export function createNoopNotificationCenter(): NotificationCenter {
  return {
    onAlerts: () => Promise.resolve(),
    start: () => undefined,
    stop: () => Promise.resolve(),
  };
}
