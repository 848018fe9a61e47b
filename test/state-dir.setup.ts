import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// edgelab keeps machine-wide state (the measure lock, the measurement registry) in one folder.
// Each test file gets its own, so test files running side by side neither wait on each other's
// measurements nor touch the user's; a test about that state sets its own folder explicitly.
if (!process.env.EDGELAB_STATE_DIR) process.env.EDGELAB_STATE_DIR = mkdtempSync(path.join(tmpdir(), 'edgelab-state-'));
