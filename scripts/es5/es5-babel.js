/**
 * What Babel's preset cannot do for Internet Explorer 11 (and EdgeHTML 18), used by webpack.config.js:
 *
 * - zod 4 builds its int64/uint64 ranges with BigInt(…) when it loads. Neither webview has BigInt, and no polyfill
 *   can give it; no schema of ours uses a 64-bit integer format, so those two calls are guarded (the ranges are
 *   left undefined where BigInt is missing) and nothing else of zod changes.
 * - Libraries build regular expressions with the `u` flag at load time (ExcelJS's bundled xmlchars and the saxes
 *   parser: XML name characters, astral planes included; docx's \\p{L} names). IE11's RegExp throws on any flag but
 *   g, i and m, and Babel rewrites only regex literals. Here every `new RegExp(p, flags)` / `RegExp(p, flags)` of
 *   the legacy build with such flags is rewritten by regexpu-core (Babel's own rewriter) when p is known at build
 *   time, and otherwise goes through es5RegExp (src/taskpane/compat/es5-regexp.ts), which takes the ES5 pattern
 *   from a table made at build time from the patterns these libraries actually build as they load.
 */
const path = require('node:path');
const rewritePattern = require('regexpu-core');

const ES5_REGEXP = path.resolve(__dirname, '..', '..', 'src', 'taskpane', 'compat', 'es5-regexp.ts');
const ZOD_UTIL = /[\\/]zod[\\/]v4[\\/]core[\\/]util\.c?js$/;

/** `BigInt(x)` in zod's util → `(typeof BigInt === "function" ? BigInt(x) : undefined)`. */
function zodBigIntPlugin({ types: t }) {
  return {
    name: 'tonghop-zod-bigint',
    visitor: {
      CallExpression(p, state) {
        if (!ZOD_UTIL.test(state.filename || '')) return;
        const callee = p.node.callee;
        if (!t.isIdentifier(callee, { name: 'BigInt' }) || p.scope.getBinding('BigInt')) return;
        if (t.isConditionalExpression(p.parent)) return; // already guarded
        const guard = t.binaryExpression(
          '===',
          t.unaryExpression('typeof', t.identifier('BigInt')),
          t.stringLiteral('function'),
        );
        p.replaceWith(t.conditionalExpression(guard, p.node, t.identifier('undefined')));
      },
    },
  };
}

/** Flags that IE11's RegExp accepts. */
const IE_FLAGS = /^[gim]*$/;

/** The ES5 form of a pattern with the u and s flags (\\p{…} escapes, astral ranges, dotAll), by regexpu-core. */
function es5Pattern(pattern, flags) {
  return rewritePattern(pattern, flags, {
    unicodeFlag: 'transform',
    unicodePropertyEscapes: 'transform',
    dotAllFlag: 'transform',
  });
}

/**
 * `new RegExp(p, f)` with flags IE11 refuses: rewritten here when p is known at build time (a literal, a
 * template of constants), else routed to es5RegExp (its table, or its rule for BMP-only patterns).
 */
function regExpFlagsPlugin({ types: t }) {
  return {
    name: 'tonghop-es5-regexp',
    visitor: {
      'NewExpression|CallExpression'(p, state) {
        const { callee, arguments: args } = p.node;
        if (!t.isIdentifier(callee, { name: 'RegExp' }) || p.scope.getBinding('RegExp') || args.length < 2) return;
        if (state.filename === ES5_REGEXP) return;
        const flags = p.get('arguments.1').evaluate();
        if (flags.confident && typeof flags.value === 'string' && IE_FLAGS.test(flags.value)) return;
        const pattern = p.get('arguments.0').evaluate();
        if (flags.confident && pattern.confident && typeof pattern.value === 'string' && !flags.value.includes('y')) {
          const es5 = es5Pattern(pattern.value, flags.value);
          const rest = flags.value.replace(/[us]/g, '');
          p.replaceWith(t.newExpression(t.identifier('RegExp'), [t.stringLiteral(es5), t.stringLiteral(rest)]));
          return;
        }
        const helper = state.file.get('tonghopEs5RegExp') || addHelper(t, p, state);
        p.replaceWith(t.callExpression(t.cloneNode(helper), args));
      },
    },
  };
}

function addHelper(t, p, state) {
  const program = p.findParent((x) => x.isProgram());
  const id = program.scope.generateUidIdentifier('es5RegExp');
  const isModule = program.node.sourceType === 'module';
  const source = t.stringLiteral(ES5_REGEXP);
  const decl = isModule
    ? t.importDeclaration([t.importSpecifier(id, t.identifier('es5RegExp'))], source)
    : t.variableDeclaration('var', [
        t.variableDeclarator(
          id,
          t.memberExpression(t.callExpression(t.identifier('require'), [source]), t.identifier('es5RegExp')),
        ),
      ]);
  program.unshiftContainer('body', decl);
  state.file.set('tonghopEs5RegExp', id);
  return id;
}

/** The modules whose load-time regular expressions the table covers (every one the pane bundles). */
const MODULES_WITH_UNICODE_REGEXPS = [
  'exceljs/dist/exceljs.min.js',
  'xmlchars/xml/1.0/ed5.js',
  'xmlchars/xml/1.0/ed4.js',
  'xmlchars/xml/1.1/ed2.js',
  'xmlchars/xmlns/1.0/ed3.js',
  'saxes',
];

/**
 * Every regular expression with a flag IE11 refuses that these modules build as they load and run, as
 * { "<flags>/<pattern>": "<ES5 pattern>" }: recorded by loading them in Node with RegExp watched, each pattern
 * rewritten by regexpu-core. Sticky (y) patterns have no ES5 equivalent and are left out (es5RegExp refuses them).
 */
function es5RegExpTable() {
  const Native = RegExp;
  const seen = new Map();
  const note = (a) => {
    const flags = a[1] === undefined ? '' : String(a[1]);
    if (!IE_FLAGS.test(flags)) seen.set(`${flags}/${a[0] instanceof Native ? a[0].source : String(a[0])}`, flags);
  };
  global.RegExp = new Proxy(Native, {
    construct: (target, a, nt) => (note(a), Reflect.construct(target, a, nt === global.RegExp ? target : nt)),
    apply: (target, self, a) => (note(a), Reflect.apply(target, self, a)),
  });
  try {
    for (const m of MODULES_WITH_UNICODE_REGEXPS) {
      const file = require.resolve(m);
      delete require.cache[file];
      require(file);
    }
  } finally {
    global.RegExp = Native;
  }
  const table = {};
  for (const [key, flags] of seen) {
    if (flags.includes('y')) continue;
    const pattern = key.slice(flags.length + 1);
    table[key] = es5Pattern(pattern, flags);
  }
  return table;
}

module.exports = { zodBigIntPlugin, regExpFlagsPlugin, es5RegExpTable, ES5_REGEXP };
