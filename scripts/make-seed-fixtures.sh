#!/usr/bin/env bash
# Makes the extract-plan fixtures: the real plans of ../shared/seeds (plain text) copied to test/fixtures/seeds,
# plus a .docx and a .pdf of each made by LibreOffice, so the tests read documents written by other software.
# Also converts the invented plans kept in test/fixtures/seeds (invented-*.txt like the seeds, invented-*.html with
# real Word lists) to .docx and .pdf, and makes a scanned PDF (a page as a picture only).
# Usage: scripts/make-seed-fixtures.sh [seeds-dir]   (default /work/shared/seeds)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seeds="${1:-/work/shared/seeds}"
out="$here/test/fixtures/seeds"
profile="$(mktemp -d /tmp/tonghop-soffice-XXXXXX)"
trap 'rm -rf "$profile"' EXIT
mkdir -p "$out"
for f in "$seeds"/*.txt; do
  cp "$f" "$out/" && chmod u+w "$out/$(basename "$f")"
done
convert() { # $1 format, $2 input filter (may be empty), rest: files
  local fmt="$1" filter="$2"; shift 2
  if [ -n "$filter" ]; then
    soffice -env:UserInstallation="file://$profile" --headless --infilter="$filter" --convert-to "$fmt" --outdir "$out" "$@" >/dev/null
  else
    soffice -env:UserInstallation="file://$profile" --headless --convert-to "$fmt" --outdir "$out" "$@" >/dev/null
  fi
}
# Plain text read as UTF-8 (LibreOffice's "Text (encoded)" filter), one paragraph per line.
txts=("$out"/*.txt)
convert docx 'Text (encoded):UTF8,LF,,,' "${txts[@]}"
convert pdf 'Text (encoded):UTF8,LF,,,' "${txts[@]}"
shopt -s nullglob
htmls=("$out"/*.html)
if [ ${#htmls[@]} -gt 0 ]; then
  convert 'docx:MS Word 2007 XML' 'HTML (StarWriter)' "${htmls[@]}"
  convert 'pdf:writer_pdf_Export' 'HTML (StarWriter)' "${htmls[@]}"
fi
# A scanned document: page 1 of a seed as a picture only (no text layer), put back into a PDF.
scan="$(mktemp -d /tmp/tonghop-scan-XXXXXX)"
pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$out/soc-trang-ngay-da-dang-sinh-hoc-2024.pdf" "$scan/page"
echo '<html><body><p><img src="page.png" width="600"></p></body></html>' > "$scan/scanned-soc-trang-page1.html"
soffice -env:UserInstallation="file://$profile" --headless --infilter='HTML (StarWriter)' --convert-to pdf:writer_pdf_Export --outdir "$out" "$scan/scanned-soc-trang-page1.html" >/dev/null
rm -rf "$scan"
ls -l "$out"
