import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options as RateLimitOptions } from 'express-rate-limit';
import { roleAllows } from '@eventscope/shared';
import { audited } from '../domain/audit';
import { anonymousViewer, type Actor } from '../domain/auth/principal';
import { resolveSession } from '../domain/auth/sessions';
import { authenticateToken } from '../domain/auth/tokens';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors';
import { safeEqual } from '../domain/auth/secrets';
import type { Store } from '../store';
import { errorBody } from './error-handler';
import type { Route } from './route';

export const sessionCookie = 'es_session';

export interface AuthOptions {
  store: Store;
  /** Lets unauthenticated callers read (never write). Off unless configured. */
  anonymousRead: boolean;
  limits?: { loginsPerMinute?: number; writesPerMinute?: number };
}

interface AuthLocals {
  actor: Actor;
  csrfToken?: string;
  sessionCookie?: string;
}

function locals(res: Response): AuthLocals {
  return res.locals as AuthLocals;
}

export const actorOf = (res: Response): Actor => locals(res).actor ?? null;
export const csrfOf = (res: Response): string | undefined => locals(res).csrfToken;
export const sessionCookieOf = (res: Response): string | undefined => locals(res).sessionCookie;

export function sourceOf(req: Request): string | null {
  return req.ip ?? req.socket.remoteAddress ?? null;
}

/**
 * Works out who is calling: a Bearer token (scripts) or the session cookie (the SPA). A
 * Bearer header that does not check out is refused outright rather than ignored, so a
 * script with a revoked token fails loudly instead of running as anonymous.
 */
export function authenticate(options: AuthOptions): RequestHandler {
  const repo = options.store.auth;
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
      const principal = match?.[1] ? await authenticateToken(repo, match[1]) : undefined;
      if (!principal)
        throw new UnauthenticatedError(
          'the API token is not valid (revoked, expired or malformed)',
        );
      locals(res).actor = principal;
      return next();
    }
    const cookies: unknown = req.cookies;
    const cookie =
      typeof cookies === 'object' && cookies !== null && sessionCookie in cookies
        ? (cookies as Record<string, unknown>)[sessionCookie]
        : undefined;
    const session = typeof cookie === 'string' ? await resolveSession(repo, cookie) : undefined;
    if (session && typeof cookie === 'string') {
      Object.assign(locals(res), {
        actor: session.principal,
        csrfToken: session.csrfToken,
        sessionCookie: cookie,
      });
    } else {
      locals(res).actor = options.anonymousRead ? anonymousViewer : null;
    }
    next();
  };
}

function limiter(
  perMinute: number,
  keyOf: (req: Request, res: Response) => string,
): RequestHandler {
  const options: Partial<RateLimitOptions> = {
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: keyOf,
    handler: (req, res, _next, opts) => {
      const retryAfter = Math.ceil(opts.windowMs / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      const id = typeof req.id === 'string' ? req.id : undefined;
      res
        .status(429)
        .json(errorBody('rate_limited', `too many requests; retry in ${retryAfter} s`, id));
    },
  };
  return rateLimit(options);
}

/**
 * The checks in front of every declared route: who may call it, CSRF for cookie-borne
 * writes, and rate limits on writes and logins. Domain functions check the role again.
 */
export function routeGuard(options: AuthOptions): (route: Route) => RequestHandler[] {
  const ipKey = (req: Request) => sourceOf(req) ?? 'unknown';
  const logins = limiter(options.limits?.loginsPerMinute ?? 10, ipKey);
  const writes = limiter(options.limits?.writesPerMinute ?? 300, (req, res) => {
    const actor = actorOf(res);
    return actor && actor.kind !== 'anonymous' ? `${actor.kind}:${actor.id}` : ipKey(req);
  });

  const access =
    (route: Route): RequestHandler =>
    async (req, res, next) => {
      if (route.access === 'public') return next();
      const actor = actorOf(res);
      const allowed =
        actor !== null &&
        roleAllows(actor.role, route.access) &&
        !(actor.kind === 'anonymous' && route.write);
      if (allowed) return next();
      const error =
        actor === null || actor.kind === 'anonymous'
          ? new UnauthenticatedError()
          : new ForbiddenError(`this needs the ${route.access} role; you are ${actor.role}`);
      if (!route.write) throw error;
      // Refused writes are audited too: who tried what, from where.
      await audited(
        options.store,
        { actor, source: sourceOf(req) },
        {
          action: `${route.method.toUpperCase()} /api${route.path}`,
          target: req.originalUrl.slice(0, 200),
        },
        () => Promise.reject(error),
      );
    };

  const csrf: RequestHandler = (req, res, next) => {
    const expected = csrfOf(res);
    if (expected === undefined) return next(); // Bearer or anonymous: no ambient credential.
    const sent = req.headers['x-csrf-token'];
    if (typeof sent === 'string' && safeEqual(sent, expected)) return next();
    throw new ForbiddenError(
      'missing or wrong x-csrf-token header for a write made with the session cookie',
    );
  };

  return (route) => {
    const chain: RequestHandler[] = [];
    if (route.path === '/session' && route.method === 'post') chain.push(logins);
    else if (route.write) chain.push(writes, csrf);
    chain.push(access(route));
    return chain;
  };
}
