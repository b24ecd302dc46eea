/**
 * The pane's intake, kept in the workbook it works on, so that reports arriving over days add up: every file read
 * (name, size, SHA-256, received day, what was read from it and its findings), the plan they were read against and
 * the intake log's dates. Kept as one versioned text: JSON, deflated (fflate), base64, cut into cells under Excel's
 * 32,767 characters, behind a header row:
 *
 *   A1 "tonghop-intake"  B1 version  C1 cells of text  D1 characters  E1 SHA-256 of the text  F1 a note for a person
 *   A2 … the text, INTAKE_STORE_CHUNK characters a cell
 *
 * Read back, it is checked at every step (header, version, SHA-256, base64, inflating, zod) and refused with a
 * plain Vietnamese reason when damaged, written by a newer tonghop, or edited by hand: never half read.
 */
import { Deflate, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { isoDateSchema, ownAgenciesSchema, planSchema, submissionSchema, findingSchema } from '../basics/model';
import type { Finding, Plan, ReportedRow, Source, Submission } from '../basics/model';
import type { IsoDate } from '../basics/dates';
import { joinBytes } from '../basics/bytes';
import { decodeBase64, encodeBase64 } from './base64';
import { INTAKE_STORE_SHEET } from './intake-store-names';
import { sha256Hex } from './submission-read';

export { INTAKE_STORE_SHEET, isIntakeStoreName } from './intake-store-names';

export const INTAKE_STORE_MARKER = 'tonghop-intake';
export const INTAKE_STORE_VERSION = 1;
/** Characters of text per cell (Excel holds at most 32,767). */
export const INTAKE_STORE_CHUNK = 30_000;
const NOTE =
  'Danh sách tệp báo cáo đã nhận, do tonghop lưu (nén). Đừng sửa hay xoá trang này: tonghop đọc lại nó khi mở sổ.';

/** A source as [sheet, cell], with the file third only when it is not the stored file's own. */
const sourceSchema = z.union([z.tuple([z.string(), z.string()]), z.tuple([z.string(), z.string(), z.string()])]);
const rowSchema = z.object({
  t: z.string(),
  s: submissionSchema.shape.rows.element.shape.status,
  r: z.string(),
  n: z.string(),
  at: sourceSchema,
  i: z
    .record(z.string(), z.object({ v: z.number(), at: sourceSchema, w: z.number().positive().optional() }))
    .optional(),
});
const storedFindingSchema = findingSchema.omit({ file: true }).extend({ file: z.string().optional() });

const storedFileSchema = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  /** The file's modification time (ms) when it was dropped, to know it again; null when unknown. */
  modified: z.number().nullable(),
  receivedOn: isoDateSchema.nullable(),
  receivedFrom: submissionSchema.shape.receivedFrom,
  /** The day the clerk typed, if any (it wins over the register and the file's date). */
  entered: isoDateSchema.nullable(),
  /** The saved e-mail (.eml, .msg) the file was attached to, by its file name. */
  fromEmail: z.string().optional(),
  read: z.object({
    agencyCode: z.string().nullable(),
    recognisedBy: submissionSchema.shape.recognisedBy,
    planNumber: z.string().nullable(),
    period: z.string().nullable(),
    reportDate: isoDateSchema.nullable(),
    readable: z.boolean(),
    rejectReason: z.string().nullable(),
    rows: z.array(rowSchema),
    ownAgencies: ownAgenciesSchema.optional(),
  }),
  findings: z.array(storedFindingSchema),
});

const storedLogSchema = z.object({
  name: z.string().min(1),
  size: z.number().int().nonnegative(),
  modified: z.number().nullable(),
  /** The register's dates: folded file name (intakeKey) → day received. */
  dates: z.array(z.tuple([z.string(), isoDateSchema])),
  findings: z.array(findingSchema),
});

const payloadSchema = z.object({
  plan: planSchema,
  files: z.array(storedFileSchema),
  log: storedLogSchema.nullable(),
});

/** One file of the intake as the pane holds it. */
export interface IntakeFile {
  submission: Submission;
  modified: number | null;
  entered: IsoDate | null;
  fromEmail?: string;
}

export interface IntakeLogFile {
  name: string;
  size: number;
  modified: number | null;
  dates: Map<string, IsoDate>;
  findings: Finding[];
}

/** What the workbook keeps. */
export interface StoredIntake {
  plan: Plan;
  files: IntakeFile[];
  log: IntakeLogFile | null;
}

type StoredSource = z.infer<typeof sourceSchema>;
type StoredFile = z.infer<typeof storedFileSchema>;

