import { Answer } from './Answer.js';
import { Draft } from './Draft.js';
import { Invitation } from './Invitation.js';
import { Project } from './Project.js';
import { QuestionnaireVersion } from './QuestionnaireVersion.js';
import { Respondent } from './Respondent.js';
import { Response } from './Response.js';
import { Round } from './Round.js';

export { Answer, Draft, Invitation, Project, QuestionnaireVersion, Respondent, Response, Round };
export const entities = [Project, QuestionnaireVersion, Round, Respondent, Invitation, Response, Answer, Draft];
