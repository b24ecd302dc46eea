/**
 * The pane's engine as the legacy (ES5) build compiles it, as one file for an ES5 engine outside the browser
 * (test/es5/duktape.test.ts): test/es5/engine-entry.ts through webpack.config.js's paneBuild(true) — the same
 * rules, Babel, core-js, polyfills and RegExp rewriting — into test-results/es5/engine-es5.js, not minified (the
 * same code, quicker to build). Run by the test in its own process: node scripts/es5/build-engine.js
 */
const path = require('node:path');
const webpack = require('webpack');
const { paneBuild } = require('../../webpack.config');
const { es5RegExpTable } = require('./es5-babel');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'test-results', 'es5');

const config = {
  ...paneBuild(true, false),
  name: 'es5-engine',
  entry: { engine: path.join(ROOT, 'test', 'es5', 'engine-entry.ts') },
  output: { path: OUT, filename: 'engine-es5.js', publicPath: '', strictModuleExceptionHandling: true },
  optimization: { minimize: false, splitChunks: false },
  plugins: [
    new webpack.DefinePlugin({ __ES5_REGEXPS__: JSON.stringify(es5RegExpTable()), __LEGACY_BUILD__: 'true' }),
    new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
  ],
};

webpack(config, (err, stats) => {
  if (err || !stats || stats.hasErrors()) {
    console.error(err || (stats && stats.toString({ all: false, errors: true })));
    process.exit(1);
  }
  stats.compilation.compiler.close(() => console.log(path.join(OUT, 'engine-es5.js')));
});
