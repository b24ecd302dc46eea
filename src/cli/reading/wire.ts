/**
 * What crosses between the pool (pool.ts) and its reading threads (worker.ts): the request to read a file, and a
 * Submission in a compact form. A Submission of 60 rows repeats its file and sheet names in every source
 * and every finding and is some 180 small objects; here it travels as a few flat arrays with the file and sheet
 * names given once, so the structured clone has less to copy and the check on arrival is one pass over the arrays
 * instead of a zod parse of every object.
 *
 * decodeWorkerReply is the check on arrival: a malformed message is refused with what was wrong, as the zod
 * check was; a well-formed one decodes to the Submission the worker read, with its keys in the schema's order (so
 * the consolidation JSON stays byte-identical).
 *
 * This module loads only the model and zod: a reading thread needs it before it reads its first file.
 */
import { z } from 'zod';
import {
  type Finding,
  type RecognisedBy,
  type ReportedRow,
  type Submission,
  type TaskStatus,
  RECOGNISED_BY,
  TASK_STATUSES,
  ownAgenciesSchema,
  submissionSchema,
} from '../../core/basics/model';
import { limitsSchema } from '../../core/intake/limits';
import { parseDateArgument } from '../../core/basics/dates';

// ---------------------------------------------------------------------------------------------
// Requests (main thread → worker). The same schemas as pool.ts's: the worker takes them from here so that it does
// not load pool.ts and, through it, the whole engine.

export const readRequestSchema = z.object({
  type: z.literal('read'),
  id: z.number().int().nonnegative(),
  name: z.string(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array'),
  /** .xls/.ods converted to .xlsx by the CLI: the worker reads these bytes and keeps the original's hash. */
  converted: z
    .object({
      bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array'),
      from: z.string(),
      tool: z.string(),
    })
    .optional(),
  receivedOn: z.string().nullable(),
  receivedFrom: submissionSchema.shape.receivedFrom,
});

// the limits in force (--max-file-size …) travel to every worker
export const workerDataSchema = z.object({ plan: z.unknown(), limits: limitsSchema.optional() });

// ---------------------------------------------------------------------------------------------
// Replies (worker → main thread)

/** A Submission as it travels: see encodeSubmission for the layout. */
export type WireSubmission = [
  version: typeof WIRE_VERSION,
  /** File and sheet names (and any other text a source or finding repeats), each once; [0] is the file. */
  names: string[],
  head: unknown[],
  /** Per row: taskCode, status, result, note, source (3 name/cell slots), indicator count, then per indicator:
   * code, value, source (3 slots), weight or null. */
  rows: unknown[],
  /** Per finding: severity, code, file, sheet, cell (names), message, detail or null. */
  findings: unknown[],
  ownAgencies: unknown,
];
const WIRE_VERSION = 1;

/**
 * What a worker posts: the Submission compact (structured clone of the flat arrays: cheaper to send and to receive
 * than the same arrays as JSON text, measured).
 */
export type WireReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; submission: WireSubmission }
  | { type: 'failed'; id: number; message: string };
/** What the pool gets once a reply is decoded and checked (the same shape as pool.ts's WorkerReply). */
export type DecodedReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; submission: Submission }
  | { type: 'failed'; id: number; message: string };

/** The result of the check on arrival, shaped like zod's safeParse so that the pool handles it the same way. */
export type Decoded = { success: true; data: DecodedReply } | { success: false; error: { message: string } };

