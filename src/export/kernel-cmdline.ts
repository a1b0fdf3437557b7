/** The kernel command line an exported scenario boots with on the oracle (its `/chosen/bootargs`). */
import type { Scenario } from '../model/scenario.js';

/** dd.c attempt and bind lines, of_dma_configure's IOMMU lines and the failed-probe line (oracle-notes.md). */
export const ORACLE_DYNDBG = 'file drivers/base/dd.c +p; file drivers/of/device.c +p; func __dev_probe_failed +p';

/**
 * The oracle's fixed arguments (console, every message on it, the dd.c debug lines, no reboot on
 * panic), then the scenario's own kernel knobs that have a kernel parameter: `deferred_probe_timeout=`,
 * `fw_devlink=` and `fw_devlink.strict=`. Knobs left to the profile are left to the kernel's defaults.
 */
export function kernelCmdline(scenario: Scenario): string {
  const args = ['console=ttyAMA0', 'ignore_loglevel', 'panic=-1', `dyndbg="${ORACLE_DYNDBG}"`];
  const { kernel } = scenario;
  if (kernel.deferred_probe_timeout !== undefined) args.push(`deferred_probe_timeout=${kernel.deferred_probe_timeout}`);
  if (kernel.fw_devlink !== undefined) args.push(`fw_devlink=${kernel.fw_devlink}`);
  if (kernel.fw_devlink_strict !== undefined) args.push(`fw_devlink.strict=${kernel.fw_devlink_strict ? 1 : 0}`);
  return args.join(' ');
}
