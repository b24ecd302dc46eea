/**
 * The tonghop engine: pure (no fs, no DOM, no Office.js). The CLI, the task pane and the tests use it from here.
 * Folders follow the flow: basics → plan → intake → consolidate (report and extract have barrels of their own,
 * loaded on demand by the pane).
 */
export * from './basics/model';
export * from './basics/counts';
export * from './basics/text';
export * from './basics/dates';
export * from './basics/grid';
export * from './basics/labels';
export * from './basics/sheets';
export * from './basics/values';
export * from './basics/number-formats';
export * from './basics/xml';
export * from './basics/finding-labels';
export * from './basics/xlsx-write';
export * from './basics/zip-repeatable';
export * from './basics/sheet-xml';
export * from './basics/sheet-xml-book';
export * from './basics/sheet-xml-rows';
export * from './basics/sheet-xml-styles';
export * from './basics/measure';
export * from './basics/sheet-fit';
export * from './plan/plan-read';
export * from './plan/plan-write';
export * from './plan/template';
export * from './plan/draft-check';
export * from './intake/limits';
export * from './intake/limit-check';
export { rangeArea } from './intake/xml-facts';
export { readZipEntryBounded } from './intake/zip-directory';
export { unprefixSpreadsheetXml, valuesOnlyWorkbook } from './intake/xlsx-repair';
export * from './intake/xlsx-read';
export * from './intake/formats';
export * from './intake/legacy-fonts';
export * from './intake/intake-log';
export * from './intake/intake-store';
export * from './intake/submission-read';
export * from './consolidate/consolidate';
export * from './consolidate/summary';
export * from './history';
export * from './intake/email-origin';
export * from './intake/email-intake';
export { type EmailAttachment, type EmailReading, emailTooLarge, readEmail } from './intake/email-read';
