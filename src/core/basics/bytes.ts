/** Byte arrays as one (a single array as it is): what an inflater or a streaming deflate gives in pieces. */
export function joinBytes(
  chunks: readonly Uint8Array[],
  length = chunks.reduce((n, c) => n + c.length, 0),
): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
