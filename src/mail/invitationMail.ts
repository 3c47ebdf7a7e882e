import path from 'node:path';
import nunjucks from 'nunjucks';
import type { Language } from '../questionnaires/types.js';
import { formatCopenhagenTime } from '../shared/copenhagenTime.js';
import { projectRoot } from '../shared/views.js';
import { contactLine } from '../projectTexts/contactLine.js';
import { fillHtml, fillText, type MailValues } from '../projectTexts/placeholders.js';
import type { ProjectTextsInput } from '../projectTexts/textSchemas.js';

export interface InvitationMailInput {
  lang: Language;
  reminder: boolean;
  name: string;
  projectName: string;
  questionnaireTitle: string;
  roundLabel: string;
  closesAt: Date;
  link: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The project's sender name and reply-to; null where the project has none. */
  senderName: string | null;
  replyTo: string | null;
}

let htmlEnvironment: nunjucks.Environment | undefined;

function mailEnvironment(): nunjucks.Environment {
  htmlEnvironment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(path.join(projectRoot(), 'views', 'mail')), { autoescape: true });
  return htmlEnvironment;
}

const LINK_TEXT = { da: 'Åbn dit spørgeskema', en: 'Open your questionnaire' } as const;

/** The invitation or reminder in the project's words, with the placeholders filled in for one person. */
export function renderInvitationMail(texts: ProjectTextsInput, input: InvitationMailInput): RenderedMail {
  const own = texts[input.lang];
  const values: MailValues = {
    navn: input.name, link: input.link, lukker: formatCopenhagenTime(input.closesAt, input.lang), kontakt: contactLine(texts, input.lang),
    projekt: input.projectName, skema: input.questionnaireTitle, runde: input.roundLabel,
  };
  // A subject is one line: a line break in a value must not start a new header.
  const subject = fillText(input.reminder ? own.reminderSubject : own.invitationSubject, values).replace(/\s+/g, ' ').trim();
  const body = input.reminder ? own.reminderBody : own.invitationBody;
  const html = mailEnvironment().render('invitation.html.njk', { lang: input.lang, subject, bodyHtml: fillHtml(body, values, LINK_TEXT[input.lang]) });
  return { subject, text: fillText(body, values), html, senderName: texts.senderName || null, replyTo: texts.replyTo || null };
}
