/**
 * Limits on what a submitted file may cost, checked on its bytes before anything inflates them.
 *
 * A workbook is a zip of XML parts. Before the format detection and ExcelJS (JSZip + a SAX parser) open it, this
 * module, reading the zip exactly as JSZip does:
 * - refuses a file over the size limit;
 * - reads the zip's central directory and refuses too many entries, a declared uncompressed size over the limit, or a
 *   compression ratio no spreadsheet has (a zip bomb), without inflating anything;
 * - inflates every entry as a stream, counting bytes and stopping as soon as an entry inflates past what it declared
 *   or the total passes the limit (a central directory that lies), keeping nothing but counters;
 * - scans every XML part as it inflates: DOCTYPE / ENTITY declarations (XXE, entity-expansion bombs) and UTF-16 parts
 *   are refused, as are nesting deeper than the limit; in worksheets and shared strings it counts sheets, rows, cells
 *   per row and in all, string length, and the area of merged ranges, data validations and column ranges (ExcelJS
 *   expands those cell by cell, so `sqref="A1:XFD1048576"` would cost billions of steps);
 * - notes macros, external links, data connections, OLE objects and pictures: they are never run, opened, fetched or
 *   refreshed, and the clerk gets a warning saying they were ignored.
 *
 * Pure: no fs, no DOM, no state: the limits are an argument of every check (the CLI builds them from its flags with
 * `limitsFrom`). Every refusal is a Finding (Vietnamese) naming the limit; the caller adds the file name.
 *
 * This module holds the limits and their messages; the zip directory is read in zip-directory.ts, the XML scanned in
 * xml-scan.ts, and limit-check.ts runs the check (and hands the inflated parts on, so that nothing inflates twice).
 */
import { z } from 'zod';
import type { Finding } from '../basics/model';
import { NOT_READ, size } from './limit-messages';

const MB = 1024 * 1024;

export const limitsSchema = z.object({
  /** Size of the file itself (`--max-file-size`, in MB on the command line). */
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(20 * MB),
  /** Entries in the zip. A workbook has a few dozen. */
  maxEntries: z.number().int().positive().default(2000),
  /** Sum of the uncompressed sizes, declared and actual. */
  maxUncompressedBytes: z
    .number()
    .int()
    .positive()
    .default(200 * MB),
  /**
   * Uncompressed / compressed size of one entry, checked once the entry is bigger than ratioGraceBytes. Real sheets stay
   * under 100:1 (very repetitive XML reaches about 350:1 only for megabytes of identical rows); a deflate bomb is ~1000:1.
   */
  maxRatio: z.number().positive().default(200),
  ratioGraceBytes: z
    .number()
    .int()
    .nonnegative()
    .default(1 * MB),
  /** Nesting of XML elements. Worksheets nest 6 deep, drawings about 15. */
  maxXmlDepth: z.number().int().positive().default(100),
  maxSheets: z.number().int().positive().default(255),
  /** Rows (`<row>` elements) in one worksheet. */
  maxRows: z.number().int().positive().default(100_000),
  /** Cells in one row, and the highest column of a `<col>` range (Excel has 16 384 columns). */
  maxColumns: z.number().int().positive().default(16_384),
  /** Cells in the whole workbook. */
  maxCells: z.number().int().positive().default(2_000_000),
  /** Characters in one cell text or shared string (Excel itself stops at 32 767). */
  maxStringChars: z.number().int().positive().default(32_767),
  /** Cells covered by merged ranges and data validations of one worksheet (ExcelJS visits each one). */
  maxRangeCells: z.number().int().positive().default(2_000_000),
  /**
   * A saved e-mail (.eml, .msg), attachments included: base64 makes a file a third larger, so the default lets a
   * workbook at the file limit through (limitsFrom raises it with maxFileBytes). Each attachment is then bounded
   * like any submitted file, by everything above.
   */
  maxEmailBytes: z
    .number()
    .int()
    .positive()
    .default(40 * MB),
  /** Attachments of one e-mail, those of the e-mails attached to it included. A report comes with a few. */
  maxAttachments: z.number().int().positive().default(100),
  /** MIME parts of one e-mail (bodies, alternatives, attachments), and compound-file entries of an .msg. */
  maxEmailParts: z.number().int().positive().default(1000),
  /** Nesting of multipart bodies in one e-mail. Mail programs nest 3 or 4 deep. */
  maxMimeDepth: z.number().int().positive().default(16),
  /** E-mails attached to e-mails (a forward of a forward): the saved e-mail is level 1. */
  maxEmailNesting: z.number().int().positive().default(3),
});
export type Limits = z.infer<typeof limitsSchema>;
export type LimitsInput = z.input<typeof limitsSchema>;

export const DEFAULT_LIMITS: Limits = Object.freeze(limitsSchema.parse({}));

/** The limits for a run: the defaults with what the caller changes (the CLI: `--max-file-size`), checked and frozen. */
export function limitsFrom(input: LimitsInput | Limits = {}): Limits {
  const parsed = limitsSchema.parse(input);
  // an e-mail carries its workbook base64-encoded: a third larger
  if (input.maxEmailBytes === undefined) parsed.maxEmailBytes = Math.max(parsed.maxEmailBytes, 2 * parsed.maxFileBytes);
  return Object.freeze(parsed);
}

/** What was found in the zip, for tests and the fuzz report. */
export interface LimitStats {
  entries: number;
  declaredBytes: number;
  inflatedBytes: number;
  sheets: number;
  rows: number;
  cells: number;
  maxDepth: number;
}

export interface LimitReport {
  /** Why the file must not be loaded (severity error, code `limit.*`); null when it may be. */
  refusal: Finding | null;
  /** Content that is ignored (macros, external links …): warnings, code `ignored.*`. */
  ignored: Finding[];
  stats: LimitStats;
}

/** The message for a file over `--max-file-size` (also used by the CLI for files it does not even load). */
export function fileSizeRefusal(bytes: number, limits: Limits = DEFAULT_LIMITS): string {
  return `Tệp nặng ${size(bytes)}, vượt giới hạn ${size(limits.maxFileBytes)} (đổi bằng --max-file-size); ${NOT_READ}.`;
}
