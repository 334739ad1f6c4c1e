import { HealthSchema } from '@eventscope/shared';
import { getHealth, type HealthDeps } from '../../domain/health';
import { defineRoute, type Route } from '../route';

export function healthRoute(deps: HealthDeps): Route {
  return defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Store and cluster reachability; public so load balancers can use it',
    access: 'public',
    response: HealthSchema,
    handler: () => getHealth(deps),
  });
}
