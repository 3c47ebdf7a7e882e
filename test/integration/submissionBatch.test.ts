import { expect } from 'chai';
import { Answer, Draft, Response } from '../../src/db/entities/index.js';
import { answerRows } from '../../src/responses/answerRows.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { answerableByToken, InvitationUnavailableError, type AnswerableLink, type InvitationResolver } from '../../src/rounds/invitationContext.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

/** Text that would end a statement and start another if it were ever put into SQL as text. */
const STACKED = [
  "x'); DELETE FROM answer; -- ",
  "\\'; DROP TABLE draft; #",
  '*/ COMMIT; DELETE FROM response; /*',
  '"; UPDATE invitation SET token_hash = NULL; --',
];

/**
 * A personal link's submission on MariaDB goes as one multi-statement batch (src/responses/submissionBatch.ts);
 * a resolver that may write keeps the transaction, statement by statement. Both store the same rows,
 * and no value, however it is spelled, ends one statement and starts another.
 */
describeWithEachDatabase('a submission written as one batch', testDatabases, (ctx: () => TestContext) => {
  const service = () => new SubmissionService(ctx().dataSource, ctx().catalog, ctx().clock.now);
  const count = async (table: string) => Number(((await ctx().dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0]!.n);
  const stored = async (responseId: number) => {
    const response = await ctx().dataSource.getRepository(Response).findOneByOrFail({ id: responseId });
    const answers = await ctx().dataSource.getRepository(Answer).find({ where: { responseId }, order: { itemId: 'ASC', subId: 'ASC' } });
    return { response: { ...response, id: undefined, invitationId: undefined, respondentId: undefined }, answers: answers.map((a) => ({ ...a, id: undefined, responseId: undefined })) };
  };

  it('stores the same response and answer rows as the transaction, and deletes the draft the lookup saw', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const questionnaire = ctx().catalog.latest('hir-start')!.questionnaire;
    const answers = buildValidAnswers(questionnaire, { comment: 'Et svar med æøå og 😀.' });
    const batched = await buildInvitation(ctx().dataSource, round);
    const inTransaction = await buildInvitation(ctx().dataSource, round);
    for (const link of [batched, inTransaction]) await ctx().dataSource.getRepository(Draft).save({ invitationId: link.invitation.id, answers: '{}', language: 'da', updatedAt: ctx().clock.now() });
    const first = await service().submit(batched.token, answers, { language: 'da' });
    // The same lookup, not marked as only reading: the transactional path.
    const reading = answerableByToken(ctx().catalog, inTransaction.token);
    const writing: InvitationResolver<AnswerableLink> = (db, now) => reading(db, now);
    const second = await service().submitFor(writing, answers, { language: 'da' });
    expect(first.answerCount).to.equal(answerRows(questionnaire, answers).length).and.equal(second.answerCount);
    expect(await stored(first.responseId)).to.deep.equal(await stored(second.responseId));
    expect((await stored(first.responseId)).answers.find((a) => a.itemId === 'comment')!.valueText).to.equal('Et svar med æøå og 😀.');
    for (const link of [batched, inTransaction]) expect(await ctx().dataSource.getRepository(Draft).countBy({ invitationId: link.invitation.id })).to.equal(0);
  });

  it('stores a text answer that tries to end the statement exactly as written, and runs nothing else', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const questionnaire = ctx().catalog.latest('hir-start')!.questionnaire;
    for (const text of STACKED) {
      const { token } = await buildInvitation(ctx().dataSource, round);
      const [responses, answersBefore, drafts] = [await count('response'), await count('answer'), await count('draft')];
      const answers = buildValidAnswers(questionnaire, { comment: text });
      const submitted = await service().submit(token, answers, { language: 'da' });
      expect(await count('response'), text).to.equal(responses + 1);
      expect(await count('answer'), text).to.equal(answersBefore + submitted.answerCount);
      expect(await count('draft'), text).to.equal(drafts);
      const comment = await ctx().dataSource.getRepository(Answer).findOneByOrFail({ responseId: submitted.responseId, itemId: 'comment' });
      expect(comment.valueText).to.equal(text);
    }
    expect(await ctx().dataSource.query(`SELECT COUNT(*) AS n FROM invitation WHERE token_hash IS NULL`)).to.deep.equal([{ n: ctx().dataSource.options.type === 'mysql' ? '0' : 0 }]);
  });

  it('refuses a second submission of a link and leaves no transaction open behind it', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token } = await buildInvitation(ctx().dataSource, round);
    const answers = buildValidAnswers(ctx().catalog.latest('hir-start')!.questionnaire);
    // At once, so the second meets the unique index inside its batch rather than the lookup.
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => service().submit(token, answers, { language: 'da' })));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    for (const refused of results.filter((r) => r.status === 'rejected')) {
      expect((refused as PromiseRejectedResult).reason).to.be.instanceOf(InvitationUnavailableError).and.have.property('reason', 'already_submitted');
    }
    const [submitted] = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ responseId: number; answerCount: number }>[];
    expect(await ctx().dataSource.getRepository(Answer).countBy({ responseId: submitted!.value.responseId })).to.equal(submitted!.value.answerCount);
    if (ctx().dataSource.options.type === 'mysql') {
      // A refused batch is rolled back: no connection of the pool holds a transaction (or its locks) afterwards.
      expect(await ctx().dataSource.query('SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX')).to.deep.equal([{ n: '0' }]);
    }
  });

  it('runs again, whole, when the database picks the batch as a deadlock victim', async function () {
    // SQLite runs no batch: its submissions are one transaction in this process.
    if (ctx().dataSource.options.type !== 'mysql') this.skip();
    const db = ctx().dataSource;
    const round = await buildRound(db, ctx().catalog, ctx().clock.now());
    const { token, invitation } = await buildInvitation(db, round);
    await db.getRepository(Draft).save({ invitationId: invitation.id, answers: '{}', language: 'da', updatedAt: ctx().clock.now() });
    const deadlocks = async () => Number(((await db.query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) as { Value: string }[])[0]!.Value);
    const before = await deadlocks();
    // Another transaction, heavier than the batch (InnoDB rolls back the lighter one), holds the link's draft.
    const other = db.createQueryRunner();
    await other.startTransaction();
    await other.query("INSERT INTO project (name, default_language, anonymity_k, created_at) SELECT CONCAT('Vægt ', seq), 'da', 5, NOW() FROM seq_1_to_400");
    await other.query('SELECT id FROM draft WHERE invitation_id = ? FOR UPDATE', [invitation.id]);
    const submission = service().submit(token, buildValidAnswers(ctx().catalog.latest('hir-start')!.questionnaire), { language: 'da' });
    // The batch has written its response and waits for the draft; the other transaction now wants the response's key: a deadlock.
    const waitingForDraft = async () => Number(((await db.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE 'DELETE FROM draft%'")) as { n: string }[])[0]!.n);
    for (let waited = 0; (await waitingForDraft()) === 0; waited++) {
      if (waited > 200) throw new Error('the batch never waited for the draft');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const blocked = other.query('INSERT INTO response (invitation_id, round_id, questionnaire_version_id, language, submitted_at) VALUES (?, ?, ?, ?, NOW())', [invitation.id, round.id, round.questionnaireVersionId, 'da']);
    // The batch was the victim: the other transaction's INSERT goes through; undone, it leaves the link to the batch's second run.
    await blocked;
    await other.rollbackTransaction();
    await other.release();
    const submitted = await submission;
    expect(await deadlocks()).to.equal(before + 1);
    expect(await db.getRepository(Response).countBy({ invitationId: invitation.id })).to.equal(1);
    expect(await db.getRepository(Answer).countBy({ responseId: submitted.responseId })).to.equal(submitted.answerCount);
    expect(await db.getRepository(Draft).countBy({ invitationId: invitation.id })).to.equal(0);
  });
});