const packSource = (s: Source, file: string): StoredSource =>
  s.file === file ? [s.sheet, s.cell] : [s.sheet, s.cell, s.file];
const unpackSource = (s: StoredSource, file: string): Source => ({ file: s[2] ?? file, sheet: s[0], cell: s[1] });

function packRow(row: ReportedRow, file: string): z.infer<typeof rowSchema> {
  const out: z.infer<typeof rowSchema> = {
    t: row.taskCode,
    s: row.status,
    r: row.result,
    n: row.note,
    at: packSource(row.source, file),
  };
  const codes = Object.keys(row.indicators);
  if (codes.length) {
    out.i = {};
    for (const code of codes) {
      const x = row.indicators[code];
      out.i[code] = { v: x.value, at: packSource(x.source, file), ...(x.weight !== undefined ? { w: x.weight } : {}) };
    }
  }
  return out;
}

function unpackRow(row: z.infer<typeof rowSchema>, file: string): ReportedRow {
  const indicators: ReportedRow['indicators'] = {};
  for (const code of Object.keys(row.i ?? {})) {
    const x = (row.i ?? {})[code];
    indicators[code] = { value: x.v, source: unpackSource(x.at, file), ...(x.w !== undefined ? { weight: x.w } : {}) };
  }
  return { taskCode: row.t, status: row.s, result: row.r, note: row.n, indicators, source: unpackSource(row.at, file) };
}

function packFile(f: IntakeFile): StoredFile {
  const s = f.submission;
  return {
    name: s.file,
    size: s.size,
    sha256: s.sha256,
    modified: f.modified,
    receivedOn: s.receivedOn,
    receivedFrom: s.receivedFrom,
    entered: f.entered,
    ...(f.fromEmail !== undefined ? { fromEmail: f.fromEmail } : {}),
    read: {
      agencyCode: s.agencyCode,
      recognisedBy: s.recognisedBy,
      planNumber: s.planNumber,
      period: s.period,
      reportDate: s.reportDate,
      readable: s.readable,
      rejectReason: s.rejectReason,
      rows: s.rows.map((r) => packRow(r, s.file)),
      ...(s.ownAgencies ? { ownAgencies: s.ownAgencies } : {}),
    },
    findings: s.findings.map(({ file, ...rest }) => (file === s.file ? rest : { ...rest, file })),
  };
}

function unpackFile(f: StoredFile): IntakeFile {
  const { read } = f;
  const submission: Submission = {
    file: f.name,
    sha256: f.sha256,
    size: f.size,
    agencyCode: read.agencyCode,
    recognisedBy: read.recognisedBy,
    planNumber: read.planNumber,
    period: read.period,
    reportDate: read.reportDate,
    receivedOn: f.receivedOn,
    receivedFrom: f.receivedFrom,
    readable: read.readable,
    rejectReason: read.rejectReason,
    rows: read.rows.map((r) => unpackRow(r, f.name)),
    findings: f.findings.map((x) => ({ ...x, file: x.file ?? f.name })),
    ...(read.ownAgencies ? { ownAgencies: read.ownAgencies } : {}),
  };
  return {
    submission,
    modified: f.modified,
    entered: f.entered,
    ...(f.fromEmail !== undefined ? { fromEmail: f.fromEmail } : {}),
  };
}

/** The cells of the stored intake: the header row, then one cell of text per row (column A). */
export type StoreCells = (string | number)[][];

/** The intake log as it is stored (and sent to the pane's reading worker): its dates as pairs. */
export function plainLog(
  log: IntakeLogFile | null,
): (Omit<IntakeLogFile, 'dates'> & { dates: [string, IsoDate][] }) | null {
  return (
    log && {
      name: log.name,
      size: log.size,
      modified: log.modified,
      dates: Array.from(log.dates.entries()),
      findings: log.findings,
    }
  );
}

/** Text handed to the compressor in pieces of at least this many characters (whole JSON values, never split). */
const DEFLATE_PIECE = 64 * 1024;

/**
 * The intake's JSON compressed as it is made: one file's JSON at a time into a streaming deflate, so that no step
 * holds the whole text, and `pause` (given by the pane: a turn of the browser's event loop) is awaited once the
 * work since the last pause passes 8 ms. The pieces the compressor gets depend only on the content, never on the
 * pauses: the same intake gives the same bytes in the page and in the reading worker.
 */
