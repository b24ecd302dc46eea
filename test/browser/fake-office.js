/*
 * A fake office.js for the browser test: served instead of Microsoft's office.js, it makes the pane believe it runs
 * in Excel and keeps a small workbook model that the Excel door writes to and reads from. It enforces what real
 * Excel enforces (sheet and table names unique, sheet names <= 31 characters, 2-D arrays matching the range) and
 * records every call in window.__excel.
 */
(function () {
  'use strict';
  const lang = window.__fakeOfficeLanguage || 'vi-VN';
  const log = { syncs: 0, runs: 0, calls: [], suspends: 0 };
  const book = { sheets: [], selected: null, active: null };

  function colNum(letters) {
    let n = 0;
    for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
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
  /** "A1", "A1:C3" or "B:B" → {r1, c1, r2, c2} (rows 1-based; whole column → rows 1..1048576). */
  function parse(address) {
    const [a, b] = address.split(':');
    const one = (x) => {
      const m = /^([A-Z]+)(\d*)$/.exec(x);
      if (!m) throw new Error('fake Excel: bad address ' + address);
      return { c: colNum(m[1]), r: m[2] ? Number(m[2]) : null };
    };
    const p = one(a);
    const q = b ? one(b) : p;
    return { r1: p.r ?? 1, c1: p.c, r2: q.r ?? 1048576, c2: q.c };
  }
  function findSheet(name) {
    return book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  function allTables() {
    return book.sheets.flatMap((s) => s.tables);
  }
  function checkSheetName(name) {
    if (name.length > 31 || /[\[\]:*?\/\\]/.test(name)) throw new Error('fake Excel: invalid sheet name ' + name);
    if (findSheet(name)) throw new Error('fake Excel: sheet exists: ' + name);
  }

  function makeRange(sheet, address) {
    const box = parse(address);
    const rows = box.r2 - box.r1 + 1;
    const cols = box.c2 - box.c1 + 1;
    const checkShape = (v, what) => {
      if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) {
        throw new Error(`fake Excel: ${what} for ${address} must be ${rows}x${cols}`);
      }
    };
    const format = { font: {}, fill: {} };
    const range = {
      address: sheet.name + '!' + address,
      set values(v) {
        checkShape(v, 'values');
        log.calls.push(['values', sheet.name, address]);
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            const key = `${box.r1 + i},${box.c1 + j}`;
            const cell = sheet.cells.get(key) || {};
            cell.v = x;
            // real Excel: a string starting with "=" becomes a formula unless the cell is text ("@")
            cell.formula = typeof x === 'string' && x.startsWith('=') && cell.f !== '@';
            sheet.cells.set(key, cell);
          }),
        );
      },
      set numberFormat(v) {
        checkShape(v, 'numberFormat');
        log.calls.push(['numberFormat', sheet.name, address]);
        v.forEach((row, i) =>
          row.forEach((x, j) => {
            const key = `${box.r1 + i},${box.c1 + j}`;
            const cell = sheet.cells.get(key) || {};
            cell.f = x;
            sheet.cells.set(key, cell);
          }),
        );
      },
      format: new Proxy(format, {
        set(target, k, v) {
          target[k] = v;
          sheet.formats.push([address, k, v]);
          return true;
        },
        get(target, k) {
          if (k === 'font' || k === 'fill') {
            return new Proxy(target[k], {
              set(t, kk, v) {
                t[kk] = v;
                sheet.formats.push([address, `${String(k)}.${String(kk)}`, v]);
                return true;
              },
            });
          }
          return target[k];
        },
      }),
      conditionalFormats: {
        add(type) {
          const cf = { type, range: address, custom: { rule: {}, format: { fill: {} } } };
          sheet.conditionalFormats.push(cf);
          return cf;
        },
      },
      select() {
        book.selected = sheet.name + '!' + address;
        log.calls.push(['select', sheet.name, address]);
      },
    };
    return range;
  }

  function makeSheet(name) {
    checkSheetName(name);
    const sheet = {
      name,
      visibility: 'Visible',
      cells: new Map(),
      tables: [],
      formats: [],
      conditionalFormats: [],
      frozenRows: 0,
    };
    book.sheets.push(sheet);
    return sheet;
  }

  function wrap(sheet) {
    return {
      get name() {
        return sheet.name;
      },
      set name(v) {
        if (v.toLowerCase() !== sheet.name.toLowerCase()) checkSheetName(v);
        log.calls.push(['rename', sheet.name, v]);
        sheet.name = v;
      },
      get visibility() {
        return sheet.visibility;
      },
      delete() {
        if (book.sheets.length === 1) throw new Error('fake Excel: a workbook must keep one sheet');
        log.calls.push(['delete', sheet.name]);
        book.sheets = book.sheets.filter((s) => s !== sheet);
      },
      activate() {
        book.active = sheet.name;
      },
      getRange(address) {
        return makeRange(sheet, address);
      },
      freezePanes: {
        freezeRows(n) {
          sheet.frozenRows = n;
        },
      },
      tables: {
        add(address, hasHeaders) {
          const t = { name: 'Table' + (allTables().length + 1), style: '', address, hasHeaders };
          const proxy = {
            get name() {
              return t.name;
            },
            set name(v) {
              if (allTables().some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase()))
                throw new Error('fake Excel: table name exists: ' + v);
              t.name = v;
            },
            set style(v) {
              t.style = v;
            },
          };
          sheet.tables.push(t);
          return proxy;
        },
        getItem(name) {
          const t = sheet.tables.find((x) => x.name === name);
          if (!t) throw new Error('fake Excel: no table ' + name);
          return {
            set name(v) {
              if (allTables().some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase()))
                throw new Error('fake Excel: table name exists: ' + v);
              t.name = v;
            },
          };
        },
      },
      getUsedRangeOrNullObject() {
        const r = { isNullObject: true, values: [], rowIndex: 0, columnIndex: 0, load() {} };
        const keys = [...sheet.cells.entries()]
          .filter(([, c]) => c.v !== undefined && c.v !== '')
          .map(([k]) => k.split(',').map(Number));
        if (keys.length === 0) return r;
        const r1 = Math.min(...keys.map((k) => k[0]));
        const r2 = Math.max(...keys.map((k) => k[0]));
        const c1 = Math.min(...keys.map((k) => k[1]));
        const c2 = Math.max(...keys.map((k) => k[1]));
        r.isNullObject = false;
        r.rowIndex = r1 - 1;
        r.columnIndex = c1 - 1;
        r.values = [];
        for (let i = r1; i <= r2; i++) {
          const row = [];
          for (let j = c1; j <= c2; j++) {
            const c = sheet.cells.get(`${i},${j}`);
            row.push(c && c.v !== undefined ? c.v : '');
          }
          r.values.push(row);
        }
        return r;
      },
    };
  }

  makeSheet('Sheet1');

  const context = {
    workbook: {
      worksheets: {
        load() {},
        get items() {
          return book.sheets.map(wrap);
        },
        getItem(name) {
          const s = findSheet(name);
          if (!s) throw new Error('fake Excel: no sheet ' + name);
          return wrap(s);
        },
        add(name) {
          log.calls.push(['add', name]);
          return wrap(makeSheet(name));
        },
      },
    },
    application: {
      suspendApiCalculationUntilNextSync() {
        log.suspends++;
      },
    },
    async sync() {
      log.syncs++;
    },
  };

  window.__excel = {
    log,
    book,
    sheet(name) {
      return findSheet(name);
    },
    cell(name, address) {
      const s = findSheet(name);
      const { r1, c1 } = parse(address);
      return s ? s.cells.get(`${r1},${c1}`) : undefined;
    },
    colLetters,
  };
  window.Excel = {
    run: async (fn) => {
      log.runs++;
      return fn(context);
    },
  };
  window.Office = {
    HostType: { Excel: 'Excel' },
    context: { displayLanguage: lang },
    onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
  };
})();
