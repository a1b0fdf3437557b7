/** The text of `probe-run --help`. */
import { PROFILE_NAMES } from '../src/model/knobs.js';

/** Usage, commands, options and exit codes, as printed by --help. */
export const HELP_TEXT = `probe-run: replay Linux device probe ordering from YAML scenarios and check each trace against its golden file.

Usage:
  probe-run [PATH...] [options]   run scenarios (default: scenarios/) and compare each trace with golden/
  probe-run check [PATH...]       validate scenarios only (no engine, no trace compare)
  probe-run schema                print the scenario JSON Schema (draft-07)
  probe-run --watch [PATH...]     run, then run again the scenarios whose files change (scenario,
                                  golden, new or deleted files) until Ctrl-C (exit 130)
  probe-run tui [PATH...]         browse, diff and accept results in the terminal UI (it watches
                                  files too: a changed scenario is run again; w turns it off)
  probe-run init [DIR]            start a project in DIR (default: here): scenarios/ with an example,
                                  its golden, and a copy of the schema the scenarios' modelines
                                  point at (for editor help); refuses to overwrite any file
  probe-run explain SCENARIO DEVICE [--json] [--profile <name>]
                                  why DEVICE ended as it did: a tree from the deciding rule down to
                                  a root cause, with the sequence numbers of the trace's events
  probe-run oracle [PATH...] [--kernel 6.12|6.1] [--record]
                                  boot the scenarios on a real kernel under QEMU (oracle/README.md),
                                  compare each with the engine; --record rewrites oracle/recorded/
  probe-run compare SCENARIO DUMP [--profile <name>] [--reporter json]
                                  the scenario's prediction against a real board's dump (SPEC section
                                  7), node by node; exit 0 all agree, 1 any disagreement
  probe-run export-dts SCENARIO   print the scenario as a device-tree source (DTS) for the real-kernel
                                  oracle: nodes, phandles, and faults, drivers and timeline as
                                  probe-run,* properties (SPEC section 8); compile it with dtc
  probe-run import SOURCE [--kernel DIR] [-o FILE]
                                  a real device tree as a scenario (SPEC section 8): SOURCE is a .dtb,
                                  a .dts (needs dtc), a /proc/device-tree-style folder or a board
                                  dump; DIR a kernel build or /lib/modules/<release> (drivers, built
                                  in or module, initcall levels); guesses are YAML comments
  probe-run collect-script        print the sh script that writes a board dump (SPEC section 7) on a
                                  real board: run it there as root (sh collect.sh [FOLDER]); it reads
                                  only, except in FOLDER (default ./probe-run-dump-$(uname -n))

PATH is a scenario file (.yaml) or a folder, walked in sorted order. A scenario's id is its path below
the scenario root (the nearest folder named scenarios/) without .yaml; its golden file is
golden/<id>.trace beside that root, or golden/<id>.errors.txt for a deliberately invalid scenario.

Options:
  --filter <text|glob>   only scenarios whose id contains <text>, or whose whole id matches <glob>
                         (* ? [...] ** {a,b} {1..3}, a leading ! negates, \\ escapes); repeatable
  --profile <name>       run every scenario under one kernel profile: ${PROFILE_NAMES.join(', ')}
  --golden-dir <dir>     golden root (default: golden/ beside the scenario root)
  --reporter <name>      text (default), json, junit, tap or ktap (KTAP v1, as kunit.py reads it)
  -u, --update-golden    write new and changed goldens atomically and list them; on a full run also
                         remove obsolete ones. Refused when CI is set, unless --force
  --force                with --update-golden (or tui): write goldens even when CI is set
  --color <when>         auto (default: only on a terminal; NO_COLOR and FORCE_COLOR honoured),
                         always or never
  --no-color             same as --color never
  --step-bound <n>       probe attempts before a run stops with a livelock diagnostic (default 1000000)
  --watch                after the run, wait for changes and run again only the scenarios whose
                         scenario or golden file changed (100 ms debounce); new files are run,
                         deleted ones dropped; never exits on failures. Text reporter only; not
                         with --update-golden; refused when CI is set
  --check-determinism    run each scenario 5 times, orders that must not matter shuffled, and fail
                         (exit 1, naming the scenario and the first differing line) on any difference
  --json                 with explain: the same tree as one JSON document
  --kernel <dir>         with import: read drivers from a kernel build (.config, modules.builtin.modinfo,
                         modules.alias, System.map)
  -o, --output <file>    with import: write the scenario there (atomically) instead of stdout
  -h, --help             print this help
  --version              print the version

Exit codes:
  0   every scenario passed
  1   a trace mismatch, a missing golden, a failed expect, or an obsolete golden file
  2   a usage error, an invalid scenario (one without a matching .errors.txt golden), or a file
      that cannot be read or written
  70  an internal error (a bug in probe-run)
`;
