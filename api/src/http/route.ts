import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Role } from '@eventscope/shared';
import { z } from 'zod';
import type { Actor } from '../domain/auth/principal';
import { parseInput } from './validate';

/**
 * One declaration per endpoint: access level, request schemas, response schema and the
 * handler. The same list mounts the Express routes, generates the OpenAPI document and
 * drives the authorisation-matrix test, so the three cannot drift apart.
 */
export type Access = 'public' | Role;

export const defaultBodyLimit = '256kb';
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor;
  req: Request;
  res: Response;
}

export interface RouteSpec<P, Q, B, R> {
  method: Method;
  /** Express-style path under /api, e.g. `/tokens/:id`. */
  path: string;
  summary: string;
  access: Access;
  /** Writes go through the write rate limit and the CSRF check. Defaults to method !== get. */
  write?: boolean;
  /** JSON body limit; small unless a route needs more (a pushed snapshot does). */
  bodyLimit?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType<R>;
  status?: number;
  /** When one route answers with more than one success status (a dry run 200, a real run 202). */
  statusOf?: (result: R) => number;
  handler(input: RouteInput<P, Q, B>): Promise<R> | R;
}

/** A route with its types erased behind `run`, which parses its own input. */
export interface Route {
  method: Method;
  path: string;
  summary: string;
  access: Access;
  write: boolean;
  bodyLimit: string;
  status: number;
  statusOf?: (result: unknown) => number;
  schemas: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType; response: z.ZodType };
  run(req: Request, res: Response, actor: Actor): Promise<unknown>;
  /** A handler that writes its own response (server-sent events) instead of JSON. */
  raw?: RequestHandler;
  /** Content type of a raw route's response, for the OpenAPI document. */
  rawContentType?: string;
}

/** A route that streams its own response; it still goes through the same guards. */
export function defineRawRoute(spec: {
  method: Method;
  path: string;
  summary: string;
  access: Access;
  contentType: string;
  handler: RequestHandler;
}): Route {
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    access: spec.access,
    write: spec.method !== 'get',
    bodyLimit: defaultBodyLimit,
    status: 200,
    schemas: { response: z.unknown() },
    run: () => Promise.reject(new Error(`${spec.path} is a raw route`)),
    raw: spec.handler,
    rawContentType: spec.contentType,
  };
}

export function defineRoute<P = undefined, Q = undefined, B = undefined, R = unknown>(
  spec: RouteSpec<P, Q, B, R>,
): Route {
  const parse = <T>(
    schema: z.ZodType<T> | undefined,
    value: unknown,
    what: string,
  ): T | undefined => (schema ? parseInput(schema, value, what) : undefined);
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    access: spec.access,
    write: spec.write ?? spec.method !== 'get',
    bodyLimit: spec.bodyLimit ?? defaultBodyLimit,
    status: spec.status ?? 200,
    ...(spec.statusOf ? { statusOf: spec.statusOf as (result: unknown) => number } : {}),
    schemas: {
      // Path and query schemas are always objects; the OpenAPI generator needs them as such.
      ...(spec.params instanceof z.ZodObject ? { params: spec.params } : {}),
      ...(spec.query instanceof z.ZodObject ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response: spec.response,
    },
    async run(req, res, actor) {
      const params = parse(spec.params, req.params, 'path parameters') as P;
      const query = parse(spec.query, req.query, 'query') as Q;
      const body = parse(spec.body, req.body ?? {}, 'body') as B;
      return spec.handler({ params, query, body, actor, req, res });
    },
  };
}

export function mountRoutes(
  router: Router,
  routes: readonly Route[],
  options: { actorOf: (res: Response) => Actor; guard: (route: Route) => RequestHandler[] },
): void {
  for (const route of routes) {
    const json: RequestHandler = async (req, res) => {
      const result = await route.run(req, res, options.actorOf(res));
      const status = route.statusOf?.(result) ?? route.status;
      if (status === 204) res.status(204).end();
      else res.status(status).json(result);
    };
    const handler = route.raw ?? json;
    const body = express.json({ limit: route.bodyLimit });
    router[route.method](route.path, body, ...options.guard(route), handler);
  }
}
