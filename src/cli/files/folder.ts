/**
 * Listing the submissions folder so that every entry gets a verdict: regular files (and symlinks to one) are read;
 * hidden and Office lock files, FIFOs, devices, sockets, broken or looping links, links to folders, unreadable
 * sub-folders and files that vanish are listed with a plain reason. None of them stops the run.
 */
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { type Finding, finding } from '../../core';
import { CliError } from '../errors';
import { kindOf, readErrorReason } from './safe-read';
import { escapeControl } from '../commands/args';

export interface FolderEntry {
  /** Path relative to the folder (what the clerk sees in the reports). */
  name: string;
  fullPath: string;
  mtime: Date;
  size: number;
}

/** An entry that is not read, with the reason shown in the intake log. */
export interface RefusedEntry {
  name: string;
  code: string;
  reason: string;
  /** Technical detail (Node's error code), for the JSON only. */
  detail?: string;
}

export interface FolderListing {
  entries: FolderEntry[];
  refused: RefusedEntry[];
  /** Remarks on entries that are read (a link leading out of the folder). */
  notes: Finding[];
}

const SYSTEM_DIRS = new Set(['node_modules', '.git', '__MACOSX']);

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function insideOf(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

interface Walk extends FolderListing {
  dir: string;
  root: string;
  excluded: Set<string>;
  /** Files the run reads as something else (the plan): listed with their reason, never read as a report. */
  labelled: Map<string, { code: string; reason: string }>;
}

/** A file of the folder that is no report, and why (the plan of this run …), matched by its real path. */
export interface LabelledFile {
  path: string;
  code: string;
  reason: string;
}

/** The verdict on one name that is not a plain file or folder, or null to go on. */
function skippedByName(e: Dirent): { code: string; reason: string } | null {
  if (e.isDirectory() && SYSTEM_DIRS.has(e.name))
    return { code: 'folder.system', reason: 'Thư mục của hệ thống hoặc chương trình (không phải báo cáo): không đọc.' };
  if (e.name.startsWith('.'))
    return {
      code: 'file.hidden',
      reason: 'Tệp hoặc thư mục ẩn (tên bắt đầu bằng dấu chấm): không đọc; nếu là báo cáo, hãy đổi tên bỏ dấu chấm.',
    };
  return null;
}

async function followLink(w: Walk, full: string, rel: string): Promise<Stats | null> {
  let real: string;
  try {
    real = await fs.realpath(full);
  } catch (e) {
    const r = readErrorReason(e);
    const broken = r.code === 'file.vanished';
    w.refused.push({
      name: rel,
      code: broken ? 'file.link_broken' : r.code,
      reason: broken ? 'Liên kết (symlink) hỏng: tệp nó trỏ tới không còn.' : r.message,
      detail: r.detail,
    });
    return null;
  }
  const st = await fs.stat(real);
  const label = w.labelled.get(real);
  if (label) {
    w.refused.push({
      name: rel,
      code: label.code,
      reason: `Liên kết tới ${label.reason[0].toLowerCase()}${label.reason.slice(1)}`,
    });
    return null;
  }
  if (st.isDirectory()) {
    w.refused.push({
      name: rel,
      code: 'folder.link',
      reason: 'Liên kết tới một thư mục: không theo (tránh đọc vòng hay đọc ngoài thư mục); hãy chép thư mục vào đây.',
    });
    return null;
  }
  if (st.isFile() && !insideOf(w.root, real))
    w.notes.push(
      finding(
        'warning',
        'file.link_outside',
        `Tệp là liên kết tới "${escapeControl(real)}" ngoài thư mục báo cáo; đã đọc tệp đó.`,
        {
          file: rel,
        },
      ),
    );
  return st;
}

async function visitEntry(w: Walk, d: string, e: Dirent): Promise<void> {
  const full = path.join(d, e.name);
  const rel = path.relative(w.dir, full).split(path.sep).join('/');
  if (w.excluded.has(path.resolve(full))) return;
  if (e.name.startsWith('~$')) return; // Office's lock file of an open workbook: transient, not sent by anyone
  const skipped = skippedByName(e);
  if (skipped) return void w.refused.push({ name: rel, ...skipped });
  if (e.isDirectory()) return walk(w, full);
  let st: Stats | null;
  try {
    st = e.isSymbolicLink() ? await followLink(w, full, rel) : await fs.stat(full);
  } catch (err) {
    const r = readErrorReason(err);
    return void w.refused.push({ name: rel, code: r.code, reason: r.message, detail: r.detail });
  }
  if (!st) return;
  if (!st.isFile())
    return void w.refused.push({ name: rel, code: 'file.not_regular', reason: `Đây là ${kindOf(st)}: không đọc.` });
  const real = await fs.realpath(full).catch(() => full);
  if (w.excluded.has(real)) return;
  const label = w.labelled.get(real);
  if (label) return void w.refused.push({ name: rel, ...label });
  w.entries.push({ name: rel, fullPath: full, mtime: st.mtime, size: st.size });
}

async function walk(w: Walk, d: string): Promise<void> {
  let list: Dirent[];
  try {
    list = await fs.readdir(d, { withFileTypes: true });
  } catch (e) {
    if (d === w.dir)
      throw new CliError(`Không mở được thư mục báo cáo ${escapeControl(d)}: ${readErrorReason(e).message}`);
    const r = readErrorReason(e);
    const rel = path.relative(w.dir, d).split(path.sep).join('/') + '/';
    const reason =
      r.code === 'file.no_permission'
        ? 'Không có quyền mở thư mục con: các tệp trong đó không được đọc; cấp quyền rồi chạy lại.'
        : `Không mở được thư mục con: ${r.message}`;
    w.refused.push({ name: rel, code: 'folder.unreadable', reason, detail: r.detail });
    return;
  }
  if (list.length === 0 && d !== w.dir) {
    const rel = path.relative(w.dir, d).split(path.sep).join('/');
    const looksLikeFile = /\.(xlsx|xlsm|xls|xlsb|ods|json|eml|docx|pdf)$/i.test(rel);
    const reason = `Thư mục con trống, không có tệp nào${looksLikeFile ? ' (tên giống tên tệp nhưng đây là thư mục)' : ''}.`;
    w.refused.push({ name: `${rel}/`, code: 'folder.empty', reason });
    return;
  }
  for (const e of list) await visitEntry(w, d, e);
}

/**
 * Every entry of the folder (and its sub-folders), sorted by name, each read or refused with a reason; `exclude`
 * (this run's outputs and locks) left out, `labelled` files (the plan) listed with their reason.
 */
export async function listFolder(
  dir: string,
  exclude: string[] = [],
  labelled: LabelledFile[] = [],
): Promise<FolderListing> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new CliError(`Không tìm thấy thư mục báo cáo: ${escapeControl(dir)}. Hãy kiểm tra lại đường dẫn.`);
  }
  if (!stat.isDirectory())
    throw new CliError(`"${escapeControl(dir)}" không phải thư mục: cần thư mục chứa các tệp báo cáo của đơn vị.`);
  const excluded = new Set<string>();
  for (const p of exclude) {
    excluded.add(path.resolve(p));
    excluded.add(await fs.realpath(p).catch(() => path.resolve(p)));
  }
  const labels = new Map<string, { code: string; reason: string }>();
  for (const l of labelled)
    labels.set(await fs.realpath(l.path).catch(() => path.resolve(l.path)), { code: l.code, reason: l.reason });
  const root = await fs.realpath(dir);
  const w: Walk = { dir, root, excluded, labelled: labels, entries: [], refused: [], notes: [] };
  await walk(w, dir);
  w.entries.sort(byName);
  w.refused.sort(byName);
  return { entries: w.entries, refused: w.refused, notes: w.notes };
}
