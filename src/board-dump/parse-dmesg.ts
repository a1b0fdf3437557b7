/**
 * The kernel log lines a board dump is read by (SPEC section 7), in both wordings: 6.1 (`D: probe of X
 * failed`, dd.c debug lines without a device prefix) and 6.12 (`probe with driver D failed`, device
 * prefixes). Other lines are skipped.
 */

/** One line the reader understands; `time` in seconds as printed (`[   10.211672]`). */
export type DmesgEvent =
  /** `__driver_probe_device: matched device`: one probe attempt (oracle-notes.md). */
  | { kind: 'attempt'; time: number; device: string; driver: string }
  /** `really_probe: bound device … to driver D`. */
  | { kind: 'bound'; time: number; device: string; driver: string }
  /** `probe with driver D failed with error -N` / `D: probe of X failed with error -N` (K3.6). */
  | { kind: 'failed'; time: number; device: string; driver: string; error: number }
  /** `probe with driver D rejects match -N` / `D: probe of X rejects match -N` (K3.6). */
  | { kind: 'rejected'; time: number; device: string; driver: string; error: number }
  /**
   * `device is behind an iommu` / `device is not behind an iommu` (drivers/of/device.c); also
   * `Failed to set up IOMMU for device X; retaining platform DMA ops` (dma-iommu.c), which follows a
   * "behind" line when the IOMMU's probe of the device failed: direct DMA after all (K5.4).
   */
  | { kind: 'dma'; time: number; device: string; iommu: boolean }
  /** `deferred probe pending`, with the reason 6.8+ prints (K9.3). */
  | { kind: 'pending'; time: number; device: string; reason: string | null }
  /** `Run /init as init process`: user space starts; bind times count from here. */
  | { kind: 'init'; time: number };

const STAMP = /^\[\s*(\d+)\.(\d{6})\] (.*)$/;

type Match = (text: string, time: number) => DmesgEvent | null;

const MATCHERS: Match[] = [
  (text, time) => {
    const m = /^\S+ (\S+): bus: '[^']+': __driver_probe_device: matched device with driver (\S+)$/.exec(text) ?? /^bus: '[^']+': __driver_probe_device: matched device (\S+) with driver (\S+)$/.exec(text);
    return m && { kind: 'attempt', time, device: m[1], driver: m[2] };
  },
  (text, time) => {
    const m = /^\S+ (\S+): bus: '[^']+': really_probe: bound device to driver (\S+)$/.exec(text) ?? /^bus: '[^']+': really_probe: bound device (\S+) to driver (\S+)$/.exec(text);
    return m && { kind: 'bound', time, device: m[1], driver: m[2] };
  },
  (text, time) => {
    const m12 = /^\S+ (\S+): probe with driver (\S+) (failed with error|rejects match) (-?\d+)$/.exec(text);
    if (m12) return { kind: m12[3] === 'rejects match' ? 'rejected' : 'failed', time, device: m12[1], driver: m12[2], error: Number(m12[4]) };
    const m1 = /^(\S+): probe of (\S+) (failed with error|rejects match) (-?\d+)$/.exec(text);
    return m1 && { kind: m1[3] === 'rejects match' ? 'rejected' : 'failed', time, device: m1[2], driver: m1[1], error: Number(m1[4]) };
  },
  (text, time) => {
    const m = /^\S+ (\S+): device is (not )?behind an iommu$/.exec(text);
    if (m) return { kind: 'dma', time, device: m[1], iommu: m[2] === undefined };
    const failed = /^Failed to set up IOMMU for device (\S+); retaining platform DMA ops$/.exec(text);
    return failed && { kind: 'dma', time, device: failed[1], iommu: false };
  },
  (text, time) => {
    const m = /^\S+ (\S+): deferred probe pending(?:: (.*))?$/.exec(text);
    return m && { kind: 'pending', time, device: m[1], reason: m[2] === undefined || m[2] === '' ? null : m[2] };
  },
  (text, time) => (text === 'Run /init as init process' ? { kind: 'init', time } : null),
];

/** The events of a `dmesg` text in log order (lines with a `[seconds.micros]` stamp only). */
export function parseDmesg(text: string): DmesgEvent[] {
  const events: DmesgEvent[] = [];
  for (const line of text.split('\n')) {
    const stamp = STAMP.exec(line.replace(/\r$/, ''));
    if (stamp === null) continue;
    // Microseconds as an integer first, so times subtract exactly.
    const time = (Number(stamp[1]) * 1e6 + Number(stamp[2])) / 1e6;
    for (const match of MATCHERS) {
      const event = match(stamp[3].trimEnd(), time);
      if (event !== null) {
        events.push(event);
        break;
      }
    }
  }
  return events;
}
