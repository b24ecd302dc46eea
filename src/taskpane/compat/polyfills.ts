/**
 * What the pane needs that Internet Explorer 11 and EdgeHTML (Office 2016–2019 on Windows) lack, loaded before
 * anything else in the legacy build (the modern build has compat/modern.ts instead). Babel adds the core-js
 * polyfills each module uses (useBuiltIns: 'usage'); listed here are those it cannot see: what webpack's chunk
 * loading and the DOM code need, Unicode normalization (Vietnamese text is compared in NFC: unorm carries the
 * Unicode data), TextEncoder/TextDecoder (UTF-8), SHA-256 and a few DOM methods. Nothing calls fetch.
 */
import 'core-js/stable/promise';
import 'core-js/stable/symbol';
import 'core-js/stable/array/iterator';
import 'core-js/stable/object/entries';
import 'core-js/stable/array/includes';
import 'core-js/stable/url';
import 'core-js/stable/url-search-params';
import 'core-js/stable/dom-collections';
// the libraries of the engine chunk (JSZip, ExcelJS, zod) call these through helpers Babel cannot see
import 'core-js/stable/array';
import 'core-js/stable/typed-array';
import 'core-js/stable/string';
import 'core-js/stable/object';
import 'core-js/stable/map';
import 'core-js/stable/set';
import 'core-js/stable/weak-map';
import 'core-js/stable/set-immediate';
import 'core-js/stable/queue-microtask';
import 'unorm';
import 'fast-text-encoding';
import { sha256 } from 'js-sha256';

/** Blob.arrayBuffer / File.arrayBuffer (IE11, EdgeHTML < 79) through FileReader. */
function blobArrayBuffer(this: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(this);
  });
}
if (typeof Blob !== 'undefined' && !Blob.prototype.arrayBuffer)
  Object.defineProperty(Blob.prototype, 'arrayBuffer', { value: blobArrayBuffer, configurable: true, writable: true });

/** ChildNode.remove, as the libraries in the pane's chunks may call it. */
if (typeof Element !== 'undefined' && !Element.prototype.remove)
  Object.defineProperty(Element.prototype, 'remove', {
    value: function remove(this: Element) {
      this.parentNode?.removeChild(this);
    },
    configurable: true,
    writable: true,
  });

/** crypto.subtle.digest('SHA-256') where Web Crypto is missing (IE11): the intake's file identity. */
const g = (typeof window !== 'undefined' ? window : self) as unknown as { crypto?: { subtle?: unknown } };
if (!g.crypto || !g.crypto.subtle) {
  const subtle = {
    digest(algorithm: string, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer> {
      if (String(algorithm).toUpperCase() !== 'SHA-256') return Promise.reject(new Error(String(algorithm)));
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      return Promise.resolve(sha256.arrayBuffer(bytes));
    },
  };
  try {
    if (!g.crypto) Object.defineProperty(g, 'crypto', { value: {}, configurable: true, writable: true });
    Object.defineProperty(g.crypto, 'subtle', { value: subtle, configurable: true });
  } catch {
    /* a read-only crypto object: hashing will say it cannot */
  }
}
