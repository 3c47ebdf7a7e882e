import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { withStartupLock } from '../../src/db/startupLock.js';
import { testDatabases } from '../support/testDatabases.js';

const mariadb = testDatabases.find((database) => database.name === 'mariadb')!;

describe('the start-up lock (a lease row, so it holds across the nodes of a cluster) [mariadb]', function () {
  this.timeout(30_000);
  let dataSource: DataSource | undefined;

  before(async function () {
    dataSource = await mariadb.open();
    if (!dataSource) this.skip();
  });

  after(async () => dataSource?.destroy());

  it('lets one holder at a time do its work, and frees the row afterwards', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push(`${name} out`);
      return name;
    };
    const results = await Promise.all([withStartupLock(dataSource!, work('a')), withStartupLock(dataSource!, work('b')), withStartupLock(dataSource!, work('c'))]);
    expect(results).to.deep.equal(['a', 'b', 'c']);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).to.equal(events[i]!.replace(' in', ' out'));
    expect(await dataSource!.query('SELECT * FROM startup_lock')).to.deep.equal([]);
  });

  it('takes over the lease of a holder that died, once it has expired, and not before', async () => {
    await dataSource!.query("INSERT INTO startup_lock (name, holder, expires_at) VALUES ('startup', 'dead', NOW(3) - INTERVAL 1 SECOND)");
    expect(await withStartupLock(dataSource!, async () => 'ran')).to.equal('ran');

    await dataSource!.query("INSERT INTO startup_lock (name, holder, expires_at) VALUES ('startup', 'alive', NOW(3) + INTERVAL 2 SECOND)");
    const [{ expiresAt }] = (await dataSource!.query("SELECT expires_at AS expiresAt FROM startup_lock WHERE holder = 'alive'")) as { expiresAt: Date }[];
    // On the database's clock, the work ran only once the live holder's lease had run out.
    const ranAt = await withStartupLock(dataSource!, async () => ((await dataSource!.query('SELECT NOW(3) AS now')) as { now: Date }[])[0]!.now);
    expect(ranAt.getTime()).to.be.at.least(expiresAt.getTime());
  });
});
