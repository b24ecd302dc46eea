/**
 * An Excel workbook for the door's unit tests, made of office-addin-mock objects: ranges, sheets and the context
 * are OfficeMockObjects (so a property read without load() + sync() is an error value, as in Office.js), backed by
 * a small model that keeps cells, number formats, tables, frozen rows and conditional formats, and counts syncs.
 * Also usable by the benchmark (issue 6) to count the syncs of a summary write.
 */
import { OfficeMockObject } from 'office-addin-mock';

export interface MockCell {
  v: unknown;
  f?: string;
}
export interface MockTable {
  name: string;
  address: string;
  style: string;
}
export interface MockSheet {
  name: string;
  visibility: string;
  cells: Map<string, MockCell>;
  tables: MockTable[];
  frozenRows: number;
  conditionalFormats: { range: string; formula: string; fill: string }[];
  /** Every range written: address, kind, and estimated JSON size. */
  writes: { address: string; kind: 'values' | 'numberFormat'; rows: number; cols: number; bytes: number }[];
  /** Range format settings, e.g. ["A1", "font.bold", true]. */
  formats: [string, string, unknown][];
}

export interface MockExcel {
  context: Excel.RequestContext;
  sheets: MockSheet[];
  syncs: number;
  suspends: number;
  /** Bytes (JSON of values and number formats) carried by each sync so far. */
  payloads: number[];
  /** Make the n-th sync from now fail (a lost connection, a payload refused). */
  failAtSync: number | null;
  sheet(name: string): MockSheet | undefined;
  cell(sheet: string, address: string): MockCell | undefined;
  selected: string | null;
  active: string | null;
}

function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function parseAddress(address: string): { r1: number; c1: number; r2: number; c2: number } {
  const [a, b] = address.split(':');
  const one = (x: string) => {
    const m = /^([A-Z]+)(\d*)$/.exec(x);
    if (!m) throw new Error(`bad address ${address}`);
    return { c: colNum(m[1]), r: m[2] ? Number(m[2]) : null };
  };
  const p = one(a);
  const q = b ? one(b) : p;
  return { r1: p.r ?? 1, c1: p.c, r2: q.r ?? 1048576, c2: q.c };
}

