/**
 * The pane's engine as the legacy (ES5) build ships it, for an ES5 engine outside the browser (Debian's
 * duktape): the legacy build's polyfills first, then the engine chunk's module and the report's, exactly as
 * webpack and Babel make them for Internet Explorer 11 (webpack.config.js, paneBuild(true)). The test's driver
 * calls tonghopEs5.run(case) and prints what it resolves to.
 */
import '../../src/taskpane/compat/polyfills';
import * as engine from '../../src/taskpane/engine';
import { buildReminders, buildReportWorkbook } from '../../src/core/report';
import { type Case, runCase } from './flow';

const scope = (typeof self !== 'undefined' ? self : {}) as { tonghopEs5?: unknown };
scope.tonghopEs5 = {
  run: (c: Case) => runCase({ ...engine, buildReportWorkbook, buildReminders }, c),
};
