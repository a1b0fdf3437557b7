#!/usr/bin/env python3
"""Lists, per scenario, the final-state rows (state, driver, dma, attempts) that differ between the
golden and the actual trace. Usage: tools/final-diff.py [ID-SUBSTRING...]"""
import os, re, sys

def table(path):
    rows, on = {}, False
    for line in open(path, encoding='utf-8'):
        if line.startswith('final state:'):
            on = True
            continue
        if on and line.strip() and not line.strip().startswith('device '):
            cells = re.split(r'\s{2,}', line.strip())
            rows[cells[0]] = ' | '.join(cells[1:5])
    return rows

filters = sys.argv[1:]
for dirpath, _, files in sorted(os.walk('golden')):
    for name in sorted(files):
        if not name.endswith('.trace'):
            continue
        gold = os.path.join(dirpath, name)
        ident = os.path.relpath(gold, 'golden')[:-6]
        if filters and not any(f in ident for f in filters):
            continue
        actual = os.path.join('.probe-run', 'actual', ident + '.trace')
        if not os.path.exists(actual):
            continue
        a, b = table(gold), table(actual)
        lines = [f'  {k}: {a.get(k)}  ->  {b.get(k)}' for k in list(a) + [k for k in b if k not in a] if a.get(k) != b.get(k)]
        if lines:
            print(f'=== {ident}')
            print('\n'.join(lines))
