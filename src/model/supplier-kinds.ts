/**
 * The supplier kinds (SPEC section 2 and 8): one row per reference property a node may carry. The
 * loader, the schema (tools/write-schema.ts, checked by a test), fw_devlink's links, the engine's
 * probe steps, the trace's words, the device-tree export and the fuzzer all read this table:
 * adding a kind is one row plus its rule scenario.
 */
import type { RuleId } from './rule-ids.js';

/** What the engine does with a reference of this kind during really_probe (K3). */
export type SupplierBehaviour =
  /** Checked inside the driver's probe(): a missing provider defers (K7.1, K7.2). */
  | 'probe'
  /** DMA configuration through of_iommu_configure (K5). */
  | 'iommu'
  /** genpd attach (K6). */
  | 'power-domain'
  /** pinctrl_bind_pins (K7.3). */
  | 'pinctrl'
  /** Only a fw_devlink link; no probe step reads it. */
  | 'link-only';

/** How fw_devlink links a reference of this kind (K8.1, of_supplier_bindings in drivers/of/property.c). */
export type SupplierLink = 'blocking' | 'optional' | 'none';

/**
 * How a reference names its target. `declared`: the target declares `<provider>-cells` (the device
 * tree's `#<provider>-cells`) and each entry carries that many arguments. `none`: the binding has no
 * cells property (DEFINE_SIMPLE_PROP with NULL cells in drivers/of/property.c): any node may be the
 * target, and each entry is a bare label.
 */
export type SupplierCells = 'declared' | 'none';

/** One supplier kind. */
export interface SupplierKindRow {
  /** The provider kind: with `cells: declared`, `<provider>-cells` on a node marks it a provider of this kind. */
  provider: string;
  cells: SupplierCells;
  behaviour: SupplierBehaviour;
  /** `blocking`: a link that blocks (fw_devlink=on); `optional`: only under fw_devlink.strict; `none`. */
  link: SupplierLink;
  /** The provider in the trace's words: `clock provider cmu not registered`. */
  word: string;
  /** The SPEC rule of a missing provider. */
  rule: RuleId;
  /** The device-tree property, for export and import (import also reads the variants named in src/import). */
  dtProperty: string;
  /** The device-tree cells property of the target (`#clock-cells`), or null when the binding has none. */
  dtCells: string | null;
  /** One sentence for the schema and the editor's hover. */
  description: string;
}

