/**
 * docs/vocabulary.md is the dictionary between code terms and the Vietnamese labels users read. A label added in the
 * code and not in the dictionary (or a dictionary row that no longer matches the code) fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COUNT_FIELDS } from '../../src/core/basics/counts';
import {
  AGENCY_KIND_LABELS,
  AGENCY_STATUS_LABELS,
  AGGREGATE_LABELS,
  INTAKE_VERDICT_LABELS,
  RECOGNISED_BY_LABELS,
  TASK_STATUS_LABELS,
} from '../../src/core/basics/model';
import { REPORT_DATA_SHEET } from '../../src/core/basics/report-data';
import { SUMMARY_SHEETS } from '../../src/core/consolidate/summary';
import { INTAKE_LOG_FILE } from '../../src/core/intake/intake-log';
import { INTAKE_STORE_SHEET } from '../../src/core/intake/intake-store-names';
import { SINCE_AGENCY_LABELS, SINCE_FILE_LABELS } from '../../src/core/history/since';
import { LEGACY_ENCODING_LABELS } from '../../src/core/intake/legacy-fonts';
import { PLAN_FIELDS, PLAN_SHEETS } from '../../src/core/plan/plan-read';
import { HEADER_FIELDS, META_SHEET, REPORT_SHEET, TABLE_LABELS } from '../../src/core/plan/template';
import { REMINDER_SHEET } from '../../src/core/report/reminders';
import { REPORT_SHEETS } from '../../src/core/report/workbook';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/vocabulary.md'), 'utf8');
/** The table rows of the dictionary, as their cells. */
const rows = doc
  .split('\n')
  .filter((l) => l.startsWith('| '))
  .map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  );
const hasRow = (code: string, label: string) => rows.some((r) => r[0] === `\`${code}\`` && r[1] === label);

const labelMaps: [string, Record<string, string>][] = [
  ['AGENCY_KIND_LABELS', AGENCY_KIND_LABELS],
  ['AGGREGATE_LABELS', AGGREGATE_LABELS],
  ['TASK_STATUS_LABELS', TASK_STATUS_LABELS],
  ['AGENCY_STATUS_LABELS', AGENCY_STATUS_LABELS],
  ['INTAKE_VERDICT_LABELS', INTAKE_VERDICT_LABELS],
  ['RECOGNISED_BY_LABELS', RECOGNISED_BY_LABELS],
  ['LEGACY_ENCODING_LABELS', LEGACY_ENCODING_LABELS],
  ['SINCE_FILE_LABELS', SINCE_FILE_LABELS],
  ['SINCE_AGENCY_LABELS', SINCE_AGENCY_LABELS],
  ['HEADER_FIELDS', HEADER_FIELDS],
  ['TABLE_LABELS', TABLE_LABELS],
  ['PLAN_FIELDS (first label)', Object.fromEntries(Object.entries(PLAN_FIELDS).map(([k, v]) => [k, v[0]]))],
];

describe('docs/vocabulary.md lists every Vietnamese label of the code', () => {
  test("COUNT_FIELDS: each count field with its labels, in the list's order", () => {
    const table = rows.filter((r) => r.length === 5 && COUNT_FIELDS.some((f) => r[0] === `\`${f.key}\``));
    expect(table.map((r) => r.slice(0, 4))).toEqual(COUNT_FIELDS.map((f) => [`\`${f.key}\``, f.vi, f.viShort, f.en]));
  });

  test.each(labelMaps)('%s', (_name, labels) => {
    const missing = Object.entries(labels).filter(([code, label]) => !hasRow(code, label));
    expect(missing).toEqual([]);
  });

  test('every sheet and file name', () => {
    const names: [string, string][] = [
      ...Object.entries(PLAN_SHEETS).map(([k, v]) => [`PLAN_SHEETS.${k}`, v] as [string, string]),
      ...Object.entries(SUMMARY_SHEETS).map(([k, v]) => [`SUMMARY_SHEETS.${k}`, v] as [string, string]),
      ...Object.entries(REPORT_SHEETS).map(([k, v]) => [`REPORT_SHEETS.${k}`, v] as [string, string]),
      ['REPORT_SHEET', REPORT_SHEET],
      ['META_SHEET', META_SHEET],
      ['REPORT_DATA_SHEET', REPORT_DATA_SHEET],
      ['REMINDER_SHEET', REMINDER_SHEET],
      ['INTAKE_LOG_FILE', INTAKE_LOG_FILE],
      ['INTAKE_STORE_SHEET', INTAKE_STORE_SHEET],
    ];
    expect(names.filter(([code, name]) => !hasRow(code, name))).toEqual([]);
  });

  test('the check itself notices a label that is not in the dictionary', () => {
    expect(hasRow('done', 'Đã hoàn thành')).toBe(true);
    expect(hasRow('done', 'Hoàn thành')).toBe(false);
  });
});
