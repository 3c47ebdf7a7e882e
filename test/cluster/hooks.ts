import { startCluster, stopCluster } from './support/galera.js';

/**
 * Root hooks of `npm run test:cluster`: one three-node Galera cluster (scripts/galera/cluster.sh)
 * for every cluster test file, started before the first and stopped after the last.
 */
export const mochaHooks = {
  beforeAll(this: Mocha.Context) {
    this.timeout(180_000);
    startCluster();
  },
  afterAll(this: Mocha.Context) {
    this.timeout(120_000);
    stopCluster();
  },
};
