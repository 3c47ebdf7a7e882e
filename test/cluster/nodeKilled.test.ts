import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/dataSource.js';
import { hashInvitationToken } from '../../src/rounds/invitationTokens.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildRound } from '../support/builders.js';
import { SmtpTestServer } from '../support/smtpTestServer.js';
import { surveysDir } from '../support/testContext.js';
import { createClusterDatabase, galera, haproxyUrl, killNode, onNode } from './support/galera.js';
import { Instances } from './support/instances.js';
import { inviteCaseworker } from './support/invite.js';

const DATABASE = 'pejling_failover';
const LINKS = 60;
const CONCURRENCY = 10;
/** The node is killed once this many submissions have been accepted. */
const KILL_AFTER = 20;
/** A caseworker whose submission failed presses the button again, a bounded number of times. */
const ATTEMPTS = 60;

type Outcome = { token: string; accepted: boolean; attempts: number; failures: string[] };

describe('Galera: a node killed under load through HAProxy', function () {
  this.timeout(240_000);
  const smtp = new SmtpTestServer();
  let instances: Instances;
  let dataSource: DataSource;

  before(async () => {
    await createClusterDatabase(DATABASE);
    await smtp.start();
    instances = new Instances(smtp.port);
  });

  after(async () => {
    await instances?.stopAll();
    await dataSource?.destroy().catch(() => undefined);
    await smtp.stop();
  });

  it('loses no accepted submission, stores none twice, and the instances carry on through the other nodes', async () => {
    const list = [0, 1, 2].map((i) => instances.start(31921 + i, haproxyUrl(DATABASE)));
    await Promise.all(list.map((instance) => instances.waitHealthy(instance)));
    // Set up directly on a node, before any node is killed.
    dataSource = await openDatabase({ databaseUrl: `mysql://root@127.0.0.1:${galera.nodePort(3)}/${DATABASE}`, sqliteFile: '' });
    const catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
    const round = await buildRound(dataSource, catalog, new Date(), { label: 'START', questionnaireId: 'hir-start' });
    const tokens: string[] = [];
    for (let i = 0; i < LINKS; i++) tokens.push(await inviteCaseworker(dataSource, round));
    const answers = JSON.stringify({ answers: buildValidAnswers(catalog.latest('hir-start')!.questionnaire) });

    // The node instance 1 reaches right now: killing it cuts live connections of at least one instance.
    const victimName = (await instances.health(list[0]!)).body.database.node!.galera!.node;
    const victim = Number(victimName.replace('node', ''));
    expect(victim).to.be.oneOf([1, 2, 3]);
    let accepted = 0;
    let killed = false;
    const outcomes: Outcome[] = [];
    const queue = [...tokens];
    const worker = async (w: number) => {
      for (let token = queue.shift(); token; token = queue.shift()) {
        const outcome: Outcome = { token, accepted: false, attempts: 0, failures: [] };
        outcomes.push(outcome);
        while (outcome.attempts < ATTEMPTS) {
          const instance = list[(w + outcome.attempts) % list.length]!;
          outcome.attempts++;
          const status = await fetch(`${instance.url}/api/responses/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: answers })
            .then((res) => res.status, (error: Error) => `network: ${error.message}`);
          if (status === 201) {
            outcome.accepted = true;
            if (++accepted === KILL_AFTER && !killed) { killed = true; killNode(victim); }
            break;
          }
          // 409 after a failed attempt: that attempt was stored after all; it must not be stored twice.
          if (status === 409 && outcome.failures.length > 0) break;
          outcome.failures.push(String(status));
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    expect(killed).to.equal(true);

    const failures = outcomes.flatMap((outcome) => outcome.failures);
    console.log(`      node${victim} killed after ${KILL_AFTER} accepted; ${outcomes.filter((o) => o.accepted).length} accepted, ${outcomes.filter((o) => !o.accepted).length} stored on an attempt that failed, ${failures.length} failed attempts: ${JSON.stringify(Object.fromEntries([...new Set(failures)].map((f) => [f, failures.filter((x) => x === f).length])))}`);
    // Every link ended with its submission stored: the 201 or a 409 for an attempt answered with an error.
    expect(outcomes.filter((outcome) => !outcome.accepted && outcome.failures.length === 0)).to.deep.equal([]);
    expect(outcomes.filter((outcome) => outcome.attempts >= ATTEMPTS && !outcome.accepted)).to.deep.equal([]);

    const survivor = victim === 3 ? 1 : 3;
    await onNode(survivor, async (connection) => {
      const [rows] = await connection.query(
        `SELECT i.token_hash AS tokenHash, COUNT(s.id) AS n FROM \`${DATABASE}\`.invitation i LEFT JOIN \`${DATABASE}\`.response s ON s.invitation_id = i.id WHERE i.round_id = ? GROUP BY i.token_hash`, [round.id]) as unknown as [{ tokenHash: string; n: number }[]];
      const stored = new Map(rows.map((row) => [row.tokenHash, Number(row.n)]));
      expect(tokens.filter((token) => stored.get(hashInvitationToken(token)) !== 1), 'links without exactly one stored response').to.deep.equal([]);
    });

    // Each instance answers through a remaining node and says which.
    for (const instance of list) {
      const health = await instances.waitHealthy(instance, 30_000);
      expect(health.database.node!.galera!.node).not.to.equal(victimName);
      expect(health.database.node!.galera!.clusterSize).to.equal(2);
    }
  });
});