async function deflatedJson(intake: StoredIntake, pause?: () => Promise<void>): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (chunk) => out.push(chunk));
  let pending = '';
  const feed = (json: string, last = false) => {
    pending += json;
    if (pending.length < DEFLATE_PIECE && !last) return;
    deflate.push(strToU8(pending), last);
    pending = '';
  };
  let since = Date.now();
  const log = plainLog(intake.log);
  // the fields in the order of payloadSchema: plan, files, log
  feed(`{"plan":${JSON.stringify(intake.plan)},"files":[`);
  for (let i = 0; i < intake.files.length; i++) {
    feed(`${i ? ',' : ''}${JSON.stringify(packFile(intake.files[i]))}`);
    if (pause && Date.now() - since > 8) {
      await pause();
      since = Date.now();
    }
  }
  feed(`],"log":${JSON.stringify(log)}}`, true);
  return joinBytes(out);
}

/**
 * The intake as the rows of its sheet. `pause`, when given, is awaited between slices of the work (about 8 ms
 * each), so that a page's thread answers while a thousand files are encoded; the cells are the same without it.
 */
export async function encodeIntakeStore(intake: StoredIntake, pause?: () => Promise<void>): Promise<StoreCells> {
  const text = encodeBase64(await deflatedJson(intake, pause));
  if (pause) await pause();
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += INTAKE_STORE_CHUNK) chunks.push(text.slice(i, i + INTAKE_STORE_CHUNK));
  const digest = await sha256Hex(strToU8(text));
  return [
    [INTAKE_STORE_MARKER, INTAKE_STORE_VERSION, chunks.length, text.length, digest, NOTE],
    ...chunks.map((c) => [c]),
  ];
}

export type StoreProblem = 'not-ours' | 'newer' | 'edited' | 'damaged';
export type StoreRead = { ok: true; intake: StoredIntake } | { ok: false; problem: StoreProblem; message: string };

const refusal = (problem: StoreProblem, why: string): StoreRead => ({
  ok: false,
  problem,
  message: `Trang "${INTAKE_STORE_SHEET}" (danh sách tệp đã nhận tonghop lưu trong sổ) ${why}`,
});
const EDITED = 'đã bị sửa hoặc hỏng (nội dung không còn khớp với mã kiểm tra): tonghop không dùng nó.';

/** The text kept in the cells, once the header says how much there must be; a refusal otherwise. */
function storedText(rows: readonly (readonly unknown[])[]): { text: string; digest: string } | StoreRead {
  const head = rows[0] ?? [];
  if (head[0] !== INTAKE_STORE_MARKER) return refusal('not-ours', 'không phải dữ liệu do tonghop ghi.');
  const version = Number(head[1]);
  if (Number.isInteger(version) && version > INTAKE_STORE_VERSION)
    return refusal(
      'newer',
      `do một phiên bản tonghop mới hơn ghi (phiên bản dữ liệu ${version}, tonghop này đọc được đến ${INTAKE_STORE_VERSION}): hãy cập nhật tonghop.`,
    );
  const count = Number(head[2]);
  const length = Number(head[3]);
  const digest = head[4];
  if (version !== INTAKE_STORE_VERSION || !Number.isInteger(count) || count < 0 || typeof digest !== 'string')
    return refusal('damaged', 'bị hỏng ở dòng đầu (phiên bản, số ô hoặc mã kiểm tra không đọc được).');
  const cells = rows.slice(1).map((r) => r[0]);
  while (cells.length > count && (cells[cells.length - 1] === '' || cells[cells.length - 1] == null)) cells.pop();
  if (cells.length !== count || cells.some((c) => typeof c !== 'string')) return refusal('edited', EDITED);
  const text = cells.join('');
  if (text.length !== length) return refusal('edited', EDITED);
  return { text, digest };
}

/** The intake kept in the sheet's rows (values as Excel gives them), or why it cannot be used. */
export async function decodeIntakeStore(rows: readonly (readonly unknown[])[]): Promise<StoreRead> {
  const got = storedText(rows);
  if ('ok' in got) return got;
  if ((await sha256Hex(strToU8(got.text))) !== got.digest) return refusal('edited', EDITED);
  const bytes = decodeBase64(got.text);
  let json: unknown;
  try {
    if (!bytes) throw new Error('base64');
    json = JSON.parse(strFromU8(inflateSync(bytes)));
  } catch {
    return refusal('damaged', 'bị hỏng: không giải nén được.');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refusal('damaged', `có dữ liệu không hợp lệ (${first.path.join('.')}: ${first.message}).`);
  }
  const p = parsed.data;
  return {
    ok: true,
    intake: {
      plan: p.plan,
      files: p.files.map(unpackFile),
      log: p.log && { ...p.log, dates: new Map(p.log.dates) },
    },
  };
}
