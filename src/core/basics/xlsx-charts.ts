/**
 * Native Excel bar charts added to a workbook written by ExcelJS, which has no chart support (exceljs#141, open
 * since 2016) — no maintained npm library writes chart parts into an existing workbook either. The parts are small
 * and fixed: one DrawingML chart per OutChart, bound to the sheet's cells (so Excel redraws it when they change)
 * with the values cached, one drawing per sheet, and their relationships. LibreOffice reads them back
 * (test/summary/charts.test.ts).
 */
import JSZip from 'jszip';
import { columnLetter } from './grid';
import { type OutChart, type OutSheet, tableHeaderRow } from './sheets';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Bound {
  sheet: OutSheet;
  chart: OutChart;
  /** `'Tổng hợp'!$A$8:$A$20` etc. */
  ref: (col: number, header?: boolean) => string;
  /** The cells of column `col` over `count` body rows from row `first` (0-based). */
  range: (col: number, first: number, count: number) => string;
}

function bind(sheet: OutSheet, chart: OutChart): Bound {
  const first = tableHeaderRow(sheet) + 1;
  const last = first + Math.max(1, sheet.table.rows.length) - 1;
  const name = `'${sheet.name.replace(/'/g, "''")}'`;
  const ref = (col: number, header = false) => {
    const l = columnLetter(col + 1);
    return header ? `${name}!$${l}$${first - 1}` : `${name}!$${l}$${first}:$${l}$${last}`;
  };
  const range = (col: number, from: number, count: number) => {
    const l = columnLetter(col + 1);
    return `${name}!$${l}$${first + from}:$${l}$${first + from + count - 1}`;
  };
  return { sheet, chart, ref, range };
}

function seriesXml(b: Bound, col: number, i: number): string {
  const { rows, columns } = b.sheet.table;
  const cats = rows.map((r, j) => `<c:pt idx="${j}"><c:v>${esc(String(r[0] ?? ''))}</c:v></c:pt>`).join('');
  const vals = rows
    .map((r, j) => (typeof r[col] === 'number' ? `<c:pt idx="${j}"><c:v>${r[col]}</c:v></c:pt>` : ''))
    .join('');
  const colour = b.chart.colours?.[i];
  const fill = colour ? `<c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></c:spPr>` : '';
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
    `<c:tx><c:strRef><c:f>${esc(b.ref(col, true))}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(columns[col].header)}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `${fill}<c:invertIfNegative val="0"/>` +
    `<c:cat><c:strRef><c:f>${esc(b.ref(0))}</c:f><c:strCache><c:ptCount val="${rows.length}"/>${cats}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(b.ref(col))}</c:f><c:numCache><c:formatCode>${b.chart.percent ? '0%' : 'General'}</c:formatCode><c:ptCount val="${rows.length}"/>${vals}</c:numCache></c:numRef></c:val>` +
    `</c:ser>`
  );
}

/** One line of a line chart: the values of column `col` over the rows of one group, categories from `cat`. */
function lineSeriesXml(b: Bound, s: { name: string; first: number; count: number }, i: number): string {
  const { rows } = b.sheet.table;
  const col = b.chart.series[0];
  const cat = b.chart.category ?? 0;
  const part = rows.slice(s.first, s.first + s.count);
  const pts = (f: (r: (typeof rows)[number]) => string | null) =>
    part.map((r, j) => (f(r) === null ? '' : `<c:pt idx="${j}"><c:v>${esc(f(r)!)}</c:v></c:pt>`)).join('');
  const colour = b.chart.colours?.[i % b.chart.colours.length];
  const line = colour
    ? `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill></a:ln></c:spPr>`
    : '';
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${line}` +
    `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>` +
    `<c:cat><c:strRef><c:f>${esc(b.range(cat, s.first, s.count))}</c:f><c:strCache><c:ptCount val="${s.count}"/>${pts((r) => String(r[cat] ?? ''))}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(b.range(col, s.first, s.count))}</c:f><c:numCache><c:formatCode>${b.chart.percent ? '0%' : 'General'}</c:formatCode><c:ptCount val="${s.count}"/>${pts((r) => (typeof r[col] === 'number' ? String(r[col]) : null))}</c:numCache></c:numRef></c:val>` +
    `<c:smooth val="0"/></c:ser>`
  );
}

