/**
 * The pane's picture of `Tổng hợp` (src/taskpane/steps/rates-chart.ts), built in a minimal DOM that has only
 * createElementNS, setAttribute, appendChild and textContent (no innerHTML, no parser: markup cannot get in): the
 * split bar of each group in proportion to its agencies, the two rate bars, the figures, labels from the parameter,
 * and a group name that looks like markup staying text. (A look at 320 px in Chromium:
 * node test/report/preview-rates-chart.js.)
 */
import { type ChartGroup, ratesChart } from '../../src/taskpane/steps/rates-chart';
import { STRINGS } from '../../src/taskpane/strings';

const RATES_CHART_TEXT = STRINGS.vi.chart;

class FakeElement {
  readonly attrs = new Map<string, string>();
  readonly children: FakeElement[] = [];
  text = '';
  constructor(
    readonly ns: string,
    readonly tag: string,
  ) {}
  setAttribute(k: string, v: string) {
    this.attrs.set(k, v);
  }
  getAttribute(k: string) {
    return this.attrs.get(k) ?? null;
  }
  appendChild(c: FakeElement) {
    this.children.push(c);
    return c;
  }
  set textContent(t: string) {
    this.text = t;
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  /** Descendants (or children only) with a tag. */
  all(tag: string, deep = true): FakeElement[] {
    return this.children.flatMap((c) => [...(c.tag === tag ? [c] : []), ...(deep ? c.all(tag) : [])]);
  }
}
const doc = {
  createElementNS: (ns: string, tag: string) => new FakeElement(ns, tag),
} as unknown as Document;

const SO: ChartGroup = {
  name: 'Sở, ban, ngành',
  required: 20,
  onTime: 15,
  late: 3,
  missing: 2,
  rejected: 0,
  completeness: 90,
  onTimeRate: 75,
};
const TO_CHUC: ChartGroup = {
  name: 'Tổ chức',
  required: 7,
  onTime: 3,
  late: 1,
  missing: 2,
  rejected: 1,
  completeness: 57.1,
  onTimeRate: 42.9,
};

const tree = (svg: SVGSVGElement) => svg as unknown as FakeElement;
const groupsOf = (svg: SVGSVGElement) =>
  tree(svg)
    .all('g')
    .filter((g) => g.getAttribute('class') === 'group');
const rects = (g: FakeElement) => g.all('rect').map((r) => [r.getAttribute('fill'), Number(r.getAttribute('width'))]);
const titleOf = (e: FakeElement) => e.all('title', false)[0]?.textContent;

test('each group: a bar split in proportion to its agencies, then the two rates, with the figures', () => {
  const svg = ratesChart(doc, [SO, TO_CHUC], RATES_CHART_TEXT);
  expect(tree(svg).ns).toBe('http://www.w3.org/2000/svg');
  expect(svg.getAttribute('width')).toBe('320');
  expect(titleOf(tree(svg))).toBe('Tình hình báo cáo theo nhóm');
  const [so, toChuc] = groupsOf(svg);
  // the bar is 208 px wide (320 - 2 × 4 padding - 100 for the figures - 4)
  expect(rects(so)).toEqual([
    ['#eeeeee', 208],
    ['#4e9a57', 156], // 15 of 20 on time
    ['#e08a2e', 31.2], // 3 late
    ['#c8453c', 20.8], // 2 missing (no rejected: no segment)
    ['#eeeeee', 208],
    ['#2f6db3', 187.2], // 90 % submitted
    ['#eeeeee', 208],
    ['#79a7dc', 156], // 75 % on time
  ]);
  const texts = (g: FakeElement) => g.all('text', false).map((t) => t.text);
  expect(texts(so)).toEqual(['Sở, ban, ngành', '20 đơn vị', '90,0% · 75,0%']);
  expect(texts(toChuc)).toEqual(['Tổ chức', '7 đơn vị', '57,1% · 42,9%']);
  expect(toChuc.all('rect').map(titleOf)).toContain('Không hợp lệ: 1');
});

test('labels come from the parameter; a long name is cut, whole in its tooltip', () => {
  const en = {
    ...RATES_CHART_TEXT,
    title: 'Reporting by group',
    required: (n: number) => `${n} agencies`,
    percent: (p: number) => `${p.toFixed(1)}%`,
  };
  const long = { ...SO, name: 'Một nhóm có tên rất dài để xem chữ có tràn ra ngoài khung không' };
  const svg = ratesChart(doc, [long], en);
  expect(titleOf(tree(svg))).toBe('Reporting by group');
  const [g] = groupsOf(svg);
  const name = g.all('text', false)[0];
  expect(name.text).toBe('Một nhóm có tên rất dài để xem c…');
  expect(titleOf(name)).toBe(`${long.name}: 20 agencies`);
  expect(g.textContent).toContain('90.0% · 75.0%');
});

test('a group name that looks like markup stays text', () => {
  const svg = ratesChart(doc, [{ ...SO, name: '<img src=x onerror="alert(1)">' }], RATES_CHART_TEXT);
  expect(tree(svg).all('img')).toEqual([]);
  expect(groupsOf(svg)[0].all('text', false)[0].text).toBe('<img src=x onerror="alert(1)">');
});
