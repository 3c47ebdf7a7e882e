import { Answer } from './Answer.js';
import { ApiToken } from './ApiToken.js';
import { AuditLog } from './AuditLog.js';
import { JobLease } from './JobLease.js';
import { MailOutbox } from './MailOutbox.js';
import { OrgUnit } from './OrgUnit.js';
import { ProjectGroup } from './ProjectGroup.js';
import { ProjectLead } from './ProjectLead.js';
import { ProjectTexts } from './ProjectTexts.js';
import { TwoFactorRecoveryCode } from './TwoFactorRecoveryCode.js';
import { UserAccount } from './UserAccount.js';
import { WebSession } from './WebSession.js';
import { Draft } from './Draft.js';
import { Invitation } from './Invitation.js';
import { Project } from './Project.js';
import { QuestionnaireVersion } from './QuestionnaireVersion.js';
import { Respondent } from './Respondent.js';
import { Response } from './Response.js';
import { Round } from './Round.js';

export {
  Answer, ApiToken, AuditLog, Draft, Invitation, JobLease, MailOutbox, OrgUnit, Project, ProjectGroup, ProjectLead, ProjectTexts,
  QuestionnaireVersion, Respondent, Response, Round, TwoFactorRecoveryCode, UserAccount, WebSession,
};
export const entities = [
  Project, QuestionnaireVersion, Round, Respondent, Invitation, Response, Answer, Draft,
  UserAccount, ProjectLead, WebSession, ApiToken, AuditLog, ProjectGroup, OrgUnit, MailOutbox, JobLease, ProjectTexts, TwoFactorRecoveryCode,
];
