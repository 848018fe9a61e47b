import { z } from 'zod';

/**
 * What machine a run was measured on. Records store this object as `hardware`; `fingerprint` is the
 * key for "same machine" when runs are compared, and `label` is how people recognise it in a report.
 * Host names and UUIDs are left out: workspaces are meant to be committed and shared. The unit names
 * the board by the serial printed on it, or by a hash of the OS machine id, never the raw id.
 */
export const DeviceClassSchema = z.enum(['jetson', 'arm-board', 'laptop', 'desktop', 'server', 'unknown']);
export type DeviceClass = z.infer<typeof DeviceClassSchema>;

export const JetsonPowerModeSchema = z.strictObject({
  /** As `nvpmodel -q` prints it: `MAXN`, `MODE_30W`, `15W` ... */
  name: z.string(),
  /** The mode number, the argument `nvpmodel -m` takes. */
  id: z.number().int().nullable(),
});
export type JetsonPowerMode = z.infer<typeof JetsonPowerModeSchema>;

export const JetsonInfoSchema = z.strictObject({
  /** The device-tree model, e.g. `NVIDIA Jetson AGX Orin Developer Kit`, `jetson_tx1`. */
  model: z.string().nullable(),
  /** L4T (Jetson Linux) release from /etc/nv_tegra_release, e.g. `36.4.4`. */
  l4tRelease: z.string().nullable(),
  l4tBoard: z.string().nullable(),
  /** Null when `nvpmodel` is not installed or could not be queried. */
  powerMode: JetsonPowerModeSchema.nullable(),
  /** `jetson_clocks --show`: locked when every clock has MinFreq = MaxFreq (core/hardware/jetson-state.ts). */
  clocks: z.strictObject({ locked: z.boolean().nullable(), detail: z.string(), powerMode: z.string().nullable() }).optional(),
  fan: z.strictObject({ pwm: z.number().nullable(), control: z.string().nullable(), source: z.string() }).nullable().optional(),
});
export type JetsonInfo = z.infer<typeof JetsonInfoSchema>;

/**
 * The physical unit: the board's serial, else a hash of the OS machine id, else an id the run's
 * environment named (core/hardware/unit.ts), and the label a user gave it. Not part of the
 * fingerprint: records written before units existed keep theirs, and two boards stay one kind.
 */
export const HardwareUnitSchema = z.strictObject({
  id: z.string().min(1),
  source: z.enum(['serial', 'machine-id', 'env']),
  label: z.string().nullable(),
});
export type HardwareUnit = z.infer<typeof HardwareUnitSchema>;

export const HardwareInfoSchema = z.strictObject({
  /** SHA-256 (hex) of the fields that identify the machine; see core/hardware/fingerprint.ts. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  label: z.string(),
  deviceClass: DeviceClassSchema,
  /** Jetson or another ARM board: the hardware edge-deployment ladder gates ask for. */
  edgeClass: z.boolean(),
  cpu: z.strictObject({
    manufacturer: z.string(),
    brand: z.string(),
    /** Logical processors the OS schedules on (online cores on a Jetson). */
    cores: z.number().int(),
    physicalCores: z.number().int(),
    /** Null where the OS does not say (common in VMs and on ARM boards). */
    speedMinGHz: z.number().nullable(),
    speedMaxGHz: z.number().nullable(),
  }),
  memory: z.strictObject({ totalBytes: z.number().int() }),
  os: z.strictObject({
    platform: z.string(),
    distro: z.string(),
    release: z.string(),
    kernel: z.string(),
    arch: z.string(),
  }),
  system: z.strictObject({
    manufacturer: z.string(),
    model: z.string(),
    /** SMBIOS chassis type (`Notebook`, `Desktop`, `Rack Mount Chassis` ...), null when not reported. */
    chassisType: z.string().nullable(),
    hasBattery: z.boolean(),
    virtual: z.boolean(),
  }),
  gpus: z.array(z.strictObject({ vendor: z.string(), model: z.string(), vramMiB: z.number().nullable() })),
  jetson: JetsonInfoSchema.nullable(),
  /** Absent from records written before units were read, and where no source names the unit. */
  unit: HardwareUnitSchema.optional(),
  /** Null when not read: a run ONNX Runtime had no part in (trtexec) does not load it to describe it. */
  onnxruntime: z.strictObject({
    version: z.string(),
    /** As `listSupportedBackends()` reports them: `bundled: false` needs a separate install (CUDA, TensorRT). */
    backends: z.array(z.strictObject({ name: z.string(), bundled: z.boolean() })),
  }).nullable(),
});
export type HardwareInfo = z.infer<typeof HardwareInfoSchema>;
