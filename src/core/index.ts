/** The tonghop engine: pure (no fs, no DOM, no Office.js). The CLI, the task pane and the tests use it from here. */
export * from './model';
export * from './text';
export * from './dates';
export * from './grid';
export * from './labels';
export * from './sheets';
export * from './xlsx-read';
export * from './xlsx-write';
export * from './plan-read';
export * from './plan-write';
export * from './template';
export * from './values';
export * from './submission-read';
export * from './consolidate';
export * from './summary';
export * from './intake-log';
export * from './sample';
