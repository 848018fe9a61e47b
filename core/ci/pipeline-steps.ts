/**
 * The one list of commands both CI engines run. GitHub Actions and GitLab CI differ in how a job is
 * declared (matrix, runner labels, artifacts), not in what it does, so the shell text is written once
 * here and each renderer only sets the variables it reads:
 *
 * - `EDGELAB_CLI`: how the runner calls edgelab (`edgelab` on PATH, or a path);
 * - `EDGELAB_SUITE`: the suite file, relative to the checkout;
 * - `EDGELAB_PIPELINE`: this pipeline's id, so each pipeline's jobs have workspaces of their own;
 * - `EDGELAB_DEVICE`, `EDGELAB_POWER_MODE` (device jobs): the runner label and the nvpmodel id;
 * - `EDGELAB_JETSON_CLOCKS_SUDO=1` (device jobs): each run record reads the clocks with
 *   `sudo -n jetson_clocks --show`, so it records the lock this job set (core/hardware/jetson-state.ts);
 * - `EDGELAB_DEVICES` (fan-in job): every device label, so a device whose job never ran is a failure;
 * - `EDGELAB_BUNDLE_KEY` (device jobs, optional): the device's SSH key that signs its bundle, set in
 *   the runner's own environment so the key never leaves the board;
 * - `EDGELAB_ALLOWED_SIGNERS` (fan-in job, optional): the allowed-signers file, in the repository,
 *   naming the devices' keys; runs of bundles it trusts count as measured evidence once merged;
 * - `MLFLOW_TRACKING_URI` (fan-in job, optional): the team's tracking server.
 *
 * Bash with errexit and pipefail on both engines (GitLab's shell executor; `shell: bash` on GitHub).
 */
export interface CiStep {
  /** The step's name in the job log. */
  name: string;
  /** Shell text, one command per line. */
  run: string;
}

/** Where a job leaves what it hands on: one folder per device, and the fan-in's own. */
export const CI_OUT = 'edgelab-out';
/**
 * Where each job's workspace lives: in the checkout, which both engines clean between jobs, under
 * the pipeline's id. A runner reuses its checkout's path, and the machine remembers every workspace's
 * head by its path, so a workspace made afresh at a path used before would read as a ledger cut short.
 */
const WORK = 'edgelab-work';
/** The fan-in's merged workspace; a copy of it, at a path no edgelab opened, is the job's artifact. */
const FLEET_WORK = `${WORK}/$EDGELAB_PIPELINE-fleet`;

/**
 * Pinning first: `nvpmodel -m` and `jetson_clocks` take effect before the suite's first warm-up.
 * `sudo -n` never waits for a password a CI job cannot type: the runner's user needs a sudoers
 * entry for the two commands (README). What was set is printed into the job log and kept beside the
 * bundle as power-state.txt; each run record reads the mode and clock state again on its own.
 */
const pinPowerMode: CiStep = {
  name: 'Pin the power mode and clocks',
  run: `out="${CI_OUT}/$EDGELAB_DEVICE"
mkdir -p "$out"
if command -v nvpmodel >/dev/null 2>&1; then
  if [ -n "\${EDGELAB_POWER_MODE:-}" ]; then
    sudo -n nvpmodel -m "$EDGELAB_POWER_MODE" </dev/null
  else
    echo "No power mode given for $EDGELAB_DEVICE: keeping the one it is in."
  fi
  if command -v jetson_clocks >/dev/null 2>&1; then sudo -n jetson_clocks; fi
  { echo "pinned on $(hostname) at $(date -u +%Y-%m-%dT%H:%M:%SZ)"; nvpmodel -q; sudo -n jetson_clocks --show || true; } | tee "$out/power-state.txt"
else
  echo "No nvpmodel on $(hostname): not a Jetson, so the power mode and clocks are left as they are (not pinned)." | tee "$out/power-state.txt"
fi`,
};

/**
 * The suite's exit code is the gate (1 a target failed, 2 bad input, 3 runtime error, 4
 * inconclusive); it is kept in a file for the fan-in job, and the bundle is written whatever it was,
 * so a failing device still hands over the evidence of how it failed. Signed when the runner has a key.
 */
