import { z } from 'zod';
import { MAX_REPLAY_RATE } from './dlq-api';
import { defaultMaskingConfig, MaskingConfigSchema, type MaskingConfig } from './masking';

/**
 * The environment contract (DESIGN.md "Configuration"). Parsed once at start; a bad value
 * stops the start with one line naming the setting.
 */

const hostPort = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):([0-9]{1,5})$/;

const brokerList = z.string().transform((raw, ctx) => {
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'is empty; give host:port[,host:port…]' });
    return z.NEVER;
  }
  for (const broker of brokers) {
    const match = hostPort.exec(broker);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `"${broker}" is not host:port` });
      return z.NEVER;
    }
  }
  return brokers;
});

const port = z
  .string()
  .regex(/^[0-9]{1,5}$/, 'must be a port number (0-65535)')
  .transform(Number)
  .refine((n) => n <= 65535, 'must be a port number (0-65535)');

const positiveInt = (what: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]*$/, `must be a positive whole number of ${what}`)
    .transform(Number);

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

export const EnvSchema = z.object({
  KAFKA_BROKERS: brokerList.optional(),
  KAFKA_CLUSTER: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
    .default('default'),
  KAFKA_CLIENT_ID: z.string().min(1).default('eventscope'),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_SSL: bool.default(false),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: bool.default(true),
  KAFKA_REQUEST_TIMEOUT_MS: positiveInt('milliseconds').default(5000),
  DATABASE_URL: postgresUrl.optional(),
  EVENTSCOPE_DATA_DIR: z.string().min(1).default('./data'),
  EVENTSCOPE_PORT: port.default(8080),
  EVENTSCOPE_HOST: z.string().min(1).optional(),
  EVENTSCOPE_SAMPLE_INTERVAL_MS: positiveInt('milliseconds').default(5000),
  EVENTSCOPE_RETENTION_RAW_HOURS: positiveInt('hours').default(6),
  EVENTSCOPE_RETENTION_ROLLUP_DAYS: positiveInt('days').default(7),
  EVENTSCOPE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  EVENTSCOPE_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  EVENTSCOPE_DEMO: bool.default(false),
  EVENTSCOPE_ANONYMOUS_READ: bool.default(false),
  EVENTSCOPE_OTLP_ANONYMOUS: bool.default(false),
  EVENTSCOPE_WEB_DIR: z.string().min(1).optional(),
  EVENTSCOPE_OTLP_THREADS: z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number of threads (0 = decode on the event loop)')
    .transform(Number)
    .refine((n) => n <= 16, 'must be at most 16')
    .optional(),
  EVENTSCOPE_REPLAY_MAX_RATE: positiveInt('records per second')
    .refine((n) => n <= MAX_REPLAY_RATE, `must be at most ${MAX_REPLAY_RATE}`)
    .default(100_000),
  EVENTSCOPE_PUBLIC_URL: z
    .string()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, 'must be the http(s) URL users open Eventscope at, without credentials')
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  EVENTSCOPE_MASKING: z
    .string()
    .transform((raw, ctx) => {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
      const parsed = MaskingConfigSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        ctx.addIssue({
          code: 'custom',
          message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
        });
        return z.NEVER;
      }
      return parsed.data;
    })
    .optional(),
});

export interface SaslConfig {
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  username: string;
  password: string;
}

export interface ClusterConfig {
  id: string;
  brokers: string[];
  clientId: string;
  sasl?: SaslConfig;
  ssl: boolean;
  sslCaFile?: string;
  sslRejectUnauthorized: boolean;
  requestTimeoutMs: number;
}

export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  sampleIntervalMs: number;
  retention: { rawHours: number; rollupDays: number };
  adminToken?: string;
  logLevel: z.infer<typeof EnvSchema>['EVENTSCOPE_LOG_LEVEL'];
  demo: boolean;
  /** Unauthenticated callers may read (never write). */
  anonymousRead: boolean;
  /** OTLP spans accepted without an API token. */
  otlpAnonymous: boolean;
  /** Threads that decode OTLP bodies; unset = one per core, at most 4; 0 = the event loop. */
  otlpThreads?: number;
  masking: MaskingConfig;
  webDir?: string;
  /** Records per second one DLQ replay may go at most (a request asking more is clamped). */
  replayMaxRate: number;
  /** Where users open the dashboard; notifications link into it (no trailing slash). */
  publicUrl: string;
  clusters: ClusterConfig[];
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; message: string };

