/*
 * A strict fake of Excel's JavaScript API, one implementation for both test worlds:
 *  - the browser tests serve this file in place of Microsoft's office.js: it installs window.Office, window.Excel
 *    and window.__excel (the workbook model, for the test to look at), configured by window.__fakeOffice
 *    ({ language, platform, excelApi: '1.1' | '1.7' …, onReadyDelay, editing });
 *  - the unit tests (test/excel/mock-excel.ts) require it and call createFakeExcel(options).
 *
 * It behaves as Excel does where the door can go wrong:
 *  - every call is queued and runs at context.sync(), in order; the first operation that fails stops the batch
 *    (the operations before it stay done, as in Excel) and sync() rejects with an OfficeExtension-like error;
 *  - requirement sets: an API above the offered ExcelApi version is absent (undefined), and
 *    Office.context.requirements.isSetSupported answers accordingly;
 *  - 5 MB per request and per response; values / numberFormat arrays must match the range's size;
 *  - sheet names: 1–31 characters, none of []:*?/\, not "History", unique ignoring case;
 *  - table names: valid, unique across tables and defined names; a table's headers unique and not empty;
 *  - while a cell is being edited every request fails with InvalidOperationInCellEditMode;
 *  - a very hidden sheet cannot be deleted (InvalidOperation: the reference says to make it visible or hidden first);
 *  - a property read before load() + sync() throws PropertyNotLoaded.
 * Failures can be injected: failAt = { sync: n, op: k } makes the n-th sync from now fail at its k-th operation.
 * snapshot() gives the workbook as plain data; option `book` (a snapshot) opens that workbook again, as Excel
 * reopens a saved file (the browser tests close the pane and open it on the workbook it left).
 */
