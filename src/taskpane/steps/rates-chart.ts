/**
 * The picture of `Tổng hợp` drawn in the pane: per group, a bar split into on time / late / missing /
 * rejected (shares of the agencies required), and the two rates (submitted ÷ required, on time ÷ required) as two
 * thin bars with their figures. SVG built with createElementNS; every text goes in through textContent, never
 * markup. Readable at 320 px: one group per block of lines, the name on its own line.
 *
 * Labels come from `text` (strings.ts, `chart`).
 */

const SVG = 'http://www.w3.org/2000/svg';

import type { GroupCounts, GroupResult } from '../../core/consolidate/types';
import type { Strings } from '../strings';

/** The labels (strings.ts, `chart`). */
export type RatesChartText = Strings['chart'];

/** One group as the consolidation gives it (rates in percent, one decimal). */
export type ChartGroup = Pick<GroupResult, 'name' | keyof GroupCounts>;

type Status = 'onTime' | 'late' | 'missing' | 'rejected';
const STATUSES: Status[] = ['onTime', 'late', 'missing', 'rejected'];
/** Status colours (the summary's tones, darker so that a thin bar shows); the rates in two blues. */
const FILL: Record<Status | 'rate' | 'onTimeRate' | 'track', string> = {
  onTime: '#4e9a57',
  late: '#e08a2e',
  missing: '#c8453c',
  rejected: '#8c8c8c',
  rate: '#2f6db3',
  onTimeRate: '#79a7dc',
  track: '#eeeeee',
};

const FONT = 12;
const SMALL = 11;
const PAD = 4;

type Attrs = Record<string, string | number>;

function el<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Attrs,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Pixels to one decimal (a short, stable SVG). */
const px = (v: number): number => Math.round(v * 10) / 10;

/** A rectangle with a tooltip (`<title>`). */
function bar(doc: Document, x: number, y: number, w: number, h: number, fill: string, tip: string): SVGRectElement {
  const r = el(doc, 'rect', { x: px(x), y, width: px(Math.max(0, w)), height: h, fill });
  r.appendChild(el(doc, 'title', {}, tip));
  return r;
}

/** The legend: four statuses on two lines of two, then the two rates. Returns its height. */
function legend(doc: Document, g: SVGGElement, width: number, text: RatesChartText): number {
  const items: [keyof typeof FILL, string][] = [
    ...STATUSES.map((s): [Status, string] => [s, text[s]]),
    ['rate', text.rate],
    ['onTimeRate', text.onTimeRate],
  ];
  const colW = Math.floor(width / 2);
  items.forEach(([key, label], i) => {
    const x = (i % 2) * colW;
    const y = Math.floor(i / 2) * (FONT + 6);
    const square = key === 'rate' || key === 'onTimeRate' ? { height: 4, y: y + 5 } : { height: 10, y: y + 2 };
    g.appendChild(el(doc, 'rect', { x, y: square.y, width: 12, height: square.height, fill: FILL[key] }));
    g.appendChild(el(doc, 'text', { x: x + 16, y: y + FONT - 1, 'font-size': SMALL }, label));
  });
  return Math.ceil(items.length / 2) * (FONT + 6);
}

/** A text cut (with "…") to about `px` pixels of bold text at FONT (a detached SVG cannot be measured). */
export function fit(text: string, px: number): string {
  const max = Math.max(4, Math.floor(px / (FONT * 0.62)));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** One group: its name and size, the split bar, the two rate bars with their figures. Returns its height. */
function groupBlock(doc: Document, g: SVGGElement, grp: ChartGroup, width: number, text: RatesChartText): number {
  const figures = `${text.percent(grp.completeness)} · ${text.percent(grp.onTimeRate)}`;
  const figuresW = 100;
  let y = FONT;
  const name = el(doc, 'text', { x: 0, y, 'font-size': FONT, 'font-weight': 'bold' }, fit(grp.name, width - 64));
  name.appendChild(el(doc, 'title', {}, `${grp.name}: ${text.required(grp.required)}`));
  g.appendChild(name);
  g.appendChild(
    el(doc, 'text', { x: width, y, 'font-size': SMALL, 'text-anchor': 'end' }, text.required(grp.required)),
  );
  y += 4;
  const barW = width - figuresW - PAD;
  let x = 0;
  g.appendChild(bar(doc, 0, y, barW, 12, FILL.track, text.required(grp.required)));
  for (const s of STATUSES) {
    const w = grp.required === 0 ? 0 : (grp[s] / grp.required) * barW;
    if (grp[s] > 0) g.appendChild(bar(doc, x, y, w, 12, FILL[s], `${text[s]}: ${grp[s]}`));
    x += w;
  }
  g.appendChild(el(doc, 'text', { x: width, y: y + 10, 'font-size': SMALL, 'text-anchor': 'end' }, figures));
  y += 15;
  for (const [key, value] of [
    ['rate', grp.completeness],
    ['onTimeRate', grp.onTimeRate],
  ] as const) {
    g.appendChild(bar(doc, 0, y, barW, 4, FILL.track, ''));
    g.appendChild(
      bar(
        doc,
        0,
        y,
        (Math.min(100, Math.max(0, value)) / 100) * barW,
        4,
        FILL[key],
        `${text[key]}: ${text.percent(value)}`,
      ),
    );
    y += 6;
  }
  return y + 8;
}

/**
 * The chart as an <svg> element of `width` CSS pixels (320 by default), its height from the number of groups.
 * `doc` is the page's document (a parameter, so that tests can pass another DOM).
 */
export function ratesChart(
  doc: Document,
  groups: readonly ChartGroup[],
  text: RatesChartText,
  width = 320,
): SVGSVGElement {
  const svg = el(doc, 'svg', { width, role: 'img', 'font-family': 'Segoe UI, system-ui, sans-serif' });
  svg.appendChild(el(doc, 'title', {}, text.title));
  const inner = width - 2 * PAD;
  const heading = el(doc, 'g', { transform: `translate(${PAD},${PAD})` });
  heading.appendChild(el(doc, 'text', { x: 0, y: FONT + 2, 'font-size': FONT + 2, 'font-weight': 'bold' }, text.title));
  svg.appendChild(heading);
  let y = PAD + FONT + 10;
  const leg = el(doc, 'g', { transform: `translate(${PAD},${y})`, class: 'legend' });
  y += legend(doc, leg, inner, text) + 6;
  svg.appendChild(leg);
  for (const grp of groups) {
    const block = el(doc, 'g', { transform: `translate(${PAD},${y})`, class: 'group' });
    y += groupBlock(doc, block, grp, inner, text);
    svg.appendChild(block);
  }
  svg.setAttribute('height', String(y));
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  return svg;
}
