import { FhirResourceKey } from '../modules/fhir-import/fhir-resource-key.entity';
import { ImportIssue } from '../modules/imports/import-issue.entity';
import { ImportJob } from '../modules/imports/import-job.entity';
import { Organisation } from '../modules/organisations/organisation.entity';
import { Admission } from '../modules/records/admission.entity';
import { CarePlanAdjustment } from '../modules/records/care-plan-adjustment.entity';
import { CarePlanReview } from '../modules/records/care-plan-review.entity';
import { CarePlan } from '../modules/records/care-plan.entity';
import { Condition } from '../modules/records/condition.entity';
import { Observation } from '../modules/records/observation.entity';
import { Patient } from '../modules/records/patient.entity';
import { Registration } from '../modules/records/registration.entity';
import { Training } from '../modules/records/training.entity';
import { SnapshotState } from '../modules/snapshot/snapshot-state.entity';
import { UserAccount } from '../modules/users/user.entity';
import { SessionRecord } from '../modules/auth/session.entity';
import { AuditEntryRecord } from '../modules/audit/audit-entry.entity';
import { PracticeGroup } from '../modules/groups/practice-group.entity';
import { MeasureTarget } from '../modules/targets/measure-target.entity';
import { AlertPreference } from '../modules/alerts/alert-preference.entity';

/** Every entity of the system of record; the data source and the drift test use this list. */
export const ENTITIES = [
  Organisation,
  Patient,
  Registration,
  Condition,
  CarePlan,
  CarePlanReview,
  CarePlanAdjustment,
  Observation,
  Admission,
  Training,
  ImportJob,
  ImportIssue,
  FhirResourceKey,
  SnapshotState,
  UserAccount,
  SessionRecord,
  AuditEntryRecord,
  PracticeGroup,
  MeasureTarget,
  AlertPreference,
];
