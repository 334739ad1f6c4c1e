import { z } from 'zod';

/**
 * Masking rules (configured with EVENTSCOPE_MASKING as JSON): applied by the api to every
 * payload field and header value it returns (DLQ browse, traces), before it leaves.
 */
export const MaskingRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('jsonPath'),
    /** JSONPath into JSON payloads, e.g. `$.card.number`, `$..password`, `$.items[*].iban`. */
    path: z.string().min(2).max(500).startsWith('$', 'must start with $'),
  }),
  z.strictObject({
    kind: z.literal('header'),
    /** Header name, compared case-insensitively. */
    name: z.string().min(1).max(200),
  }),
  z.strictObject({
    kind: z.literal('regex'),
    /** Replaces matches in every string value of payloads and headers. */
    pattern: z
      .string()
      .min(1)
      .max(500)
      .refine((p) => {
        try {
          new RegExp(p);
          return true;
        } catch {
          return false;
        }
      }, 'must be a valid regular expression'),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'may only use the flags i, m, s, u')
      .optional(),
  }),
]);
export type MaskingRule = z.infer<typeof MaskingRuleSchema>;

export const MaskingConfigSchema = z.strictObject({
  rules: z.array(MaskingRuleSchema).max(200),
  replacement: z.string().max(50).default('••••'),
});
export type MaskingConfig = z.infer<typeof MaskingConfigSchema>;

/** Sensible defaults: obvious secret headers and card-number-looking digit runs. */
export const defaultMaskingConfig: MaskingConfig = {
  replacement: '••••',
  rules: [
    { kind: 'header', name: 'authorization' },
    { kind: 'header', name: 'cookie' },
    { kind: 'jsonPath', path: '$..password' },
    { kind: 'regex', pattern: '\\b\\d(?:[ -]?\\d){12,18}\\b' },
  ],
};
