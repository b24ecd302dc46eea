/**
 * RegExp for the legacy (ES5) build. Internet Explorer 11 throws on every flag but g, i and m; the build rewrites
 * the patterns it can see (scripts/es5/es5-babel.js) and routes the others here:
 * - a pattern the libraries build as they load is taken, in its ES5 form, from the table made at build time;
 * - a pattern with the u flag whose text is all in the Basic Multilingual Plane (no astral character, no \u{…},
 *   no \p{…}) means the same without u for the pane's texts, and is built without it (our extract stage builds
 *   such patterns from Vietnamese words);
 * - a sticky pattern (y) is built as it is where RegExp takes the flag (EdgeHTML; Internet Explorer 11 once
 *   core-js's emulation is loaded: compat/regexp-sticky.ts, with the e-mail parsers);
 * - any other is refused with a message naming it, so that it fails the IE11 and ES5-engine tests rather than a
 *   clerk's pane.
 */
declare const __ES5_REGEXPS__: Record<string, string>;

const table: Record<string, string> = typeof __ES5_REGEXPS__ === 'object' ? __ES5_REGEXPS__ : {};
const ieFlags = /^[gim]*$/;
const beyondBmp = /[\uD800-\uDFFF]|\\u\{|\\[pP]\{/;

function takesSticky(): boolean {
  try {
    return new RegExp('a', 'y').sticky === true;
  } catch {
    return false;
  }
}

export function es5RegExp(pattern: string | RegExp, flags?: string): RegExp {
  if (flags === undefined) return new RegExp(pattern);
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  if (ieFlags.test(flags)) return new RegExp(source, flags);
  const key = `${flags}/${source}`;
  if (Object.prototype.hasOwnProperty.call(table, key)) return new RegExp(table[key], flags.replace(/[us]/g, ''));
  const rest = flags.replace(/u/g, '');
  if (ieFlags.test(rest) && !beyondBmp.test(source)) return new RegExp(source, rest);
  if (/^[gimy]*$/.test(rest) && !beyondBmp.test(source) && takesSticky()) return new RegExp(source, rest);
  throw new SyntaxError(`RegExp /${source.slice(0, 60)}/${flags} has no ES5 form (scripts/es5/es5-babel.js)`);
}
