import { Router } from 'express';
import { getHealth, type HealthDeps } from '../../domain/health';

export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    res.json(await getHealth(deps));
  });
  return router;
}
