/**
 * A workbook written directly as XML (the summary of thousands of files): every part named and made in the order
 * a zip writer takes them, each sheet given piece by piece (sheet-xml.ts), the styles last, once every sheet has
 * asked for its own. The parts around the sheets are those the ExcelJS writer makes (workbook, relationships,
 * content types, document properties, theme, tables, charts), strings written in the cells rather than in a
 * shared-strings part, so that nothing has to be held until the end.
 */
import theme from 'exceljs/lib/xlsx/xml/theme1';
import type { IsoDate } from './dates';
import type { HiddenSheet, OutSheet } from './sheets';
import {
  type DirectSheet,
  type SheetContext,
  hiddenSheetXml,
  sheetPageSetup,
  tableXml,
  worksheetXml,
} from './sheet-xml';
import type { StyleRegistry } from './sheet-xml-styles';
import { chartXml, drawingXml } from './xlsx-charts';
import { xmlText } from './xml';

export interface DirectBook {
  sheets: DirectSheet[];
  hidden: HiddenSheet[];
  title?: string;
  /** The document's dates (created, modified): the as-of day, never the clock. */
  day: IsoDate;
  /** Every cell style: shared with whatever made rows before (sheet-xml-rows.ts). */
  styles: StyleRegistry;
}

/** One part of the package: its name in the zip and its text, made when the writer asks for it. */
export interface XmlPart {
  name: string;
  chunks(): AsyncIterable<string> | Iterable<string>;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

const relsXml = (items: { id: string; type: string; target: string; external?: boolean }[]) =>
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  items
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlText(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('') +
  '</Relationships>';

function contentTypes(book: DirectBook, sheetCount: number, chartCount: number): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const items = [
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    o('/xl/workbook.xml', `${CT}.spreadsheetml.sheet.main+xml`),
    ...Array.from({ length: sheetCount }, (_x, i) =>
      o(`/xl/worksheets/sheet${i + 1}.xml`, `${CT}.spreadsheetml.worksheet+xml`),
    ),
    o('/xl/theme/theme1.xml', `${CT}.theme+xml`),
    o('/xl/styles.xml', `${CT}.spreadsheetml.styles+xml`),
    ...book.sheets.map((_s, i) => o(`/xl/tables/table${i + 1}.xml`, `${CT}.spreadsheetml.table+xml`)),
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'),
    o('/docProps/app.xml', `${CT}.extended-properties+xml`),
    ...Array.from({ length: chartCount }, (_x, i) => o(`/xl/charts/chart${i + 1}.xml`, `${CT}.drawingml.chart+xml`)),
    ...book.sheets.flatMap((s, i) =>
      s.charts?.length ? [o(`/xl/drawings/drawing${i + 1}.xml`, `${CT}.drawing+xml`)] : [],
    ),
  ];
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${items.join('')}</Types>`;
}

function appXml(names: string[]): string {
  const titles = names.map((n) => `<vt:lpstr>${xmlText(n)}</vt:lpstr>`).join('');
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts>` +
    '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>'
  );
}

function coreXml(book: DirectBook): string {
  const stamp = `${book.day}T00:00:00Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>tonghop</dc:creator>${book.title ? `<dc:title>${xmlText(book.title)}</dc:title>` : ''}<dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category><cp:lastModifiedBy>Unknown</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`
  );
}

