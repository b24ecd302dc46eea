/**
 * The strict fake Excel (test/browser/fake-office.js, shared with the browser tests) as the door's unit tests use
 * it: operations queued and run at sync(), requirement sets enforced, payload limits, Excel's naming rules,
 * cell-edit mode, and injected failures at any operation of any sync. Also usable by the benchmark to count the
 * syncs of a summary write.
 */
const { createFakeExcel, parseAddress: parse } = require('../browser/fake-office.js') as {
  createFakeExcel: (options: FakeOptions) => Fake;
  parseAddress: (a: string) => { r1: number; c1: number; r2: number; c2: number };
};

export interface FakeOptions {
  sheets?: string[];
  /** The highest ExcelApi version the host offers (default 1.1, Office 2016's). */
  excelApi?: string;
  requestLimit?: number;
  responseLimit?: number;
  editing?: boolean;
  platform?: string;
}

export interface MockCell {
  v: unknown;
  f?: string;
  formula?: boolean;
}
export interface MockTable {
  name: string;
  address: string;
  style: string;
  hasHeaders?: boolean;
}
export interface MockSheet {
  id: string;
  name: string;
  visibility: string;
  cells: Map<string, MockCell>;
  tables: MockTable[];
  frozenRows: number;
  conditionalFormats: { range: string; formula: string; fill: string }[];
  writes: { address: string; kind: 'values' | 'numberFormat'; rows: number; cols: number; bytes: number }[];
  formats: [string, string, unknown][];
}

interface Fake {
  Excel: { run<T>(fn: (c: Excel.RequestContext) => Promise<T>): Promise<T> };
  Office: unknown;
  book: {
    sheets: MockSheet[];
    names: { name: string }[];
    selected: string | null;
    active: string | null;
    editing: boolean;
  };
  log: { syncs: number; runs: number; suspends: number; payloads: number[]; responses: number[]; calls: unknown[][] };
  state: { failAt: { sync: number; op?: number } | null };
  newContext(): Excel.RequestContext;
  addSheet(name: string): MockSheet;
  sheet(name: string): MockSheet | undefined;
  cell(name: string, address: string): MockCell | undefined;
}

export interface MockExcel {
  context: Excel.RequestContext;
  fake: Fake;
  readonly sheets: MockSheet[];
  readonly syncs: number;
  readonly suspends: number;
  /** Request bytes of each sync so far. */
  readonly payloads: number[];
  /** Make the n-th sync from now fail before its first operation (a lost connection, a refused request). */
  failAtSync: number | null;
  /** Make the n-th sync from now fail at its op-th operation (those before it stay done, as in Excel). */
  failAt(sync: number, op: number): void;
  sheet(name: string): MockSheet | undefined;
  cell(sheet: string, address: string): MockCell | undefined;
  readonly selected: string | null;
  readonly active: string | null;
  /** Names, cells, tables and visibility of every sheet: to compare a workbook before and after. */
  snapshot(): unknown;
}

export const parseAddress = parse;

export function mockExcel(initialSheets: string[] = ['Sheet1'], options: FakeOptions = {}): MockExcel {
  const fake = createFakeExcel({ ...options, sheets: initialSheets });
  // the door asks Office which API versions the host offers
  (globalThis as { Office?: unknown }).Office = fake.Office;
  return {
    context: fake.newContext(),
    fake,
    get sheets() {
      return fake.book.sheets;
    },
    get syncs() {
      return fake.log.syncs;
    },
    get suspends() {
      return fake.log.suspends;
    },
    get payloads() {
      return fake.log.payloads;
    },
    get failAtSync() {
      return fake.state.failAt ? fake.state.failAt.sync : null;
    },
    set failAtSync(n: number | null) {
      fake.state.failAt = n === null ? null : { sync: n, op: 0 };
    },
    failAt(sync: number, op: number) {
      fake.state.failAt = { sync, op };
    },
    sheet: (name) => fake.sheet(name),
    cell: (name, address) => fake.cell(name, address),
    get selected() {
      return fake.book.selected;
    },
    get active() {
      return fake.book.active;
    },
    snapshot: () =>
      fake.book.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        cells: [...s.cells.entries()]
          .filter(([, c]) => (c.v !== '' && c.v !== null && c.v !== undefined) || c.f !== undefined)
          .map(([k, c]) => [k, c.v, c.f ?? null])
          .sort(),
        tables: s.tables.map((t) => [t.name, t.address]),
      })),
  };
}
