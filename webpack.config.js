/**
 * The task pane's build, after the official Office task-pane template:
 *   npm run build                    production build in dist/, manifest URLs rewritten to ADDIN_URL (env)
 *   OFFICE_JS=local npm run build    the same, with office.js served from dist/office-js/ (no Microsoft CDN)
 *   OFFICE_JS=fallback npm run build office.js from the CDN, the local copy shipped for when the CDN does not load
 *   npm run dev-server               https://localhost:3000 with office-addin-dev-certs
 *
 * Two builds of the same code, both served by one taskpane.html (docs/addin.md):
 * - modern (dist/*.js): ES2020 as WebView2, Chromium, Safari 14+ and Firefox run it, no core-js;
 * - legacy (dist/es5/*.js): ES5 with core-js for Internet Explorer 11 and EdgeHTML (Office 2016/2019 on Windows),
 *   checked by es-check; zod's load-time BigInt and the libraries' `u`-flag regular expressions are rewritten for
 *   it (scripts/es5/es5-babel.js).
 * boot.js (ES5, dist/boot.js) runs first: it explains an unsupported webview, loads office.js (CDN or local copy,
 * with the fallback), feature-tests the webview and adds the modern or the legacy entry script.
 * The engine (ExcelJS, zod, JSZip) is a separate chunk in each build, loaded on first use.
 */
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { helpPage } = require('./scripts/guide-html');
const { zodBigIntPlugin, regExpFlagsPlugin, es5RegExpTable } = require('./scripts/es5/es5-babel');

/** Changes to the Babel plugins invalidate Babel's cache. */
const BABEL_PLUGINS_HASH = require('node:crypto')
  .createHash('sha256')
  .update(fs.readFileSync(require.resolve('./scripts/es5/es5-babel')))
  .digest('hex')
  .slice(0, 16);

const DEV_PORT = 3000;
const DEV_URL = `https://localhost:${DEV_PORT}/`;
/** dist/, or TONGHOP_DIST (the browser tests build the OFFICE_JS=local variant beside the default one). */
const DIST = path.resolve(__dirname, process.env.TONGHOP_DIST || 'dist');
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Where the local copy of office.js goes in dist/ (from the @microsoft/office-js package). */
const OFFICE_LOCAL_DIR = 'office-js';

