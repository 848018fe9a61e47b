import { describeMeasureHolder, type MachineHolder } from '../api/measure-holder.js';

/**
 * What the CLI says when another edgelab process holds the machine, instead of a silent pause:
 * for whom it waits, or (`--no-wait`) that it measures beside it and the record will say so.
 */
export function machineWaitNotice(wait: boolean, holder: MachineHolder | null): string {
  return wait
    ? `edgelab: waiting for the machine: ${describeMeasureHolder(holder)} is measuring; this run starts when it ends (Ctrl-C to give up, --no-wait to measure beside it).\n`
    : `edgelab: ${describeMeasureHolder(holder)} is measuring on this machine; measuring beside it (--no-wait), and the record will say so.\n`;
}

/**
 * The machine's measure lock as a command that still measures without the lab takes it (`edgelab
 * run`); it goes once those commands start their runs through LabApi.
 */
export function measureLockFlags(output: { wait?: boolean; command?: string }, ctx: { env: NodeJS.ProcessEnv; stderr: NodeJS.WritableStream }, bar?: { clear(): void }) {
  return {
    env: ctx.env,
    command: output.command ?? 'edgelab',
    wait: output.wait ?? true,
    onWait: (holder: MachineHolder | null) => {
      bar?.clear();
      ctx.stderr.write(machineWaitNotice(output.wait !== false, holder));
    },
  };
}