(function (root) {
  'use strict';
  // What the fake itself needs, taken before a test removes from the page what Internet Explorer 11 lacks (the
  // fake then uses only these and what ES5 has: no iteration protocol, no ES2015+ methods).
  const N = { Proxy: typeof Proxy === 'undefined' ? null : Proxy, Promise, assign: Object.assign };
  const find = (list, fn) => {
    for (let i = 0; i < list.length; i++) if (fn(list[i])) return list[i];
    return undefined;
  };
  const keysOf = (map) => {
    const out = [];
    map.forEach((_v, k) => out.push(k));
    return out;
  };
  const pad8 = (n) => ('00000000' + n).slice(-8);
  const MB5 = 5 * 1024 * 1024;
  // the version each API the door may use arrived in (Office.js reference, "API set")
  const SINCE = {
    columnWidth: '1.2',
    setVisibility: '1.2',
    getUsedRangeValuesOnly: '1.2',
    orNullObject: '1.4',
    suspendCalculation: '1.6',
    conditionalFormats: '1.6',
    freezePanes: '1.7',
    createWorkbook: '1.8',
  };
  const ver = (v) => v.split('.').map(Number);
  const atLeast = (have, need) => {
    const h = ver(have);
    const n = ver(need);
    return h[0] > n[0] || (h[0] === n[0] && h[1] >= n[1]);
  };

  class FakeOfficeError extends Error {
    constructor(code, message) {
      super(message);
      this.name = 'RichApi.Error';
      this.code = code;
      this.debugInfo = { code, message };
    }
  }
  const fail = (code, message) => {
    throw new FakeOfficeError(code, message);
  };

  function colNum(letters) {
    let n = 0;
    for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
    return n;
  }
  function colLetters(n) {
    let s = '';
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  /** "A1", "A1:C3" or "B:B" → {r1, c1, r2, c2} (1-based; a whole column is rows 1..1048576). */
  function parseAddress(address) {
    const parts = address.split(':');
    const a = parts[0];
    const b = parts[1];
    const one = (x) => {
      const m = /^([A-Z]+)(\d*)$/.exec(x);
      if (!m) fail('InvalidArgument', 'The argument is invalid or missing: ' + address);
      return { c: colNum(m[1]), r: m[2] ? Number(m[2]) : null };
    };
    const p = one(a);
    const q = b ? one(b) : p;
    return { r1: p.r ?? 1, c1: p.c, r2: q.r ?? 1048576, c2: q.c };
  }

  function createFakeExcel(options = {}) {
    const excelApi = options.excelApi || '1.1';
    const has = (feature) => atLeast(excelApi, SINCE[feature]);
    const book = { sheets: [], names: [], selected: null, active: null, editing: !!options.editing, nextId: 1 };
    const log = { syncs: 0, runs: 0, calls: [], suspends: 0, payloads: [], responses: [] };
    const limits = { request: options.requestLimit || MB5, response: options.responseLimit || MB5 };
    const state = { failAt: null };

    const findSheet = (name) => find(book.sheets, (s) => s.name.toLowerCase() === String(name).toLowerCase());
    const allTables = () => book.sheets.reduce((all, s) => all.concat(s.tables), []);
    function checkSheetName(name, self) {
      if (typeof name !== 'string' || name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name))
        fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      if (/^'|'$/.test(name) || name.toLowerCase() === 'history')
        fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      const other = findSheet(name);
      if (other && other !== self)
        fail('ItemAlreadyExists', 'The resource with the same name or identifier already exists.');
    }
    function checkTableName(name, self) {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name))
        fail('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      const lower = name.toLowerCase();
      if (
        allTables().some((t) => t !== self && t.name.toLowerCase() === lower) ||
        book.names.some((n) => n.name.toLowerCase() === lower)
      )
        fail('ItemAlreadyExists', 'A table or a name with this name already exists.');
    }
    function addSheet(name) {
      checkSheetName(name, null);
      const s = {
        id: `{${pad8(book.nextId++)}-0000-0000-0000-000000000000}`,
        name,
        visibility: 'Visible',
        cells: new Map(),
        tables: [],
        formats: [],
        conditionalFormats: [],
        frozenRows: 0,
        writes: [],
        charts: [],
      };
      book.sheets.push(s);
      return s;
    }

    // ------------------------------------------------------------------ the request being built
    let queue = [];
    let requestBytes = 0;
    const enqueue = (what, run, bytes = 50) => {
      queue.push({ what, run });
      requestBytes += bytes;
    };
    /** A proxy object's loaded scalar: readable only after load() and sync(). */
    function loadable(obj, props) {
      const loaded = {};
      props.forEach((p) => {
        Object.defineProperty(obj, p, {
          get() {
            if (!(p in loaded))
              fail('PropertyNotLoaded', `The property '${p}' is not available. Call load() and sync().`);
            return loaded[p];
          },
          configurable: true,
          enumerable: true,
        });
      });
      return loaded;
    }
    /** A lazy reference to a sheet: resolved when the batch runs (by name, or bound when added). */
    function sheetRef(resolve) {
      let bound = null;
      return () => {
        if (!bound || book.sheets.indexOf(bound) < 0) {
          if (bound) fail('ItemNotFound', 'The requested resource does not exist.');
          bound = resolve();
        }
        return bound;
      };
    }

    function rangeProxy(ref, address, opts = {}) {
      const r = { __address: address };
      const loaded = loadable(r, [
        'values',
        'rowIndex',
        'columnIndex',
        'rowCount',
        'columnCount',
        'address',
        'isNullObject',
      ]);
      const box = () => (opts.used ? opts.used() : parseAddress(address));
      const grid = (kind) => ({
        set(v) {
          const bytes = JSON.stringify(v).length * 1.2 + 100;
          enqueue(
            kind,
            () => {
              const s = ref();
              const b = box();
              const rows = b.r2 - b.r1 + 1;
              const cols = b.c2 - b.c1 + 1;
              if (!Array.isArray(v) || v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
                fail(
                  'InvalidArgument',
                  `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`,
                );
              s.writes.push({ address, kind, rows, cols, bytes: JSON.stringify(v).length });
              log.calls.push([kind, s.name, address]);
              v.forEach((row, i) =>
                row.forEach((x, j) => {
                  const key = `${b.r1 + i},${b.c1 + j}`;
                  const cell = s.cells.get(key) || { v: '' };
                  if (kind === 'values') {
                    cell.v = x;
                    cell.formula = typeof x === 'string' && x.charAt(0) === '=' && cell.f !== '@';
                  } else cell.f = String(x);
                  s.cells.set(key, cell);
                }),
              );
            },
            bytes,
          );
        },
        get() {
          if (!('values' in loaded) || kind !== 'values')
            fail('PropertyNotLoaded', `The property '${kind}' is not available.`);
          return loaded.values;
        },
        configurable: true,
      });
      Object.defineProperty(r, 'values', grid('values'));
      Object.defineProperty(r, 'numberFormat', grid('numberFormat'));
      r.load = (what) => {
        enqueue('load', () => {
          const s = ref();
          const b = box();
          if (b === null) {
            loaded.isNullObject = true;
            return;
          }
          loaded.isNullObject = false;
          loaded.rowIndex = b.r1 - 1;
          loaded.columnIndex = b.c1 - 1;
          loaded.rowCount = b.r2 - b.r1 + 1;
          loaded.columnCount = b.c2 - b.c1 + 1;
          loaded.address = `${s.name}!${colLetters(b.c1)}${b.r1}:${colLetters(b.c2)}${b.r2}`;
          if (String(what || '').indexOf('values') >= 0) {
            const values = [];
            for (let i = b.r1; i <= b.r2; i++) {
              const row = [];
              for (let j = b.c1; j <= b.c2; j++) {
                const c = s.cells.get(`${i},${j}`);
                row.push(c && c.v !== undefined && c.v !== null ? c.v : '');
              }
              values.push(row);
            }
            loaded.values = values;
            responseBytes += JSON.stringify(values).length;
          }
        });
        return r;
      };
      const fmt = (path) =>
        new N.Proxy(
          {},
          {
            set(_, k, v) {
              enqueue('format', () => {
                const s = ref();
                if (k === 'columnWidth' && !has('columnWidth')) fail('ApiNotFound', 'columnWidth');
                s.formats.push([address, path ? `${path}.${String(k)}` : String(k), v]);
              });
              return true;
            },
            get(_, k) {
              if (!path && (k === 'font' || k === 'fill')) return fmt(k);
              if (!path && k === 'columnWidth' && !has('columnWidth')) return undefined;
              return undefined;
            },
          },
        );
      r.format = fmt('');
      if (has('conditionalFormats')) {
        r.conditionalFormats = {
          add(type) {
            const cf = { type, custom: { rule: { formula: '' }, format: { fill: { color: '' } } } };
            enqueue('conditionalFormat', () => {
              const s = ref();
              s.conditionalFormats.push({
                range: address,
                formula: cf.custom.rule.formula,
                fill: cf.custom.format.fill.color,
                custom: cf.custom,
              });
            });
            return cf;
          },
        };
      }
      r.select = () =>
        enqueue('select', () => {
          book.selected = `${ref().name}!${address}`;
        });
      r.clear = () =>
        enqueue('clear', () => {
          const s = ref();
          const b = parseAddress(address);
          keysOf(s.cells).forEach((key) => {
            const ij = key.split(',').map(Number);
            if (ij[0] >= b.r1 && ij[0] <= b.r2 && ij[1] >= b.c1 && ij[1] <= b.c2) s.cells.delete(key);
          });
        });
      return r;
    }

    function usedBox(s) {
      const keys = [];
      s.cells.forEach((c, k) => {
        if (c.v !== '' && c.v !== null && c.v !== undefined) keys.push(k.split(',').map(Number));
      });
      if (keys.length === 0) return null;
      const pick = (i) => keys.map((k) => k[i]);
      return {
        r1: Math.min.apply(null, pick(0)),
        c1: Math.min.apply(null, pick(1)),
        r2: Math.max.apply(null, pick(0)),
        c2: Math.max.apply(null, pick(1)),
      };
    }

    function tableProxy(sheetOf, find) {
      const t = {};
      let bound = null;
      const get = () => bound || (bound = find());
      Object.defineProperty(t, 'name', {
        set(v) {
          enqueue('tableName', () => {
            const table = get();
            checkTableName(v, table);
            log.calls.push(['tableName', table.name, v]);
            table.name = v;
          });
        },
        get() {
          return bound ? bound.name : fail('PropertyNotLoaded', 'name');
        },
      });
      Object.defineProperty(t, 'style', {
        set(v) {
          enqueue('tableStyle', () => {
            get().style = v;
          });
        },
      });
      t._sheet = sheetOf;
      return t;
    }

    function tablesOf(ref) {
      const coll = {};
      const loaded = loadable(coll, ['items']);
      coll.load = () => {
        enqueue('load', () => {
          loaded.items = ref().tables.map((x) => ({ name: x.name }));
        });
        return coll;
      };
      coll.add = (address, hasHeaders) => {
        let created = null;
        enqueue('addTable', () => {
          const s = ref();
          const b = parseAddress(address);
          if (hasHeaders) {
            const headers = [];
            for (let j = b.c1; j <= b.c2; j++) {
              const c = s.cells.get(`${b.r1},${j}`);
              headers.push(c ? String(c.v) : '');
            }
            const seen = new Set();
            headers.forEach((h) => {
              if (h === '' || seen.has(h.toLowerCase()))
                fail('InvalidArgument', 'A table header must not be empty or repeated.');
              seen.add(h.toLowerCase());
            });
          }
          created = { name: `Table${book.nextId++}`, address, style: '', hasHeaders: !!hasHeaders };
          s.tables.push(created);
        });
        return tableProxy(ref, () => created);
      };
      coll.getItem = (name) =>
        tableProxy(ref, () => {
          const t = find(ref().tables, (x) => x.name.toLowerCase() === name.toLowerCase());
          return t || fail('ItemNotFound', 'The requested resource does not exist.');
        });
      return coll;
    }

    /** Charts (ExcelApi 1.1): what the door adds is recorded per sheet; series.setXAxisValues needs 1.7. */
    function chartProxy(ref, get) {
      const c = {};
      const set = (key) => (v) => enqueue('chart', () => (get()[key] = v));
      Object.defineProperty(c, 'name', {
        get() {
          return get().name;
        },
        set: set('name'),
      });
      c.title = {};
      Object.defineProperty(c.title, 'text', { set: set('title') });
      c.legend = {};
      Object.defineProperty(c.legend, 'position', { set: set('legend') });
      c.setPosition = (from, to) => enqueue('chart', () => (get().position = [from, to]));
      c.delete = () =>
        enqueue('deleteChart', () => {
          const sh = ref();
          const it = get();
          log.calls.push(['deleteChart', sh.name, it.name]);
          sh.charts = sh.charts.filter((x) => x !== it);
        });
      c.series = {
        getItemAt: (i) => ({
          setXAxisValues: (range) => {
            if (!atLeast(excelApi, '1.7')) fail('ApiNotFound', 'setXAxisValues');
            enqueue('chart', () => {
              (get().xAxis = get().xAxis || [])[i] = range.__address;
            });
          },
          setValues: (range) => {
            if (!atLeast(excelApi, '1.7')) fail('ApiNotFound', 'setValues');
            enqueue('chart', () => get().series.push(range.__address));
          },
        }),
        add: () => {
          if (!atLeast(excelApi, '1.7')) fail('ApiNotFound', 'series.add');
          return c.series.getItemAt(-1);
        },
      };
      c.axes = { categoryAxis: {}, valueAxis: {} };
      Object.defineProperty(c.axes.categoryAxis, 'reversePlotOrder', { set: set('reversed') });
      Object.defineProperty(c.axes.valueAxis, 'maximum', { set: set('maximum') });
      Object.defineProperty(c.axes.valueAxis, 'numberFormat', {
        set(v) {
          if (!atLeast(excelApi, '1.8')) fail('ApiNotFound', 'valueAxis.numberFormat');
          set('numberFormat')(v);
        },
      });
      return c;
    }
    function chartsOf(ref) {
      const coll = {};
      const loaded = loadable(coll, ['items']);
      coll.load = () => {
        enqueue('load', () => {
          loaded.items = ref().charts.map((x) => chartProxy(ref, () => x));
        });
        return coll;
      };
      coll.add = (type, range, seriesBy) => {
        let created = null;
        enqueue('addChart', () => {
          const sh = ref();
          created = { name: `Chart ${book.nextId++}`, type, source: range.__address, seriesBy, series: [] };
          log.calls.push(['addChart', sh.name, type, range.__address]);
          sh.charts.push(created);
        });
        return chartProxy(ref, () => created);
      };
      return coll;
    }

    function worksheetProxy(ref) {
      const ws = {};
      const loaded = loadable(ws, ['id', 'visibility', 'position']);
      let pendingName;
      Object.defineProperty(ws, 'name', {
        get() {
          if (!('name' in loaded)) fail('PropertyNotLoaded', `The property 'name' is not available.`);
          return loaded.name;
        },
        set(v) {
          pendingName = v;
          enqueue('rename', () => {
            const s = ref();
            checkSheetName(v, s);
            log.calls.push(['rename', s.name, v]);
            s.name = v;
          });
        },
      });
      Object.defineProperty(ws, 'visibility', {
        get() {
          if (!('visibility' in loaded)) fail('PropertyNotLoaded', 'visibility');
          return loaded.visibility;
        },
        set(v) {
          enqueue('visibility', () => {
            if (!has('setVisibility')) fail('ApiNotFound', 'visibility');
            ref().visibility = v;
          });
        },
      });
      ws.load = () => {
        enqueue('load', () => {
          const s = ref();
          N.assign(loaded, { id: s.id, name: s.name, visibility: s.visibility, position: book.sheets.indexOf(s) });
        });
        return ws;
      };
      ws._fill = (s) =>
        N.assign(loaded, { id: s.id, name: s.name, visibility: s.visibility, position: book.sheets.indexOf(s) });
      ws.delete = () =>
        enqueue('delete', () => {
          const s = ref();
          if (s.visibility === 'VeryHidden')
            fail('InvalidOperation', 'This operation is not allowed on a very hidden worksheet.');
          if (book.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
            fail('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
          log.calls.push(['delete', s.name]);
          book.sheets = book.sheets.filter((x) => x !== s);
        });
      ws.activate = () =>
        enqueue('activate', () => {
          book.active = ref().name;
        });
      ws.getRange = (address) => rangeProxy(ref, address);
      ws.getUsedRange = (valuesOnly) => {
        if (valuesOnly !== undefined && !has('getUsedRangeValuesOnly')) fail('ApiNotFound', 'getUsedRange(valuesOnly)');
        return rangeProxy(ref, 'A1', { used: () => usedBox(ref()) || { r1: 1, c1: 1, r2: 1, c2: 1 } });
      };
      if (has('orNullObject'))
        ws.getUsedRangeOrNullObject = () => rangeProxy(ref, 'A1', { used: () => usedBox(ref()) });
      if (has('freezePanes'))
        ws.freezePanes = {
          freezeRows(n) {
            enqueue('freeze', () => {
              ref().frozenRows = n;
            });
          },
        };
      ws.tables = tablesOf(ref);
      ws.charts = chartsOf(ref);
      ws._pendingName = () => pendingName;
      return ws;
    }

    function collection(items, mapItem) {
      const coll = {};
      const loaded = loadable(coll, ['items']);
      coll.load = () => {
        enqueue('load', () => {
          loaded.items = items().map(mapItem);
        });
        return coll;
      };
      return coll;
    }

    function newContext() {
      const worksheets = collection(
        () => book.sheets,
        (s) => {
          const p = worksheetProxy(sheetRef(() => s));
          p._fill(s);
          return p;
        },
      );
      worksheets.getItem = (name) =>
        worksheetProxy(
          sheetRef(() => findSheet(name) || fail('ItemNotFound', 'The requested resource does not exist.')),
        );
      if (has('orNullObject')) worksheets.getItemOrNullObject = worksheets.getItem;
      worksheets.add = (name) => {
        let created = null;
        enqueue('addSheet', () => {
          created = addSheet(name);
          log.calls.push(['add', name]);
        });
        return worksheetProxy(() => created || fail('ItemNotFound', 'not added'));
      };
      const tables = collection(allTables, (t) => ({ name: t.name }));
      const names = collection(
        () => book.names,
        (n) => ({ name: n.name }),
      );
      const application = {};
      if (has('suspendCalculation'))
        application.suspendApiCalculationUntilNextSync = () => {
          log.suspends++;
        };
      return {
        workbook: { worksheets, tables, names },
        application,
        sync: async () => runBatch(),
      };
    }

    /**
     * The workbook in brief as an attribute of <html> (option `mirror`), for a test that cannot use page.evaluate
     * (the IE11-surface page lacks what Playwright's evaluation needs).
     */
    function mirror() {
      if (typeof document === 'undefined' || !document.documentElement) return;
      const brief = book.sheets.map((s) => ({
        name: s.name,
        visibility: s.visibility,
        tables: s.tables.map((t) => t.name),
        frozen: s.frozenRows,
        fills: s.formats.filter((f) => f[1] === 'fill.color').length,
        cfs: s.conditionalFormats.length,
        charts: s.charts.map((c) => ({ name: c.name, type: c.type, title: c.title })),
      }));
      document.documentElement.setAttribute('data-fake-excel', JSON.stringify(brief));
    }

    let responseBytes = 0;
    async function runBatch() {
      await N.Promise.resolve();
      log.syncs++;
      const ops = queue;
      const bytes = requestBytes;
      queue = [];
      requestBytes = 0;
      responseBytes = 0;
      log.payloads.push(bytes);
      if (book.editing) fail('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
      if (bytes > limits.request)
        fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
      let failOp = -1;
      if (state.failAt && --state.failAt.sync === 0) {
        failOp = Math.min(state.failAt.op || 0, ops.length);
        state.failAt = null;
      }
      for (let i = 0; i < ops.length; i++) {
        if (i === failOp) fail('GeneralException', 'An internal error has occurred while processing the request.');
        ops[i].run();
      }
      if (failOp === ops.length)
        fail('GeneralException', 'An internal error has occurred while processing the request.');
      log.responses.push(responseBytes);
      if (options.mirror) mirror();
      if (responseBytes > limits.response)
        fail('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }

    const Excel = {
      run: async (fn) => {
        log.runs++;
        const context = newContext();
        const out = await fn(context);
        if (queue.length) await runBatch();
        return out;
      },
    };
    if (has('createWorkbook'))
      Excel.createWorkbook = async (base64) => {
        log.calls.push(['createWorkbook', base64.length]);
      };
    const Office = {
      HostType: { Excel: 'Excel' },
      PlatformType: { PC: 'PC', Mac: 'Mac', OfficeOnline: 'OfficeOnline', iOS: 'iOS' },
      context: {
        displayLanguage: options.language || 'vi-VN',
        platform: options.platform || 'PC',
        requirements: {
          isSetSupported: (name, version) =>
            name === 'ExcelApi' ? atLeast(excelApi, String(version || '1.1')) : false,
        },
      },
      onReady: () =>
        new N.Promise((resolve) =>
          setTimeout(() => resolve({ host: 'Excel', platform: options.platform || 'PC' }), options.onReadyDelay || 0),
        ),
    };

    /** The workbook as plain data (JSON): what a saved file keeps of it. */
    function snapshot() {
      return {
        nextId: book.nextId,
        names: book.names.map((n) => N.assign({}, n)),
        sheets: book.sheets.map((s) => {
          const cells = [];
          s.cells.forEach((c, k) => cells.push([k, N.assign({}, c)]));
          return {
            id: s.id,
            name: s.name,
            visibility: s.visibility,
            cells,
            tables: s.tables.map((t) => N.assign({}, t)),
            formats: s.formats.slice(),
            conditionalFormats: s.conditionalFormats.map((c) => ({ range: c.range, formula: c.formula, fill: c.fill })),
            frozenRows: s.frozenRows,
            charts: s.charts.map((c) => JSON.parse(JSON.stringify(c))),
          };
        }),
      };
    }
    function restore(saved) {
      book.nextId = saved.nextId;
      book.names = saved.names;
      book.sheets = saved.sheets.map((s) => {
        const cells = new Map();
        s.cells.forEach((e) => cells.set(e[0], e[1]));
        return N.assign({}, s, { cells, writes: [] });
      });
    }

    if (options.book) restore(options.book);
    else (options.sheets || ['Sheet1']).forEach((n) => addSheet(n));
    return {
      snapshot,
      Excel,
      Office,
      book,
      log,
      limits,
      state,
      newContext,
      addSheet,
      sheet: findSheet,
      cell(name, address) {
        const s = findSheet(name);
        const { r1, c1 } = parseAddress(address);
        return s ? s.cells.get(`${r1},${c1}`) : undefined;
      },
      colLetters,
      parseAddress,
    };
  }

  if (typeof module !== 'undefined' && module.exports) module.exports = { createFakeExcel, parseAddress };
  else if (root) {
    const options = N.assign({ language: root.__fakeOfficeLanguage }, root.__fakeOffice || {});
    const fake = createFakeExcel(options);
    root.__excel = fake;
    root.Excel = fake.Excel;
    root.Office = fake.Office;
  }
})(typeof window !== 'undefined' ? window : null);
