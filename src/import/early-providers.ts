/**
 * The early providers import knows without a kernel build (SPEC section 8, K1.3): compatibles the
 * kernel sets up from an OF_DECLARE table before any initcall, so their nodes get no platform device
 * and no fw_devlink link points at them. A small, documented table of the common ones; a kernel build
 * adds nothing here (its OF_DECLARE tables are not in modules.* or System.map by compatible).
 */

/** The kernel macro that puts a compatible in its OF_DECLARE table. */
export type EarlyMacro = 'IRQCHIP_DECLARE' | 'TIMER_OF_DECLARE' | 'CLK_OF_DECLARE';

/** One early provider: the macro and the driver's name in the kernel tree. */
export interface EarlyProvider {
  macro: EarlyMacro;
  /** The source file, so a reader can check the entry. */
  source: string;
}

/**
 * Compatible → early provider. IRQCHIP_DECLARE and CLK_OF_DECLARE nodes are marked OF_POPULATED
 * (of_irq_init, of_clk_init), so populate skips them; TIMER_OF_DECLARE nodes are not, so the kernel
 * also adds a platform device that no driver binds: probe-run shows them as `early` either way.
 */
export const EARLY_PROVIDERS: Readonly<Record<string, EarlyProvider>> = Object.freeze({
  'arm,gic-400': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'arm,cortex-a15-gic': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'arm,cortex-a9-gic': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'arm,cortex-a7-gic': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'arm,arm11mp-gic': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'arm,pl390': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'qcom,msm-qgic2': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic.c' },
  'arm,gic-v3': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic-v3.c' },
  'arm,gic-v5': { macro: 'IRQCHIP_DECLARE', source: 'drivers/irqchip/irq-gic-v5.c' },
  'arm,armv8-timer': { macro: 'TIMER_OF_DECLARE', source: 'drivers/clocksource/arm_arch_timer.c' },
  'arm,armv7-timer': { macro: 'TIMER_OF_DECLARE', source: 'drivers/clocksource/arm_arch_timer.c' },
  'arm,armv7-timer-mem': { macro: 'TIMER_OF_DECLARE', source: 'drivers/clocksource/arm_arch_timer.c' },
  'fixed-clock': { macro: 'CLK_OF_DECLARE', source: 'drivers/clk/clk-fixed-rate.c' },
  'fixed-factor-clock': { macro: 'CLK_OF_DECLARE', source: 'drivers/clk/clk-fixed-factor.c' },
});

/** The first of `compatible` that the table lists, or null. */
export function earlyCompatible(compatible: readonly string[]): string | null {
  return compatible.find((c) => Object.hasOwn(EARLY_PROVIDERS, c)) ?? null;
}
