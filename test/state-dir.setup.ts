import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// edgelab remembers ledger heads and its own writes outside each workspace (core/evidence/
// state-dir.ts). Every test file gets its own state folder, so no test reads or writes the real
// one in the user's home, and no two test files share what they remember. Processes the tests
// spawn inherit it; a test that plays two machines passes each its own EDGELAB_STATE_DIR.
process.env.EDGELAB_STATE_DIR = mkdtempSync(path.join(tmpdir(), 'edgelab-state-'));
