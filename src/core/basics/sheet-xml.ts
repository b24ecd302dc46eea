/**
 * One worksheet of an OutSheet written directly as XML, piece by piece (a sheet of 600,000 rows is never held):
 * the same cells, styles, column widths, frozen header, print settings, data bars, links and Excel table as the
 * ExcelJS writer gives it (sheet-xml-look.ts), the table's body given row by row or as rows made before
 * (sheet-xml-rows.ts). The parts around the sheets are in sheet-xml-book.ts.
 */
import { columnLetter } from './grid';
import { type OutChart, type OutColumn, type OutSheet, type OutTable, type OutValue, tableHeaderRow } from './sheets';
import { type LookRow, DATA_BAR, TableLook } from './sheet-xml-look';
import {
  type Placement,
  type RenderedRows,
  type TableRow,
  BodyRows,
  LINK_LIMIT,
  cellXml,
  placeRows,
} from './sheet-xml-rows';
import type { StyleRegistry } from './sheet-xml-styles';
import { xmlText } from './xml';

/** A table whose body is given row by row (or as rows made before), with its size known beforehand. */
export interface StreamTable {
  name: string;
  columns: OutColumn[];
  /** Body rows. */
  count: number;
  /** Link cells in the body (links as cells up to LINK_LIMIT, as formulas above). */
  links: number;
  body(): Iterable<TableRow | RenderedRows> | AsyncIterable<TableRow | RenderedRows>;
  totals?: OutValue[];
}

/** A sheet to write: an OutSheet (its rows in memory; the only kind with charts) or one streamed. */
export type DirectSheet = OutSheet | (Omit<OutSheet, 'table' | 'charts'> & { table: StreamTable; charts?: undefined });

export const isStreamTable = (t: OutTable | StreamTable): t is StreamTable => 'count' in t;

/** What the workbook needs to know of a written sheet: its hyperlinks, table and drawing relationships. */
export interface WrittenSheet {
  hyperlinks: [ref: string, target: string][];
  /** The sheet's relationship ids: its table's and its drawing's. */
  tableRel: string;
  drawingRel: string | null;
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';
const HEAD =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}" ` +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" ' +
  'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">';

/** Rows written whole (preamble, header, totals). */
function lookRowXml(r: LookRow, styles: StyleRegistry, columnIds: readonly number[]): string {
  const attrs =
    (r.height ? ` ht="${r.height}" customHeight="1"` : '') +
    (r.style ? ` s="${styles.id(r.style)}" customFormat="1"` : '');
  let xml = `<row r="${r.row}"${attrs}>`;
  for (const c of r.cells) {
    const s = styles.id(c.style);
    if ((c.value === null || c.value === '') && s === (columnIds[c.col] ?? 0)) continue;
    xml += cellXml(`${columnLetter(c.col + 1)}${r.row}`, s, c.value);
  }
  return xml + '</row>';
}

function colsXml(look: TableLook, columnIds: readonly number[]): string {
  const cols = look.columns.map(
    (_c, j) =>
      `<col min="${j + 1}" max="${j + 1}" width="${look.width(j)}"${columnIds[j] ? ` style="${columnIds[j]}"` : ''} customWidth="1"/>`,
  );
  return cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '';
}

/** Data bars over the body of each `dataBar` column, with their Excel 2010 extension; ids from `nextId`. */
function dataBars(columns: readonly OutColumn[], first: number, last: number, nextId: () => string) {
  const bars = columns.flatMap((c, j) => {
    if (!c.dataBar || last < first) return [];
    const letter = columnLetter(j + 1);
    return [{ ref: `${letter}${first}:${letter}${last}`, id: nextId() }];
  });
  const rules = bars.map(
    (b) =>
      `<conditionalFormatting sqref="${b.ref}"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="num" val="${DATA_BAR.min}"/><cfvo type="max"/><color rgb="${DATA_BAR.color}"/></dataBar>` +
      `<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="${NS_X14}"><x14:id>${b.id}</x14:id></ext></extLst></cfRule></conditionalFormatting>`,
  );
  const ext = bars.map(
    (b) =>
      `<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="${b.id}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="num"><xm:f>${DATA_BAR.min}</xm:f></x14:cfvo><x14:cfvo type="max"/></x14:dataBar></x14:cfRule><xm:sqref>${b.ref}</xm:sqref></x14:conditionalFormatting>`,
  );
  return {
    rules: rules.join(''),
    ext: ext.length
      ? `<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="${NS_X14}"><x14:conditionalFormattings>${ext.join('')}</x14:conditionalFormattings></ext></extLst>`
      : '',
  };
}

