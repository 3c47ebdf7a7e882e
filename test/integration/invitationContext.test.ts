import { expect } from 'chai';
import { Draft, Invitation, Project, ProjectTexts, Respondent, Round } from '../../src/db/entities/index.js';
import { defaultProjectTexts } from '../../src/projectTexts/defaultTexts.js';
import { loadProjectTexts } from '../../src/projectTexts/projectTextsService.js';
import { SubmissionService } from '../../src/responses/submissionService.js';
import { findAnswerableLink, findInvitationContext } from '../../src/rounds/invitationContext.js';
import { buildValidAnswers } from '../support/answerBuilders.js';
import { buildInvitation, buildRound } from '../support/builders.js';
import { describeWithEachDatabase, type TestContext } from '../support/testContext.js';
import { testDatabases } from '../support/testDatabases.js';

// The lookup behind every personal link is one hand-written SELECT; it must give back exactly
// what TypeORM's own loading of each row gives, on both databases.
describeWithEachDatabase('findInvitationContext: one query for everything a link leads to', testDatabases, (ctx: () => TestContext) => {
  it('returns the invitation, round and project as TypeORM loads them, dates as Dates', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now(), { reminderDays: '[3,7]', recurrenceCron: '0 9 1 * *' });
    const { token, invitation } = await buildInvitation(ctx().dataSource, round);
    const context = (await findInvitationContext(ctx().dataSource, ctx().catalog, token))!;
    expect(context.invitation).to.be.instanceOf(Invitation);
    expect(context.invitation).to.deep.equal(await ctx().dataSource.getRepository(Invitation).findOneByOrFail({ id: invitation.id }));
    expect(context.round).to.be.instanceOf(Round);
    expect(context.round).to.deep.equal(await ctx().dataSource.getRepository(Round).findOneByOrFail({ id: round.id }));
    expect(context.round.opensAt).to.be.instanceOf(Date);
    expect(context.project).to.deep.equal(await ctx().dataSource.getRepository(Project).findOneByOrFail({ id: round.projectId }));
    expect(context.questionnaire.versionId).to.equal(round.questionnaireVersionId);
    expect(context.submittedAt).to.equal(null);
    expect(context.hasDraft).to.equal(false);
  });

  it('tells whether a draft was saved and when the answers were submitted', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token, invitation } = await buildInvitation(ctx().dataSource, round);
    await ctx().dataSource.getRepository(Draft).insert({ invitationId: invitation.id, answers: '{}', language: 'da', updatedAt: ctx().clock.now() });
    expect((await findInvitationContext(ctx().dataSource, ctx().catalog, token))!.hasDraft).to.equal(true);

    const submissions = new SubmissionService(ctx().dataSource, ctx().catalog, ctx().clock.now);
    const submitted = await submissions.submit(token, buildValidAnswers(ctx().catalog.byVersion(round.questionnaireVersionId)!.questionnaire));
    const context = (await findInvitationContext(ctx().dataSource, ctx().catalog, token))!;
    expect(context.submittedAt).to.be.instanceOf(Date);
    expect(context.submittedAt!.getTime()).to.equal(submitted.submittedAt.getTime());
    expect(context.hasDraft, 'the submission deleted the draft').to.equal(false);
  });

  it('reads the project\'s texts with the link only when asked, the same as loading them on their own', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token } = await buildInvitation(ctx().dataSource, round);
    expect((await findInvitationContext(ctx().dataSource, ctx().catalog, token))!.projectTexts, 'not read unless asked').to.equal(undefined);
    expect((await findInvitationContext(ctx().dataSource, ctx().catalog, token, { withProjectTexts: true }))!.projectTexts, 'none stored: the defaults').to.deep.equal(defaultProjectTexts());

    const defaults = defaultProjectTexts();
    const stored = { ...defaults, contactName: 'Lea Holm', da: { ...defaults.da, privacyNotice: 'Vores egen tekst om {projekt}.' } };
    await ctx().dataSource.getRepository(ProjectTexts).insert({ projectId: round.projectId, content: JSON.stringify(stored), updatedAt: ctx().clock.now() });
    const context = (await findInvitationContext(ctx().dataSource, ctx().catalog, token, { withProjectTexts: true }))!;
    expect(context.projectTexts).to.deep.equal(await loadProjectTexts(ctx().dataSource, round.projectId));
    expect(context.projectTexts!.da.privacyNotice).to.equal('Vores egen tekst om {projekt}.');
    expect(context.projectTexts!.contactName).to.equal('Lea Holm');
  });

  it('reads for a submission only what it needs, converted exactly as the whole rows are', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token, respondent } = await buildInvitation(ctx().dataSource, round);
    const whole = (await findInvitationContext(ctx().dataSource, ctx().catalog, token))!;
    const link = (await findAnswerableLink(ctx().dataSource, ctx().catalog, token))!;
    expect({ ...link.invitation }).to.deep.equal({ id: whole.invitation.id, respondentId: whole.invitation.respondentId });
    expect({ ...link.round }).to.deep.equal({ id: whole.round.id, status: whole.round.status, opensAt: whole.round.opensAt, closesAt: whole.round.closesAt, questionnaireVersionId: whole.round.questionnaireVersionId });
    expect(link.round.opensAt).to.be.instanceOf(Date);
    expect({ ...link.project }).to.deep.equal({ id: whole.project.id, defaultLanguage: whole.project.defaultLanguage });
    expect(link.questionnaire).to.equal(whole.questionnaire);
    expect([link.submittedAt, link.hasDraft, link.respondentInactive]).to.deep.equal([whole.submittedAt, whole.hasDraft, whole.respondentInactive]);

    await ctx().dataSource.getRepository(Respondent).update(respondent.id, { active: false });
    expect((await findAnswerableLink(ctx().dataSource, ctx().catalog, token))!.respondentInactive).to.equal(true);
    await ctx().dataSource.getRepository(Respondent).update(respondent.id, { name: null, email: null, erasedAt: ctx().clock.now() });
    expect(await findAnswerableLink(ctx().dataSource, ctx().catalog, token)).to.equal(undefined);
    expect(await findAnswerableLink(ctx().dataSource, ctx().catalog, 'not a token')).to.equal(undefined);
  });

  it('knows no link that is malformed, unknown, or belongs to an erased person', async () => {
    const round = await buildRound(ctx().dataSource, ctx().catalog, ctx().clock.now());
    const { token, respondent } = await buildInvitation(ctx().dataSource, round);
    expect(await findInvitationContext(ctx().dataSource, ctx().catalog, 'not a token')).to.equal(undefined);
    expect(await findInvitationContext(ctx().dataSource, ctx().catalog, 'AAAAAAAAAAAAAAAAAAAAAA')).to.equal(undefined);
    expect(await findInvitationContext(ctx().dataSource, ctx().catalog, token)).to.not.equal(undefined);
    await ctx().dataSource.getRepository(Respondent).update(respondent.id, { name: null, email: null, erasedAt: ctx().clock.now() });
    expect(await findInvitationContext(ctx().dataSource, ctx().catalog, token)).to.equal(undefined);
  });
});