/** workbook.xml: the sheets (relationships from rId4, after styles, theme and ExcelJS's shared strings) and print names. */
function workbookXml(book: DirectBook): string {
  const all = [
    ...book.sheets.map((s) => ({ name: s.name, state: 'visible' })),
    ...book.hidden.map((h) => ({ name: h.name, state: 'hidden' })),
  ];
  const sheets = all.map(
    (s, i) => `<sheet sheetId="${i + 1}" name="${xmlText(s.name)}" state="${s.state}" r:id="rId${i + 4}"/>`,
  );
  const names = book.sheets.flatMap((s, i) => {
    const { printTitlesRow, printArea } = sheetPageSetup(s).pageSetup;
    const quoted = `'${s.name}'`;
    const out: string[] = [];
    if (printArea) {
      const [a, b] = printArea.split(':');
      out.push(
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${xmlText(`${quoted}!$${a}:$${b}`)}</definedName>`,
      );
    }
    if (printTitlesRow) {
      const [a, b] = printTitlesRow.split(':');
      out.push(
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoted}!$${a}:$${b}`)}</definedName>`,
      );
    }
    return out;
  });
  return (
    `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
    '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
    `<sheets>${sheets.join('')}</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`
  );
}

function workbookRels(count: number): string {
  return relsXml([
    { id: 'rId1', type: `${REL}/styles`, target: 'styles.xml' },
    { id: 'rId2', type: `${REL}/theme`, target: 'theme/theme1.xml' },
    ...Array.from({ length: count }, (_x, i) => ({
      id: `rId${i + 4}`,
      type: `${REL}/worksheet`,
      target: `worksheets/sheet${i + 1}.xml`,
    })),
  ]);
}

const once = (text: () => string) => () => [text()];

/** The parts of the workbook, in the order they are to be written. */
export function workbookParts(book: DirectBook): XmlPart[] {
  let dataBar = 0;
  const nextDataBarId = () => `{00000000-0000-4000-8000-${(++dataBar).toString(16).toUpperCase().padStart(12, '0')}}`;
  const names = [...book.sheets.map((s) => s.name), ...book.hidden.map((h) => h.name)];
  const chartCount = book.sheets.reduce((n, s) => n + (s.charts?.length ?? 0), 0);
  const parts: XmlPart[] = [
    { name: '[Content_Types].xml', chunks: once(() => contentTypes(book, names.length, chartCount)) },
    {
      name: '_rels/.rels',
      chunks: once(() =>
        relsXml([
          { id: 'rId1', type: `${REL}/officeDocument`, target: 'xl/workbook.xml' },
          {
            id: 'rId2',
            type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
            target: 'docProps/core.xml',
          },
          { id: 'rId3', type: `${REL}/extended-properties`, target: 'docProps/app.xml' },
        ]),
      ),
    },
    { name: 'xl/_rels/workbook.xml.rels', chunks: once(() => workbookRels(names.length)) },
  ];
  book.sheets.forEach((sheet, i) => {
    const ctx: SheetContext = { styles: book.styles, nextDataBarId };
    parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: () => worksheetXml(sheet, ctx) });
    parts.push({ name: `xl/worksheets/_rels/sheet${i + 1}.xml.rels`, chunks: once(() => sheetRels(ctx, i)) });
  });
  book.hidden.forEach((h, k) =>
    parts.push({
      name: `xl/worksheets/sheet${book.sheets.length + k + 1}.xml`,
      chunks: once(() => hiddenSheetXml(h.rows)),
    }),
  );
  book.sheets.forEach((sheet, i) =>
    parts.push({ name: `xl/tables/table${i + 1}.xml`, chunks: once(() => tableXml(sheet, i + 1)) }),
  );
  parts.push({ name: 'xl/theme/theme1.xml', chunks: once(() => theme) });
  parts.push({ name: 'xl/styles.xml', chunks: once(() => book.styles.xml()) });
  parts.push({ name: 'docProps/app.xml', chunks: once(() => appXml(names)) });
  parts.push({ name: 'docProps/core.xml', chunks: once(() => coreXml(book)) });
  parts.push({ name: 'xl/workbook.xml', chunks: once(() => workbookXml(book)) });
  parts.push(...chartParts(book.sheets));
  return parts;
}

function sheetRels(ctx: SheetContext, index: number): string {
  const w = ctx.written!;
  return relsXml([
    ...w.hyperlinks.map(([, target], i) => ({ id: `rId${i + 1}`, type: `${REL}/hyperlink`, target, external: true })),
    { id: w.tableRel, type: `${REL}/table`, target: `../tables/table${index + 1}.xml` },
    ...(w.drawingRel
      ? [{ id: w.drawingRel, type: `${REL}/drawing`, target: `../drawings/drawing${index + 1}.xml` }]
      : []),
  ]);
}

/** The drawings and charts of the sheets that have charts (xlsx-charts.ts), numbered as the ExcelJS writer's. */
function chartParts(sheets: DirectSheet[]): XmlPart[] {
  const parts: XmlPart[] = [];
  let chartNo = 0;
  sheets.forEach((sheet, i) => {
    if (!sheet.charts?.length) return;
    const out = sheet as OutSheet;
    parts.push({ name: `xl/drawings/drawing${i + 1}.xml`, chunks: once(() => drawingXml(out, 1)) });
    const rels = sheet.charts.map((ch, j) => {
      chartNo++;
      const n = chartNo;
      parts.push({ name: `xl/charts/chart${n}.xml`, chunks: once(() => chartXml(out, ch)) });
      return { id: `rId${j + 1}`, type: `${REL}/chart`, target: `../charts/chart${n}.xml` };
    });
    parts.push({ name: `xl/drawings/_rels/drawing${i + 1}.xml.rels`, chunks: once(() => relsXml(rels)) });
  });
  return parts;
}
