import { DemoSettingsSchema, type DemoOptions } from './options';

/** Environment settings of the demo that `npm start` runs, each mapped to one option. */
export const demoEnvSettings = {
  EVENTSCOPE_DEMO_ORDERS_PER_SECOND: 'ordersPerSecond',
  EVENTSCOPE_DEMO_POISON_RATIO: 'poisonRatio',
  EVENTSCOPE_DEMO_CONNECT_DLQ_RATIO: 'connectDlqRatio',
  EVENTSCOPE_DEMO_OVERSIZED_RATIO: 'oversizedRatio',
  EVENTSCOPE_DEMO_SLOW_SHIPPING_EVERY_MS: 'slowShippingEvery',
} as const;

type Tunable = (typeof demoEnvSettings)[keyof typeof demoEnvSettings];

/** Reads the demo's rates and fault ratios; a bad value gives one line naming the variable. */
export function demoOptionsFromEnv(
  env: Record<string, string | undefined>,
): { ok: true; options: Partial<Pick<DemoOptions, Tunable>> } | { ok: false; message: string } {
  const options: Partial<Record<Tunable, number>> = {};
  for (const [variable, option] of Object.entries(demoEnvSettings)) {
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = DemoSettingsSchema.shape[option].safeParse(Number(raw));
    if (!parsed.success || raw.trim() === '' || Number.isNaN(Number(raw))) {
      return {
        ok: false,
        message: `${variable} ${parsed.success ? 'must be a number' : (parsed.error.issues[0]?.message ?? 'is invalid')}`,
      };
    }
    options[option] = parsed.data;
  }
  return { ok: true, options };
}
