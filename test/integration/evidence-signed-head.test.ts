import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newStateDir, runCli } from '../helpers/cli.js';
import { currentHead, cutLastRecord, ledgerEntries } from '../helpers/forge-ledger.js';
import { modelPath } from '../helpers/models.js';

/**
 * A head vouched for with an SSH key, as git signs commits: `edgelab runs sign-head --key` and
 * `edgelab runs verify --allowed-signers`, with the real ssh-keygen on keys made here, through the
 * real `edgelab`. The reviewer is another machine (its own state folder) that never saw the
 * workspace, so only the signature can catch a cut.
 */
let keys: string;
let allowedSigners: string;
let tiny: string;

function newKey(name: string, comment: string): { key: string; pub: string } {
  const key = path.join(keys, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', key]);
  return { key, pub: `${key}.pub` };
}

beforeAll(async () => {
  tiny = await modelPath('tiny-classifier');
  keys = await mkdtemp(path.join(tmpdir(), 'edgelab-keys-'));
  const lead = newKey('lead', 'lead@example.com');
  allowedSigners = path.join(keys, 'allowed_signers');
  await writeFile(allowedSigners, `lead@example.com ${(await readFile(lead.pub, 'utf8')).trim()}\n`);
});

async function signedWorkspace(runs: number, state: string): Promise<string> {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-signed-'));
  for (let i = 0; i < runs; i++) {
    expect((await runCli(['bench', tiny, '--iterations', '15', '--warmup', '1', '--no-telemetry', '--workspace', ws], { env: { EDGELAB_STATE_DIR: state } })).code).toBe(0);
  }
  const sign = await runCli(['runs', 'sign-head', '--key', path.join(keys, 'lead'), '--workspace', ws], { env: { EDGELAB_STATE_DIR: state } });
  expect(sign.code, sign.stderr).toBe(0);
  expect(sign.stdout).toContain(`Signed head ${await currentHead(ws)} (seq ${runs})`);
  return ws;
}

const reviewer = (args: string[]) => runCli(args, { env: { EDGELAB_STATE_DIR: newStateDir() } });

describe('a signed ledger head', () => {
  it('verifies for an allowed signer, naming who signed which head; reports print it', async () => {
    const ws = await signedWorkspace(2, newStateDir());
    const head = await currentHead(ws);
    const verify = await reviewer(['runs', 'verify', '--allowed-signers', allowedSigners, '--workspace', ws]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`signed head: ok: signed head ${head} (seq 2; 0 records added since), signed by lead@example.com`);
    // The files are what ssh-keygen checks by hand, too.
    const text = await readFile(path.join(ws, 'ledger.signed-head'));
    execFileSync('ssh-keygen', ['-Y', 'verify', '-f', allowedSigners, '-I', 'lead@example.com', '-n', 'edgelab-ledger-head', '-s', path.join(ws, 'ledger.signed-head.sig')], { input: text });
    const [first] = await ledgerEntries(ws);
    const md = await reviewer(['report', first!.id, '--workspace', ws]);
    expect(md.stdout).toContain(`signed head ${head} (seq 2`);
  });

  it('fails once the ledger is cut below the signed head, even on a machine that never saw it', async () => {
    const ws = await signedWorkspace(2, newStateDir());
    await cutLastRecord(ws, 'rewrite');
    const verify = await reviewer(['runs', 'verify', '--allowed-signers', allowedSigners, '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/signed head: FAILED: the signed head [0-9a-f]{64} \(seq 2\) is not a line of this ledger/);
    // Even without the signers file, where the signed head points is checked.
    expect((await reviewer(['runs', 'verify', '--workspace', ws])).code).toBe(1);
  });

  it('fails when the forger re-signs with a key the signers file does not name, or deletes the signature', async () => {
    const ws = await signedWorkspace(2, newStateDir());
    await cutLastRecord(ws, 'rewrite');
    const forger = newKey('forger', 'forger@example.com');
    // edgelab will not sign over a signed head that no longer holds: the forger removes it first.
    const refused = await runCli(['runs', 'sign-head', '--key', forger.key, '--workspace', ws], { env: { EDGELAB_STATE_DIR: newStateDir() } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/does not verify: signed head: FAILED.*; nothing was signed/);
    await rm(path.join(ws, 'ledger.signed-head'));
    await rm(path.join(ws, 'ledger.signed-head.sig'));
    const resign = await runCli(['runs', 'sign-head', '--key', forger.key, '--workspace', ws], { env: { EDGELAB_STATE_DIR: newStateDir() } });
    expect(resign.code, resign.stderr).toBe(0);
    const verify = await reviewer(['runs', 'verify', '--allowed-signers', allowedSigners, '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/signed head: FAILED: the signature on head [0-9a-f]{64} is by no key in/);

    await rm(path.join(ws, 'ledger.signed-head'));
    await rm(path.join(ws, 'ledger.signed-head.sig'));
    const unsigned = await reviewer(['runs', 'verify', '--allowed-signers', allowedSigners, '--workspace', ws]);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stdout).toMatch(/no signed head in the workspace/);
  });

  it('fails when the signed text is edited to name another head', async () => {
    const ws = await signedWorkspace(2, newStateDir());
    const [first] = await ledgerEntries(ws);
    const file = path.join(ws, 'ledger.signed-head');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/seq 2\nentryHash [0-9a-f]{64}/, `seq 1\nentryHash ${first!.entryHash}`));
    const verify = await reviewer(['runs', 'verify', '--allowed-signers', allowedSigners, '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/does not verify for lead@example.com/);
  });

  it('bad input: a missing key, no --key, a signers file that is not one', async () => {
    const ws = await signedWorkspace(1, newStateDir());
    const missing = await reviewer(['runs', 'sign-head', '--key', path.join(keys, 'nope'), '--workspace', ws]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/ssh-keygen could not sign with .*nope/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const noKey = await reviewer(['runs', 'sign-head', '--workspace', ws]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/--key FILE is required/);
    const bogus = path.join(keys, 'not-signers');
    await writeFile(bogus, 'this is not an allowed signers file\n');
    const verify = await reviewer(['runs', 'verify', '--allowed-signers', bogus, '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/signed head: FAILED/);
  });
});
