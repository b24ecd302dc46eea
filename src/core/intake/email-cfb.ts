/**
 * An Outlook message (.msg) is a compound file (OLE2, MS-CFB): sectors chained by a table, a tree of storages
 * and streams. msgreader follows those chains as the file says, without checking them: a chain that loops, a
 * sibling tree with a cycle, a count of table sectors in the billions or a stream declaring 2 GB would make it
 * loop for ever or allocate without end. This module walks the same chains the same way msgreader does (the
 * sector table from the header and its extension, the directory, the mini stream, the mini table, each stream)
 * and refuses the file when one of them leaves the file, loops, or does not hold what it declares. Linear in
 * the file's size; pure.
 */
import { refuse } from './limit-messages';

const END = -2;
const FREE = -1;
const NO_INDEX = -1;
const ENTRY = 128;
const MINI = 64;
const MINI_CUTOFF = 4096;
const ROOT = 5;
const STORAGE = 1;
const STREAM = 2;

export const NOT_MSG =
  'Tệp .msg không phải thư Outlook (không phải tệp ghép OLE2 của Outlook): có thể tệp bị đổi đuôi hoặc hỏng; đề nghị đơn vị gửi lại.';

const DAMAGED =
  'Tệp thư Outlook (.msg) bị hỏng: cấu trúc bên trong không hợp lệ (tệp có thể tải về chưa hết hoặc đã bị sửa); đề nghị đơn vị gửi lại.';

function damaged(): never {
  refuse('email.bad_msg', DAMAGED);
}

export interface CfbEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

interface Cfb {
  b: Uint8Array;
  view: DataView;
  sector: number;
  sectors: number;
  fat: number[];
}

function int32(c: Cfb, at: number): number {
  if (at < 0 || at + 4 > c.b.length) damaged();
  return c.view.getInt32(at, true);
}

function sectorOffset(c: Cfb, s: number): number {
  if (s < 0 || s >= c.sectors) damaged();
  return (s + 1) * c.sector;
}

/** The next sector of a chain through a table of sectors `table` (msgreader's getNextBlockInner). */
function nextIn(c: Cfb, table: number[], s: number): number {
  const per = c.sector / 4;
  const t = table[Math.floor(s / per)];
  if (t === undefined) return END;
  return int32(c, sectorOffset(c, t) + 4 * (s % per));
}

/** The sectors of a chain, each once, every one inside the file (or `bound` for mini sectors). */
function chain(c: Cfb, start: number, table: number[], bound: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let s = start; s !== END; s = nextIn(c, table, s)) {
    if (s < 0 || s >= bound || seen.has(s)) damaged();
    seen.add(s);
    out.push(s);
  }
  return out;
}

/** The sector table's sectors: the first 109 in the header, the rest through the extension chain. */
function fatSectors(c: Cfb): number[] {
  const count = int32(c, 0x2c);
  const extension = int32(c, 0x48);
  if (count < 0 || count > c.sectors || extension < 0 || extension > c.sectors) damaged();
  const fat: number[] = [];
  for (let i = 0; i < Math.min(count, 109); i++) fat.push(int32(c, 0x4c + 4 * i));
  let remaining = count - fat.length;
  const seen = new Set<number>();
  for (let i = 0, s = int32(c, 0x44); i < extension && remaining > 0; i++) {
    if (seen.has(s)) damaged();
    seen.add(s);
    const base = sectorOffset(c, s);
    const per = c.sector / 4 - 1;
    for (let j = 0; j < Math.min(remaining, per); j++) {
      const at = int32(c, base + 4 * j);
      if (at === FREE || at === END) break;
      fat.push(at);
    }
    remaining -= per;
    s = int32(c, base + 4 * per);
    if (s === FREE || s === END) break;
  }
  for (const s of fat) if (s < 0 || s >= c.sectors) damaged();
  return fat;
}

function utf16(b: Uint8Array, at: number, bytes: number): string {
  let s = '';
  for (let i = 0; i + 1 < bytes && i < 64; i += 2) {
    const code = b[at + i] | (b[at + i + 1] << 8);
    if (code === 0) break;
    s += String.fromCharCode(code);
  }
  return s;
}

function entries(c: Cfb, dirSectors: number[]): CfbEntry[] {
  const out: CfbEntry[] = [];
  for (const s of dirSectors) {
    const base = sectorOffset(c, s);
    for (let at = base; at + ENTRY <= base + c.sector && at + ENTRY <= c.b.length; at += ENTRY)
      out.push({
        name: utf16(c.b, at, c.view.getUint16(at + 0x40, true)),
        type: c.b[at + 0x42],
        left: c.view.getInt32(at + 0x44, true),
        right: c.view.getInt32(at + 0x48, true),
        child: c.view.getInt32(at + 0x4c, true),
        start: c.view.getInt32(at + 0x74, true),
        size: c.view.getInt32(at + 0x78, true),
      });
  }
  return out;
}

/** Every entry reachable from the root, each once (a cycle is damage), storages nested at most 32 deep. */
function tree(list: CfbEntry[]): CfbEntry[] {
  const root = list[0];
  if (!root || root.type !== ROOT) damaged();
  const seen = new Set<number>([0]);
  const reached: CfbEntry[] = [root];
  const stack: { index: number; depth: number }[] = [{ index: root.child, depth: 1 }];
  while (stack.length) {
    const { index, depth } = stack.pop() as { index: number; depth: number };
    if (index === NO_INDEX) continue;
    if (index < 0 || index >= list.length || seen.has(index) || depth > 32) damaged();
    seen.add(index);
    const e = list[index];
    reached.push(e);
    stack.push({ index: e.left, depth }, { index: e.right, depth });
    if (e.type === STORAGE) stack.push({ index: e.child, depth: depth + 1 });
  }
  return reached;
}

/**
 * The compound file's entries reachable from its root, after every chain msgreader will follow was walked;
 * throws `Refused` (email.not_msg, email.bad_msg) otherwise.
 */
export function checkCompoundFile(bytes: Uint8Array): CfbEntry[] {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length < 512 || sig.some((v, i) => bytes[i] !== v)) refuse('email.not_msg', NOT_MSG);
  const sector = bytes[30] === 12 ? 4096 : 512;
  const c: Cfb = {
    b: bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    sector,
    sectors: Math.max(0, Math.ceil(bytes.length / sector) - 1),
    fat: [],
  };
  c.fat = fatSectors(c);
  const list = entries(c, chain(c, int32(c, 0x30), c.fat, c.sectors));
  const reached = tree(list);
  const miniStream = chain(c, list[0].start, c.fat, c.sectors);
  const miniCount = int32(c, 0x40);
  if (miniCount < 0 || miniCount > c.sectors) damaged();
  const miniTable = chain(c, int32(c, 0x3c), c.fat, c.sectors).slice(0, miniCount);
  const miniSectors = (miniStream.length * sector) / MINI;
  for (const e of reached) {
    if (e.type !== STREAM || e.size === 0) continue;
    if (e.size < 0 || e.size > bytes.length) damaged();
    if (e.size < MINI_CUTOFF) {
      if (chain(c, e.start, miniTable, miniSectors).length * MINI < e.size) damaged();
    } else if (chain(c, e.start, c.fat, c.sectors).length * sector < e.size) damaged();
  }
  return reached;
}

/** Whether a compound file's root holds an Outlook message's property stream (and not a workbook's). */
export function isOutlookMessage(reached: CfbEntry[]): boolean {
  return reached.some((e) => e.name === '__properties_version1.0' || e.name.indexOf('__substg1.0_') === 0);
}
