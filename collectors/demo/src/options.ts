import { z } from 'zod';

/** The logging surface the demo needs; pino loggers satisfy it. */
export interface DemoLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const noop = (): void => undefined;
export const silentDemoLogger: DemoLogger = { info: noop, warn: noop };

const ratio = z.number().min(0).max(1);
const millis = z.int().min(0);

/** Tunables of the shop workload; every field has a default suited to a laptop beside the product. */
export const DemoSettingsSchema = z.object({
  brokers: z.array(z.string().min(1)).min(1),
  /** Base URL of the Eventscope api; spans go to `${apiUrl}/v1/traces` (OTLP/HTTP protobuf). */
  apiUrl: z.url(),
  ordersPerSecond: z.number().positive().max(1_000).default(5),
  /** Share of orders that end in `payments-dlt` (business failures plus undecodable records). */
  poisonRatio: ratio.default(0.03),
  /** Share of shipments the warehouse sink connector dead-letters to `connect-dlq-shipments`. */
  connectDlqRatio: ratio.default(0.01),
  /** Share of dead letters whose payload is binary, not UTF-8 (undecodable orders, Avro shipments). */
  binaryRatio: ratio.default(0.2),
  /** Share of orders carrying a ~300 KiB attachment. */
  oversizedRatio: ratio.default(0.002),
  /** Milliseconds between the starts of two slow shipping phases; 0 turns them off. */
  slowShippingEvery: millis.default(120_000),
  /** How long a slow shipping phase lasts. */
  slowShippingFor: millis.default(40_000),
  /** Time shipping spends on each record during a slow phase. */
  slowShippingDelayMs: millis.default(1_200),
  /** Prepended to every topic name, so several demos (or test suites) can share a broker. */
  topicPrefix: z.string().default(''),
  /** Prepended to the consumer group ids `payments` and `shipping`. */
  groupPrefix: z.string().default(''),
  /** How often buffered spans are exported. */
  spanExportDelayMs: z.int().min(50).default(2_000),
});

export type DemoSettings = z.infer<typeof DemoSettingsSchema>;
export type DemoOptions = z.input<typeof DemoSettingsSchema> & { logger?: DemoLogger };

/** Validates the options once, at start; a bad value throws naming the field. */
export function resolveDemoOptions(options: DemoOptions): DemoSettings & { logger: DemoLogger } {
  const parsed = DemoSettingsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? 'options';
    throw new TypeError(`invalid demo option ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, logger: options.logger ?? silentDemoLogger };
}
