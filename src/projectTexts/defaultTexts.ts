import type { LanguageTexts, ProjectTextsInput } from './textSchemas.js';

/*
 * The texts a project has until an admin changes them: the invitation and reminder Pejling sent
 * before texts could be set, and a privacy notice (GDPR art. 13) that names the data controller
 * the admin fills in, what is collected, why, for how long, who sees what, and the person's rights.
 */

const daInvitation = `Kære {navn}

Du inviteres til at besvare spørgeskemaet „{skema}“ ({runde}) i projektet „{projekt}“.

Dit personlige link:
{link}

Spørgeskemaet er åbent til {lukker}. Du kan holde pause og fortsætte senere fra samme link. Linket er personligt: send det ikke videre.

Har du spørgsmål, så kontakt {kontakt}.

Med venlig hilsen
Pejling på vegne af projektet`;

const enInvitation = `Dear {navn},

You are invited to answer the questionnaire "{skema}" ({runde}) in the project "{projekt}".

Your personal link:
{link}

The questionnaire is open until {lukker}. You can stop and continue later from the same link. The link is yours alone: please do not pass it on.

If you have questions, contact {kontakt}.

Kind regards,
Pejling on behalf of the project`;

const daPrivacy = `{dataansvarlig} er dataansvarlig for dine svar i projektet „{projekt}“.

Vi indsamler dine svar på spørgeskemaet og de oplysninger om dig, projektet har registreret: navn, e-mail, kommune, team, rolle og gruppe. Formålet er at evaluere projektet ved at sammenligne svarene før og efter indsatsen.

Projektlederne ser kun anonyme tal for grupper med mindst {k} besvarelser, aldrig dit navn eller dine enkelte svar. Svarene opbevares, til projektet er evalueret, og slettes eller anonymiseres derefter.

Du har ret til indsigt i, berigtigelse og sletning af dine oplysninger, og du kan klage til Datatilsynet. Spørgsmål om behandlingen kan rettes til {kontakt}.`;

const enPrivacy = `{dataansvarlig} is the data controller for your answers in the project "{projekt}".

We collect your answers to the questionnaire and what the project has registered about you: name, email, municipality, team, role and group. The purpose is to evaluate the project by comparing the answers before and after it.

The project leads see only anonymous figures for groups of at least {k} answers, never your name or your individual answers. The answers are kept until the project has been evaluated and are then deleted or anonymised.

You have the right of access, rectification and erasure, and you may complain to the Danish Data Protection Agency (Datatilsynet). Questions about the processing can be sent to {kontakt}.`;

const reminderOf = (invitation: string, from: string, to: string) => invitation.replace(from, to);

const da: LanguageTexts = {
  invitationSubject: 'Spørgeskema: {skema}',
  invitationBody: daInvitation,
  reminderSubject: 'Påmindelse: Spørgeskema: {skema}',
  reminderBody: reminderOf(daInvitation, 'Du inviteres til at besvare', 'En påmindelse: Vi har endnu ikke modtaget dine svar på'),
  privacyNotice: daPrivacy,
};

const en: LanguageTexts = {
  invitationSubject: 'Questionnaire: {skema}',
  invitationBody: enInvitation,
  reminderSubject: 'Reminder: Questionnaire: {skema}',
  reminderBody: reminderOf(enInvitation, 'You are invited to answer', 'A reminder: we have not yet received your answers to'),
  privacyNotice: enPrivacy,
};

export function defaultProjectTexts(): ProjectTextsInput {
  return { senderName: '', replyTo: '', contactName: '', contactEmail: '', contactPhone: '', dataController: '', da: { ...da }, en: { ...en } };
}

/** Said where a value is not filled in, so no text shows an empty gap. */
export const FALLBACKS = {
  contact: { da: 'projektlederen', en: 'the project lead' },
  dataController: { da: 'Den kommune, der gennemfører projektet,', en: 'The municipality running the project' },
} as const;
