import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { databaseKind } from '../db/dataSource.js';

const HEALTH_QUERY_TIMEOUT_MS = 2000;

async function databaseIsUp(dataSource: DataSource): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), HEALTH_QUERY_TIMEOUT_MS); });
  const query = dataSource.query('SELECT 1').then(() => true, () => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** 200 while the database answers, 503 when it does not, so a load balancer can route around. */
export function healthRoutes(dataSource: DataSource, databaseUrl: string | undefined): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const up = dataSource.isInitialized && (await databaseIsUp(dataSource));
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', database: { kind: databaseKind({ databaseUrl }), status: up ? 'up' : 'down' } });
  });
  return router;
}
