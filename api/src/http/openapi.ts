import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ApiErrorSchema } from '@eventscope/shared';
import type { Route } from './route';

/** `/tokens/:id` → `/api/tokens/{id}` */
const openApiPath = (path: string): string => `/api${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

/** The OpenAPI document, generated from the same route declarations that serve requests. */
export function buildOpenApi(routes: readonly Route[], version: string): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'es_session',
  });
  const error = {
    description: 'Error',
    content: { 'application/json': { schema: ApiErrorSchema } },
  };
  for (const route of routes) {
    const { params, query, body, response } = route.schemas;
    const success = route.raw
      ? {
          description: route.summary,
          content: {
            [route.rawContentType ?? 'text/plain']: { schema: { type: 'string' as const } },
          },
        }
      : route.status === 204
        ? { description: 'No content' }
        : { description: 'Success', content: { 'application/json': { schema: response } } };
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      description:
        route.access === 'public' ? 'No authentication.' : `Needs the ${route.access} role.`,
      ...(route.access === 'public' ? {} : { security: [{ bearer: [] }, { session: [] }] }),
      request: {
        ...(params ? { params } : {}),
        ...(query ? { query } : {}),
        ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: { [String(route.status)]: success, default: error },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Eventscope API', version },
    servers: [{ url: '/' }],
  });
}
