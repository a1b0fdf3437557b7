/** The device-tree shape every reader produces: a `.dtb` (parseFdt) or a `/proc/device-tree` folder (cli). */

/** One property of a node: its raw value bytes (big-endian cells, NUL-terminated strings, as stored). */
export interface DeviceTreeProperty {
  /** The property name, e.g. `compatible` or `#address-cells`. */
  name: string;
  /** The value bytes, copied out of the input (an empty array for a boolean property). */
  value: Uint8Array;
  /** Byte offset of the property's FDT_PROP token in the blob; null when not read from a blob. */
  offset: number | null;
}

/** One node of the tree, with its properties and children in the order the source holds them. */
export interface DeviceTreeNode {
  /** The node name with its unit address (`serial@fe650000`); empty for the root. */
  name: string;
  /** The full path from the root (`/`, `/soc/serial@fe650000`). */
  path: string;
  /** Byte offset of the node's FDT_BEGIN_NODE token in the blob; null when not read from a blob. */
  offset: number | null;
  properties: DeviceTreeProperty[];
  children: DeviceTreeNode[];
}

/** One entry of a blob's memory reservation block (`/memreserve/` in a DTS). */
export interface MemoryReservation {
  address: bigint;
  size: bigint;
}