const measureAndBundle: CiStep = {
  name: 'Run the suite and bundle its runs',
  run: `out="${CI_OUT}/$EDGELAB_DEVICE"
ws="${WORK}/$EDGELAB_PIPELINE-$EDGELAB_DEVICE"
mkdir -p "$out"
status=0
$EDGELAB_CLI run "$EDGELAB_SUITE" --workspace "$ws" --junit "$out/junit.xml" || status=$?
echo "$status" > "$out/suite-exit-code"
if [ -n "\${EDGELAB_BUNDLE_KEY:-}" ]; then set -- --key "$EDGELAB_BUNDLE_KEY"; else set --; fi
$EDGELAB_CLI runs bundle --all --workspace "$ws" --out "$out/bundle.tar" "$@"
exit "$status"`,
};

const mergeBundles: CiStep = {
  name: 'Merge the device bundles',
  run: `ws="${FLEET_WORK}"
mkdir -p "${CI_OUT}/fleet"
bundles=""
for device in $EDGELAB_DEVICES; do
  if [ -f "${CI_OUT}/$device/bundle.tar" ]; then bundles="$bundles ${CI_OUT}/$device/bundle.tar"; else echo "$device: no bundle (its job did not get that far)"; fi
done
if [ -z "$bundles" ]; then echo "No device handed over a bundle: nothing to merge." >&2; exit 1; fi
if [ -n "\${EDGELAB_ALLOWED_SIGNERS:-}" ]; then set -- --allowed-signers "$EDGELAB_ALLOWED_SIGNERS"; else set --; fi
$EDGELAB_CLI runs merge $bundles --workspace "$ws" "$@"
$EDGELAB_CLI runs verify --workspace "$ws"
rm -rf "${CI_OUT}/fleet/workspace"
cp -R "$ws" "${CI_OUT}/fleet/workspace"`,
};

const fleetReport: CiStep = {
  name: 'Write the fleet report',
  run: `ws="${FLEET_WORK}"
$EDGELAB_CLI report --fleet --workspace "$ws" --out "${CI_OUT}/fleet/fleet-report.html"
$EDGELAB_CLI report --fleet --workspace "$ws" --out "${CI_OUT}/fleet/fleet-report.md"
cat "${CI_OUT}/fleet/fleet-report.md"
if [ -n "\${GITHUB_STEP_SUMMARY:-}" ]; then cat "${CI_OUT}/fleet/fleet-report.md" >> "$GITHUB_STEP_SUMMARY"; fi`,
};

const mlflowExport: CiStep = {
  name: 'Export to MLflow',
  run: `if [ -n "\${MLFLOW_TRACKING_URI:-}" ]; then
  $EDGELAB_CLI export mlflow --all --tracking-uri "$MLFLOW_TRACKING_URI" --workspace "${FLEET_WORK}"
else
  echo "MLFLOW_TRACKING_URI is not set: no MLflow export."
fi`,
};

/** Last, so the merge, the report and the export happen whatever the verdicts were. */
const gate: CiStep = {
  name: 'Fail on any failed gate',
  run: `failed=0
for device in $EDGELAB_DEVICES; do
  file="${CI_OUT}/$device/suite-exit-code"
  if [ ! -f "$file" ]; then echo "$device: no suite result (its job did not finish)"; failed=1; continue; fi
  code="$(cat "$file")"
  case "$code" in
    0) echo "$device: every target passed" ;;
    1) echo "$device: a target failed (exit 1; see ${CI_OUT}/$device/junit.xml)"; failed=1 ;;
    4) echo "$device: a verdict was inconclusive (exit 4; see ${CI_OUT}/$device/junit.xml)"; failed=1 ;;
    *) echo "$device: the suite could not run (exit $code; see its job log)"; failed=1 ;;
  esac
done
exit "$failed"`,
};

/** A device job: pin, measure, bundle (the upload is each engine's own step). */
export const DEVICE_STEPS: readonly CiStep[] = [pinPowerMode, measureAndBundle];
/** The fan-in job: merge, verify, report, export, gate. */
export const FLEET_STEPS: readonly CiStep[] = [mergeBundles, fleetReport, mlflowExport, gate];
