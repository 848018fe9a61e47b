import { RUN_RECORD_SCHEMA_VERSION, RunRecordSchema } from '../api/run-record.js';
import type { RunRecord } from '../api/run-record.js';
import { ATTESTATION_SCHEMA_VERSION, AttestationSchema } from './attestation.js';
import type { Attestation } from './attestation.js';
import type { RecordSchemaInfo } from './record-file.js';
import { MERGE_RECORD_SCHEMA_VERSION, MergeRecordSchema } from './bundle/merge-record.js';
import type { MergeRecord } from './bundle/merge-record.js';

export const RUN_RECORD_INFO: RecordSchemaInfo<RunRecord> = {
  schema: RunRecordSchema,
  what: 'run record',
  schemaVersion: RUN_RECORD_SCHEMA_VERSION,
};

export const ATTESTATION_INFO: RecordSchemaInfo<Attestation> = {
  schema: AttestationSchema,
  what: 'attestation',
  schemaVersion: ATTESTATION_SCHEMA_VERSION,
};

export const MERGE_RECORD_INFO: RecordSchemaInfo<MergeRecord> = {
  schema: MergeRecordSchema,
  what: 'merge record',
  schemaVersion: MERGE_RECORD_SCHEMA_VERSION,
};
