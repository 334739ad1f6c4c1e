import { z } from 'zod';
import { demoServices } from './services';

const windowSeconds = 10;

/** A running total plus a per-second rate over the last few complete seconds. */
export class Meter {
  total = 0;
  private readonly buckets = new Map<number, number>();

  constructor(private readonly now: () => number = Date.now) {}

  add(count = 1): void {
    this.total += count;
    const second = Math.floor(this.now() / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + count);
    for (const key of this.buckets.keys()) {
      if (key <= second - windowSeconds - 1) this.buckets.delete(key);
    }
  }

  ratePerSecond(): number {
    const current = Math.floor(this.now() / 1000);
    let sum = 0;
    for (const [second, count] of this.buckets) {
      if (second < current && second >= current - windowSeconds) sum += count;
    }
    return Math.round((sum / windowSeconds) * 100) / 100;
  }
}

export class DemoStats {
  readonly ordersProduced = new Meter();
  readonly paymentsConsumed = new Meter();
  readonly paymentsProduced = new Meter();
  readonly shippingConsumed = new Meter();
  readonly shipmentsProduced = new Meter();
  readonly paymentsDeadLettered = new Meter();
  readonly connectDeadLettered = new Meter();
  oversizedOrders = 0;
  binaryDeadLetters = 0;
}

const count = z.int().min(0);
const rate = z.number().min(0);

/** What `DemoHandle.status()` and `GET /api/demo/status` report. */
export const DemoStatusSchema = z.object({
  running: z.boolean(),
  startedAt: z.iso.datetime(),
  topics: z.object({
    orders: z.string(),
    payments: z.string(),
    shipments: z.string(),
    paymentsDlt: z.string(),
    connectDlq: z.string(),
  }),
  groups: z.object({ payments: z.string(), shipping: z.string() }),
  paused: z.array(z.enum(demoServices)),
  slowShipping: z.boolean(),
  pendingPoison: count,
  targetOrdersPerSecond: rate,
  produced: z.object({ orders: count, payments: count, shipments: count }),
  consumed: z.object({ payments: count, shipping: count }),
  deadLettered: z.object({ payments: count, connect: count, binary: count }),
  oversizedOrders: count,
  /** Per second, over the last 10 complete seconds. */
  rates: z.object({
    orders: rate,
    payments: rate,
    shipments: rate,
    deadLetters: rate,
  }),
});
export type DemoStatus = z.infer<typeof DemoStatusSchema>;
