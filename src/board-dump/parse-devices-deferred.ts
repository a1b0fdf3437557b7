/** `/sys/kernel/debug/devices_deferred`: a device name, a tab, and the last deferral reason (possibly empty). */

/** One pending device and the reason the kernel recorded, or null when it recorded none (IOMMU, genpd). */
export interface DeferredRow {
  name: string;
  reason: string | null;
}

/** Every non-empty line; a line without a tab is a device with no reason. */
export function parseDevicesDeferred(text: string): DeferredRow[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const name = tab < 0 ? line.trim() : line.slice(0, tab);
      const reason = tab < 0 ? '' : line.slice(tab + 1).trim();
      return { name, reason: reason === '' ? null : reason };
    });
}
