import { expect } from 'chai';
import request from 'supertest';
import { Answer, Draft, Response } from '../../src/db/entities/index.js';
import { answerableItems, type AnswerableItem } from '../../src/questionnaires/answerableItems.js';
import type { Questionnaire } from '../../src/questionnaires/types.js';
import { answerKey } from '../../src/analysis/types.js';
import { answerVectorLayout, encodeAnswerVector } from '../../src/responses/answerVector.js';
import type { Answers } from '../../src/responses/types.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

function itemOfKind<K extends AnswerableItem['kind']>(questionnaire: Questionnaire, kind: K, where: (item: Extract<AnswerableItem, { kind: K }>) => boolean = () => true): Extract<AnswerableItem, { kind: K }> {
  const found = answerableItems(questionnaire).find((item) => item.kind === kind && where(item as Extract<AnswerableItem, { kind: K }>));
  if (!found) throw new Error(`questionnaire ${questionnaire.id} has no ${kind} item of that sort`);
  return found as Extract<AnswerableItem, { kind: K }>;
}

describeWithEachDatabase('POST /api/responses/:token', testDatabases, (ctx: () => TestContext) => {
  let questionnaire: Questionnaire;
  let roundId: number;

  before(async () => {
    questionnaire = ctx().catalog.latest('hir-start')!.questionnaire;
    roundId = (await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now())).id;
  });

  async function newToken(): Promise<string> {
    const round = await ctx().dataSource.getRepository('Round').findOneByOrFail({ id: roundId });
    return (await buildInvitation(ctx().dataSource, round as never)).token;
  }

  async function storedResponses(): Promise<number> {
    return ctx().dataSource.getRepository(Response).count();
  }

  it('stores a complete HIR start answer set, one row per answer', async () => {
    const token = await newToken();
    const answers = buildValidAnswers(questionnaire);
    const res = await request(ctx().app).post(`/api/responses/${token}`).send({ language: 'da', answers });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const rows = await ctx().dataSource.getRepository(Answer).find({ where: { responseId: res.body.responseId } });
    expect(rows.length).to.equal(res.body.answerCount);
    const allocation = itemOfKind(questionnaire, 'allocation');
    const shares = rows.filter((row) => row.itemId === allocation.id);
    expect(shares.map((row) => row.subId).sort()).to.deep.equal(allocation.item.categories.map((c) => c.id).sort());
    expect(shares.reduce((sum, row) => sum + row.valueNumber!, 0)).to.equal(allocation.item.total);
    const text = itemOfKind(questionnaire, 'text');
    expect(rows.find((row) => row.itemId === text.id)?.valueText).to.equal('Et svar med æøå.');
    const likert = itemOfKind(questionnaire, 'likert');
    expect(rows.find((row) => row.itemId === likert.id)?.valueCode).to.equal(answers[likert.id]);
    const response = await ctx().dataSource.getRepository(Response).findOneByOrFail({ id: res.body.responseId });
    expect(response.roundId).to.equal(roundId);
    expect(response.respondentId).to.be.a('number');
    // The comparison reads these values from the response's vector, not from the rows.
    expect(response.answerVector).to.deep.equal(encodeAnswerVector(answerVectorLayout(questionnaire), rows));
    expect(response.answerVector!.readDoubleLE(answerVectorLayout(questionnaire).slotOf.get(answerKey(likert.id))! * 8)).to.equal(answers[likert.id]);
  });

  it('a second submission with the same link changes nothing and says it was already submitted', async () => {
    const token = await newToken();
    const answers = buildValidAnswers(questionnaire);
    expect((await request(ctx().app).post(`/api/responses/${token}`).send({ answers })).status).to.equal(201);
    const before = await ctx().dataSource.getRepository(Answer).count();
    const second = await request(ctx().app).post(`/api/responses/${token}`).send({ answers });
    expect(second.status).to.equal(409);
    expect(second.body.error.code).to.equal('already_submitted');
    expect(await ctx().dataSource.getRepository(Answer).count()).to.equal(before);
  });

  it('concurrent submissions of one link store exactly one response', async () => {
    const token = await newToken();
    const answers = buildValidAnswers(questionnaire);
    const before = await storedResponses();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => request(ctx().app).post(`/api/responses/${token}`).send({ answers }).then((r) => r.status)));
    expect(statuses.filter((status) => status === 201)).to.have.length(1);
    expect(statuses.filter((status) => status !== 201).every((status) => status === 409)).to.equal(true);
    expect(await storedResponses()).to.equal(before + 1);
  });

  it('deletes the draft when the response is submitted', async () => {
    const token = await newToken();
    expect((await request(ctx().app).put(`/api/drafts/${token}`).send({ values: { [itemOfKind(questionnaire, 'text').id]: 'halvt' } })).status).to.equal(200);
    const draftsBefore = await ctx().dataSource.getRepository(Draft).count();
    expect((await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) })).status).to.equal(201);
    expect(await ctx().dataSource.getRepository(Draft).count()).to.equal(draftsBefore - 1);
  });

  // The route sits before the session and sign-in middleware: the link is the credential.
  it('answers with an API\'s security headers and the per-link rate limit, and sets no cookie', async () => {
    const token = await newToken();
    const expectApiHeaders = (res: request.Response) => {
      expect(res.headers['content-security-policy']).to.equal("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['x-frame-options']).to.equal('DENY');
      expect(res.headers['strict-transport-security']).to.match(/^max-age=\d+/);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.headers['set-cookie']).to.equal(undefined);
    };
    const res = await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) });
    expect(res.status).to.equal(201);
    expectApiHeaders(res);
    expect(res.headers['ratelimit-policy']).to.match(/;w=60$/);
    // Refusals too, including a body that is not JSON (the parser answers before any route).
    expectApiHeaders(await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) }));
    expectApiHeaders(await request(ctx().app).post(`/api/responses/${await newToken()}`).set('content-type', 'application/json').send('{"answers":'));
    expectApiHeaders(await request(ctx().app).put(`/api/drafts/${await newToken()}`).send({ values: {} }));
    // Every other path keeps the page set.
    expect((await request(ctx().app).get('/api/openapi.json')).headers['content-security-policy']).to.contain("default-src 'self'");
  });

  describe('bad input: a clear 4xx and nothing stored', () => {
    async function expectRejected(body: unknown, status: number, check: (res: request.Response) => void, raw = false): Promise<void> {
      const token = await newToken();
      const before = await storedResponses();
      const answersBefore = await ctx().dataSource.getRepository(Answer).count();
      const req = request(ctx().app).post(`/api/responses/${token}`);
      const res = raw ? await req.set('content-type', 'application/json').send(body as string) : await req.send(body as object);
      expect(res.status, JSON.stringify(res.body)).to.equal(status);
      expect(res.body.error).to.include.keys('code', 'message');
      check(res);
      expect(await storedResponses()).to.equal(before);
      expect(await ctx().dataSource.getRepository(Answer).count()).to.equal(answersBefore);
    }
    const issue = (res: request.Response, item: string) => (res.body.error.details as { item: string; message: string }[]).find((d) => d.item === item);

    it('malformed JSON', async () => {
      await expectRejected('{"answers": {', 400, (res) => expect(res.body.error.code).to.equal('malformed_json'), true);
    });

    it('a body without answers', async () => {
      await expectRejected({ language: 'da' }, 400, (res) => expect(res.body.error.message).to.contain('answers'));
    });

    it('an unknown item id', async () => {
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire), no_such_item: 3 } }, 400, (res) => {
        expect(issue(res, 'no_such_item')?.message).to.equal('Spørgsmålet findes ikke i dette spørgeskema.');
      });
    });

    it('a wrong type', async () => {
      const number = itemOfKind(questionnaire, 'number');
      await expectRejected({ language: 'en', answers: { ...buildValidAnswers(questionnaire), [number.id]: 'many' } }, 400, (res) => {
        expect(issue(res, number.id)?.message).to.equal('Enter a number.');
      });
    });

    it('a number out of range', async () => {
      const number = itemOfKind(questionnaire, 'number', (item) => !item.item.maxItem);
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire), [number.id]: number.item.max + 1 } }, 400, (res) => {
        expect(issue(res, number.id)?.message).to.equal(`Tallet må ikke være større end ${number.item.max}.`);
      });
    });

    it('a decimal where a whole number is asked', async () => {
      const number = itemOfKind(questionnaire, 'number', (item) => item.item.integer !== false && !item.item.maxItem);
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire), [number.id]: 2.5 } }, 400, (res) => {
        expect(issue(res, number.id)?.message).to.equal('Skriv et helt tal uden decimaler.');
      });
    });

    it('a code that is not on the scale', async () => {
      const likert = itemOfKind(questionnaire, 'likert');
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire), [likert.id]: 7 } }, 400, (res) => {
        expect(issue(res, likert.id)?.message).to.equal('Vælg en af svarmulighederne.');
      });
    });

    it('a time-use total other than 100', async () => {
      const allocation = itemOfKind(questionnaire, 'allocation');
      const [first, second] = allocation.item.categories;
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire), [allocation.id]: { [first!.id]: 60, [second!.id]: 30 } } }, 400, (res) => {
        expect(issue(res, allocation.id)?.message).to.equal('Andelene skal tilsammen give 100 %. De giver nu 90 %.');
      });
    });

    it('a belief count above the caseload', async () => {
      const count = itemOfKind(questionnaire, 'number', (item) => Boolean(item.item.maxItem));
      const caseloadId = count.item.maxItem!;
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire, { [caseloadId]: 20 }), [count.id]: 21 } }, 400, (res) => {
        expect(issue(res, count.id)?.message).to.match(/^Tallet må ikke være større end dit svar på „.+“ \(20\)\.$/);
      });
    });

    it('an answer to an item hidden by its condition', async () => {
      const conditional = answerableItems(questionnaire).find((item) => item.showIf)!;
      const controlling = answerableItems(questionnaire).find((item) => item.id === conditional.showIf!.item)!;
      const hidingCode = (controlling as Extract<AnswerableItem, { scale: unknown }>).scale.options.find((o) => !conditional.showIf!.anyOf.includes(o.code))!.code;
      const answers = buildValidAnswers(questionnaire, { [controlling.id]: hidingCode });
      const shownAnswers = buildValidAnswers(questionnaire, { [controlling.id]: conditional.showIf!.anyOf[0]! });
      await expectRejected({ answers: { ...answers, [conditional.id]: shownAnswers[conditional.id]! } }, 400, (res) => {
        expect(issue(res, conditional.id)?.message).to.match(/^Dette spørgsmål skal ikke besvares ud fra dit svar på/);
      });
    });

    it('a missing required answer', async () => {
      const likert = itemOfKind(questionnaire, 'likert');
      const answers = buildValidAnswers(questionnaire);
      delete answers[likert.id];
      await expectRejected({ answers }, 400, (res) => expect(issue(res, likert.id)?.message).to.equal('Besvar venligst spørgsmålet.'));
    });

    it('text over the length limit', async () => {
      const text = itemOfKind(questionnaire, 'text');
      await expectRejected({ answers: { ...buildValidAnswers(questionnaire), [text.id]: 'x'.repeat(text.item.maxLength + 1) } }, 400, (res) => {
        expect(issue(res, text.id)?.message).to.equal(`Teksten må højst være ${text.item.maxLength} tegn.`);
      });
    });

    it('a body over 100 kB', async () => {
      const text = itemOfKind(questionnaire, 'text');
      await expectRejected({ answers: { [text.id]: 'x'.repeat(110_000) } }, 413, (res) => expect(res.body.error.code).to.equal('body_too_large'));
    });

    it('every problem is listed at once, each with its item', async () => {
      const likert = itemOfKind(questionnaire, 'likert');
      const allocation = itemOfKind(questionnaire, 'allocation');
      const answers: Answers = { ...buildValidAnswers(questionnaire), [likert.id]: 0, [allocation.id]: { [allocation.item.categories[0]!.id]: 10 } };
      await expectRejected({ answers }, 400, (res) => {
        expect(res.body.error.code).to.equal('invalid_answers');
        expect(res.body.error.details.map((d: { item: string }) => d.item)).to.include.members([likert.id, allocation.id]);
      });
    });
  });

  describe('links that cannot be used', () => {
    it('an unknown token is 404', async () => {
      const res = await request(ctx().app).post('/api/responses/AAAAAAAAAAAAAAAAAAAAAA').send({ answers: {} });
      expect(res.status).to.equal(404);
      expect(res.body.error.code).to.equal('invitation_unknown');
    });

    it('a closed round is 410 and stores nothing', async () => {
      const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { closesAt: new Date(ctx().clock.now().getTime() - 1000) });
      const { token } = await buildInvitation(ctx().dataSource, round);
      const before = await storedResponses();
      const res = await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) });
      expect(res.status).to.equal(410);
      expect(res.body.error.code).to.equal('round_closed');
      expect(await storedResponses()).to.equal(before);
    });

    it('a round that closes while the person works refuses the late submission', async () => {
      const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { closesAt: new Date(ctx().clock.now().getTime() + 60_000) });
      const { token } = await buildInvitation(ctx().dataSource, round);
      expect((await request(ctx().app).put(`/api/drafts/${token}`).send({ values: {} })).status).to.equal(200);
      ctx().clock.advance(61_000);
      const res = await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) });
      expect(res.status).to.equal(410);
    });

    it('a round that is not open yet is 403 with its opening time', async () => {
      const opensAt = new Date(ctx().clock.now().getTime() + 3600_000);
      const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { status: 'scheduled', opensAt });
      const { token } = await buildInvitation(ctx().dataSource, round);
      const res = await request(ctx().app).post(`/api/responses/${token}`).send({ answers: buildValidAnswers(questionnaire) });
      expect(res.status).to.equal(403);
      expect(res.body.error.details.opensAt).to.equal(opensAt.toISOString());
    });
  });
});
