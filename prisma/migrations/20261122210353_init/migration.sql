-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('WORKER', 'CASE_MANAGER', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "Specialism" AS ENUM ('ADULT_SURVIVOR_ADVOCATE', 'CHILDRENS_CASEWORKER', 'BEHAVIOUR_CHANGE_WORKER');

-- CreateEnum
CREATE TYPE "ReferralSource" AS ENUM ('CHILDRENS_SOCIAL_CARE', 'POLICE', 'HEALTH', 'EDUCATION', 'SELF_REFERRAL', 'OTHER_DA_SERVICE', 'OTHER');

-- CreateEnum
CREATE TYPE "PersonKind" AS ENUM ('ADULT_SURVIVOR', 'HARMFUL_BEHAVIOUR', 'YOUNG_PERSON');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'NON_BINARY', 'OTHER', 'PREFER_NOT_TO_SAY');

-- CreateEnum
CREATE TYPE "SexualOrientation" AS ENUM ('HETEROSEXUAL', 'GAY_OR_LESBIAN', 'BISEXUAL', 'OTHER', 'PREFER_NOT_TO_SAY');

-- CreateEnum
CREATE TYPE "EthnicityGroup" AS ENUM ('WHITE', 'MIXED', 'ASIAN', 'BLACK', 'OTHER', 'PREFER_NOT_TO_SAY');

-- CreateEnum
CREATE TYPE "Employment" AS ENUM ('FULL_TIME', 'PART_TIME', 'UNEMPLOYED', 'STUDENT', 'NOT_SEEKING_WORK', 'OTHER');

