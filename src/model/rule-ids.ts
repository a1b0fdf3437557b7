/** The rule ids of SPEC section 2 (K1.1 … K11.2) plus K0, the diagnostics of section 6. */
export const RULE_IDS = [
  'K0',
  ...['K1.1', 'K1.2', 'K1.3', 'K1.4', 'K1.5'],
  ...['K2.1', 'K2.2', 'K2.3', 'K2.4'],
  ...['K3.1', 'K3.2', 'K3.3', 'K3.4', 'K3.5', 'K3.6'],
  ...['K4.1', 'K4.2', 'K4.3', 'K4.4'],
  ...['K5.1', 'K5.2', 'K5.3', 'K5.4', 'K5.5', 'K5.6', 'K5.7', 'K5.8'],
  ...['K6.1', 'K6.2', 'K6.3'],
  ...['K7.1', 'K7.2', 'K7.3'],
  ...['K8.1', 'K8.2', 'K8.3', 'K8.4', 'K8.5'],
  ...['K9.1', 'K9.2', 'K9.3'],
  ...['K10.1', 'K10.2', 'K10.3'],
  ...['K11.1', 'K11.2'],
] as const;

/** One SPEC rule id. */
export type RuleId = (typeof RULE_IDS)[number];