/** A line chart: one line per group of rows, the categories along the bottom, the values up the left. */
function lineChartXml(b: Bound): string {
  const { chart } = b;
  return (
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
    (chart.rowSeries ?? []).map((s, i) => lineSeriesXml(b, s, i)).join('') +
    `<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>` +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="1002"/>` +
    `<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>${chart.percent ? '<c:max val="1"/><c:min val="0"/>' : ''}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${chart.percent ? '0%' : 'General'}" sourceLinked="0"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** A horizontal bar chart (stacked or side by side), categories from the table's first column; or a line chart. */
export function chartXml(sheet: OutSheet, chart: OutChart): string {
  const b = bind(sheet, chart);
  const stacked = chart.kind === 'stacked';
  const axes =
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="1002"/>` +
    `<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>${chart.percent ? '<c:max val="1"/><c:min val="0"/>' : ''}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="${chart.percent ? '0%' : 'General'}" sourceLinked="0"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    (chart.kind === 'line'
      ? lineChartXml(b)
      : `<c:barChart><c:barDir val="bar"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>` +
        chart.series.map((col, i) => seriesXml(b, col, i)).join('') +
        `<c:gapWidth val="60"/>${stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
        axes) +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing of a sheet: each chart anchored below the table, side by side over the given columns. */
export function drawingXml(sheet: OutSheet, firstRel: number): string {
  const top = tableHeaderRow(sheet) + Math.max(1, sheet.table.rows.length) + (sheet.table.totals ? 1 : 0) + 1;
  const anchors = (sheet.charts ?? []).map((ch, i) => {
    const [from, to] = ch.columns;
    return (
      `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${top}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${to}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${top + ch.rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(ch.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}">` +
      `<c:chart xmlns:c="${NS_C}" r:id="rId${firstRel + i}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`
  );
}

const rels = (items: { id: string; type: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  items.map((r) => `<Relationship Id="${r.id}" Type="${REL}/${r.type}" Target="${r.target}"/>`).join('') +
  `</Relationships>`;

/** Adds the charts of `sheets` (in the workbook's sheet order: sheetN.xml is the Nth) to the written bytes. */
export async function addCharts(bytes: Uint8Array, sheets: OutSheet[]): Promise<Uint8Array> {
  if (!sheets.some((s) => s.charts?.length)) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  let chartNo = 0;
  for (const [i, sheet] of sheets.entries()) {
    if (!sheet.charts?.length) continue;
    const n = i + 1;
    const sheetPath = `xl/worksheets/sheet${n}.xml`;
    const relsPath = `xl/worksheets/_rels/sheet${n}.xml.rels`;
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : null;
    const ids = [...(existing ?? '').matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
    const drawingRel = `rId${Math.max(0, ...ids) + 1}`;
    const link = `<Relationship Id="${drawingRel}" Type="${REL}/drawing" Target="../drawings/drawing${n}.xml"/>`;
    zip.file(
      relsPath,
      existing
        ? existing.replace('</Relationships>', `${link}</Relationships>`)
        : rels([]).replace('</Relationships>', `${link}</Relationships>`),
    );
    const xml = await zip.file(sheetPath)!.async('string');
    const tag = `<drawing r:id="${drawingRel}"/>`;
    const at = ['<legacyDrawing', '<tableParts', '<extLst', '</worksheet>']
      .map((t) => xml.indexOf(t))
      .find((p) => p >= 0)!;
    zip.file(sheetPath, xml.slice(0, at) + tag + xml.slice(at));
    zip.file(`xl/drawings/drawing${n}.xml`, drawingXml(sheet, 1));
    const chartRels = sheet.charts.map((ch, j) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(sheet, ch));
      types = types.replace(
        '</Types>',
        `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/></Types>`,
      );
      return { id: `rId${j + 1}`, type: 'chart', target: `../charts/chart${chartNo}.xml` };
    });
    zip.file(`xl/drawings/_rels/drawing${n}.xml.rels`, rels(chartRels));
    types = types.replace(
      '</Types>',
      `<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="${CT_DRAWING}"/></Types>`,
    );
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
