import { InitialSchema1763800000000 } from './1763800000000-InitialSchema.js';
import { AdminsAndScheduling1763900000000 } from './1763900000000-AdminsAndScheduling.js';
import { RecurrenceGuard1764000000000 } from './1764000000000-RecurrenceGuard.js';
import { ReportableAttributes1764100000000 } from './1764100000000-ReportableAttributes.js';
import { RespondentsVersion1764200000000 } from './1764200000000-RespondentsVersion.js';
import { CoveringAnswerIndex1764300000000 } from './1764300000000-CoveringAnswerIndex.js';
import { ResponseAnswerVector1764400000000 } from './1764400000000-ResponseAnswerVector.js';
import { NarrowAnswerRoundIndex1764500000000 } from './1764500000000-NarrowAnswerRoundIndex.js';
import { NormaliseAttributeValues1764600000000 } from './1764600000000-NormaliseAttributeValues.js';
import { OpenLinkResume1764700000000 } from './1764700000000-OpenLinkResume.js';
import { AuditDetailsMediumText1764800000000 } from './1764800000000-AuditDetailsMediumText.js';
import { CredentialRevocation1764900000000 } from './1764900000000-CredentialRevocation.js';
import { ProjectTexts1765000000000 } from './1765000000000-ProjectTexts.js';
import { RoundPeriodLabel1765100000000 } from './1765100000000-RoundPeriodLabel.js';
import { TwoFactor1765300000000 } from './1765300000000-TwoFactor.js';

/** Every migration in order; listed explicitly so bundling or compiling cannot lose one. */
export const migrations = [InitialSchema1763800000000, AdminsAndScheduling1763900000000, RecurrenceGuard1764000000000, ReportableAttributes1764100000000, RespondentsVersion1764200000000, CoveringAnswerIndex1764300000000, ResponseAnswerVector1764400000000, NarrowAnswerRoundIndex1764500000000, NormaliseAttributeValues1764600000000, OpenLinkResume1764700000000, AuditDetailsMediumText1764800000000, CredentialRevocation1764900000000, ProjectTexts1765000000000, RoundPeriodLabel1765100000000, TwoFactor1765300000000];