/** ADDIN_URL without a trailing slash problem: "https://example.org/tonghop" → "https://example.org/tonghop/". */
function addinUrl() {
  const raw = process.env.ADDIN_URL;
  if (!raw) return null;
  const u = new URL(raw);
  if (u.protocol !== 'https:')
    throw new Error(`ADDIN_URL must be https (Office loads add-ins over https only): ${raw}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** Where office.js comes from: 'cdn' (default), 'local' (dist/office-js only), 'fallback' (CDN, then dist/office-js). */
function officeJsMode() {
  const mode = (process.env.OFFICE_JS || 'cdn').toLowerCase();
  if (!['cdn', 'local', 'fallback'].includes(mode))
    throw new Error(`OFFICE_JS must be cdn, local or fallback, not ${process.env.OFFICE_JS}`);
  return mode;
}

/** The origins the pane loads scripts from besides its own: the CDN's, unless office.js is local only. */
function officeOrigins(mode) {
  return mode === 'local' ? [] : [new URL(OFFICE_CDN).origin];
}

/**
 * The manifest as built: the dev URLs replaced by ADDIN_URL when given (production), and its AppDomains the
 * add-in's origin plus the origins the pane's content security policy allows scripts from.
 */
function rewriteManifest(content, url, mode = 'cdn') {
  const text = content.toString('utf8');
  const origin = url ? new URL(url).origin : DEV_URL.replace(/\/$/, '');
  const domains = [origin, ...officeOrigins(mode)].map((d) => `    <AppDomain>${d}</AppDomain>`).join('\n');
  return (url ? text.split(DEV_URL).join(url) : text).replace(
    /<AppDomains>[\s\S]*?<\/AppDomains>/,
    `<AppDomains>\n${domains}\n  </AppDomains>`,
  );
}

/** The content security policy of taskpane.html: our own scripts and, unless local only, Microsoft's CDN. */
function contentSecurityPolicy(mode) {
  const scripts = ["'self'", ...officeOrigins(mode)].join(' ');
  return (
    `default-src 'self'; script-src ${scripts}; style-src 'self'; img-src 'self' data:; connect-src 'self'; ` +
    "object-src 'none'; base-uri 'self'; form-action 'none'"
  );
}

const MODERN_TARGETS = { chrome: '85', edge: '85', firefox: '79', safari: '14.1' };

/** Babel for one build: ES5 + core-js for the legacy one, ES2020 and nothing added for the modern one. */
function babel(legacy) {
  return {
    cacheDirectory: path.resolve(__dirname, 'test-results', '.babel-cache', legacy ? 'legacy' : 'modern'),
    // the plugins are functions, which babel-loader's own cache key leaves out: their source is in this one
    cacheIdentifier: `${legacy}:${BABEL_PLUGINS_HASH}:${require('@babel/core/package.json').version}`,
    babelrc: false,
    configFile: false,
    sourceType: 'unambiguous',
    compact: false,
    plugins: legacy ? [zodBigIntPlugin, regExpFlagsPlugin] : [zodBigIntPlugin],
    presets: [
      [
        '@babel/preset-env',
        legacy
          ? {
              targets: { ie: '11' },
              modules: false,
              useBuiltIns: 'usage',
              corejs: require('core-js/package.json').version,
            }
          : { targets: MODERN_TARGETS, modules: false, useBuiltIns: false, bugfixes: true },
      ],
    ],
  };
}

/**
 * boot.js and the strings it shows stay small and plain: ES5 without core-js (they use nothing ES5 lacks), so that
 * the modern build's first load does not carry the legacy build's polyfills. The legacy pane loads those itself.
 */
const PLAIN_ES5 = /src[\\/]taskpane[\\/](compat[\\/]boot|strings|strings-boot)\.ts$/;

/** The rules of one build: TypeScript through ts-loader then Babel; the dependencies through Babel. */
function rules(legacy, dev) {
  const options = babel(legacy);
  const plain = {
    ...options,
    cacheIdentifier: `${options.cacheIdentifier}:plain`,
    presets: [['@babel/preset-env', { targets: { ie: '11' }, modules: false }]],
  };
  const tsLoader = {
    loader: 'ts-loader',
    options: {
      configFile: path.resolve(__dirname, 'tsconfig.json'),
      // ES modules so that webpack splits the dynamic import() and shakes the rest; Babel does the rest
      compilerOptions: {
        module: 'es2020',
        target: 'es2020',
        moduleResolution: 'node',
        sourceMap: dev,
        types: ['office-js'],
      },
      onlyCompileBundledFiles: true,
      transpileOnly: false,
    },
  };
  return [
    {
      test: /\.ts$/,
      exclude: /node_modules/,
      use: (info) => [
        { loader: 'babel-loader', options: legacy && PLAIN_ES5.test(info.resource) ? plain : options },
        tsLoader,
      ],
    },
    {
      // the dependencies (ExcelJS, zod, JSZip, fflate, mammoth …) are ES2015+ too. pdfjs-dist is not Babel's: it
      // cannot run in IE11 whatever the syntax, so the pane never loads it there (PDF plans say so, in Vietnamese)
      // and it stays in its own chunk, pdfjs/, which the ES5 check skips.
      test: /\.m?js$/,
      exclude: /node_modules[\\/](core-js|webpack|regenerator-runtime|@babel|pdfjs-dist)[\\/]/,
      use: { loader: 'babel-loader', options },
      resolve: { fullySpecified: false },
    },
  ];
}

/** What both builds share; `legacy` decides the syntax, the polyfills and the folder. */
function paneBuild(legacy, dev) {
  const dir = legacy ? 'es5/' : '';
  return {
    name: legacy ? 'legacy' : 'modern',
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    target: legacy ? ['web', 'es5'] : ['web', 'es2020'],
    output: {
      path: DIST,
      // the legacy build's scripts are added by boot.js, where IE11 has no document.currentScript to find them by:
      // its chunks are found from the page's folder instead
      publicPath: legacy ? '' : 'auto',
      filename: (data) => (data.chunk && data.chunk.name === 'boot' ? 'boot.js' : `${dir}[name].[contenthash:8].js`),
      chunkFilename: (data) =>
        data.chunk && data.chunk.name === 'pdfjs'
          ? `${dir}pdfjs/[name].[contenthash:8].js`
          : `${dir}[name].[contenthash:8].js`,
      // a module that throws while it loads is not kept half-evaluated: the next import() evaluates it again
      strictModuleExceptionHandling: true,
      clean: false,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // the polyfills are the legacy build's only
      alias: legacy
        ? {}
        : {
            [path.resolve(__dirname, 'src/taskpane/compat/polyfills')]: path.resolve(
              __dirname,
              'src/taskpane/compat/modern.ts',
            ),
            [path.resolve(__dirname, 'src/taskpane/compat/regexp-sticky')]: path.resolve(
              __dirname,
              'src/taskpane/compat/modern.ts',
            ),
          },
    },
    module: { rules: rules(legacy, dev) },
    performance: { hints: false },
    optimization: {
      splitChunks: {
        // the pane's reading worker (src/taskpane/reading/read-worker.ts) is one file: webpack's start-up of a worker whose
        // code is split needs Promise before the worker's own polyfills run, which IE11's worker lacks
        chunks: (chunk) => !chunk.canBeInitial() && chunk.name !== 'read-worker',
        cacheGroups: { pdfjs: { test: /[\\/]pdfjs-dist[\\/]/, name: 'pdfjs', chunks: 'async', enforce: true } },
      },
    },
    // rebuilds (the browser tests build first) reuse what did not change
    cache: {
      type: 'filesystem',
      cacheDirectory: path.resolve(__dirname, 'test-results', '.webpack-cache'),
      buildDependencies: { config: [__filename, require.resolve('./scripts/es5/es5-babel')] },
    },
  };
}

/** The legacy build: boot.js and the ES5 pane in dist/es5/; records its entry files for taskpane.html. */
function legacyConfig(dev, builds) {
  const config = paneBuild(true, dev);
  config.entry = { boot: './src/taskpane/compat/boot.ts', taskpane: './src/taskpane/taskpane.ts' };
  config.plugins = [
    emptyDist(),
    new webpack.DefinePlugin({ __ES5_REGEXPS__: JSON.stringify(es5RegExpTable()), __LEGACY_BUILD__: 'true' }),
    entryFilesOf('taskpane', (files) => (builds.legacy = files)),
  ];
  return config;
}

/** The modern build, after the legacy one: its scripts, taskpane.html naming both, and the static files. */
function modernConfig(dev, builds, url, mode) {
  const config = paneBuild(false, dev);
  config.entry = { taskpane: './src/taskpane/taskpane.ts' };
  config.dependencies = ['legacy'];
  config.plugins = [
    new webpack.DefinePlugin({ __LEGACY_BUILD__: 'false' }),
    new HtmlWebpackPlugin({
      filename: 'taskpane.html',
      template: './src/taskpane/taskpane.html',
      chunks: ['taskpane'],
      // boot.js adds the entry script of one build or the other (named in <meta name="tonghop-build">)
      inject: false,
      templateParameters: (compilation, assets) => ({
        csp: contentSecurityPolicy(mode),
        modern: assets.js.map((f) => f.replace(/^auto\//, '')).join(' '),
        legacy: (builds.legacy || []).join(' '),
        officeCdn: mode === 'local' ? '' : OFFICE_CDN,
        officeLocal: mode === 'cdn' ? '' : `${OFFICE_LOCAL_DIR}/office.js`,
      }),
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
        // the user guide (docs/huong-dan) as the help page, with its pictures; the PDF is scripts/guide-pdf.js
        { from: 'src/taskpane/help.html', to: 'help.html', transform: (content) => helpPage(content.toString()) },
        { from: 'src/taskpane/help.css', to: 'help.css' },
        { from: 'docs/huong-dan/hinh/*.png', to: 'huong-dan/hinh/[name][ext]' },
        { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
        { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => rewriteManifest(content, url, mode) },
        ...(mode === 'cdn' ? [] : [officeJsCopy()]),
        ...ocrCopy(),
      ],
    }),
  ];
  return config;
}

/**
 * office.js and what it loads for Excel (the Excel host scripts, the strings of every display language, its
 * Promise for IE11, telemetry), from the @microsoft/office-js package: a snapshot of the CDN's files.
 */
function officeJsCopy() {
  return {
    from: '**/*.js',
    context: path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist'),
    to: `${OFFICE_LOCAL_DIR}/`,
    globOptions: {
      ignore: [
        '**/*.debug.js',
        '**/*vsdoc*',
        '**/outlook*',
        '**/{word,wordios,powerpoint,powerpointios,onenote,project,access,visio}*',
        '**/custom-functions-runtime*',
      ],
    },
  };
}

/**
 * OCR of a scanned plan in the pane (src/taskpane/reading/ocr-worker.ts): Tesseract compiled to WebAssembly
 * (tesseract.js-core, with SIMD and without) and the Vietnamese model (@tesseract.js-data/vie), in dist/ocr/,
 * fetched by the OCR worker only when a scan is opened.
 */
function ocrCopy() {
  const core = path.dirname(require.resolve('tesseract.js-core/package.json'));
  const vie = path.dirname(require.resolve('@tesseract.js-data/vie/package.json'));
  return [
    ...['tesseract-core-simd-lstm', 'tesseract-core-lstm'].flatMap((name) =>
      ['js', 'wasm'].map((ext) => ({ from: path.join(core, `${name}.${ext}`), to: `ocr/${name}.${ext}` })),
    ),
    { from: path.join(vie, '4.0.0_best_int', 'vie.traineddata.gz'), to: 'ocr/vie.traineddata.gz' },
  ];
}

/** The two builds write side by side in dist/: emptied once, before the first (not while watching or serving). */
function emptyDist() {
  return {
    apply(compiler) {
      compiler.hooks.beforeRun.tap('tonghop-empty-dist', () => fs.rmSync(DIST, { recursive: true, force: true }));
    },
  };
}

/** A plugin handing the files of entry `name` (relative to dist/) to `save` once its build is done. */
function entryFilesOf(name, save) {
  return {
    apply(compiler) {
      compiler.hooks.afterEmit.tap('tonghop-entry-files', (compilation) => {
        save(
          compilation.entrypoints
            .get(name)
            .getFiles()
            .filter((f) => f.endsWith('.js')),
        );
      });
    },
  };
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const url = dev ? null : addinUrl();
  const mode = officeJsMode();
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const builds = {};
  const configs = [legacyConfig(dev, builds), modernConfig(dev, builds, url, mode)];
  if (dev) {
    // certificates only when serving: the production build must work offline and without them
    const devCerts = require('office-addin-dev-certs');
    configs[1].devServer = {
      // everything (html, css, icons, manifest) is emitted by the build itself, served from memory
      static: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: serving ? await devCerts.getHttpsServerOptions() : {} },
      port: DEV_PORT,
      hot: false,
      liveReload: true,
    };
  }
  return configs;
};

module.exports.DEV_PORT = DEV_PORT;
module.exports.DEV_URL = DEV_URL;
module.exports.OFFICE_CDN = OFFICE_CDN;
module.exports.rewriteManifest = rewriteManifest;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.paneBuild = paneBuild;
module.exports.es5RegExpTable = es5RegExpTable;
