/**
 * The sticky flag (y) of RegExp for the legacy build, which Internet Explorer 11 lacks: core-js's RegExp
 * constructor and exec emulate it. postal-mime builds a sticky pattern as it loads; the e-mail chunk loads this
 * first (src/taskpane/reading/read-emails.ts), so that only a pane that reads an e-mail pays for it. The modern
 * build replaces this module with nothing (webpack.config.js).
 */
import 'core-js/modules/es.regexp.constructor';
import 'core-js/modules/es.regexp.exec';
import 'core-js/modules/es.regexp.sticky';
