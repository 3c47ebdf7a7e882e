import { expect } from 'chai';
import type { DataSource } from 'typeorm';
import { Project } from '../../src/db/entities/index.js';
import { loadQuestionnaires } from '../../src/questionnaires/loadQuestionnaires.js';
import { syncQuestionnaireVersions } from '../../src/questionnaires/syncQuestionnaireVersions.js';
import { selfCodeElementsOf } from '../../src/rounds/selfGeneratedCode.js';
import { surveysDir } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

const MIGRATION = 'OpenLinkResume1764700000000';

for (const database of testDatabases) {
  describe(`migration ${MIGRATION} [${database.name}]`, function () {
    let dataSource: DataSource | undefined;
    before(async function () {
      dataSource = await database.open();
      if (!dataSource) this.skip();
    });
    after(() => dataSource?.destroy());

    it('keeps the four elements of before for projects that hold codes; others get the default', async () => {
      const db = dataSource!;
      const catalog = await syncQuestionnaireVersions(db, loadQuestionnaires(surveysDir));
      const applied = async () => ((await db.query('SELECT name FROM migrations')) as { name: string }[]).some((row) => row.name === MIGRATION);
      while (await applied()) await db.undoLastMigration();
      const insertProject = async (name: string) => {
        await db.query('INSERT INTO project (name, default_language, anonymity_k) VALUES (?, ?, ?)', [name, 'da', 5]);
        return Number(((await db.query('SELECT MAX(id) AS id FROM project')) as { id: number | string }[])[0]!.id);
      };
      const withCodes = await insertProject('Med koder');
      const withoutCodes = await insertProject('Uden koder');
      // Raw SQL, not the entity: the schema is the one before this migration, without later columns.
      await db.query('INSERT INTO round (project_id, questionnaire_version_id, label, status) VALUES (?, ?, ?, ?)', [withCodes, catalog.latest('hir-start')!.versionId, 'START', 'open']);
      const roundId = Number(((await db.query('SELECT MAX(id) AS id FROM round')) as { id: number | string }[])[0]!.id);
      await db.query('INSERT INTO invitation (round_id, respondent_id, token_hash, self_code) VALUES (?, NULL, ?, ?)', [roundId, 'a'.repeat(64), 'K-07-1-S']);
      await db.runMigrations();

      const elements = async (id: number) => selfCodeElementsOf(await db.getRepository(Project).findOneByOrFail({ id }));
      expect(await elements(withCodes)).to.deep.equal(['motherInitial', 'birthDay', 'olderSiblings', 'streetInitial']);
      expect(await elements(withoutCodes)).to.deep.equal(['motherInitial', 'birthDay', 'birthMonth', 'olderSiblings', 'streetInitial']);
      const [invitation] = (await db.query('SELECT resume_hash AS resumeHash FROM invitation')) as { resumeHash: string | null }[];
      expect(invitation!.resumeHash).to.equal(null);
    });
  });
}