/** Rows in the order the kernel's of_supplier_bindings parses them (K3.1 names the first unbound supplier). */
export const SUPPLIER_KINDS = {
  clocks: {
    provider: 'clock',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'clock provider',
    rule: 'K7.1',
    dtProperty: 'clocks',
    dtCells: '#clock-cells',
    description: 'Clock suppliers (clock-cells providers); missing providers defer forever (K7.1).',
  },
  interconnects: {
    provider: 'interconnect',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'interconnect provider',
    rule: 'K7.2',
    dtProperty: 'interconnects',
    dtCells: '#interconnect-cells',
    description: 'Interconnect paths (interconnect-cells providers); plain mandatory suppliers (K7.2).',
  },
  iommus: {
    provider: 'iommu',
    cells: 'declared',
    behaviour: 'iommu',
    link: 'optional',
    word: 'IOMMU',
    rule: 'K5.5',
    dtProperty: 'iommus',
    dtCells: '#iommu-cells',
    description: 'IOMMU master ports (iommu-cells providers): one instance per device, entries handled in order (K5.3, K5.4).',
  },
  mboxes: {
    provider: 'mbox',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'mailbox controller',
    rule: 'K7.2',
    dtProperty: 'mboxes',
    dtCells: '#mbox-cells',
    description: 'Mailbox channels (mbox-cells providers); plain mandatory suppliers (K7.2).',
  },
  'io-channels': {
    provider: 'io-channel',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'IIO provider',
    rule: 'K7.2',
    dtProperty: 'io-channels',
    dtCells: '#io-channel-cells',
    description: 'IIO channels, e.g. ADC inputs (io-channel-cells providers); plain mandatory suppliers (K7.2).',
  },
  dmas: {
    provider: 'dma',
    cells: 'declared',
    behaviour: 'probe',
    link: 'optional',
    word: 'DMA controller',
    rule: 'K7.2',
    dtProperty: 'dmas',
    dtCells: '#dma-cells',
    description: 'DMA channels (dma-cells providers); no blocking link unless fw_devlink_strict (K8.1).',
  },
  'power-domains': {
    provider: 'power-domain',
    cells: 'declared',
    behaviour: 'power-domain',
    link: 'blocking',
    word: 'power domain',
    rule: 'K6.2',
    dtProperty: 'power-domains',
    dtCells: '#power-domain-cells',
    description: 'Power domains (power-domain-cells providers), attached through genpd (K6).',
  },
  hwlocks: {
    provider: 'hwlock',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'hwspinlock provider',
    rule: 'K7.2',
    dtProperty: 'hwlocks',
    dtCells: '#hwlock-cells',
    description: 'Hardware spinlocks (hwlock-cells providers); plain mandatory suppliers (K7.2).',
  },
  extcon: {
    provider: 'extcon',
    cells: 'none',
    behaviour: 'probe',
    link: 'blocking',
    word: 'extcon device',
    rule: 'K7.2',
    dtProperty: 'extcon',
    dtCells: null,
    description: 'External connectors: any node, bare labels (the binding has no cells); plain mandatory suppliers (K7.2).',
  },
  'nvmem-cells': {
    provider: 'nvmem',
    cells: 'none',
    behaviour: 'probe',
    link: 'blocking',
    word: 'nvmem provider',
    rule: 'K7.2',
    dtProperty: 'nvmem-cells',
    dtCells: '#nvmem-cell-cells',
    description: 'NVMEM cells (an eFuse or EEPROM field): any node, bare labels; the provider registers in its probe; plain mandatory suppliers (K7.2).',
  },
  phys: {
    provider: 'phy',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'phy provider',
    rule: 'K7.2',
    dtProperty: 'phys',
    dtCells: '#phy-cells',
    description: 'PHYs (phy-cells providers); plain mandatory suppliers (K7.2).',
  },
  'wakeup-parent': {
    provider: 'wakeup-parent',
    cells: 'none',
    behaviour: 'link-only',
    link: 'blocking',
    word: 'wakeup parent',
    rule: 'K8.1',
    dtProperty: 'wakeup-parent',
    dtCells: null,
    description: 'Wakeup interrupt parent: any node, bare labels; a fw_devlink link only, no probe step reads it (K8.1).',
  },
  pinctrl: {
    provider: 'pinctrl',
    cells: 'declared',
    behaviour: 'pinctrl',
    link: 'blocking',
    word: 'pin controller',
    rule: 'K7.3',
    dtProperty: 'pinctrl-0',
    dtCells: null,
    description: 'Pin controllers (pinctrl-cells providers): stands for a pin configuration node under the controller; set up before DMA (K7.3, K8.3).',
  },
  'remote-endpoint': {
    provider: 'graph-port',
    cells: 'none',
    behaviour: 'link-only',
    link: 'blocking',
    word: 'remote port',
    rule: 'K8.1',
    dtProperty: 'remote-endpoint',
    dtCells: null,
    description: 'OF graph: the device owning the remote endpoint (any node, bare labels); a fw_devlink link only, no probe step reads it (K8.1). Two devices naming each other form a cycle (K8.4).',
  },
  pwms: {
    provider: 'pwm',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'PWM controller',
    rule: 'K7.2',
    dtProperty: 'pwms',
    dtCells: '#pwm-cells',
    description: 'PWM channels (pwm-cells providers); plain mandatory suppliers (K7.2).',
  },
  resets: {
    provider: 'reset',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'reset controller',
    rule: 'K7.2',
    dtProperty: 'resets',
    dtCells: '#reset-cells',
    description: 'Reset lines (reset-cells providers); plain mandatory suppliers (K7.2).',
  },
  leds: {
    provider: 'led',
    cells: 'none',
    behaviour: 'probe',
    link: 'blocking',
    word: 'LED',
    rule: 'K7.2',
    dtProperty: 'leds',
    dtCells: null,
    description: 'LEDs: any node, bare labels; plain mandatory suppliers (K7.2).',
  },
  backlight: {
    provider: 'backlight',
    cells: 'none',
    behaviour: 'probe',
    link: 'blocking',
    word: 'backlight',
    rule: 'K7.2',
    dtProperty: 'backlight',
    dtCells: null,
    description: 'Backlight device: any node, bare labels; plain mandatory supplier (K7.2).',
  },
  panel: {
    provider: 'panel',
    cells: 'none',
    behaviour: 'probe',
    link: 'blocking',
    word: 'panel',
    rule: 'K7.2',
    dtProperty: 'panel',
    dtCells: null,
    description: 'Display panel: any node, bare labels; plain mandatory supplier (K7.2).',
  },
  'msi-parent': {
    provider: 'msi',
    cells: 'declared',
    behaviour: 'link-only',
    link: 'blocking',
    word: 'MSI controller',
    rule: 'K8.1',
    dtProperty: 'msi-parent',
    dtCells: '#msi-cells',
    description: 'MSI controller (msi-cells providers; a device tree without #msi-cells means 0); a fw_devlink link only, no probe step reads it (K8.1).',
  },
  gpios: {
    provider: 'gpio',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'GPIO controller',
    rule: 'K7.2',
    dtProperty: 'gpios',
    dtCells: '#gpio-cells',
    description: 'GPIO lines: the device tree\'s gpios and every *-gpios / *-gpio property (gpio-cells providers); plain mandatory suppliers (K7.2).',
  },
  interrupts: {
    provider: 'interrupt',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'interrupt controller',
    rule: 'K7.2',
    dtProperty: 'interrupts',
    dtCells: '#interrupt-cells',
    description: 'Interrupt parents: interrupts with interrupt-parent, or interrupts-extended (interrupt-cells providers); platform_get_irq defers while the controller is missing (K7.2).',
  },
  supplies: {
    provider: 'regulator',
    cells: 'declared',
    behaviour: 'probe',
    link: 'blocking',
    word: 'regulator',
    rule: 'K7.2',
    dtProperty: 'vdd-supply',
    dtCells: null,
    description: 'Regulators (regulator-cells providers); plain mandatory suppliers (K7.2).',
  },
  'post-init-providers': {
    provider: 'post-init-provider',
    cells: 'none',
    behaviour: 'link-only',
    link: 'none',
    word: 'post-init provider',
    rule: 'K8.1',
    dtProperty: 'post-init-providers',
    dtCells: null,
    description: 'Providers needed only after probe: any node, bare labels; fw_devlink ignores them for probe order (FWLINK_FLAG_IGNORE): no blocking link, no probe step (K8.1).',
  },
} as const satisfies Record<string, SupplierKindRow>;

