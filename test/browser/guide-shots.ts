/**
 * The pictures of the user guide (docs/huong-dan/hinh/), taken by the browser tests while they run the real pane at
 * its width in Excel (350 px): when the pane changes, the next `npm run test:browser` takes them again, and
 * test/guide/guide.test.ts fails if the guide shows a picture that is not taken here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

// no import of the harness: the guide's unit test reads this list without loading playwright
export const GUIDE_PICTURES = path.resolve(__dirname, '..', '..', 'docs', 'huong-dan', 'hinh');
/** The pane's width in the pictures, in CSS pixels (they are taken at twice that many device pixels). */
export const PANE_WIDTH = 350;

interface Shot {
  /** The picture's name in docs/huong-dan/hinh/ (without .png). */
  file: string;
  /** The picture runs from the top of `from` to the bottom of `to` (default: `from`), the pane's whole width. */
  from: string;
  to?: string;
  /** At most this many CSS pixels high (a long list is cut). */
  maxHeight?: number;
}

export const GUIDE_SHOTS = {
  plan: { file: 'buoc-1-ke-hoach', from: '#step-plan' },
  planProblem: { file: 'ke-hoach-co-loi', from: '#step-plan' },
  templates: { file: 'buoc-2-mau-bao-cao', from: '#step-templates', maxHeight: 420 },
  intake: { file: 'buoc-3-nhan-bao-cao', from: '#step-intake', maxHeight: 620 },
  rejected: { file: 'buoc-3-tep-bi-loai', from: '#step-intake' },
  consolidate: { file: 'buoc-4-tong-hop', from: '#step-consolidate', to: '#overview .table-wrap' },
  chart: { file: 'buoc-4-bieu-do', from: '#rates-chart', maxHeight: 445 },
  lists: { file: 'buoc-4-danh-sach', from: '#overview .people', to: '#step-consolidate' },
  export: { file: 'buoc-5-xuat', from: '#step-export' },
} as const satisfies Record<string, Shot>;

/** Takes one picture of the guide: the pane as the clerk sees it, without the pointer's hover or a focus ring. */
export async function guideShot(page: Page, shot: Shot): Promise<void> {
  await page.mouse.move(PANE_WIDTH - 1, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const box = await page.evaluate(
    ({ from, to }) => {
      const a = document.querySelector(from);
      const b = document.querySelector(to);
      if (!a || !b) return null;
      const top = a.getBoundingClientRect().top + window.scrollY;
      return { top, bottom: b.getBoundingClientRect().bottom + window.scrollY };
    },
    { from: shot.from, to: shot.to ?? shot.from },
  );
  if (!box) throw new Error(`guide picture ${shot.file}: ${shot.from} or ${shot.to} is not in the pane`);
  const top = Math.max(0, Math.floor(box.top));
  const height = Math.min(Math.ceil(box.bottom) + 4 - top, shot.maxHeight ?? Infinity);
  fs.mkdirSync(GUIDE_PICTURES, { recursive: true });
  await page.screenshot({
    path: path.join(GUIDE_PICTURES, `${shot.file}.png`),
    fullPage: true,
    clip: { x: 0, y: top, width: PANE_WIDTH, height },
    animations: 'disabled',
    caret: 'hide',
  });
}
