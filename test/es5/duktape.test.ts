/**
 * The pane's engine on a real ES5 engine: Debian's duktape (ES5.1: no BigInt, no `u` regular-expression flag, no
 * Promise, as Internet Explorer 11) runs the engine as the legacy build ships it (same webpack settings, Babel,
 * core-js and polyfills: engine-entry.ts through webpack.config.js's paneBuild(true)). The sample plan and the
 * sample's submissions go in as bytes; it reads, consolidates and writes the summary workbook, and its JSON and
 * the workbook's cells equal Node's on the same inputs; a second case does the report upward and the reminders.
 *
 * Duktape is an interpreter: the first case reads a subset of the sample (one file of each kind the sample has,
 * see SUBSET); `TONGHOP_ES5_ALL=1` reads all of it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as core from '../../src/core';
import { buildReminders, buildReportWorkbook } from '../../src/core/report';
import { buildSample } from '../../src/sample/sample';
import { type Case, type InFile, runCase } from './flow';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'es5');
const DUK = process.env.DUK_PATH ?? '/usr/bin/duk';
const ALL = process.env.TONGHOP_ES5_ALL === '1';

/** The sample files read in duktape by default: on time, late, a duplicate, rejected kinds, the messy ones. */
const SUBSET = 8;

/**
 * What duktape lacks and IE11 has: a global `self`, console, timers (on a virtual clock, drained at the end),
 * msCrypto.getRandomValues (IE11's prefixed Web Crypto; uuid in ExcelJS asks for it), and
 * ECMA-402's Number.prototype.toLocaleString for 'vi-VN' (duktape has no Intl and takes the argument for a radix;
 * IE11 formats 1234.5 as "1.234,5", at most maximumFractionDigits decimals, 3 by default, as Node does).
 */
const PRELUDE = `var self = this;
// duktape's partial ES2015 built-ins that IE11 has not at all (its Reflect.get refuses a receiver): the code takes
// the paths it takes in IE11
delete this.Reflect;
delete this.Proxy;
var msCrypto = { getRandomValues: function (a) { for (var i = 0; i < a.length; i++) a[i] = Math.floor(Math.random() * 256); return a; } };
Number.prototype.toLocaleString = function (locale, options) {
  var max = options && options.maximumFractionDigits !== undefined ? options.maximumFractionDigits : 3;
  var n = Number(this), sign = n < 0 ? '-' : '', f = Math.pow(10, max), r = Math.round(Math.abs(n) * f) / f;
  var parts = String(r).split('.'), int = parts[0], out = '';
  while (int.length > 3) { out = '.' + int.slice(-3) + out; int = int.slice(0, -3); }
  return sign + int + out + (parts[1] ? ',' + parts[1] : '');
};
var console = { log: function () { print(Array.prototype.join.call(arguments, ' ')); } };
console.error = console.warn = console.info = console.log;
(function () {
  var queue = [], next = 0, now = 0;
  self.setTimeout = function (fn, ms) {
    var args = Array.prototype.slice.call(arguments, 2);
    queue.push({ id: ++next, at: now + Math.max(0, Number(ms) || 0), fn: fn, args: args });
    return next;
  };
  self.clearTimeout = function (id) {
    for (var i = 0; i < queue.length; i++) if (queue[i].id === id) { queue.splice(i, 1); return; }
  };
  self.__drain = function () {
    while (queue.length) {
      var k = 0;
      for (var i = 1; i < queue.length; i++) if (queue[i].at < queue[k].at) k = i;
      var t = queue.splice(k, 1)[0];
      now = t.at;
      t.fn.apply(null, t.args);
    }
  };
  var A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', map = {};
  for (var j = 0; j < 64; j++) map[A.charAt(j)] = j;
  self.__bytes = function (b64) {
    var clean = b64.replace(/=+$/, ''), out = new Uint8Array(Math.floor(clean.length * 3 / 4)), o = 0, bits = 0, acc = 0;
    for (var i = 0; i < clean.length; i++) {
      acc = (acc << 6) | map[clean.charAt(i)];
      bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
    }
    return out;
  };
})();
`;

