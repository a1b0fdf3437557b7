/** A board dump's files to per-node observations (SPEC section 7): what `compare` and the oracle's recordings read. */
import { parseDevicesDeferred } from './parse-devices-deferred.js';
import { parseDevicesTsv, type DeviceRow } from './parse-devices-tsv.js';
import { parseDmesg, type DmesgEvent } from './parse-dmesg.js';

/** The text files of a dump this reader uses; each is optional. */
export interface BoardDumpFiles {
  devicesTsv?: string;
  devicesDeferred?: string;
  dmesg?: string;
}

/** What a dump says about one device with a device-tree node. */
export interface NodeObservation {
  /** Device-tree path of the device's `of_node`: how devices are matched to scenario nodes. */
  path: string;
  device: string;
  bus: string;
  /** `bound`; `pending` (in devices_deferred); `failed`/`rejected` (the last attempt's message); `unbound` (attempted or once bound, neither now); `no-driver` (never attempted). */
  state: 'bound' | 'pending' | 'failed' | 'rejected' | 'unbound' | 'no-driver';
  /** The bound driver, or the driver of the failed or rejected attempt. */
  driver: string | null;
  /** The error of a failed or rejected device. */
  error: number | null;
  /** DMA of the attempt that bound, from its "behind an iommu" line (an IOMMU group alone proves nothing on 6.1); null unknown. */
  dma: 'iommu' | 'direct' | null;
  iommuGroup: string | null;
  /** Probe attempts ("matched device" lines); null without dmesg. */
  attempts: number | null;
  /** Seconds from "Run /init as init process" to the last bind (negative before it); null when unknown. */
  boundTime: number | null;
  /** Rank of the last bind among the bound devices' last binds, from 0; null when unknown. */
  bindOrder: number | null;
  /** The reason devices_deferred gives for a pending device (none for IOMMU and genpd deferrals). */
  deferredReason: string | null;
}

/** Every observation, sorted by path, with what limited them. */
export interface BoardObservations {
  nodes: NodeObservation[];
  /** Files the dump lacks, each limiting what is known (no dmesg: no attempts, DMA, times). */
  missing: ('devices.tsv' | 'devices_deferred' | 'dmesg')[];
  /** Devices without a device-tree node (they cannot be matched to scenario nodes). */
  unmapped: string[];
  /** devices.tsv lines that could not be read, by line number. */
  badLines: number[];
  /** Time of "Run /init as init process", or null. */
  initTime: number | null;
}

function deviceOf(event: DmesgEvent): string | null {
  return event.kind === 'init' ? null : event.device;
}

function observe(row: DeviceRow, events: DmesgEvent[] | null, deferred: Map<string, string | null> | null, initTime: number | null): { observation: NodeObservation; boundAt: number } {
  const own = events === null ? null : events.filter((event) => deviceOf(event) === row.name);
  const lastBound = own === null ? -1 : own.map((event) => event.kind).lastIndexOf('bound');
  const lastAttempt = own === null ? -1 : own.map((event) => event.kind).lastIndexOf('attempt');
  const outcome = own === null ? undefined : [...own].reverse().find((event) => event.kind === 'failed' || event.kind === 'rejected' || event.kind === 'bound');

  let state: NodeObservation['state'];
  let driver = row.driver;
  let error: number | null = null;
  if (row.driver !== null) state = 'bound';
  else if (deferred?.has(row.name)) state = 'pending';
  else if (outcome !== undefined && (outcome.kind === 'failed' || outcome.kind === 'rejected')) {
    state = outcome.kind;
    driver = outcome.driver;
    error = outcome.error;
  } else if (lastBound >= 0 || lastAttempt >= 0) state = 'unbound';
  else state = 'no-driver';

  let dma: NodeObservation['dma'] = null;
  let boundTime: number | null = null;
  if (own !== null && state === 'bound' && lastBound >= 0) {
    const attemptBefore = own.slice(0, lastBound).map((event) => event.kind).lastIndexOf('attempt');
    const line = own.slice(attemptBefore + 1, lastBound).filter((event) => event.kind === 'dma').pop();
    if (line?.kind === 'dma') dma = line.iommu ? 'iommu' : 'direct';
    if (initTime !== null) boundTime = Math.round((own[lastBound].time - initTime) * 1e6) / 1e6;
  }
  const observation: NodeObservation = {
      path: row.ofNode ?? '',
      device: row.name,
      bus: row.bus,
      state,
      driver,
      error,
      dma,
      iommuGroup: row.iommuGroup,
      attempts: own === null ? null : own.filter((event) => event.kind === 'attempt').length,
      boundTime,
      bindOrder: null,
      deferredReason: state === 'pending' ? (deferred?.get(row.name) ?? null) : null,
  };
  return {
    observation,
    // The position of the last bind in the whole log, for the bind order.
    boundAt: own !== null && state === 'bound' && lastBound >= 0 ? (events ?? []).indexOf(own[lastBound]) : -1,
  };
}

/** Reads the dump's files into observations for every device that has a device-tree node. */
export function readBoardDump(files: BoardDumpFiles): BoardObservations {
  const missing: BoardObservations['missing'] = [];
  if (files.devicesTsv === undefined) missing.push('devices.tsv');
  if (files.devicesDeferred === undefined) missing.push('devices_deferred');
  if (files.dmesg === undefined) missing.push('dmesg');
  const { rows, bad } = parseDevicesTsv(files.devicesTsv ?? '');
  const events = files.dmesg === undefined ? null : parseDmesg(files.dmesg);
  const deferred = files.devicesDeferred === undefined ? null : new Map(parseDevicesDeferred(files.devicesDeferred).map((row) => [row.name, row.reason]));
  const init = events?.find((event) => event.kind === 'init');
  const initTime = init === undefined ? null : init.time;

  const observed = rows.filter((row) => row.ofNode !== null).map((row) => observe(row, events, deferred, initTime));
  const ranked = observed.filter((entry) => entry.boundAt >= 0).sort((a, b) => a.boundAt - b.boundAt);
  ranked.forEach((entry, rank) => (entry.observation.bindOrder = rank));
  const byPath = (a: NodeObservation, b: NodeObservation) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
  return {
    nodes: observed.map((entry) => entry.observation).sort(byPath),
    missing,
    unmapped: rows.filter((row) => row.ofNode === null).map((row) => `${row.bus} ${row.name}`),
    badLines: bad,
    initTime,
  };
}
