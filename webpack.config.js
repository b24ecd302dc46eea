/**
 * The task pane's build, after the official Office task-pane template:
 *   npm run build        production build in dist/, manifest URLs rewritten to ADDIN_URL (env)
 *   npm run dev-server   https://localhost:3000 with office-addin-dev-certs (installs the dev CA on first run)
 * The pane's first bundle is small: the engine (ExcelJS, zod, JSZip) is a separate chunk loaded on first use.
 *
 * Every file the pane loads is ES5, for the Internet Explorer 11 / EdgeHTML webviews of Office 2016–2019 on
 * Windows (`npm test` checks it with es-check): TypeScript is compiled by ts-loader, then our code and every
 * dependency go through Babel (preset-env for IE 11, core-js polyfills added where used). boot.js runs first and
 * explains, in Vietnamese, when the webview cannot run the pane.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { helpPage } = require('./scripts/guide-html');

const DEV_PORT = 3000;
const DEV_URL = `https://localhost:${DEV_PORT}/`;

/** ADDIN_URL without a trailing slash problem: "https://example.org/tonghop" → "https://example.org/tonghop/". */
function addinUrl() {
  const raw = process.env.ADDIN_URL;
  if (!raw) return null;
  const u = new URL(raw);
  if (u.protocol !== 'https:')
    throw new Error(`ADDIN_URL must be https (Office loads add-ins over https only): ${raw}`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** The manifest as built: the dev URLs replaced by ADDIN_URL when given (production). */
function rewriteManifest(content, url) {
  const text = content.toString('utf8');
  if (!url) return text;
  const origin = new URL(url).origin;
  return text
    .split(DEV_URL)
    .join(url)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`);
}

/** Babel for the pane: ES5 for Internet Explorer 11, the polyfills each module uses from core-js. */
const BABEL = {
  cacheDirectory: path.resolve(__dirname, 'test-results', '.babel-cache'),
  babelrc: false,
  configFile: false,
  sourceType: 'unambiguous',
  compact: false,
  presets: [
    [
      '@babel/preset-env',
      { targets: { ie: '11' }, modules: false, useBuiltIns: 'usage', corejs: require('core-js/package.json').version },
    ],
  ],
};

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const url = dev ? null : addinUrl();
  const config = {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: { boot: './src/taskpane/compat/boot.ts', taskpane: './src/taskpane/taskpane.ts' },
    target: ['web', 'es5'],
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: (data) => (data.chunk && data.chunk.name === 'boot' ? 'boot.js' : '[name].[contenthash:8].js'),
      // pdfjs (never loaded in IE11, see below) in its own folder, which the ES5 check skips
      chunkFilename: (data) =>
        data.chunk && data.chunk.name === 'pdfjs' ? 'pdfjs/[name].[contenthash:8].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: [
            { loader: 'babel-loader', options: BABEL },
            {
              loader: 'ts-loader',
              options: {
                configFile: path.resolve(__dirname, 'tsconfig.json'),
                // ES modules so that webpack splits the dynamic import() and shakes the rest; Babel does ES5
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
            },
          ],
        },
        {
          // the dependencies (ExcelJS, zod, JSZip, fflate, mammoth …) are ES2015+ too. pdfjs-dist is not: it
          // cannot run in IE11 whatever the syntax, so the pane never loads it there (PDF plans say so, in
          // Vietnamese) and it stays in its own chunk, dist/pdfjs/, which the ES5 check skips.
          test: /\.m?js$/,
          exclude: /node_modules[\\/](core-js|webpack|regenerator-runtime|@babel|pdfjs-dist)[\\/]/,
          use: { loader: 'babel-loader', options: BABEL },
          resolve: { fullySpecified: false },
        },
      ],
    },
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
    cache: { type: 'filesystem', cacheDirectory: path.resolve(__dirname, 'test-results', '.webpack-cache') },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        // boot.js is named in the template itself, before office.js
        inject: 'head',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          // the user guide (docs/huong-dan) as the help page, with its pictures; the PDF is scripts/guide-pdf.js
          { from: 'src/taskpane/help.html', to: 'help.html', transform: (content) => helpPage(content.toString()) },
          { from: 'src/taskpane/help.css', to: 'help.css' },
          { from: 'docs/huong-dan/hinh/*.png', to: 'huong-dan/hinh/[name][ext]' },
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => rewriteManifest(content, url) },
        ],
      }),
    ],
  };
  if (dev) {
    // certificates only when serving: the production build must work offline and without them
    const devCerts = require('office-addin-dev-certs');
    config.devServer = {
      // everything (html, css, icons, manifest) is emitted by the build itself, served from memory
      static: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: env && env.WEBPACK_SERVE ? await devCerts.getHttpsServerOptions() : {} },
      port: DEV_PORT,
      hot: false,
      liveReload: true,
    };
  }
  return config;
};

module.exports.DEV_PORT = DEV_PORT;
module.exports.DEV_URL = DEV_URL;
module.exports.rewriteManifest = rewriteManifest;
