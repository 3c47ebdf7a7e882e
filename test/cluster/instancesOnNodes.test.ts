import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { generateApiToken, hashApiToken } from '../../src/auth/apiTokens.js';
import { openDatabase } from '../../src/db/dataSource.js';
import { ApiToken, Project, QuestionnaireVersion, Round, UserAccount } from '../../src/db/entities/index.js';
import { migrations } from '../../src/db/migrations/index.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import type { QuestionnaireCatalog } from '../../src/questionnaires/questionnaireCatalog.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildProject, buildRespondent, buildRound } from '../support/builders.js';
import { SmtpTestServer } from '../support/smtpTestServer.js';
import { surveysDir } from '../support/testContext.js';
import { createClusterDatabase, galera, nodeUrl, onNode } from './support/galera.js';
import { Instances, waitFor, type Instance } from './support/instances.js';
import { inviteCaseworker } from './support/invite.js';

const DATABASE = 'pejling_nodes';
const RECIPIENTS = 15;
const SUBMISSIONS_OF_ONE_LINK = 50;

describe('Galera: an instance on each of three nodes', function () {
  this.timeout(180_000);
  const smtp = new SmtpTestServer();
  let instances: Instances;
  let byNode: Instance[] = [];
  let dataSource: DataSource;
  let catalog: QuestionnaireCatalog;

  before(async () => {
    await createClusterDatabase(DATABASE);
    await smtp.start();
    instances = new Instances(smtp.port);
  });

  after(async () => {
    await instances?.stopAll();
    await dataSource?.destroy();
    await smtp.stop();
  });

  it('start together on an empty database: the migrations run once, every table has a primary key', async () => {
    byNode = galera.nodes.map((node) => instances.start(31910 + node, nodeUrl(node, DATABASE)));
    const healths = await Promise.all(byNode.map((instance) => instances.waitHealthy(instance)));
    // Each instance names the node it reaches.
    expect(healths.map((health) => health.database.node?.galera?.node)).to.deep.equal(['node1', 'node2', 'node3']);
    expect(healths.map((health) => health.database.node?.galera?.clusterSize)).to.deep.equal([3, 3, 3]);

    await onNode(2, async (connection) => {
      const [applied] = await connection.query(`SELECT name, COUNT(*) AS n FROM \`${DATABASE}\`.migrations GROUP BY name`) as unknown as [{ name: string; n: number }[]];
      expect(applied.length).to.equal(migrations.length);
      expect(applied.filter((row) => Number(row.n) !== 1)).to.deep.equal([]);
      const [locks] = await connection.query(`SELECT holder FROM \`${DATABASE}\`.startup_lock`) as unknown as [unknown[]];
      expect(locks, 'every instance released the start-up lock').to.deep.equal([]);
      // Galera replicates rows by primary key: a table without one is slow to apply and unsafe to delete from.
      const [withoutKey] = await connection.query(
        `SELECT t.table_name AS name FROM information_schema.tables t
           LEFT JOIN information_schema.table_constraints c ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
          WHERE t.table_schema = ? AND t.table_type = 'BASE TABLE' AND (c.constraint_name IS NULL OR t.engine <> 'InnoDB')`, [DATABASE]) as unknown as [{ name: string }[]];
      expect(withoutKey.map((row) => row.name)).to.deep.equal([]);
    });
    expect(instances.output.join(''), 'no instance logged an error').not.to.match(/error/i);
    dataSource = await openDatabase({ databaseUrl: nodeUrl(2, DATABASE), sqliteFile: '' });
    catalog = await syncQuestionnaireVersions(dataSource, loadQuestionnaires(surveysDir));
  });

  it('run the scheduler on every instance and mail each invitation once', async () => {
    const project = await dataSource.getRepository(Project).save({ name: 'Tre noder', defaultLanguage: 'da', anonymityK: 5 });
    for (let i = 0; i < RECIPIENTS; i++) await buildRespondent(dataSource, project.id, { email: `node${i}@jobcenter.dk` });
    const version = await dataSource.getRepository(QuestionnaireVersion).findOneOrFail({ where: { questionnaireId: 'hir-start' }, order: { revision: 'DESC' } });
    await dataSource.getRepository(Round).save({
      projectId: project.id, questionnaireVersionId: version.id, label: 'START', status: 'scheduled', opensAt: new Date(Date.now() - 1000), closesAt: new Date(Date.now() + 86400_000),
      reminderDays: '[]', recurrenceCron: null, parentRoundId: null, inviteFilter: '{}', openLinkNonce: null, openLinkHash: null,
    });
    const mine = () => smtp.received.filter((mail) => mail.to.some((to) => to.startsWith('node')));
    await waitFor('all invitations', 60_000, async () => (mine().length >= RECIPIENTS ? true : undefined));
    // Three more ticks on each instance: a second send would arrive now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const perRecipient = new Map<string, number>();
    for (const mail of mine()) perRecipient.set(mail.to[0]!, (perRecipient.get(mail.to[0]!) ?? 0) + 1);
    expect(perRecipient.size).to.equal(RECIPIENTS);
    expect([...perRecipient].filter(([, count]) => count !== 1)).to.deep.equal([]);
  });

  it(`store exactly one of ${SUBMISSIONS_OF_ONE_LINK} concurrent submissions of one link spread over the nodes`, async () => {
    const mail = smtp.received.find((received) => received.to.some((to) => to.startsWith('node')))!;
    const token = /\/s\/([A-Za-z0-9_-]{22})/.exec(mail.text)![1]!;
    const answers = buildValidAnswers(catalog.latest('hir-start')!.questionnaire);
    const statuses = await Promise.all(Array.from({ length: SUBMISSIONS_OF_ONE_LINK }, (_, i) =>
      fetch(`${byNode[i % byNode.length]!.url}/api/responses/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) }).then((res) => res.status)));
    const tally = Object.fromEntries([...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length]));
    console.log(`      answers: ${JSON.stringify(tally)}`);
    // One accepted; the others told it is already submitted, or (on a loaded machine, past
    // DB_QUERY_TIMEOUT_MS) to try again: 503 stores nothing and is never a second acceptance.
    expect(statuses.filter((status) => status === 201)).to.have.length(1);
    expect(statuses.filter((status) => status !== 201 && status !== 409 && status !== 503)).to.deep.equal([]);
    await onNode(3, async (connection) => {
      const [rows] = await connection.query(
        `SELECT COUNT(*) AS n FROM \`${DATABASE}\`.response s JOIN \`${DATABASE}\`.invitation i ON i.id = s.invitation_id WHERE i.token_hash = SHA2(?, 256)`, [token]) as unknown as [{ n: number }[]];
      expect(Number(rows[0]!.n)).to.equal(1);
    });
  });

  it('include a submission made through node 1 in the next comparison through node 3', async () => {
    // Rounds open now: the instances' schedulers would close a round whose time has passed.
    const project = await buildProject(dataSource, { name: 'Sammenligning på tre noder' });
    const now = new Date();
    const startRound = await buildRound(dataSource, catalog, now, { projectId: project.id, label: 'START', questionnaireId: 'hir-start' });
    const endRound = await buildRound(dataSource, catalog, now, { projectId: project.id, label: 'END', questionnaireId: 'hir-end' });
    const submissions = new SubmissionService(dataSource, catalog);
    for (const round of [startRound, endRound]) {
      const answers = buildValidAnswers(catalog.byVersion(round.questionnaireVersionId)!.questionnaire);
      for (let i = 0; i < 6; i++) await submissions.submit(await inviteCaseworker(dataSource, round, 'Forsøg'), answers);
    }
    const admin = await dataSource.getRepository(UserAccount).save({ email: 'klynge@example.dk', name: 'Klynge', role: 'admin', passwordHash: null, setupTokenHash: null, setupExpiresAt: null, active: true, lastLoginAt: null });
    const apiToken = generateApiToken();
    await dataSource.getRepository(ApiToken).save({ userId: admin.id, name: 'klynge', tokenHash: hashApiToken(apiToken), lastUsedAt: null, revokedAt: null });
    const followUpN = async () => {
      const res = await fetch(`${byNode[2]!.url}/api/projects/${project.id}/comparison?baseline=${startRound.id}&followup=${endRound.id}`, { headers: { authorization: `Bearer ${apiToken}` } });
      expect(res.status, await res.clone().text()).to.equal(200);
      return ((await res.json()) as { n: { followUp: number } }).n.followUp;
    };
    const before = await followUpN();
    expect(before).to.equal(6);
    // Twice: the second answer comes from node 3's comparison cache.
    expect(await followUpN()).to.equal(before);

    const token = await inviteCaseworker(dataSource, endRound, 'Forsøg');
    const answers = buildValidAnswers(catalog.byVersion(endRound.questionnaireVersionId)!.questionnaire);
    const submitted = await fetch(`${byNode[0]!.url}/api/responses/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
    expect(submitted.status).to.equal(201);
    // At once, no waiting: node 3's read of the cache fingerprint waits for node 1's commit.
    expect(await followUpN()).to.equal(before + 1);
  });
});
