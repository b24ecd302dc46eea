/**
 * The styles of a workbook written directly as XML (sheet-xml.ts): each distinct cell style (number format, font,
 * fill, alignment, in ExcelJS's style shape, so that both writers take their styles from the same constants) gets
 * one id, given in the order styles are first asked for; `stylesXml` writes the part once every sheet is written.
 * A style property this writer does not know throws: a new look in the ExcelJS writer cannot be dropped silently.
 */
import type ExcelJS from 'exceljs';
import { xmlText as xmlAttr } from './xml';

export type CellStyle = Partial<Pick<ExcelJS.Style, 'numFmt' | 'font' | 'fill' | 'alignment'>>;

/** Excel's built-in number formats (ECMA-376 §18.8.30) that a style may name without declaring them. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  'mm-dd-yy': 14,
  'd-mmm-yy': 15,
  'd-mmm': 16,
  'mmm-yy': 17,
  'h:mm AM/PM': 18,
  'h:mm:ss AM/PM': 19,
  'h:mm': 20,
  'h:mm:ss': 21,
  'm/d/yy "h":mm': 22,
  '#,##0 ;(#,##0)': 37,
  '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39,
  '#,##0.00 ;[Red](#,##0.00)': 40,
  'mm:ss': 45,
  '[h]:mm:ss': 46,
  'mmss.0': 47,
  '##0.0E+0': 48,
  '@': 49,
};

/** The font every cell has unless told otherwise (ExcelJS's and Excel's default). */
const DEFAULT_FONT =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

const FONT_KEYS = new Set([
  'name',
  'size',
  'family',
  'bold',
  'italic',
  'underline',
  'strike',
  'color',
  'scheme',
  'vertAlign',
  'charset',
  'outline',
]);
const ALIGNMENT_KEYS = new Set([
  'horizontal',
  'vertical',
  'wrapText',
  'shrinkToFit',
  'indent',
  'textRotation',
  'readingOrder',
]);

function unknown(kind: string, keys: string[], known: Set<string>): void {
  const extra = keys.filter((k) => !known.has(k));
  if (extra.length > 0) throw new Error(`sheet-xml-styles: ${kind} ${extra.join(', ')} is not written by this writer`);
}

function colorXml(tag: string, c: Partial<ExcelJS.Color> | undefined): string {
  if (!c) return '';
  if (c.argb) return `<${tag} rgb="${xmlAttr(c.argb)}"/>`;
  if (c.theme !== undefined) return `<${tag} theme="${c.theme}"/>`;
  throw new Error(`sheet-xml-styles: a colour without argb or theme`);
}

/** A font as ExcelJS writes it (the same elements, in the same order). */
export function fontXml(f: Partial<ExcelJS.Font>): string {
  unknown('font', Object.keys(f), FONT_KEYS);
  const flag = (tag: string, on: boolean | undefined) => (on ? `<${tag}/>` : '');
  const val = (tag: string, v: string | number | undefined) =>
    v === undefined ? '' : `<${tag} val="${xmlAttr(String(v))}"/>`;
  const u = f.underline;
  const underline = u === true || u === 'single' ? '<u/>' : u ? `<u val="${xmlAttr(String(u))}"/>` : '';
  return (
    `<font>${flag('b', f.bold)}${flag('i', f.italic)}${underline}${val('charset', f.charset)}` +
    `${colorXml('color', f.color)}${val('family', f.family)}${flag('outline', f.outline)}${val('vertAlign', f.vertAlign)}` +
    `${val('scheme', f.scheme)}${flag('strike', f.strike)}${val('sz', f.size)}${val('name', f.name)}</font>`
  );
}

function fillXml(fill: ExcelJS.Fill): string {
  if (fill.type !== 'pattern') throw new Error(`sheet-xml-styles: a ${fill.type} fill is not written by this writer`);
  const colours = colorXml('fgColor', fill.fgColor) + colorXml('bgColor', fill.bgColor);
  return colours
    ? `<fill><patternFill patternType="${fill.pattern}">${colours}</patternFill></fill>`
    : `<fill><patternFill patternType="${fill.pattern}"/></fill>`;
}

function alignmentXml(a: Partial<ExcelJS.Alignment>): string {
  unknown('alignment', Object.keys(a), ALIGNMENT_KEYS);
  const attrs: string[] = [];
  const add = (name: string, v: string | number | undefined | false) => {
    if (v !== undefined && v !== false && v !== '' && v !== 0) attrs.push(`${name}="${xmlAttr(String(v))}"`);
  };
  add('horizontal', a.horizontal);
  add('vertical', a.vertical === 'middle' ? 'center' : a.vertical);
  add('wrapText', a.wrapText ? '1' : false);
  add('shrinkToFit', a.shrinkToFit ? '1' : false);
  add('indent', a.indent);
  if (a.textRotation !== undefined) throw new Error('sheet-xml-styles: a text rotation is not written by this writer');
  if (a.readingOrder !== undefined) add('readingOrder', a.readingOrder === 'rtl' ? 2 : 1);
  return attrs.length > 0 ? `<alignment ${attrs.join(' ')}/>` : '';
}

/** A list of distinct XML snippets, each with its index. */
class Table {
  readonly items: string[] = [];
  private readonly ids = new Map<string, number>();
  constructor(first: string[] = []) {
    for (const x of first) this.id(x);
  }
  id(xml: string): number {
    let id = this.ids.get(xml);
    if (id === undefined) {
      id = this.items.length;
      this.items.push(xml);
      this.ids.set(xml, id);
    }
    return id;
  }
}

/** Every cell style of a workbook, each with its id (`s`); id 0 is the default style. */
export class StyleRegistry {
  private readonly fonts = new Table([DEFAULT_FONT]);
  private readonly fills = new Table([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ]);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Table(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  /** The style objects already seen (most cells share theirs): id by object, no XML built again. */
  private readonly seen = new WeakMap<object, number>();

  /** The id of a style (0: the default). */
  id(style: CellStyle | undefined): number {
    if (!style) return 0;
    const known = this.seen.get(style);
    if (known !== undefined) return known;
    const id = this.xfs.id(this.xf(style));
    this.seen.set(style, id);
    return id;
  }

  private formatId(format: string): number {
    const builtIn = BUILT_IN_FORMATS[format];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(format);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(format, id);
    }
    return id;
  }

  private xf(style: CellStyle): string {
    unknown(
      'style',
      Object.keys(style).filter((k) => (style as Record<string, unknown>)[k] !== undefined),
      new Set(['numFmt', 'font', 'fill', 'alignment']),
    );
    const numFmt = style.numFmt ? this.formatId(style.numFmt) : 0;
    const font = style.font ? this.fonts.id(fontXml(style.font)) : 0;
    const fill = style.fill ? this.fills.id(fillXml(style.fill)) : 0;
    const alignment = style.alignment ? alignmentXml(style.alignment) : '';
    const applied =
      (numFmt ? ' applyNumberFormat="1"' : '') +
      (font ? ' applyFont="1"' : '') +
      (fill ? ' applyFill="1"' : '') +
      (alignment ? ' applyAlignment="1"' : '');
    const head = `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${applied}`;
    return alignment ? `${head}>${alignment}</xf>` : `${head}/>`;
  }

  /** The styles part (xl/styles.xml), with every style asked for so far. */
  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`);
    const list = (tag: string, items: string[], extra = '') =>
      `<${tag} count="${items.length}"${extra}>${items.join('')}</${tag}>`;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (formats.length > 0 ? list('numFmts', formats) : '') +
      list('fonts', this.fonts.items) +
      list('fills', this.fills.items) +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs.items) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
