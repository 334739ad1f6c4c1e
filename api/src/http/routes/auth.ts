import type { CookieOptions, Request } from 'express';
import { z } from 'zod';
import {
  AuditPageSchema,
  AuditQuerySchema,
  CreatedTokenSchema,
  CreateTokenRequestSchema,
  CreateUserRequestSchema,
  SessionRequestSchema,
  SessionSchema,
  TokenSchema,
  UserSchema,
} from '@eventscope/shared';
import { audited } from '../../domain/audit';
import { authorize } from '../../domain/auth/principal';
import { sessionTtlMs, signIn, signOut } from '../../domain/auth/sessions';
import { createToken, listTokens, revokeToken } from '../../domain/auth/tokens';
import { createUser, listUsers } from '../../domain/auth/users';
import type { Store } from '../../store';
import { csrfOf, sessionCookie, sessionCookieOf, sourceOf } from '../auth';
import { defineRoute, type Route } from '../route';

const IdParams = z.strictObject({ id: z.uuid('must be a token id') });

function cookieOptions(req: Request): CookieOptions {
  // Secure whenever the request reached us over TLS (directly or via a trusted proxy).
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: sessionTtlMs,
  };
}

export function authRoutes(store: Store): Route[] {
  const repo = store.auth;
  return [
    defineRoute({
      method: 'post',
      path: '/session',
      summary: 'Sign in with an API token or a username and password; sets the session cookie',
      access: 'public',
      body: SessionRequestSchema,
      response: SessionSchema,
      async handler({ body, req, res }) {
        const who = 'token' in body ? 'token' : `user:${body.username}`;
        const opened = await audited(
          store,
          { actor: null, source: sourceOf(req) },
          { action: 'session.create', target: who },
          () => signIn(repo, body),
        );
        res.cookie(sessionCookie, opened.cookieValue, cookieOptions(req));
        return opened.session;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/session',
      summary: 'Who am I: the signed-in principal and the CSRF token for writes',
      access: 'viewer',
      response: SessionSchema,
      handler({ actor, res }) {
        const principal = authorize(actor, 'viewer');
        return {
          principal,
          csrfToken: csrfOf(res) ?? '',
          expiresAt: new Date(Date.now() + sessionTtlMs).toISOString(),
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/session',
      summary: 'Sign out',
      access: 'viewer',
      status: 204,
      response: z.undefined(),
      async handler({ res, req }) {
        const cookie = sessionCookieOf(res);
        if (cookie) await signOut(repo, cookie);
        res.clearCookie(sessionCookie, { ...cookieOptions(req), maxAge: undefined });
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/tokens',
      summary: 'Create an API token (admin); the secret is in this response only',
      access: 'admin',
      status: 201,
      body: CreateTokenRequestSchema,
      response: CreatedTokenSchema,
      handler: ({ body, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'token.create', target: body.name, details: { role: body.role } },
          () => createToken(repo, actor, body),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/tokens',
      summary: 'List active API tokens (admin); never their secrets',
      access: 'admin',
      response: z.array(TokenSchema),
      handler: ({ actor }) => listTokens(repo, actor),
    }),
    defineRoute({
      method: 'delete',
      path: '/tokens/:id',
      summary: 'Revoke an API token (admin); its sessions end with it',
      access: 'admin',
      params: IdParams,
      status: 204,
      response: z.undefined(),
      handler: ({ params, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'token.revoke', target: params.id },
          () => revokeToken(repo, actor, params.id),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/users',
      summary: 'Create a user who signs in with a password (admin)',
      access: 'admin',
      status: 201,
      body: CreateUserRequestSchema,
      response: UserSchema,
      handler: ({ body, actor, req }) =>
        audited(
          store,
          { actor, source: sourceOf(req) },
          { action: 'user.create', target: body.username, details: { role: body.role } },
          () => createUser(repo, actor, body),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/users',
      summary: 'List users (admin)',
      access: 'admin',
      response: z.array(UserSchema),
      handler: ({ actor }) => listUsers(repo, actor),
    }),
    defineRoute({
      method: 'get',
      path: '/audit',
      summary: 'The audit log, newest first (admin)',
      access: 'admin',
      query: AuditQuerySchema,
      response: AuditPageSchema,
      async handler({ query, actor }) {
        authorize(actor, 'admin');
        const page = await store.audit.listAudit(query);
        return AuditPageSchema.parse(page);
      },
    }),
  ];
}
