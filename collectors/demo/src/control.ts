/**
 * Controls for the demo workload, independent of any transport: a zod-validated command, the one
 * domain function that applies it, and a route table the api mounts under `/api/demo` (it adds
 * authentication, audit and the HTTP plumbing).
 */
import { z } from 'zod';
import type { ApiError, ErrorCode } from '@eventscope/shared';
import { DemoStoppedError, type DemoHandle } from './demo';
import { demoServices } from './services';
import type { DemoStatus } from './stats';

const DemoServiceSchema = z.enum(demoServices);

export const DemoCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('pause'), service: DemoServiceSchema }),
  z.strictObject({ action: z.literal('resume'), service: DemoServiceSchema }),
  z.strictObject({ action: z.literal('burst'), count: z.int().min(1).max(10_000) }),
  z.strictObject({ action: z.literal('poison'), count: z.int().min(1).max(1_000) }),
]);
export type DemoCommand = z.infer<typeof DemoCommandSchema>;

/** Applies one command and reports the resulting status. */
export async function applyDemoCommand(
  handle: DemoHandle,
  command: DemoCommand,
): Promise<DemoStatus> {
  switch (command.action) {
    case 'pause':
      await handle.pause(command.service);
      break;
    case 'resume':
      await handle.resume(command.service);
      break;
    case 'burst':
      await handle.burst(command.count);
      break;
    case 'poison':
      handle.poisonNext(command.count);
      break;
  }
  return handle.status();
}

export interface DemoControlResponse {
  status: number;
  body: DemoStatus | ApiError;
}

/**
 * `(method, path, body)` → response, for paths relative to the mount point:
 * `GET /status`; `POST /commands` with a DemoCommand; `POST /pause|/resume|/burst|/poison` with the
 * command's other fields (`{ "service": "shipping" }`, `{ "count": 50 }`).
 * Unexpected errors (the broker is down during a burst) are thrown for the api's error mapper.
 */
export type DemoControlRoutes = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<DemoControlResponse>;

const statusOf: Record<'bad_request' | 'not_found' | 'conflict', number> = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
};

function failure(
  code: keyof typeof statusOf & ErrorCode,
  message: string,
  details?: unknown,
): DemoControlResponse {
  const error: ApiError['error'] = { code, message };
  if (details !== undefined) error.details = details;
  return { status: statusOf[code], body: { error } };
}

const actions = new Set<string>(DemoCommandSchema.options.map((o) => o.shape.action.value));

export function demoControlRoutes(handle: DemoHandle): DemoControlRoutes {
  async function run(input: unknown): Promise<DemoControlResponse> {
    const parsed = DemoCommandSchema.safeParse(input);
    if (!parsed.success) {
      return failure('bad_request', 'invalid demo command', z.flattenError(parsed.error));
    }
    try {
      return { status: 200, body: await applyDemoCommand(handle, parsed.data) };
    } catch (error) {
      if (error instanceof DemoStoppedError) return failure('conflict', error.message);
      throw error;
    }
  }

  return async (method, path, body) => {
    const route = `/${path.split('/').filter(Boolean).join('/')}`;
    const verb = method.toUpperCase();
    if (verb === 'GET' && route === '/status') return { status: 200, body: handle.status() };
    if (verb === 'POST' && route === '/commands') return run(body);
    const action = route.slice(1);
    if (verb === 'POST' && actions.has(action)) {
      if (
        body !== undefined &&
        (typeof body !== 'object' || body === null || Array.isArray(body))
      ) {
        return failure('bad_request', 'the request body must be a JSON object');
      }
      return run({ ...body, action });
    }
    return failure('not_found', `no demo route ${verb} ${route}`);
  };
}
