import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findVulkanLoader } from '../../core/lab/gpu-check.js';
import { queryGpuClockState } from '../../core/telemetry/gpu-clock-state.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * The real `npm run check:gpu` script (dist/bench/check-gpu.js) on this machine. Its verdict must
 * match the machine's facts, read here independently: on a machine without an NVIDIA driver or a
 * Vulkan loader (these test machines) it must say so and exit 1; on a GPU machine it benchmarks.
 */
function runScript(env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'bench', 'check-gpu.js'), '--iterations', '20'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A folder holding `trtexec`, linked to the stand-in that replays recorded trtexec output (there is no TensorRT here). */
function trtexecOnPath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-check-gpu-'));
  symlinkSync(fileURLToPath(new URL('../fixtures/trtexec-runs/trtexec-stand-in.mjs', import.meta.url)), path.join(dir, 'trtexec'));
  return dir;
}

describe('npm run check:gpu on this machine', () => {
  it('gives a verdict that matches the machine: no driver, no Vulkan, no GPU provider where there are none', async () => {
    const [result, driver] = await Promise.all([runScript(), queryGpuClockState()]);
    const vulkan = process.platform === 'linux' ? findVulkanLoader(existsSync) : 'n/a';
    expect(result.stdout).toMatch(/^edgelab GPU check\n/);
    expect(result.stdout).toMatch(/\nVerdict: /);
    if (!driver.available) expect(result.stdout).toMatch(/FAIL\s+NVIDIA driver\s+nvidia-smi was not found/);
    if (vulkan === null) expect(result.stdout).toMatch(/FAIL\s+Vulkan loader\s+libvulkan\.so\.1 not found/);
    // Nothing native reaches the terminal: Dawn's Vulkan errors and their stack are caught with the
    // probe, and the report keeps the message.
    expect(result.stderr).not.toMatch(/^\s+at /m);
    if (vulkan === null) expect(result.stdout).toMatch(/warn\s+probe stderr\s+.*Couldn't load Vulkan: libvulkan\.so\.1/);
    if (!driver.available && vulkan === null) {
      expect(result.stdout).toMatch(/FAIL\s+webgpu provider\s+does not start/);
      expect(result.stdout).toContain('Verdict: No GPU provider starts on this machine and there is no NVIDIA driver (nvidia-smi): runs here measure the CPU only.');
      expect(result.code).toBe(1);
    }
  }, 120_000);

  it('finds trtexec where --engine trtexec looks (PATH) and reads its --help; says so when there is none', async () => {
    const nodeDir = path.dirname(process.execPath); // the stand-in's #! line finds node on PATH
    const found = await runScript({ ...process.env, PATH: [trtexecOnPath(), nodeDir].join(path.delimiter) });
    // The stand-in prints `&&&& RUNNING TensorRT.trtexec [TensorRT v8510]` and the flags of that release.
    expect(found.stdout).toMatch(/ok\s+trtexec\s+\S+\/trtexec, TensorRT 8\.5\.10: --help runs and lists every flag --engine trtexec passes/);
    const missing = await runScript({ ...process.env, PATH: nodeDir });
    expect(missing.stdout).toMatch(/-\s+trtexec\s+trtexec was not found\. Looked at: trtexec on PATH \(1 folders\); \/usr\/src\/tensorrt\/bin\/trtexec/);
  }, 120_000);
});
