/**
 * The messages between the pane and its reading worker (read-worker.ts), checked with zod on both sides: what
 * comes back from the worker is data like any file's content, and is used only once it has the expected shape.
 */
import { z } from 'zod';
import { findingSchema, planSchema, submissionSchema } from '../../core';
import type { WorkbookGrid } from '../../core';

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array');

/**
 * A file of the intake to keep in the workbook: a submission the worker read and holds (by the id of its reading,
 * with the received day as the pane has it now), or the whole submission (read in the page, from an e-mail, kept
 * from an earlier day).
 */
const intakeFileSchema = z.object({
  at: z.union([
    z.object({
      held: z.number().int().nonnegative(),
      receivedOn: submissionSchema.shape.receivedOn,
      receivedFrom: submissionSchema.shape.receivedFrom,
    }),
    z.object({ submission: submissionSchema }),
  ]),
  modified: z.number().nullable(),
  entered: submissionSchema.shape.receivedOn,
  fromEmail: z.string().optional(),
});
export type IntakeFileMessage = z.infer<typeof intakeFileSchema>;

/** The intake log's part of the stored intake (its dates as pairs: a Map does not cross every webview's clone). */
const intakeLogSchema = z.object({
  name: z.string(),
  size: z.number(),
  modified: z.number().nullable(),
  dates: z.array(z.tuple([z.string(), z.string()])),
  findings: z.array(findingSchema),
});
export type IntakeLogMessage = z.infer<typeof intakeLogSchema>;

/** The pane → the worker. */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), plan: planSchema }),
  z.object({
    type: z.literal('read'),
    id: z.number().int().nonnegative(),
    name: z.string(),
    bytes,
    receivedOn: z.string().nullable(),
    receivedFrom: submissionSchema.shape.receivedFrom,
    /**
     * The file itself (a handle, not its bytes) when its modification day is the received date: the worker asks
     * for that time, a synchronous call that waited up to a second in the page's thread while files were read.
     */
    stamp: z.custom<File>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'stamp must be a File').optional(),
  }),
  z.object({ type: z.literal('grid'), id: z.number().int().nonnegative(), name: z.string(), bytes }),
  /** The stored intake encoded (encodeIntakeStore) in the worker, off the page's thread. */
  z.object({
    type: z.literal('encode'),
    id: z.number().int().nonnegative(),
    plan: planSchema,
    files: z.array(intakeFileSchema),
    log: intakeLogSchema.nullable(),
  }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

const cellValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.date(),
  z.null(),
  z.object({ formula: z.string() }),
  z.object({ error: z.string() }),
]);

/** A workbook as grids (readWorkbookGrid), for the intake log. */
export const workbookGridSchema: z.ZodType<WorkbookGrid> = z.object({
  sheets: z.array(
    z.object({
      name: z.string(),
      state: z.string(),
      originRow: z.number(),
      originCol: z.number(),
      rows: z.array(z.array(cellValueSchema)),
      notRead: z.object({ fromRow: z.number().nullable(), fromCol: z.number().nullable() }).optional(),
    }),
  ),
  date1904: z.boolean(),
  repairs: z.array(z.string()).optional(),
});

/** The worker → the pane. */
export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('done'), id: z.number().int().nonnegative(), submission: submissionSchema }),
  z.object({ type: z.literal('grid'), id: z.number().int().nonnegative(), grid: workbookGridSchema }),
  z.object({
    type: z.literal('encoded'),
    id: z.number().int().nonnegative(),
    cells: z.array(z.array(z.union([z.string(), z.number()]))),
  }),
  z.object({ type: z.literal('failed'), id: z.number().int().nonnegative(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
