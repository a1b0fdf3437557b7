#!/usr/bin/env python3
"""Compares golden traces with the actual ones event by event: header lines dropped, sequence
numbers and column padding removed, so only what the events and the final table say is diffed.
Usage: tools/trace-diff.py [ID-SUBSTRING...]   (run after a plain `probe-run scenarios/`)"""
import difflib, os, re, sys

def norm(path):
    out = []
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#'):
            continue
        line = re.sub(r'^\s*\d+ (\[)', r'\1', line)
        out.append(re.sub(r'\s+', ' ', line).strip())
    return out

root = 'golden'
filters = sys.argv[1:]
changed = same = 0
for dirpath, _, files in sorted(os.walk(root)):
    for name in sorted(files):
        if not name.endswith('.trace'):
            continue
        gold = os.path.join(dirpath, name)
        ident = os.path.relpath(gold, root)[:-len('.trace')]
        if filters and not any(f in ident for f in filters):
            continue
        actual = os.path.join('.probe-run', 'actual', ident + '.trace')
        if not os.path.exists(actual):
            same += 1
            continue
        diff = list(difflib.unified_diff(norm(gold), norm(actual), 'golden', 'actual', n=1, lineterm=''))
        if not diff:
            same += 1
            continue
        changed += 1
        print(f'=== {ident}')
        for line in diff[2:]:
            print(line)
print(f'{changed} changed, {same} same (events and final table)', file=sys.stderr)
