export {
  createNotificationCenter,
  type NotificationCenterOptions,
  type Notifications,
} from './center';
export type { NotifiableAlert, NotificationCenter } from './types';