/** A reference property name: a key of SUPPLIER_KINDS. */
export type ReferenceKind = keyof typeof SUPPLIER_KINDS;
/** The reference kinds whose target declares `<provider>-cells`. */
export type DeclaredReferenceKind = { [K in ReferenceKind]: (typeof SUPPLIER_KINDS)[K]['cells'] extends 'declared' ? K : never }[ReferenceKind];
/** A provider kind, declared by `<kind>-cells` (only kinds with `cells: declared` have one). */
export type ProviderKind = (typeof SUPPLIER_KINDS)[DeclaredReferenceKind]['provider'];
/** Any row's provider name, cells declared or not. */
export type ProviderName = (typeof SUPPLIER_KINDS)[ReferenceKind]['provider'];

/** The reference properties in of_supplier_bindings order. */
export const REFERENCE_KINDS = Object.keys(SUPPLIER_KINDS) as ReferenceKind[];

/** The provider each reference property points at (a `<provider>-cells` key only for `cells: declared` kinds: see `targetOf`). */
export const PROVIDER_OF_REFERENCE = Object.fromEntries(REFERENCE_KINDS.map((kind) => [kind, SUPPLIER_KINDS[kind].provider])) as Record<ReferenceKind, ProviderName>;

/** Provider kinds that have a `<kind>-cells` key, in table order, each once. */
export const PROVIDER_KINDS = [...new Set(REFERENCE_KINDS.flatMap((kind) => (SUPPLIER_KINDS[kind].cells === 'declared' ? [SUPPLIER_KINDS[kind].provider] : [])))] as ProviderKind[];

/** What a reference of one kind may point at: a provider that declares `<provider>-cells`, or any node. */
export type ReferenceTarget = { cells: 'declared'; provider: ProviderKind } | { cells: 'none' };

/** The target rule of a reference kind; callers switch on `cells` exhaustively where the difference matters. */
export function targetOf(kind: ReferenceKind): ReferenceTarget {
  const row: SupplierKindRow = SUPPLIER_KINDS[kind];
  switch (row.cells) {
    case 'declared':
      return { cells: 'declared', provider: row.provider as ProviderKind };
    case 'none':
      return { cells: 'none' };
    default: {
      const never: never = row.cells;
      throw new Error(`probe-run bug: unknown supplier cells ${String(never)}`);
    }
  }
}

/** The row of a reference kind. */
export function supplierKind(kind: ReferenceKind): SupplierKindRow {
  return SUPPLIER_KINDS[kind];
}