-- CreateEnum
CREATE TYPE "ClosureReason" AS ENUM ('COMPLETED', 'DISENGAGED', 'MOVED_AWAY', 'REFERRED_ON', 'RISK_ESCALATED', 'OTHER');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('PHONE_CALL', 'TEXT_MESSAGE', 'EMAIL', 'LETTER', 'PORTAL_MESSAGE', 'IN_PERSON');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('STANDARD', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "AssessmentStage" AS ENUM ('INTAKE', 'REVIEW', 'EXIT');

-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('SIGNED_OUT', 'QUICK_EXIT', 'SIGNED_OUT_EVERYWHERE', 'NOT_ME', 'NEW_ENROLMENT', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AppointmentMode" AS ENUM ('IN_PERSON', 'PHONE', 'VIDEO');

-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('BOOKED', 'CANCELLED', 'ATTENDED', 'MISSED');

-- CreateEnum
CREATE TYPE "QuestionnaireSource" AS ENUM ('BUILT_IN', 'LICENSED');

-- CreateEnum
CREATE TYPE "RuleTrigger" AS ENUM ('AT_INTAKE', 'AT_CLOSURE', 'RECURRING');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('ASSIGNED', 'IN_PROGRESS', 'SUBMITTED', 'CLOSED');

-- CreateEnum
CREATE TYPE "QuestionnaireStage" AS ENUM ('INTAKE', 'CHECK_IN', 'REFLECTION', 'EXIT', 'GOALS');

-- CreateEnum
CREATE TYPE "Respondent" AS ENUM ('PERSON', 'WORKER');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('SAFETY_ANSWER', 'NOT_ME', 'SAME_WORKER');

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "name" TEXT NOT NULL,
    "exitUrl" TEXT NOT NULL DEFAULT 'https://www.bbc.co.uk/weather',
    "coverTheme" TEXT NOT NULL DEFAULT 'community-centre',
    "signInPath" TEXT NOT NULL DEFAULT '/sign-in',
    "idleLockMinutes" INTEGER NOT NULL DEFAULT 10,
    "absoluteSessionHours" INTEGER NOT NULL DEFAULT 12,
    "staffIdleMinutes" INTEGER NOT NULL DEFAULT 30,
    "smallNumberThreshold" INTEGER NOT NULL DEFAULT 4,
    "retentionMonths" INTEGER NOT NULL DEFAULT 72,
    "showAccessSummary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "areaId" TEXT,
    "name" TEXT NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffMember" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "teamId" TEXT,
    "displayName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "specialism" "Specialism",
    "deactivatedAt" TIMESTAMP(3),

    CONSTRAINT "StaffMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Family" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "referralSource" "ReferralSource" NOT NULL,
    "referralDate" DATE NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "caseManagerId" TEXT,

    CONSTRAINT "Family_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "kind" "PersonKind" NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" DATE,
    "pageTitle" TEXT NOT NULL DEFAULT 'Appointments',
    "gender" "Gender",
    "sexualOrientation" "SexualOrientation",
    "ethnicityGroup" "EthnicityGroup",
    "disability" BOOLEAN,
    "employment" "Employment",
    "referralSource" "ReferralSource",
    "consentMonitoring" BOOLEAN NOT NULL DEFAULT false,
    "consentRecordedAt" TIMESTAMP(3),
    "involvementStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "involvementEndedAt" TIMESTAMP(3),
    "closureReason" "ClosureReason",
    "anonymisedAt" TIMESTAMP(3),
    "safetyIntroSeenAt" TIMESTAMP(3),

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SafeContactPreference" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "safeTimesCipher" BYTEA,
    "safeChannels" "ContactChannel"[],
    "doNotContactBy" "ContactChannel"[],
    "codeWordCipher" BYTEA,
    "keyId" TEXT,

    CONSTRAINT "SafeContactPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "sameWorkerReason" TEXT,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskAssessment" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "staffId" TEXT,
    "level" "RiskLevel" NOT NULL,
    "stage" "AssessmentStage" NOT NULL,
    "assessedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reasonCipher" BYTEA,
    "keyId" TEXT,
    "reviewDueAt" TIMESTAMP(3),

    CONSTRAINT "RiskAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "authorId" TEXT,
    "bodyCipher" BYTEA NOT NULL,
    "keyId" TEXT NOT NULL,

    CONSTRAINT "CaseNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Passkey" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT,
    "staffId" TEXT,
    "credentialId" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[],
    "deviceType" TEXT NOT NULL,
    "backedUp" BOOLEAN NOT NULL,
    "label" TEXT NOT NULL DEFAULT 'Passkey',
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "Passkey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PinCredential" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "PinCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnrolmentCode" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "codeHash" TEXT NOT NULL,
    "personId" TEXT,
    "staffId" TEXT,
    "issuedById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "EnrolmentCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT,
    "staffId" TEXT,
    "method" TEXT NOT NULL,
    "deviceKind" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lockedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" "SessionEndReason",

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AvailabilitySlot" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "staffId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "mode" "AppointmentMode" NOT NULL DEFAULT 'IN_PERSON',
    "venue" TEXT,

    CONSTRAINT "AvailabilitySlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "slotId" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "mode" "AppointmentMode" NOT NULL,
    "venue" TEXT,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'BOOKED',
    "cancelledBy" TEXT,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "Appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageThread" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "repliesAllowed" BOOLEAN NOT NULL DEFAULT true,
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "threadId" TEXT NOT NULL,
    "authorPersonId" TEXT,
    "authorStaffId" TEXT,
    "bodyCipher" BYTEA NOT NULL,
    "keyId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireDefinition" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "source" "QuestionnaireSource" NOT NULL,
    "audience" "PersonKind",
    "definition" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,

    CONSTRAINT "QuestionnaireDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceQuestionnaire" (
    "serviceId" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceQuestionnaire_pkey" PRIMARY KEY ("serviceId","definitionId")
);

-- CreateTable
CREATE TABLE "QuestionnaireRule" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "personKind" "PersonKind" NOT NULL,
    "trigger" "RuleTrigger" NOT NULL,
    "intervalDays" INTEGER,
    "dueAfterDays" INTEGER NOT NULL DEFAULT 7,

    CONSTRAINT "QuestionnaireRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireAssignment" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "stage" "QuestionnaireStage" NOT NULL,
    "assignedById" TEXT,
    "ruleId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'ASSIGNED',
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "QuestionnaireAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireDraft" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "pageIndex" INTEGER NOT NULL DEFAULT 0,
    "answersCipher" BYTEA NOT NULL,
    "keyId" TEXT NOT NULL,

    CONSTRAINT "QuestionnaireDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionnaireResponse" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "stage" "QuestionnaireStage" NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "scores" JSONB,
    "workerCompletedAt" TIMESTAMP(3),

    CONSTRAINT "QuestionnaireResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Answer" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "responseId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "answeredBy" "Respondent" NOT NULL,
    "staffId" TEXT,
    "numberValue" DOUBLE PRECISION,
    "choiceValues" TEXT[],
    "dateValue" DATE,
    "textCipher" BYTEA,
    "keyId" TEXT,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "titleCipher" BYTEA NOT NULL,
    "keyId" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalRating" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "goalId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "ratedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "responseId" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorStaffId" TEXT,
    "actorPersonId" TEXT,
    "subjectPersonId" TEXT,
    "action" TEXT NOT NULL,
    "reasonCode" TEXT NOT NULL,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Area_serviceId_idx" ON "Area"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Area_serviceId_name_key" ON "Area"("serviceId", "name");

-- CreateIndex
CREATE INDEX "Team_serviceId_idx" ON "Team"("serviceId");

-- CreateIndex
CREATE INDEX "Team_areaId_idx" ON "Team"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_serviceId_name_key" ON "Team"("serviceId", "name");

-- CreateIndex
CREATE INDEX "StaffMember_serviceId_role_idx" ON "StaffMember"("serviceId", "role");

-- CreateIndex
CREATE INDEX "StaffMember_teamId_idx" ON "StaffMember"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffMember_serviceId_email_key" ON "StaffMember"("serviceId", "email");

-- CreateIndex
CREATE INDEX "Family_serviceId_closedAt_idx" ON "Family"("serviceId", "closedAt");

-- CreateIndex
CREATE INDEX "Family_areaId_idx" ON "Family"("areaId");

-- CreateIndex
CREATE INDEX "Family_caseManagerId_idx" ON "Family"("caseManagerId");

-- CreateIndex
CREATE UNIQUE INDEX "Family_serviceId_reference_key" ON "Family"("serviceId", "reference");

-- CreateIndex
CREATE INDEX "Person_familyId_idx" ON "Person"("familyId");

-- CreateIndex
CREATE INDEX "Person_serviceId_kind_idx" ON "Person"("serviceId", "kind");

-- CreateIndex
CREATE INDEX "Person_involvementEndedAt_idx" ON "Person"("involvementEndedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SafeContactPreference_personId_key" ON "SafeContactPreference"("personId");

-- CreateIndex
CREATE INDEX "Allocation_personId_endedAt_idx" ON "Allocation"("personId", "endedAt");

-- CreateIndex
CREATE INDEX "Allocation_staffId_endedAt_idx" ON "Allocation"("staffId", "endedAt");

-- CreateIndex
CREATE INDEX "RiskAssessment_personId_assessedAt_idx" ON "RiskAssessment"("personId", "assessedAt");

-- CreateIndex
CREATE INDEX "RiskAssessment_staffId_idx" ON "RiskAssessment"("staffId");

-- CreateIndex
CREATE INDEX "CaseNote_personId_createdAt_idx" ON "CaseNote"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseNote_authorId_idx" ON "CaseNote"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Passkey_credentialId_key" ON "Passkey"("credentialId");

-- CreateIndex
CREATE INDEX "Passkey_personId_idx" ON "Passkey"("personId");

-- CreateIndex
CREATE INDEX "Passkey_staffId_idx" ON "Passkey"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "PinCredential_personId_key" ON "PinCredential"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "EnrolmentCode_codeHash_key" ON "EnrolmentCode"("codeHash");

-- CreateIndex
CREATE INDEX "EnrolmentCode_personId_idx" ON "EnrolmentCode"("personId");

-- CreateIndex
CREATE INDEX "EnrolmentCode_staffId_idx" ON "EnrolmentCode"("staffId");

-- CreateIndex
CREATE INDEX "EnrolmentCode_issuedById_idx" ON "EnrolmentCode"("issuedById");

-- CreateIndex
CREATE INDEX "Session_personId_createdAt_idx" ON "Session"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "Session_staffId_createdAt_idx" ON "Session"("staffId", "createdAt");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "AvailabilitySlot_staffId_startsAt_idx" ON "AvailabilitySlot"("staffId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_personId_startsAt_idx" ON "Appointment"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_staffId_startsAt_idx" ON "Appointment"("staffId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_slotId_idx" ON "Appointment"("slotId");

-- CreateIndex
CREATE INDEX "MessageThread_personId_lastMessageAt_idx" ON "MessageThread"("personId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "MessageThread_staffId_lastMessageAt_idx" ON "MessageThread"("staffId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Message_threadId_createdAt_idx" ON "Message"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_authorPersonId_idx" ON "Message"("authorPersonId");

-- CreateIndex
CREATE INDEX "Message_authorStaffId_idx" ON "Message"("authorStaffId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireDefinition_key_version_key" ON "QuestionnaireDefinition"("key", "version");

-- CreateIndex
CREATE INDEX "ServiceQuestionnaire_definitionId_idx" ON "ServiceQuestionnaire"("definitionId");

-- CreateIndex
CREATE INDEX "QuestionnaireRule_serviceId_idx" ON "QuestionnaireRule"("serviceId");

-- CreateIndex
CREATE INDEX "QuestionnaireRule_definitionId_idx" ON "QuestionnaireRule"("definitionId");

-- CreateIndex
CREATE INDEX "QuestionnaireAssignment_personId_status_dueAt_idx" ON "QuestionnaireAssignment"("personId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "QuestionnaireAssignment_definitionId_idx" ON "QuestionnaireAssignment"("definitionId");

-- CreateIndex
CREATE INDEX "QuestionnaireAssignment_assignedById_idx" ON "QuestionnaireAssignment"("assignedById");

-- CreateIndex
CREATE INDEX "QuestionnaireAssignment_ruleId_idx" ON "QuestionnaireAssignment"("ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireDraft_assignmentId_key" ON "QuestionnaireDraft"("assignmentId");

-- CreateIndex
CREATE INDEX "QuestionnaireDraft_personId_idx" ON "QuestionnaireDraft"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireResponse_assignmentId_key" ON "QuestionnaireResponse"("assignmentId");

-- CreateIndex
CREATE INDEX "QuestionnaireResponse_personId_submittedAt_idx" ON "QuestionnaireResponse"("personId", "submittedAt");

-- CreateIndex
CREATE INDEX "QuestionnaireResponse_definitionId_stage_submittedAt_idx" ON "QuestionnaireResponse"("definitionId", "stage", "submittedAt");

-- CreateIndex
CREATE INDEX "Answer_staffId_idx" ON "Answer"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Answer_responseId_itemKey_key" ON "Answer"("responseId", "itemKey");

-- CreateIndex
CREATE INDEX "Goal_personId_idx" ON "Goal"("personId");

-- CreateIndex
CREATE INDEX "GoalRating_goalId_ratedAt_idx" ON "GoalRating"("goalId", "ratedAt");

-- CreateIndex
CREATE INDEX "Alert_personId_resolvedAt_idx" ON "Alert"("personId", "resolvedAt");

-- CreateIndex
CREATE INDEX "Alert_responseId_idx" ON "Alert"("responseId");

-- CreateIndex
CREATE INDEX "Alert_resolvedById_idx" ON "Alert"("resolvedById");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectPersonId_at_idx" ON "AuditEvent"("subjectPersonId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorStaffId_at_idx" ON "AuditEvent"("actorStaffId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorPersonId_idx" ON "AuditEvent"("actorPersonId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "Area" ADD CONSTRAINT "Area_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffMember" ADD CONSTRAINT "StaffMember_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffMember" ADD CONSTRAINT "StaffMember_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Family" ADD CONSTRAINT "Family_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Family" ADD CONSTRAINT "Family_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Family" ADD CONSTRAINT "Family_caseManagerId_fkey" FOREIGN KEY ("caseManagerId") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "Family"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SafeContactPreference" ADD CONSTRAINT "SafeContactPreference_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passkey" ADD CONSTRAINT "Passkey_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Passkey" ADD CONSTRAINT "Passkey_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PinCredential" ADD CONSTRAINT "PinCredential_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentCode" ADD CONSTRAINT "EnrolmentCode_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentCode" ADD CONSTRAINT "EnrolmentCode_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnrolmentCode" ADD CONSTRAINT "EnrolmentCode_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilitySlot" ADD CONSTRAINT "AvailabilitySlot_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "AvailabilitySlot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageThread" ADD CONSTRAINT "MessageThread_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageThread" ADD CONSTRAINT "MessageThread_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "MessageThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorPersonId_fkey" FOREIGN KEY ("authorPersonId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorStaffId_fkey" FOREIGN KEY ("authorStaffId") REFERENCES "StaffMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceQuestionnaire" ADD CONSTRAINT "ServiceQuestionnaire_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceQuestionnaire" ADD CONSTRAINT "ServiceQuestionnaire_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "QuestionnaireDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireRule" ADD CONSTRAINT "QuestionnaireRule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireRule" ADD CONSTRAINT "QuestionnaireRule_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "QuestionnaireDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireAssignment" ADD CONSTRAINT "QuestionnaireAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireAssignment" ADD CONSTRAINT "QuestionnaireAssignment_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "QuestionnaireDefinition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireAssignment" ADD CONSTRAINT "QuestionnaireAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireAssignment" ADD CONSTRAINT "QuestionnaireAssignment_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "QuestionnaireRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireDraft" ADD CONSTRAINT "QuestionnaireDraft_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "QuestionnaireAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireDraft" ADD CONSTRAINT "QuestionnaireDraft_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireResponse" ADD CONSTRAINT "QuestionnaireResponse_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "QuestionnaireAssignment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireResponse" ADD CONSTRAINT "QuestionnaireResponse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionnaireResponse" ADD CONSTRAINT "QuestionnaireResponse_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "QuestionnaireDefinition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "QuestionnaireResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalRating" ADD CONSTRAINT "GoalRating_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "QuestionnaireResponse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorStaffId_fkey" FOREIGN KEY ("actorStaffId") REFERENCES "StaffMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorPersonId_fkey" FOREIGN KEY ("actorPersonId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_subjectPersonId_fkey" FOREIGN KEY ("subjectPersonId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
