import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findVulkanLoader } from '../../core/lab/gpu-check.js';
import { queryGpuClockState } from '../../core/telemetry/gpu-clock-state.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * The real `npm run check:gpu` script (dist/bench/check-gpu.js) on this machine. Its verdict must
 * match the machine's facts, read here independently: on a machine without an NVIDIA driver or a
 * Vulkan loader (these test machines) it must say so and exit 1; on a GPU machine it benchmarks.
 */
function runScript(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'bench', 'check-gpu.js'), '--iterations', '20'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('npm run check:gpu on this machine', () => {
  it('gives a verdict that matches the machine: no driver, no Vulkan, no GPU provider where there are none', async () => {
    const [result, driver] = await Promise.all([runScript(), queryGpuClockState()]);
    const vulkan = process.platform === 'linux' ? findVulkanLoader(existsSync) : 'n/a';
    expect(result.stdout).toMatch(/^edgelab GPU check\n/);
    expect(result.stdout).toMatch(/\nVerdict: /);
    if (!driver.available) expect(result.stdout).toMatch(/FAIL\s+NVIDIA driver\s+nvidia-smi was not found/);
    if (vulkan === null) expect(result.stdout).toMatch(/FAIL\s+Vulkan loader\s+libvulkan\.so\.1 not found/);
    if (!driver.available && vulkan === null) {
      expect(result.stdout).toMatch(/FAIL\s+webgpu provider\s+does not start/);
      expect(result.stdout).toContain('Verdict: No GPU provider starts on this machine and there is no NVIDIA driver (nvidia-smi): runs here measure the CPU only.');
      expect(result.code).toBe(1);
    }
  }, 120_000);
});
