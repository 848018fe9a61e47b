import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiCsv, type NvidiaSmiRow } from '../../core/telemetry/nvidia-smi.js';

const dir = new URL('../fixtures/nvidia-smi/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

function numberOf(row: NvidiaSmiRow, field: string): [number | null, string | null] | string {
  const reading = row[field];
  if (!reading) throw new Error(`no field ${field}`);
  return reading.available ? [reading.value.number, reading.value.unit] : reading.reason;
}

describe('parseNvidiaSmiCsv on every recorded nvidia-smi capture', () => {
  it('reads every file into rows with one reading per field', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.csv'));
    expect(files).toHaveLength(13);
    for (const file of files) {
      const table = parseNvidiaSmiCsv(read(file));
      expect(table.rows.length, file).toBeGreaterThan(0);
      for (const row of table.rows) expect(Object.keys(row)).toHaveLength(table.fields.length);
    }
  });

  it('takes units from the header and numbers from "631.95 W"-style values (H100 under load)', () => {
    const table = parseNvidiaSmiCsv(read('1.csv'));
    expect(table.header).toBe(true);
    expect(table.fields).toHaveLength(212);
    expect(table.fields.find((f) => f.name === 'memory.used')).toEqual({ name: 'memory.used', unit: 'MiB' });
    const row = table.rows[0]!;
    expect(row['name']).toEqual({ available: true, value: { text: 'NVIDIA H100 80GB HBM3', number: null, unit: null } });
    expect(numberOf(row, 'power.draw')).toEqual([631.95, 'W']);
    expect(numberOf(row, 'utilization.gpu')).toEqual([100, '%']);
    expect(numberOf(row, 'memory.used')).toEqual([19818, 'MiB']);
    expect(numberOf(row, 'clocks.current.sm')).toEqual([1980, 'MHz']);
    expect(numberOf(row, 'temperature.gpu')).toEqual([59, null]);
    expect(numberOf(row, 'fan.speed')).toBe('N/A');
    expect(row['clocks_event_reasons.active']).toEqual({ available: true, value: { text: '0x0000000000000000', number: null, unit: null } });
  });

  it('keeps why a value is missing: [N/A] under MIG, bare N/A, deprecated fields', () => {
    const mig = parseNvidiaSmiCsv(read('5.csv')).rows[0]!;
    expect(mig['utilization.gpu']).toEqual({ available: false, reason: 'N/A' });
    const l40s = parseNvidiaSmiCsv(read('3.csv')).rows[0]!;
    expect(l40s['temperature.memory']).toEqual({ available: false, reason: 'N/A' });
    const reasons = Object.values(l40s).flatMap((r) => (r.available ? [] : [r.reason]));
    expect(new Set(reasons)).toEqual(new Set(['N/A', 'Requested functionality has been deprecated']));
  });

  it('reads [Not Supported] as unavailable with that reason (GTX 650, driver 410)', () => {
    const table = parseNvidiaSmiCsv(read('7.csv'));
    expect(table.fields).toEqual([{ name: 'utilization.gpu', unit: '%' }]);
    expect(table.rows).toEqual([{ 'utilization.gpu': { available: false, reason: 'Not Supported' } }]);
  });

  it('names noheader,nounits columns from the query and reads their numbers', () => {
    const query = ['memory.total', 'memory.free', 'memory.used', 'temperature.gpu', 'fan.speed', 'utilization.gpu', 'utilization.memory'];
    const before = parseNvidiaSmiCsv(read('10.csv'), { fields: query });
    expect(before.header).toBe(false);
    expect(numberOf(before.rows[0]!, 'memory.total')).toEqual([2004, null]);
    expect(numberOf(before.rows[0]!, 'temperature.gpu')).toEqual([44, null]);
    expect(before.rows[0]!['fan.speed']).toEqual({ available: false, reason: 'Not Supported' });
    const after = parseNvidiaSmiCsv(read('11.csv'), { fields: query });
    expect(after.rows[0]!['fan.speed']).toEqual({ available: false, reason: 'N/A' });
  });

  it('reads units printed after values when there is no header (GTX 770, noheader)', () => {
    const query = 'gpu_name,utilization.gpu,utilization.memory,temperature.gpu,power.draw,power.limit,fan.speed,pstate,clocks.current.graphics,clocks.current.memory,power.max_limit,power.default_limit'.split(',');
    const row = parseNvidiaSmiCsv(read('9.csv'), { fields: query }).rows[0]!;
    expect(numberOf(row, 'fan.speed')).toEqual([52, '%']);
    expect(numberOf(row, 'temperature.gpu')).toEqual([52, null]);
    expect(row['pstate']).toEqual({ available: true, value: { text: 'P0', number: null, unit: null } });
    expect(row['power.draw']).toEqual({ available: false, reason: 'Not Supported' });
  });

  it('names columns by position when neither a header nor a query names them (RTX 3080)', () => {
    const table = parseNvidiaSmiCsv(read('12.csv'));
    expect(table.fields[2]).toEqual({ name: '2', unit: null });
    expect(table.rows[0]!['2']).toEqual({ available: true, value: { text: 'NVIDIA GeForce RTX 3080', number: null, unit: null } });
    expect(numberOf(table.rows[0]!, '7')).toEqual([10240, null]);
  });

  it('keeps a version string readable while also reading it as a number (RTX 2080, bare N/A)', () => {
    const query = 'power.limit,power.min_limit,power.max_limit,memory.total,vbios_version,driver_version,name,gpu_uuid,power.draw,temperature.gpu,temperature.memory,clocks.current.graphics,clocks.sm,clocks.mem,utilization.gpu,utilization.memory,fan.speed,pcie.link.width.current,pstate'.split(',');
    const row = parseNvidiaSmiCsv(read('13.csv'), { fields: query }).rows[0]!;
    expect(row['driver_version']).toEqual({ available: true, value: { text: '440.64', number: 440.64, unit: null } });
    expect(row['vbios_version']).toEqual({ available: true, value: { text: '90.04.23.00.5F', number: null, unit: null } });
    expect(row['temperature.memory']).toEqual({ available: false, reason: 'N/A' });
    expect(numberOf(row, 'power.draw')).toEqual([176.98, null]);
  });

  it('rejects a row whose length does not match the query, naming the line', () => {
    expect(() => parseNvidiaSmiCsv(read('10.csv'), { fields: ['memory.total'] })).toThrow(/line 1 has 7 values but 1 fields/);
  });
});
