import type { Admin } from 'kafkajs';

export interface DemoTopics {
  orders: string;
  payments: string;
  shipments: string;
  paymentsDlt: string;
  connectDlq: string;
}

export interface DemoGroups {
  payments: string;
  shipping: string;
}

export function demoTopics(prefix = ''): DemoTopics {
  return {
    orders: `${prefix}orders`,
    payments: `${prefix}payments`,
    shipments: `${prefix}shipments`,
    paymentsDlt: `${prefix}payments-dlt`,
    connectDlq: `${prefix}connect-dlq-shipments`,
  };
}

export function demoGroups(prefix = ''): DemoGroups {
  return { payments: `${prefix}payments`, shipping: `${prefix}shipping` };
}

/** Above the oversized events (~300 KiB) and the broker default (~1 MiB), so no record is refused. */
export const demoMaxMessageBytes = 2 * 1024 * 1024;

const day = 24 * 60 * 60 * 1000;
const layout: Record<keyof DemoTopics, { partitions: number; retentionMs: number }> = {
  orders: { partitions: 3, retentionMs: day },
  payments: { partitions: 3, retentionMs: day },
  shipments: { partitions: 3, retentionMs: day },
  // Dead letters stay a week, like the broker default, so DLQ depth and age stay meaningful.
  paymentsDlt: { partitions: 3, retentionMs: 7 * day },
  connectDlq: { partitions: 1, retentionMs: 7 * day },
};

/** Creates the demo topics that do not exist yet; existing topics are left as they are. */
export async function ensureDemoTopics(admin: Admin, topics: DemoTopics): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = (Object.keys(layout) as Array<keyof DemoTopics>)
    .filter((key) => !existing.has(topics[key]))
    .map((key) => ({
      topic: topics[key],
      numPartitions: layout[key].partitions,
      configEntries: [
        { name: 'max.message.bytes', value: String(demoMaxMessageBytes) },
        { name: 'retention.ms', value: String(layout[key].retentionMs) },
      ],
    }));
  if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
  return missing.map((t) => t.topic);
}