function driver(c: Case): string {
  const files = (list: InFile[]) =>
    `[${list.map((f) => `{ name: ${JSON.stringify(f.name)}, receivedOn: ${JSON.stringify(f.receivedOn)}, bytes: __bytes(${JSON.stringify(Buffer.from(f.bytes).toString('base64'))}) }`).join(',\n')}]`;
  return `
var failure = null, result = null;
self.tonghopEs5
  .run({ planBytes: __bytes(${JSON.stringify(Buffer.from(c.planBytes).toString('base64'))}), asOf: ${JSON.stringify(c.asOf)}, report: ${c.report}, files: ${files(c.files)} })
  .then(function (r) { result = r; }, function (e) { failure = e; });
__drain();
if (failure) print('FAILED ' + (failure && failure.stack ? failure.stack : failure));
else if (!result) print('FAILED: never settled');
else print(JSON.stringify(result));
`;
}

/**
 * engine-entry.ts as the legacy build compiles it (scripts/es5/build-engine.js, in its own process);
 * TONGHOP_ES5_BUNDLE names another build of it instead (e.g. one made with main's webpack settings).
 */
function buildEs5Engine(): string {
  if (process.env.TONGHOP_ES5_BUNDLE) return fs.readFileSync(process.env.TONGHOP_ES5_BUNDLE, 'utf8');
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'es5', 'build-engine.js')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (e) {
    throw new Error(
      `scripts/es5/build-engine.js failed:\n${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 4000)}`,
    );
  }
  return fs.readFileSync(path.join(OUT, 'engine-es5.js'), 'utf8');
}

function runInDuktape(bundle: string, c: Case, name: string): unknown {
  const file = path.join(OUT, `${name}.js`);
  fs.writeFileSync(file, `${PRELUDE}\n${bundle}\n${driver(c)}`);
  const started = Date.now();
  const out = execFileSync(DUK, [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  console.log(`duktape, ${name}: ${c.files.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const last = out.trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) throw new Error(`duktape: ${out.slice(-4000)}`);
  return JSON.parse(last);
}

const node = async (c: Case) =>
  JSON.parse(JSON.stringify(await runCase({ ...core, buildReportWorkbook, buildReminders }, c))) as unknown;

let bundle: string;
let sample: Awaited<ReturnType<typeof buildSample>>;

beforeAll(async () => {
  if (!fs.existsSync(DUK)) throw new Error(`${DUK} is missing: apt-get install duktape`);
  fs.mkdirSync(OUT, { recursive: true });
  bundle = buildEs5Engine();
  sample = await buildSample('soc-trang');
}, 900_000);

/** A subset with one file of each kind: the first on-time ones, then every late, duplicate or rejected one. */
function subset(files: InFile[]): InFile[] {
  if (ALL) return files;
  const story = sample.story;
  const special = new Set([...Object.keys(story.late), ...story.rejected, ...Object.keys(story.messy)]);
  const picked = files.filter((f) => [...special].some((s) => f.name.includes(s)));
  for (const f of files) if (picked.length < SUBSET && !picked.includes(f)) picked.push(f);
  return picked.slice(0, Math.max(SUBSET, 4));
}

test('duktape reads, consolidates and writes the summary as Node does', async () => {
  expect(
    execFileSync(DUK, ['-e', "try { new RegExp('a', 'u'); print('u') } catch (e) { print(e.name) }"], {
      encoding: 'utf8',
    }).trim(),
  ).toBe('SyntaxError');
  const c: Case = { planBytes: sample.planBytes, files: subset(sample.files), asOf: sample.asOf, report: false };
  const inDuk = runInDuktape(bundle, c, 'consolidate') as { json: { intake: unknown[] } };
  expect(inDuk.json.intake.length).toBe(c.files.length);
  expect(inDuk).toEqual(await node(c));
}, 900_000);

test('duktape writes the report upward and the reminders as Node does', async () => {
  const c: Case = {
    planBytes: sample.planBytes,
    files: subset(sample.files).slice(0, 4),
    asOf: sample.asOf,
    report: true,
  };
  const inDuk = runInDuktape(bundle, c, 'report') as { reminders: { docx: string } };
  // the letter names the agencies that have not reported (most of the 38: only 4 files were read)
  expect(inDuk.reminders.docx.length).toBeGreaterThan(10_000);
  expect(inDuk).toEqual(await node(c));
}, 900_000);
