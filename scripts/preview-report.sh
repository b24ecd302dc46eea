#!/usr/bin/env bash
# Renders the report workbook (and the reminder letter) to PNG pages, to look at them as a clerk would print them:
# LibreOffice converts to PDF, pdftoppm renders each page.
#   npm run preview:report                 # builds the Sóc Trăng sample, its report and reminder, renders them
#   npm run preview:report -- some.xlsx    # renders an existing workbook (or .docx)
# Prints where the PNG files are.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${PREVIEW_DIR:-out/preview-report}"
mkdir -p "$out"
inputs=()
if [ "$#" -gt 0 ]; then
  inputs=("$@")
else
  npx tsc -p tsconfig.build.json >/dev/null
  work="$out/sample"
  rm -rf "$work"
  node bin/tonghop.js sample "$work" >/dev/null
  node bin/tonghop.js report "$work/plan.xlsx" "$work/submissions" --as-of 2024-07-15 --quiet \
    --number "125/BC-STNMT" --date 2024-07-16 -o "$out/bao-cao.xlsx" >/dev/null
  node bin/tonghop.js report "$work/plan.xlsx" "$work/submissions" --as-of 2024-07-15 --quiet \
    --number "125/BC-STNMT" --date 2024-07-16 -o "$out/van-ban-bao-cao.docx" >/dev/null # the same as .docx
  node bin/tonghop.js remind "$work/plan.xlsx" "$work/submissions" --as-of 2024-07-15 --quiet \
    -o "$out/don-doc.docx" >/dev/null
  inputs=("$out/bao-cao.xlsx" "$out/van-ban-bao-cao.docx" "$out/don-doc.docx")
fi
# a private LibreOffice profile, so a running soffice of another developer is not disturbed
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for f in "${inputs[@]}"; do
  stem="$(basename "${f%.*}")"
  soffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$out" "$f" >/dev/null 2>&1
  rm -f "$out/$stem"-*.png
  pdftoppm -r "${PREVIEW_DPI:-80}" -png "$out/$stem.pdf" "$out/$stem"
  pages=$(ls "$out/$stem"-*.png | wc -l)
  echo "$f: $pages trang -> $(cd "$out" && pwd)/$stem-*.png"
done
