/** The pane's SHA-256 (for webviews without Web Crypto) gives Node's digests. */
import { createHash } from 'node:crypto';
import { sha256 } from '../../src/taskpane/reading/sha256';

test.each([0, 1, 55, 56, 63, 64, 65, 1000, 100_000])('%i bytes', (n) => {
  const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
  expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
});
