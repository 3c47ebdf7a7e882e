import { expect } from 'chai';
import { In, IsNull } from 'typeorm';
import { Response } from '../../src/db/entities/index.js';
import { createDemoProject } from '../../src/demo/createDemoProject.js';
import { backfillAnswerVectors } from '../../src/responses/backfillAnswerVectors.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

describeWithEachDatabase('filling in answer vectors of responses stored before them', testDatabases, (ctx: () => TestContext) => {
  it('gives every response without a vector the one its submission would have stored, and leaves the others alone', async () => {
    const demo = await createDemoProject(ctx().deps, { respondents: 40, seed: 3, responseRate: 0.9, name: 'Backfill' });
    const responses = () => ctx().dataSource.getRepository(Response).find({ where: { roundId: In([demo.startRoundId, demo.endRoundId]) }, order: { id: 'ASC' } });
    const stored = await responses();
    expect(stored.every((r) => r.answerVector && r.answerVector.length > 0)).to.equal(true);

    // Every other response loses its vector, as if it had been stored before the column existed.
    await ctx().dataSource.query('UPDATE response SET answer_vector = NULL WHERE id % 2 = 0');
    const emptied = await ctx().dataSource.getRepository(Response).countBy({ answerVector: IsNull() });
    expect(emptied).to.be.greaterThan(10);

    // Batches of 7, so that the read crosses several batch boundaries.
    expect(await backfillAnswerVectors(ctx().dataSource, ctx().catalog, 7)).to.equal(emptied);
    expect(await ctx().dataSource.getRepository(Response).countBy({ answerVector: IsNull() })).to.equal(0);
    expect((await responses()).map((r) => r.answerVector)).to.deep.equal(stored.map((r) => r.answerVector));
    expect(await backfillAnswerVectors(ctx().dataSource, ctx().catalog), 'nothing left the second time').to.equal(0);
  });
});
