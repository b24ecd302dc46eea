#!/usr/bin/env node
'use strict';
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'build', 'cli', 'start.js');
if (!fs.existsSync(entry)) {
  console.error('tonghop: chưa biên dịch. Hãy chạy "npm install" (hoặc "npm run build:cli") trong thư mục dự án.');
  process.exit(1);
}
require(entry)
  .start(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error('tonghop: lỗi không mong đợi:', err && err.stack ? err.stack : err);
      process.exitCode = 2;
    },
  );