/** Parses the environment into the app config, or one line naming the first bad setting. */
export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const setting = issue?.path.join('.') ?? 'environment';
    return { ok: false, message: `${setting} ${issue?.message ?? 'is invalid'}` };
  }
  const e = parsed.data;
  const saslParts = [e.KAFKA_SASL_MECHANISM, e.KAFKA_SASL_USERNAME, e.KAFKA_SASL_PASSWORD];
  if (saslParts.some(Boolean) && !saslParts.every(Boolean)) {
    return {
      ok: false,
      message:
        'KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must be set together',
    };
  }
  const sasl =
    e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD
      ? {
          mechanism: e.KAFKA_SASL_MECHANISM,
          username: e.KAFKA_SASL_USERNAME,
          password: e.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  const clusters: ClusterConfig[] = e.KAFKA_BROKERS
    ? [
        {
          id: e.KAFKA_CLUSTER,
          brokers: e.KAFKA_BROKERS,
          clientId: e.KAFKA_CLIENT_ID,
          ...(sasl ? { sasl } : {}),
          ssl: e.KAFKA_SSL,
          ...(e.KAFKA_SSL_CA_FILE ? { sslCaFile: e.KAFKA_SSL_CA_FILE } : {}),
          sslRejectUnauthorized: e.KAFKA_SSL_REJECT_UNAUTHORIZED,
          requestTimeoutMs: e.KAFKA_REQUEST_TIMEOUT_MS,
        },
      ]
    : [];
  const host = e.EVENTSCOPE_HOST ?? (e.EVENTSCOPE_DEMO ? '127.0.0.1' : '0.0.0.0');
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;
  return {
    ok: true,
    config: {
      host,
      port: e.EVENTSCOPE_PORT,
      dataDir: e.EVENTSCOPE_DATA_DIR,
      ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
      sampleIntervalMs: e.EVENTSCOPE_SAMPLE_INTERVAL_MS,
      retention: {
        rawHours: e.EVENTSCOPE_RETENTION_RAW_HOURS,
        rollupDays: e.EVENTSCOPE_RETENTION_ROLLUP_DAYS,
      },
      ...(e.EVENTSCOPE_ADMIN_TOKEN ? { adminToken: e.EVENTSCOPE_ADMIN_TOKEN } : {}),
      logLevel: e.EVENTSCOPE_LOG_LEVEL,
      demo: e.EVENTSCOPE_DEMO,
      anonymousRead: e.EVENTSCOPE_ANONYMOUS_READ,
      otlpAnonymous: e.EVENTSCOPE_OTLP_ANONYMOUS,
      ...(e.EVENTSCOPE_OTLP_THREADS !== undefined
        ? { otlpThreads: e.EVENTSCOPE_OTLP_THREADS }
        : {}),
      masking: e.EVENTSCOPE_MASKING ?? defaultMaskingConfig,
      ...(e.EVENTSCOPE_WEB_DIR ? { webDir: e.EVENTSCOPE_WEB_DIR } : {}),
      replayMaxRate: e.EVENTSCOPE_REPLAY_MAX_RATE,
      publicUrl: e.EVENTSCOPE_PUBLIC_URL ?? `http://${urlHost}:${e.EVENTSCOPE_PORT}`,
      clusters,
    },
  };
}

const AgentEnvSchema = z.object({
  EVENTSCOPE_API_URL: z
    .string()
    .refine((v) => /^https?:\/\/[^/\s]+/.test(v), 'must be the http(s) URL of an Eventscope api')
    .transform((v) => v.replace(/\/+$/, '')),
  EVENTSCOPE_AGENT_TOKEN: z.string().min(16, 'must be an API token with the operator role'),
});

export interface AgentConfig {
  cluster: ClusterConfig;
  apiUrl: string;
  token: string;
  sampleIntervalMs: number;
  logLevel: AppConfig['logLevel'];
}

/** The standalone collector agent: one cluster (KAFKA_BROKERS …) pushed to EVENTSCOPE_API_URL. */
export function parseAgentConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: AgentConfig } | { ok: false; message: string } {
  const app = parseConfig(env);
  if (!app.ok) return app;
  const cluster = app.config.clusters[0];
  if (!cluster)
    return { ok: false, message: 'KAFKA_BROKERS must name the cluster this agent samples' };
  const parsed = AgentEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `${issue?.path.join('.') ?? 'environment'} ${issue?.message ?? 'is invalid'}`,
    };
  }
  return {
    ok: true,
    config: {
      cluster,
      apiUrl: parsed.data.EVENTSCOPE_API_URL,
      token: parsed.data.EVENTSCOPE_AGENT_TOKEN,
      sampleIntervalMs: app.config.sampleIntervalMs,
      logLevel: app.config.logLevel,
    },
  };
}
