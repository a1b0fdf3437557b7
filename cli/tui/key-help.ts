/** Every key the TUI answers to, for the help overlay (one list, so the overlay cannot forget one). */

/** A titled group of key bindings. */
export interface KeySection {
  title: string;
  keys: readonly (readonly [keys: string, action: string])[];
}

/** The bindings, by where they apply. */
export const KEY_HELP: readonly KeySection[] = [
  {
    title: 'Everywhere',
    keys: [
      ['↑ ↓  j k', 'move'],
      ['PgUp PgDn  Space', 'move a page'],
      ['Home End  g G', 'first / last'],
      ['a', 'accept the actual trace as golden'],
      ['A', 'accept all failing and new (asks first)'],
      ['u', 'undo the last accept of this session'],
      ['r', 're-run the scenario from disk'],
      ['w', 'watch: re-run what changes on disk, on / off'],
      ['e', 'edit in $EDITOR where it differs, then re-run'],
      ['?', 'this help'],
      ['q  Ctrl+C', 'quit'],
    ],
  },
  {
    title: 'Scenario list',
    keys: [
      ['Enter', 'open the scenario'],
      ['/', 'filter as you type (Enter keeps, Esc clears)'],
      ['f', 'failures first on / off'],
      ['d', 'remove the highlighted obsolete golden (asks first)'],
      ['Esc', 'clear the filter'],
    ],
  },
  {
    title: 'Scenario',
    keys: [
      ['a', 'accept, then open the next failing or new scenario'],
      ['s', 'skip: leave the actual output pending, open the next'],
      ['1 2 3 4 5', 'Trace, Diff, Devices, Source, Why'],
      ['Tab  Shift+Tab', 'next / previous tab'],
      ['Esc', 'back (Why → Devices → list)'],
      ['n N', 'Trace: next / previous deferral or failure'],
      ['n N', 'Source: next / previous diagnostic'],
      ['[ ]', 'Diff: previous / next hunk'],
      ['Enter', 'Devices: why is this device in its state'],
      ['← →', 'Why: previous / next device'],
    ],
  },
];
