import path from 'node:path';
import nunjucks from 'nunjucks';
import type { Language } from '../questionnaires/types.js';
import { formatCopenhagenTime } from '../shared/copenhagenTime.js';
import { projectRoot } from '../shared/views.js';

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
}

let environments: { text: nunjucks.Environment; html: nunjucks.Environment } | undefined;

/** Mail has its own environments: plain text must not be HTML-escaped, HTML must be. */
function mailEnvironments() {
  const dir = path.join(projectRoot(), 'views', 'mail');
  environments ??= {
    text: new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: false }),
    html: new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true }),
  };
  return environments;
}

export function renderInvitationMail(input: InvitationMailInput): RenderedMail {
  const subject = input.lang === 'en'
    ? `${input.reminder ? 'Reminder: ' : ''}Questionnaire: ${input.questionnaireTitle}`
    : `${input.reminder ? 'Påmindelse: ' : ''}Spørgeskema: ${input.questionnaireTitle}`;
  const context = { ...input, subject, closesAt: formatCopenhagenTime(input.closesAt, input.lang) };
  const { text, html } = mailEnvironments();
  return { subject, text: text.render('invitation.txt.njk', context), html: html.render('invitation.html.njk', context) };
}
