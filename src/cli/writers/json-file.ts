/**
 * The consolidation's JSON written as a stream: at 10,000 files its `details` are 600,000 rows, over
 * 100 MB of text, which `JSON.stringify` of the whole would hold at once (with every row as an object besides).
 * The text is byte for byte what `JSON.stringify(json, null, 2) + '\n'` gives: the head as one piece, then the
 * detail rows a hundred at a time, each batch stringified as `{ "details": [...] }` (the same depth as in the
 * whole) with its first and last lines cut, written with the file's backpressure.
 */
import { promises as fs } from 'node:fs';
import { type Consolidation, consolidationJsonHead, eachDetail } from '../../core';

/** `JSON.stringify(value, null, 2)` as it appears `depth` levels deep in an indented document. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));
}

/**
 * Rows stringified a batch at a time, as the items of a top-level key's array (one native call per batch). A
 * batch small enough to die young: rows of a batch of 1,000 often outlived a minor collection and piled up in the
 * old space until a full one (at 5,000 files the heap peaked at 95 MB while writing the JSON, 65 MB with 100).
 */
const BATCH = 100;
const OPEN = '{\n  "details": [\n    ';
const CLOSE = '\n  ]\n}';

function itemsText(batch: unknown[]): string {
  return JSON.stringify({ details: batch }, null, 2).slice(OPEN.length, -CLOSE.length);
}

/** The pieces of the document: `{ ...head, details, ...tail }` (keys whose value is undefined left out). */
export function* consolidationJsonText(c: Consolidation, tail: Record<string, unknown> = {}): Generator<string> {
  const head = JSON.stringify(consolidationJsonHead(c), null, 2);
  yield head.slice(0, -2); // without "\n}": the head always has keys
  yield ',\n  "details": [';
  let batch: unknown[] = [];
  let first = true;
  const flush = () => {
    const text = (first ? '\n    ' : ',\n    ') + itemsText(batch);
    first = false;
    batch = [];
    return text;
  };
  for (const row of eachDetail(c)) {
    batch.push(row);
    if (batch.length === BATCH) yield flush();
  }
  if (batch.length > 0) yield flush();
  yield first ? ']' : '\n  ]';
  for (const [key, value] of Object.entries(tail))
    if (value !== undefined) yield `,\n  ${JSON.stringify(key)}: ${nested(value, 1)}`;
  yield '\n}\n';
}

/** Pieces gathered into chunks of about `size` characters (fewer, larger writes). */
function* chunked(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf: string[] = [];
  let length = 0;
  for (const p of pieces) {
    buf.push(p);
    length += p.length;
    if (length >= size) {
      yield buf.join('');
      buf = [];
      length = 0;
    }
  }
  if (buf.length > 0) yield buf.join('');
}

/** Writes the JSON of `c` (and `tail` after `details`, e.g. summaryFile) to `file`. */
export async function writeConsolidationJson(
  c: Consolidation,
  file: string,
  tail: Record<string, unknown> = {},
): Promise<void> {
  // fs.writeFile takes the chunks one after another, each written before the next is made
  await fs.writeFile(file, chunked(consolidationJsonText(c, tail)));
}
