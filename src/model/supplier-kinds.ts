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

/** One supplier kind. */
export interface SupplierKindRow {
  /** The provider kind: `<provider>-cells` on a node marks it a provider of this kind. */
  provider: string;
  behaviour: SupplierBehaviour;
  /** `blocking`: a link that blocks (fw_devlink=on); `optional`: only under fw_devlink.strict; `none`. */
  link: SupplierLink;
  /** The provider in the trace's words: `clock provider cmu not registered`. */
  word: string;
  /** The SPEC rule of a missing provider. */
  rule: RuleId;
  /** The device-tree property and its cells property, for export and import. */
  dtProperty: string;
  /** One sentence for the schema and the editor's hover. */
  description: string;
}

/** Rows in the order the kernel's of_supplier_bindings parses them (K3.1 names the first unbound supplier). */
export const SUPPLIER_KINDS = {
  clocks: {
    provider: 'clock',
    behaviour: 'probe',
    link: 'blocking',
    word: 'clock provider',
    rule: 'K7.1',
    dtProperty: 'clocks',
    description: 'Clock suppliers (clock-cells providers); missing providers defer forever (K7.1).',
  },
  interconnects: {
    provider: 'interconnect',
    behaviour: 'probe',
    link: 'blocking',
    word: 'interconnect provider',
    rule: 'K7.2',
    dtProperty: 'interconnects',
    description: 'Interconnect paths (interconnect-cells providers); plain mandatory suppliers (K7.2).',
  },
  iommus: {
    provider: 'iommu',
    behaviour: 'iommu',
    link: 'optional',
    word: 'IOMMU',
    rule: 'K5.5',
    dtProperty: 'iommus',
    description: 'IOMMU master ports (iommu-cells providers): one instance per device, entries handled in order (K5.3, K5.4).',
  },
  dmas: {
    provider: 'dma',
    behaviour: 'probe',
    link: 'optional',
    word: 'DMA controller',
    rule: 'K7.2',
    dtProperty: 'dmas',
    description: 'DMA channels (dma-cells providers); no blocking link unless fw_devlink_strict (K8.1).',
  },
  'power-domains': {
    provider: 'power-domain',
    behaviour: 'power-domain',
    link: 'blocking',
    word: 'power domain',
    rule: 'K6.2',
    dtProperty: 'power-domains',
    description: 'Power domains (power-domain-cells providers), attached through genpd (K6).',
  },
  phys: {
    provider: 'phy',
    behaviour: 'probe',
    link: 'blocking',
    word: 'phy provider',
    rule: 'K7.2',
    dtProperty: 'phys',
    description: 'PHYs (phy-cells providers); plain mandatory suppliers (K7.2).',
  },
  pinctrl: {
    provider: 'pinctrl',
    behaviour: 'pinctrl',
    link: 'blocking',
    word: 'pin controller',
    rule: 'K7.3',
    dtProperty: 'pinctrl-0',
    description: 'Pin controllers (pinctrl-cells providers): stands for a pin configuration node under the controller; set up before DMA (K7.3, K8.3).',
  },
  resets: {
    provider: 'reset',
    behaviour: 'probe',
    link: 'blocking',
    word: 'reset controller',
    rule: 'K7.2',
    dtProperty: 'resets',
    description: 'Reset lines (reset-cells providers); plain mandatory suppliers (K7.2).',
  },
  supplies: {
    provider: 'regulator',
    behaviour: 'probe',
    link: 'blocking',
    word: 'regulator',
    rule: 'K7.2',
    dtProperty: 'vdd-supply',
    description: 'Regulators (regulator-cells providers); plain mandatory suppliers (K7.2).',
  },
} as const satisfies Record<string, SupplierKindRow>;

/** A reference property name: a key of SUPPLIER_KINDS. */
export type ReferenceKind = keyof typeof SUPPLIER_KINDS;
/** A provider kind, declared by `<kind>-cells`. */
export type ProviderKind = (typeof SUPPLIER_KINDS)[ReferenceKind]['provider'];

/** The reference properties in of_supplier_bindings order. */
export const REFERENCE_KINDS = Object.keys(SUPPLIER_KINDS) as ReferenceKind[];

/** The provider kind each reference property points at. */
export const PROVIDER_OF_REFERENCE = Object.fromEntries(REFERENCE_KINDS.map((kind) => [kind, SUPPLIER_KINDS[kind].provider])) as Record<ReferenceKind, ProviderKind>;

/** Provider kinds in table order, each once. */
export const PROVIDER_KINDS = [...new Set(REFERENCE_KINDS.map((kind) => SUPPLIER_KINDS[kind].provider))] as ProviderKind[];

/** The row of a reference kind. */
export function supplierKind(kind: ReferenceKind): SupplierKindRow {
  return SUPPLIER_KINDS[kind];
}