/** The page setup of a sheet as both writers give it (charts decide how it prints: sheet-xml-look.ts). */
export function sheetPageSetup(sheet: DirectSheet, look = new TableLook(sheet.table.columns)) {
  return look.pageSetup(sheet as OutSheet);
}

/** Page margins, setup and footer, as ExcelJS writes them. */
function printXml(setup: ReturnType<typeof sheetPageSetup>): string {
  const { margins: m, pageSetup: p, headerFooter: h } = setup;
  const attr = (name: string, v: string | number | undefined) => (v === undefined ? '' : ` ${name}="${v}"`);
  const footer = (tag: string, v: string | undefined) => (v ? `<${tag}>${xmlText(v)}</${tag}>` : '');
  const hf =
    footer('oddHeader', h.oddHeader) +
    footer('oddFooter', h.oddFooter) +
    footer('evenHeader', h.evenHeader) +
    footer('evenFooter', h.evenFooter);
  return (
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup${attr('paperSize', p.paperSize)} orientation="${p.orientation}" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="${p.fitToWidth}" fitToHeight="${p.fitToHeight}"/>` +
    (hf ? `<headerFooter>${hf}</headerFooter>` : '')
  );
}

/** The body of a table: its rows in memory given one at a time, with their tones and links. */
function* outTableRows(table: OutTable): Generator<TableRow> {
  const links = table.links ?? [];
  for (let i = 0; i < table.rows.length; i++) {
    let row: (string | null)[] | null = null;
    if (links.length > 0) {
      row = table.columns.map(() => null);
      for (const l of links) row[l.column] = l.targets[i] ?? null;
    }
    yield { values: table.rows[i], tone: table.tones?.[i], links: row };
  }
}

function linkCount(table: OutTable): number {
  let n = 0;
  for (const l of table.links ?? [])
    l.targets.forEach((t, i) => {
      const v = table.rows[i]?.[l.column];
      if (t && typeof v === 'string' && v !== '') n++;
    });
  return n;
}

export interface SheetContext {
  styles: StyleRegistry;
  /** The next data bar id of the workbook ({00000000-0000-4000-8000-…N}). */
  nextDataBarId: () => string;
  /** Filled when the sheet is written. */
  written?: WrittenSheet;
}

/** The worksheet's XML, in pieces; `ctx.written` says what its relationships need once the last piece is out. */
export async function* worksheetXml(sheet: DirectSheet, ctx: SheetContext): AsyncGenerator<string> {
  const { table } = sheet;
  const streamed = isStreamTable(table);
  const count = streamed ? table.count : table.rows.length;
  const hr = tableHeaderRow(sheet as OutSheet);
  const rows = new BodyRows(table.columns, ctx.styles);
  const { look } = rows;
  const ids = rows.columnStyles;
  const lastBody = hr + Math.max(1, count);
  const totals = look.totals(table.totals, lastBody + 1);
  const lastRow = totals ? lastBody + 1 : lastBody;
  const width = Math.max(table.columns.length, ...sheet.preamble.map((l) => l.length), 1);
  yield (
    HEAD +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${columnLetter(width)}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${hr}" topLeftCell="A${hr + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0"/>' +
    colsXml(look, ids) +
    '<sheetData>' +
    [...look.preamble(sheet as OutSheet), look.header(sheet as OutSheet)]
      .map((r) => lookRowXml(r, ctx.styles, ids))
      .join('')
  );
  const links = streamed ? table.links : linkCount(table);
  const at: Placement = { next: hr + 1, linkCells: links <= LINK_LIMIT, hyperlinks: [] };
  let batch = '';
  for await (const piece of streamed ? table.body() : outTableRows(table)) {
    batch += 'xml' in piece ? placeRows(piece, at) : rows.placed(piece, at);
    if (batch.length >= 1 << 16) {
      yield batch;
      batch = '';
    }
  }
  if (at.next !== hr + 1 + count)
    throw new Error(`sheet-xml: ${sheet.name} gave ${at.next - hr - 1} rows, not ${count}`);
  if (totals) batch += lookRowXml(totals, ctx.styles, ids);
  yield batch + '</sheetData>' + sheetTail(sheet, ctx, { hr, count, hyperlinks: at.hyperlinks, look });
}

function sheetTail(
  sheet: DirectSheet,
  ctx: SheetContext,
  o: { hr: number; count: number; hyperlinks: [string, string][]; look: TableLook },
): string {
  const bars = dataBars(sheet.table.columns, o.hr + 1, o.count > 0 ? o.hr + o.count : o.hr, ctx.nextDataBarId);
  const links = o.hyperlinks.map(([ref], i) => `<hyperlink ref="${ref}" r:id="rId${i + 1}"/>`).join('');
  const tableRel = `rId${o.hyperlinks.length + 1}`;
  const charts: OutChart[] | undefined = sheet.charts;
  const drawingRel = charts?.length ? `rId${o.hyperlinks.length + 2}` : null;
  ctx.written = { hyperlinks: o.hyperlinks, tableRel, drawingRel };
  return (
    bars.rules +
    (links ? `<hyperlinks>${links}</hyperlinks>` : '') +
    printXml(sheetPageSetup(sheet, o.look)) +
    (drawingRel ? `<drawing r:id="${drawingRel}"/>` : '') +
    `<tableParts count="1"><tablePart r:id="${tableRel}"/></tableParts>` +
    bars.ext +
    '</worksheet>'
  );
}

/** The sheet's table part: its range, filter buttons, columns (and total row) and style, as ExcelJS writes them. */
export function tableXml(sheet: DirectSheet, id: number): string {
  const { table } = sheet;
  const count = isStreamTable(table) ? table.count : table.rows.length;
  const hr = tableHeaderRow(sheet as OutSheet);
  const last = columnLetter(table.columns.length);
  const body = hr + Math.max(1, count);
  const ref = `A${hr}:${last}${table.totals ? body + 1 : body}`;
  const filters = table.columns.map((_c, j) => `<filterColumn colId="${j}" hiddenButton="0"/>`).join('');
  const columns = table.columns.map((c, j) =>
    j === 0
      ? `<tableColumn id="1" name="${xmlText(c.header)}" totalsRowLabel="${xmlText(table.totals ? String(table.totals[0] ?? '') : 'Total')}"/>`
      : `<tableColumn id="${j + 1}" name="${xmlText(c.header)}" totalsRowFunction="none"/>`,
  );
  const name = xmlText(table.name);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${NS_MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr xr3" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" ` +
    `id="${id}" name="${name}" displayName="${name}" ref="${ref}" ${table.totals ? 'totalsRowCount="1"' : 'totalsRowShown="1"'} headerRowCount="1">` +
    `<autoFilter ref="A${hr}:${last}${body}">${filters}</autoFilter>` +
    `<tableColumns count="${table.columns.length}">${columns.join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
  );
}

/** A hidden sheet of plain values (no styles, no table). */
export function hiddenSheetXml(rows: (string | number | null)[][]): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  let xml = '';
  rows.forEach((r, i) => {
    const n = i + 1;
    const cells = r.map((v, j) => (v === null ? '' : cellXml(`${columnLetter(j + 1)}${n}`, 0, v))).join('');
    if (cells) xml += `<row r="${n}">${cells}</row>`;
  });
  return (
    HEAD +
    `<dimension ref="A1:${columnLetter(width)}${Math.max(1, rows.length)}"/>` +
    '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0"/>' +
    `<sheetData>${xml}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100" fitToWidth="1" fitToHeight="1"/>' +
    '</worksheet>'
  );
}
