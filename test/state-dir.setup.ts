import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// edgelab keeps machine-wide state in one folder (core/evidence/state-dir.ts): the measure lock and
// registry, the ledger heads it wrote and saw, its own writes. Every test file gets its own, so test
// files running side by side neither wait on each other's measurements nor share what they
// remember, and no test touches the user's. Processes the tests spawn inherit it; a test that plays
// two machines passes each its own EDGELAB_STATE_DIR.
process.env.EDGELAB_STATE_DIR = mkdtempSync(path.join(tmpdir(), 'edgelab-state-'));
