/** `devices.tsv` of a board dump (SPEC section 7): one device per line, tab-separated. */

/** One line of `devices.tsv`; `-` columns are null. */
export interface DeviceRow {
  bus: string;
  /** The device name (`dpu`, `probe-run-hotplug:dock:cam`, `9000000.pl011`). */
  name: string;
  /** Device-tree path of its `of_node`, or null for a device without one. */
  ofNode: string | null;
  /** The bound driver, or null. */
  driver: string | null;
  /** The IOMMU group number, or null. */
  iommuGroup: string | null;
}

/** Lines that are not five tab-separated columns are returned as `bad` (line numbers from 1), not guessed at. */
export function parseDevicesTsv(text: string): { rows: DeviceRow[]; bad: number[] } {
  const rows: DeviceRow[] = [];
  const bad: number[] = [];
  const orNull = (value: string) => (value === '-' ? null : value);
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const columns = line.split('\t');
    if (columns.length !== 5 || columns.some((column) => column === '')) {
      bad.push(index + 1);
      return;
    }
    const [bus, name, ofNode, driver, iommuGroup] = columns;
    rows.push({ bus, name, ofNode: orNull(ofNode), driver: orNull(driver), iommuGroup: orNull(iommuGroup) });
  });
  return { rows, bad };
}
