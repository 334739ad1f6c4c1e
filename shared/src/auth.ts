import { z } from 'zod';

/** viewer reads; operator also replays, discards, silences, acknowledges; admin also manages rules, notifiers, tokens, users. */
export const RoleSchema = z.enum(['viewer', 'operator', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

const roleRank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `held` grants at least `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return roleRank[held] >= roleRank[needed];
}

/** A human-chosen name: printable, no control characters, trimmed. */
export const NameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

export const UsernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_", "@" or "-"');

export const PasswordSchema = z.string().min(12, 'must be at least 12 characters').max(512);

export const PrincipalSchema = z.object({
  kind: z.enum(['user', 'token', 'bootstrap', 'anonymous']),
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
});
export type PrincipalView = z.infer<typeof PrincipalSchema>;

export const SessionRequestSchema = z.union([
  z.strictObject({ token: z.string().min(1).max(512) }),
  z.strictObject({ username: UsernameSchema, password: z.string().min(1).max(512) }),
]);
export type SessionRequest = z.infer<typeof SessionRequestSchema>;

export const SessionSchema = z.object({
  principal: PrincipalSchema,
  /** Send back as `x-csrf-token` on every write made with the session cookie. */
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

export const CreateTokenRequestSchema = z.strictObject({ name: NameSchema, role: RoleSchema });
export const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type Token = z.infer<typeof TokenSchema>;
/** The only response that ever carries a token's secret: it is shown once. */
export const CreatedTokenSchema = TokenSchema.extend({ token: z.string() });

export const CreateUserRequestSchema = z.strictObject({
  username: UsernameSchema,
  password: PasswordSchema,
  role: RoleSchema,
});
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(['success', 'failure', 'denied']),
  source: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'must be an audit entry id')
    .optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
});
export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});
