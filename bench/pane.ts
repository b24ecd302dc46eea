/**
 * Task-pane figures for the bench: gzip size of the JS that taskpane.html loads up front and of the chunks it
 * loads later (read from the production build in dist/), and the number of context.sync() calls the Excel
 * door makes to write the summary (see paneSyncs). Missing pieces are reported as null ("chưa có").
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PaneFigures {
  initialGzipBytes: number | null;
  lazyGzipBytes: number | null;
  initialFiles: string[];
  lazyFiles: { file: string; gzipBytes: number }[];
  syncs10: number | null;
  syncs1000: number | null;
  notes: string[];
}

export const REPO_ROOT = path.join(__dirname, '..', '..', '..');

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).byteLength;

/** Scripts referenced by an HTML page (src="…js"), relative to dist/. */
export function scriptsOf(html: string): string[] {
  const out: string[] = [];
  // quoted or not: the production build minifies the HTML (`<script defer src=taskpane.1b238def.js>`)
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))/gi)) {
    const src = (m[1] ?? m[2] ?? m[3]).replace(/[?#].*$/, '');
    if (src.endsWith('.js')) out.push(src.replace(/^\.?\//, ''));
  }
  return out;
}

export async function bundleSizes(dist = path.join(REPO_ROOT, 'dist')): Promise<Pick<PaneFigures, 'initialGzipBytes' | 'lazyGzipBytes' | 'initialFiles' | 'lazyFiles'> & { note: string | null }> {
  const html = path.join(dist, 'taskpane.html');
  if (!existsSync(html)) return { initialGzipBytes: null, lazyGzipBytes: null, initialFiles: [], lazyFiles: [], note: 'dist/taskpane.html chưa có: chạy "npm run build" trước.' };
  const initialFiles = scriptsOf(await fs.readFile(html, 'utf8')).filter((f) => !/^https?:/i.test(f));
  let initial = 0;
  for (const f of initialFiles) initial += gz(await fs.readFile(path.join(dist, f)));
  const initialSet = new Set(initialFiles);
  const lazyFiles: { file: string; gzipBytes: number }[] = [];
  for (const f of (await fs.readdir(dist)).filter((x) => x.endsWith('.js')).sort()) {
    if (!initialSet.has(f)) lazyFiles.push({ file: f, gzipBytes: gz(await fs.readFile(path.join(dist, f))) });
  }
  return { initialGzipBytes: initial, lazyGzipBytes: lazyFiles.reduce((s, x) => s + x.gzipBytes, 0), initialFiles, lazyFiles, note: null };
}

export async function paneFigures(log: (s: string) => void = () => {}): Promise<PaneFigures> {
  const notes: string[] = [];
  const sizes = await bundleSizes();
  if (sizes.note) notes.push(sizes.note);
  else log(`  JS ban đầu ${sizes.initialFiles.join(', ')}; tải sau ${sizes.lazyFiles.map((f) => f.file).join(', ')}`);
  notes.push('context.sync(): chưa có (cửa Excel chưa đo được).');
  return {
    initialGzipBytes: sizes.initialGzipBytes,
    lazyGzipBytes: sizes.lazyGzipBytes,
    initialFiles: sizes.initialFiles,
    lazyFiles: sizes.lazyFiles,
    syncs10: null,
    syncs1000: null,
    notes,
  };
}
