#!/usr/bin/python3
"""A reader independent of tonghop: openpyxl reads the workbooks, so that tests compare tonghop's figures
with figures computed from the files themselves, not with what tonghop computed.

  openpyxl_read.py submissions DIR   per file: the rows of the report table (task code, status, indicator values)
  openpyxl_read.py sheet FILE NAME   every value of one sheet, as a grid (cached results of formulas)

Prints JSON. Numbers typed as text are read the vi-VN way ("1.234" = 1234, "2,5" = 2.5); anything else that is not
a number is left out. Statuses are folded (case, diacritics) to done / inProgress / notStarted / notApplicable.
"""
import json
import os
import re
import sys
import unicodedata

import openpyxl


def fold(text):
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text).strip().lower()


STATUSES = {
    "da hoan thanh": "done",
    "hoan thanh": "done",
    "dang thuc hien": "inProgress",
    "chua thuc hien": "notStarted",
    "khong thuoc pham vi": "notApplicable",
}


def number(value):
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return None


def table_of(ws):
    """The header row holding "Mã nhiệm vụ" and the rows below it that carry a task code."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for h, row in enumerate(rows[:40]):
        headers = [fold(v) if v is not None else "" for v in row]
        if "ma nhiem vu" not in headers:
            continue
        code_col = headers.index("ma nhiem vu")
        status_col = headers.index("tinh trang") if "tinh trang" in headers else None
        # indicator columns: "<name> (<unit>)", between the result and the notes
        indicator_cols = [
            (i, str(row[i]).strip()) for i, v in enumerate(headers) if v.endswith(")") and "(" in v and i > code_col
        ]
        out = []
        for r in rows[h + 1:]:
            code = r[code_col] if code_col < len(r) else None
            if code is None or str(code).strip() == "":
                continue
            status = r[status_col] if status_col is not None and status_col < len(r) else None
            out.append({
                "task": str(code).strip(),
                "status": STATUSES.get(fold(status)) if status is not None else None,
                "indicators": {name: number(r[i]) for i, name in indicator_cols if i < len(r) and number(r[i]) is not None},
            })
        return ws.title, out
    return None, None


def submissions(folder):
    result = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        try:
            wb = openpyxl.load_workbook(path, data_only=True)
        except Exception as e:  # not a workbook: listed with the error, as a clerk would see it
            result[name] = {"error": type(e).__name__}
            continue
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            title, rows = table_of(ws)
            if rows is not None:
                result[name] = {"sheet": title, "rows": rows}
                break
        else:
            result[name] = {"error": "no table"}
    return result


def sheet(path, name):
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[name]
    grid = []
    for row in ws.iter_rows(values_only=True):
        grid.append([v if isinstance(v, (int, float, str)) or v is None else str(v) for v in row])
    return grid


if __name__ == "__main__":
    if sys.argv[1] == "submissions":
        print(json.dumps(submissions(sys.argv[2]), ensure_ascii=False))
    elif sys.argv[1] == "sheet":
        print(json.dumps(sheet(sys.argv[2], sys.argv[3]), ensure_ascii=False))
    else:
        sys.exit("usage: openpyxl_read.py submissions DIR | sheet FILE NAME")
