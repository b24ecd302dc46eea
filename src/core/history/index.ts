/** History across periods (after consolidate in the flow): read summaries back, compare periods. */
export * from './history';
export * from './history-sheets';
export * from './since';
