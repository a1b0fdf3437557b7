#!/usr/bin/env python3
"""Reads a probe-run trace of format v1 or v2 into what it says, event by event: (time, device,
message) per event and (name, state, driver, dma, attempts, note) per final-state row, so two
traces can be compared across a format change.
Usage: tools/trace-events.py OLD-ROOT NEW-ROOT   (two golden trees, e.g. a `git worktree` of the
previous commit and golden/); prints each scenario whose events or rows differ, exit 1 if any."""
import os, re, sys

V1_EVENT = re.compile(r'^\s*\d+ \[\s*([\d.]+)\] (\S+)\s+(.*)$')
V2_EVENT = re.compile(r'^\[\s*([\d.]+)\] (.*)$')
V2_ROW = re.compile(r'^(\S+): (.+?) driver=(\S+) dma=(\S+) attempts=(\d+)(?: note=(.*))?$')

def read(path):
    text = open(path, encoding='utf-8').read().split('\n')
    version = 1 if text[0].endswith('v1') else 2
    events, rows, part = [], [], 'header'
    for line in text:
        if part == 'header':
            if line == '':
                part = 'events'
            continue
        if part == 'events':
            if line == '':
                part = 'table'
                continue
            if version == 1:
                t, dev, msg = V1_EVENT.match(line).groups()
                events.append((t, '' if dev == '-' else dev, msg.strip()))
            else:
                t, rest = V2_EVENT.match(line).groups()
                # `- message` for the system, `dev: message` for a node (labels never start with -).
                if rest.startswith('- '):
                    events.append((t, '', rest[2:]))
                else:
                    dev, msg = rest.split(': ', 1)
                    events.append((t, dev, msg))
            continue
        if line in ('final state:', '') or line.strip().startswith('device '):
            continue
        if version == 1:
            cells = re.split(r'\s{2,}', line.strip())
            cells += [''] * (6 - len(cells))
            rows.append((cells[0], cells[1], cells[2], cells[3].replace(' ', ','), cells[4], cells[5]))
        else:
            name, state, driver, dma, attempts, note = V2_ROW.match(line).groups()
            rows.append((name, state, driver, dma, attempts, note or ''))
    return events, rows

def main(old_root, new_root):
    bad = 0
    for dirpath, _, files in sorted(os.walk(new_root)):
        for name in sorted(files):
            if not name.endswith('.trace'):
                continue
            new = os.path.join(dirpath, name)
            old = os.path.join(old_root, os.path.relpath(new, new_root))
            if not os.path.exists(old):
                continue
            a, b = read(old), read(new)
            if a != b:
                bad += 1
                print(f'differs: {os.path.relpath(new, new_root)}')
                for x, y in zip(a[0] + a[1], b[0] + b[1]):
                    if x != y:
                        print(f'  old {x}\n  new {y}')
                        break
    print(f'{bad} traces say something different', file=sys.stderr)
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