const SEVERITIES = ['error', 'warning'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const RECEIVED_FROM = submissionSchema.shape.receivedFrom.options;

/** A Submission in its compact form (in the worker). */
export function encodeSubmission(sub: Submission): WireSubmission {
  const names = [sub.file];
  const index = new Map<string, number>([[sub.file, 0]]);
  const name = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = names.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const head = [
    sub.sha256,
    sub.size,
    sub.agencyCode,
    sub.recognisedBy,
    sub.planNumber,
    sub.period,
    sub.reportDate,
    sub.receivedOn,
    sub.receivedFrom,
    sub.readable,
    sub.rejectReason,
  ];
  const rows: unknown[] = [];
  for (const row of sub.rows) {
    const inds = Object.entries(row.indicators);
    rows.push(row.taskCode, row.status, row.result, row.note);
    rows.push(name(row.source.file), name(row.source.sheet), row.source.cell, inds.length);
    for (const [code, ind] of inds)
      rows.push(code, ind.value, name(ind.source.file), name(ind.source.sheet), ind.source.cell, ind.weight ?? null);
  }
  const findings: unknown[] = [];
  for (const f of sub.findings)
    findings.push(f.severity, f.code, name(f.file), name(f.sheet), f.cell, f.message, f.detail ?? null);
  return [WIRE_VERSION, names, head, rows, findings, sub.ownAgencies ?? null];
}

/** The message a worker posts for a reply (a Submission encoded). */
export function encodeReply(reply: DecodedReply): WireReply {
  return reply.type === 'done' ? { ...reply, submission: encodeSubmission(reply.submission) } : reply;
}

class WireError extends Error {}

/** Reads a flat array in order, checking each value as it is taken. */
class Reader {
  private at = 0;
  constructor(
    private readonly items: unknown[],
    private readonly what: string,
    private readonly names: string[],
  ) {}
  get done(): boolean {
    return this.at >= this.items.length;
  }
  private fail(expected: string, v: unknown): never {
    throw new WireError(`${this.what}[${this.at - 1}]: expected ${expected}, got ${describe(v)}`);
  }
  private next(): unknown {
    if (this.at >= this.items.length) throw new WireError(`${this.what}: ends early at ${this.at}`);
    return this.items[this.at++];
  }
  raw(): unknown {
    return this.next();
  }
  string(): string {
    const v = this.next();
    return typeof v === 'string' ? v : this.fail('string', v);
  }
  stringOrNull(): string | null {
    const v = this.next();
    return v === null || typeof v === 'string' ? v : this.fail('string or null', v);
  }
  number(): number {
    const v = this.next();
    return typeof v === 'number' && Number.isFinite(v) ? v : this.fail('number', v);
  }
  count(): number {
    const v = this.next();
    return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : this.fail('count', v);
  }
  boolean(): boolean {
    const v = this.next();
    return typeof v === 'boolean' ? v : this.fail('boolean', v);
  }
  oneOf<T extends string>(values: readonly T[], nullable: true): T | null;
  oneOf<T extends string>(values: readonly T[], nullable: false): T;
  oneOf<T extends string>(values: readonly T[], nullable: boolean): T | null {
    const v = this.next();
    if (nullable && v === null) return null;
    return values.includes(v as T) ? (v as T) : this.fail(values.join('|'), v);
  }
  date(): string | null {
    const v = this.stringOrNull();
    // isoDateSchema's test without zod's machinery (twice per file)
    return v === null || (ISO_DATE.test(v) && parseDateArgument(v) === v) ? v : this.fail('YYYY-MM-DD', v);
  }
  name(): string {
    const i = this.count();
    return i < this.names.length ? this.names[i] : this.fail(`a name index below ${this.names.length}`, i);
  }
  source(): { file: string; sheet: string; cell: string } {
    return { file: this.name(), sheet: this.name(), cell: this.string() };
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'string' ? `string "${v.slice(0, 40)}"` : typeof v;
}

function decodeRows(r: Reader): ReportedRow[] {
  const rows: ReportedRow[] = [];
  while (!r.done) {
    const taskCode = r.string();
    const status: TaskStatus | null = r.oneOf(TASK_STATUSES, true);
    const result = r.string();
    const note = r.string();
    const source = r.source();
    const indicators: ReportedRow['indicators'] = {};
    for (let n = r.count(); n > 0; n--) {
      const code = r.string();
      const value = r.number();
      const src = r.source();
      const weight = r.raw();
      if (weight !== null && !(typeof weight === 'number' && Number.isFinite(weight) && weight > 0))
        throw new WireError(`rows: indicator ${code}: weight must be a positive number, got ${describe(weight)}`);
      if (code === '__proto__') continue; // as zod's record: never set as a key of a plain object
      indicators[code] = weight === null ? { value, source: src } : { value, source: src, weight };
    }
    rows.push({ taskCode, status, result, note, indicators, source });
  }
  return rows;
}

function decodeFindings(r: Reader): Finding[] {
  const findings: Finding[] = [];
  while (!r.done) {
    const severity = r.oneOf(SEVERITIES, false);
    const code = r.string();
    const file = r.name();
    const sheet = r.name();
    const cell = r.string();
    const message = r.string();
    const detail = r.stringOrNull();
    findings.push(
      detail === null
        ? { severity, code, file, sheet, cell, message }
        : { severity, code, file, sheet, cell, message, detail },
    );
  }
  return findings;
}

/** A Submission from its compact form, checked as it is read: throws a WireError saying what is wrong. */
export function decodeSubmission(wire: unknown): Submission {
  if (!Array.isArray(wire) || wire.length !== 6 || wire[0] !== WIRE_VERSION)
    throw new WireError(`submission: expected [${WIRE_VERSION}, names, head, rows, findings, ownAgencies]`);
  const [, names, head, rows, findings, own] = wire as unknown[];
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string'))
    throw new WireError('submission: names must be a non-empty array of strings');
  for (const [what, part] of [
    ['head', head],
    ['rows', rows],
    ['findings', findings],
  ] as const)
    if (!Array.isArray(part)) throw new WireError(`submission: ${what} must be an array`);
  const h = new Reader(head as unknown[], 'head', names);
  const sub: Submission = {
    file: names[0],
    sha256: h.string(),
    size: h.count(),
    agencyCode: h.stringOrNull(),
    recognisedBy: h.oneOf<RecognisedBy>(RECOGNISED_BY, true),
    planNumber: h.stringOrNull(),
    period: h.stringOrNull(),
    reportDate: h.date(),
    receivedOn: h.date(),
    receivedFrom: h.oneOf(RECEIVED_FROM, false),
    readable: h.boolean(),
    rejectReason: h.stringOrNull(),
    rows: decodeRows(new Reader(rows as unknown[], 'rows', names)),
    findings: decodeFindings(new Reader(findings as unknown[], 'findings', names)),
  };
  if (!h.done) throw new WireError('head: longer than a submission head');
  if (own !== null) {
    const parsed = ownAgenciesSchema.safeParse(own);
    if (!parsed.success) throw new WireError(`ownAgencies: ${parsed.error.message}`);
    sub.ownAgencies = parsed.data;
  }
  return sub;
}

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0; // as z.number().int().nonnegative()

/** The check on arrival of what a worker posted: a decoded reply, or why it is refused (as zod's safeParse). */
export function decodeWorkerReply(msg: unknown): Decoded {
  try {
    const m = (typeof msg === 'object' && msg !== null ? msg : {}) as Record<string, unknown>;
    if (m.type === 'ready') return { success: true, data: { type: 'ready' } };
    if (m.type === 'failed' && isId(m.id) && typeof m.message === 'string')
      return { success: true, data: { type: 'failed', id: m.id, message: m.message } };
    if (m.type === 'done' && isId(m.id))
      return { success: true, data: { type: 'done', id: m.id, submission: decodeSubmission(m.submission) } };
    throw new WireError(`not a reply of a reading thread (type ${describe(m.type)}, id ${describe(m.id)})`);
  } catch (e) {
    if (e instanceof WireError) return { success: false, error: { message: e.message } };
    throw e;
  }
}
