/** A scenario's status as a fixed-width coloured label. */
import { Text } from 'ink';
import type { ScenarioStatus } from '../../src/model/result.js';

/** Props of StatusBadge. */
export interface StatusBadgeProps {
  /** The status to show; `obsolete` marks a golden file whose scenario is gone. */
  status: ScenarioStatus | 'obsolete';
}

function badge(status: ScenarioStatus | 'obsolete'): { label: string; color: string } {
  switch (status) {
    case 'pass':
      return { label: '✓ pass   ', color: 'green' };
    case 'fail':
      return { label: '✗ fail   ', color: 'red' };
    case 'new':
      return { label: '+ new    ', color: 'yellow' };
    case 'invalid':
      return { label: '! invalid', color: 'magenta' };
    case 'error':
      return { label: '‼ error  ', color: 'redBright' };
    case 'obsolete':
      return { label: '? obsolete', color: 'gray' };
    default: {
      const unknown: never = status;
      throw new Error(`probe-run bug: unhandled status ${String(unknown)}`);
    }
  }
}

/** Renders `✓ pass`, `✗ fail`, `+ new`, `! invalid`, `‼ error` or `? obsolete`, padded to one width. */
export function StatusBadge({ status }: StatusBadgeProps) {
  const { label, color } = badge(status);
  return (
    <Text color={color} bold={status !== 'pass'}>
      {label}
    </Text>
  );
}
