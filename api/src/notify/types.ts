import type { Severity } from '@eventscope/shared';
import type { Queryable } from '../store/db';

/**
 * The seam between the alert engine (api/src/alerts) and notification delivery
 * (api/src/notify). The engine owns alert state; the notification center owns routing,
 * Alertmanager-style grouping and timing, the outbox and delivery.
 */

/** One alert as the notification pipeline sees it (Alertmanager's alert model). */
export interface NotifiableAlert {
  /** Stable fingerprint of the labels (the alert id in the API). */
  fingerprint: string;
  status: 'firing' | 'resolved';
  severity: Severity;
  /** Includes alertname, severity and the series labels (cluster, group, topic, …). */
  labels: Readonly<Record<string, string>>;
  /** Rendered annotations (summary, description, runbookUrl). */
  annotations: Readonly<Record<string, string>>;
  startsAt: string;
  /** Set when resolved. */
  endsAt: string | null;
  /** Dashboard path that explains the alert, e.g. `/groups/local/payments` (made absolute with the public URL). */
  path: string;
  silenced: boolean;
  inhibited: boolean;
  acknowledged: boolean;
}

export interface NotificationCenter {
  /**
   * Called by the alert engine inside the transaction that persisted this evaluation's state
   * changes, with every alert that is firing now plus those that resolved in this evaluation.
   * Updates the aggregation groups and writes any notification that is due into the outbox
   * in the same transaction, so a state change and its notification commit together.
   */
  onAlerts(tx: Queryable, alerts: readonly NotifiableAlert[], now: Date): Promise<void>;
  /** Starts the timers (group_wait / group_interval / repeat_interval flushes) and the delivery worker. */
  start(): void;
  stop(): Promise<void>;
}