export function mockExcel(initialSheets: string[] = ['Sheet1']): MockExcel {
  const created: OfficeMockObject[] = [];
  const track = (o: OfficeMockObject): OfficeMockObject => {
    created.push(o);
    return o;
  };
  const m: MockExcel = {
    context: undefined as unknown as Excel.RequestContext,
    sheets: [],
    syncs: 0,
    suspends: 0,
    payloads: [],
    failAtSync: null,
    selected: null,
    active: null,
    sheet: (name) => m.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()),
    cell: (name, address) => {
      const { r1, c1 } = parseAddress(address);
      return m.sheet(name)?.cells.get(`${r1},${c1}`);
    },
  };
  const allTables = () => m.sheets.flatMap((s) => s.tables);
  const checkName = (name: string) => {
    if (name.length > 31 || /[[\]:*?/\\]/.test(name)) throw new Error(`invalid sheet name ${name}`);
    if (m.sheet(name)) throw new Error(`sheet exists: ${name}`);
  };
  const newSheet = (name: string): MockSheet => {
    checkName(name);
    const s: MockSheet = {
      name,
      visibility: 'Visible',
      cells: new Map(),
      tables: [],
      frozenRows: 0,
      conditionalFormats: [],
      writes: [],
      formats: [],
    };
    m.sheets.push(s);
    return s;
  };

  function range(sheet: MockSheet, address: string): OfficeMockObject {
    const box = parseAddress(address);
    const rows = box.r2 - box.r1 + 1;
    const cols = box.c2 - box.c1 + 1;
    const fmt: Record<string, unknown> = {};
    const r = track(
      new OfficeMockObject({
        format: { font: {}, fill: {} },
        conditionalFormats: {
          add: (type: string) => {
            if (type !== 'Custom') throw new Error(`unexpected conditional format ${type}`);
            const cf = { custom: { rule: { formula: '' }, format: { fill: { color: '' } } } };
            // read back at sync time
            pendingCfs.push(() =>
              sheet.conditionalFormats.push({
                range: address,
                formula: cf.custom.rule.formula,
                fill: cf.custom.format.fill.color,
              }),
            );
            return cf;
          },
        },
        select: () => {
          m.selected = `${sheet.name}!${address}`;
        },
      }),
    ) as unknown as Record<string, unknown>;
    const grid = (kind: 'values' | 'numberFormat') => ({
      set(v: unknown[][]) {
        if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
          throw new Error(`${kind} for ${address} must be ${rows}x${cols}`);
        }
        const bytes = Buffer.byteLength(JSON.stringify(v));
        sheet.writes.push({ address, kind, rows, cols, bytes });
        pending += bytes;
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            const key = `${box.r1 + i},${box.c1 + j}`;
            const cell = sheet.cells.get(key) ?? { v: '' };
            if (kind === 'values') cell.v = x;
            else cell.f = String(x);
            sheet.cells.set(key, cell);
          }),
        );
      },
      configurable: true,
    });
    Object.defineProperty(r, 'values', grid('values'));
    Object.defineProperty(r, 'numberFormat', grid('numberFormat'));
    const format = r.format as Record<string, unknown>;
    for (const key of ['columnWidth', 'wrapText', 'verticalAlignment']) {
      Object.defineProperty(format, key, {
        set: (v: unknown) => sheet.formats.push([address, key, v]),
        get: () => fmt[key],
        configurable: true,
      });
    }
    for (const part of ['font', 'fill'] as const) {
      const obj = format[part] as Record<string, unknown>;
      for (const key of ['bold', 'size', 'color']) {
        Object.defineProperty(obj, key, {
          set: (v: unknown) => sheet.formats.push([address, `${part}.${key}`, v]),
          configurable: true,
        });
      }
    }
    return r as unknown as OfficeMockObject;
  }

  const pendingCfs: (() => void)[] = [];
  let pending = 0;

  function worksheet(sheet: MockSheet): OfficeMockObject {
    const ws = track(
      new OfficeMockObject({
        delete: () => {
          if (m.sheets.length === 1) throw new Error('a workbook must keep one sheet');
          m.sheets = m.sheets.filter((s) => s !== sheet);
        },
        activate: () => {
          m.active = sheet.name;
        },
        getRange: (address: string) => range(sheet, address),
        freezePanes: {
          freezeRows: (n: number) => {
            sheet.frozenRows = n;
          },
        },
        tables: {
          add: (address: string, hasHeaders: boolean) => {
            if (!hasHeaders) throw new Error('tables are written with headers');
            const t: MockTable = { name: `Table${allTables().length + 1}`, address, style: '' };
            sheet.tables.push(t);
            return tableObject(t);
          },
          getItem: (name: string) => {
            const t = sheet.tables.find((x) => x.name === name);
            if (!t) throw new Error(`no table ${name}`);
            return tableObject(t);
          },
        },
        getUsedRangeOrNullObject: () => usedRange(sheet),
      }),
    ) as unknown as Record<string, unknown>;
    Object.defineProperty(ws, 'name', {
      get: () => sheet.name,
      set: (v: string) => {
        if (v.toLowerCase() !== sheet.name.toLowerCase()) checkName(v);
        sheet.name = v;
      },
    });
    Object.defineProperty(ws, 'visibility', { get: () => sheet.visibility });
    return ws as unknown as OfficeMockObject;
  }

  function tableObject(t: MockTable): object {
    return {
      get name() {
        return t.name;
      },
      set name(v: string) {
        if (allTables().some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase()))
          throw new Error(`table name exists: ${v}`);
        t.name = v;
      },
      set style(v: string) {
        t.style = v;
      },
    };
  }

  function usedRange(sheet: MockSheet): OfficeMockObject {
    const keys = [...sheet.cells.entries()]
      .filter(([, c]) => c.v !== '' && c.v !== null && c.v !== undefined)
      .map(([k]) => k.split(',').map(Number));
    if (keys.length === 0) {
      const empty = track(new OfficeMockObject({ values: [], rowIndex: 0, columnIndex: 0 }));
      (empty as unknown as { isNullObject: boolean }).isNullObject = true;
      return empty;
    }
    const r1 = Math.min(...keys.map((k) => k[0]));
    const r2 = Math.max(...keys.map((k) => k[0]));
    const c1 = Math.min(...keys.map((k) => k[1]));
    const c2 = Math.max(...keys.map((k) => k[1]));
    const values: unknown[][] = [];
    for (let i = r1; i <= r2; i++) {
      const row: unknown[] = [];
      for (let j = c1; j <= c2; j++) row.push(sheet.cells.get(`${i},${j}`)?.v ?? '');
      values.push(row);
    }
    // office-addin-mock: values, rowIndex and columnIndex are readable only after load() and sync()
    const r = track(new OfficeMockObject({ values, rowIndex: r1 - 1, columnIndex: c1 - 1 }));
    (r as unknown as { isNullObject: boolean }).isNullObject = false;
    return r;
  }

  for (const n of initialSheets) newSheet(n);

  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        load: () => undefined,
        getItem: (name: string) => {
          const s = m.sheet(name);
          if (!s) throw new Error(`no sheet ${name}`);
          return worksheet(s);
        },
        add: (name: string) => worksheet(newSheet(name)),
      },
    },
    application: {
      suspendApiCalculationUntilNextSync: () => {
        m.suspends++;
      },
    },
    sync: async () => {
      m.syncs++;
      m.payloads.push(pending);
      pending = 0;
      if (m.failAtSync !== null && --m.failAtSync === 0) {
        m.failAtSync = null;
        throw new Error('RequestPayloadSizeLimitExceeded');
      }
      for (const f of pendingCfs.splice(0)) f();
      for (const o of created.splice(0)) await o.sync();
    },
  }) as unknown as { workbook: { worksheets: object } };
  Object.defineProperty(context.workbook.worksheets, 'items', { get: () => m.sheets.map((s) => worksheet(s)) });
  m.context = context as unknown as Excel.RequestContext;
  return m;
}
