import { describe, expect, test } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { exporters, parseReportFormat, renderReport, reportFormatForFileName, reportFormats } from '../../core/report/index.js';
import { reportDate } from '../golden/synthetic-runs.js';

describe('report formats are the keys of one exporter map', () => {
  test('the formats are md, html, json, csv and junit, each with its extension and media type', () => {
    expect(reportFormats).toEqual(['md', 'html', 'json', 'csv', 'junit']);
    for (const format of reportFormats) {
      expect(exporters[format].format).toBe(format);
      expect(exporters[format].extension).toMatch(/^\.[a-z]+$/);
      expect(exporters[format].mediaType).toMatch(/^[a-z]+\/[a-z+.-]+/);
    }
  });

  test('an unknown --format value is a usage error listing the formats', () => {
    expect(parseReportFormat('html')).toBe('html');
    expect(() => parseReportFormat('pdf')).toThrow(LabError);
    expect(() => parseReportFormat('pdf')).toThrow(/"pdf"/);
    try {
      parseReportFormat('pdf');
    } catch (e) {
      expect((e as LabError).hint).toBe('Use one of: md, html, json, csv, junit.');
    }
  });

  test('an output file name picks its format by extension', () => {
    expect(reportFormatForFileName('out/report.HTML')).toBe('html');
    expect(reportFormatForFileName('pr.markdown')).toBe('md');
    expect(reportFormatForFileName('results.xml')).toBe('junit');
    expect(reportFormatForFileName('samples.csv')).toBe('csv');
    expect(reportFormatForFileName('notes.txt')).toBeNull();
  });

  test('a report of no runs is a usage error', async () => {
    await expect(renderReport('md', [], { generatedAt: reportDate })).rejects.toThrow(/no runs/);
  });
});
