/** The knob table is the one source: the schema's kernel section and every profile agree with it. */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BOOLEAN_KNOBS, KERNEL_KEYS, KNOB_HELP, KNOB_VALUES, PROFILE_NAMES, PROFILES, resolveKnobs } from './knobs.js';

const knobs = suite('knob table');
const schema = JSON.parse(readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8'));
const kernel = schema.properties.kernel.properties as Record<string, { enum?: string[]; type?: string; description: string }>;

knobs('the schema offers exactly the knobs of the table, with the same values and descriptions', () => {
  assert.equal(Object.keys(kernel).sort(), [...KERNEL_KEYS].sort());
  assert.equal(kernel.profile.enum, [...PROFILE_NAMES]);
  for (const [key, values] of Object.entries(KNOB_VALUES)) {
    assert.equal(kernel[key].enum, [...values], key);
    assert.is(kernel[key].description, KNOB_HELP[key as keyof typeof KNOB_HELP], key);
  }
  for (const key of BOOLEAN_KNOBS) assert.is(kernel[key].type, 'boolean', key);
});

knobs('every profile sets every knob to one of its values (SPEC section 3)', () => {
  for (const name of PROFILE_NAMES) {
    const resolved = resolveKnobs({ profile: name });
    for (const [key, values] of Object.entries(KNOB_VALUES)) assert.ok((values as readonly string[]).includes(resolved[key as keyof typeof KNOB_VALUES]), `${name} ${key}`);
  }
});

knobs('the oracle kernels differ from their neighbours where SPEC section 3 says', () => {
  assert.equal([PROFILES['v6.1'].iommu_partial, PROFILES['v6.8'].iommu_partial, PROFILES['v6.12'].iommu_partial], ['keep', 'keep', 'discard']);
  assert.equal([PROFILES['v6.1'].clk_disabled_provider, PROFILES['v6.8'].clk_disabled_provider, PROFILES['v6.12'].clk_disabled_provider, PROFILES['v6.15'].clk_disabled_provider], ['enoent', 'defer', 'enoent', 'defer']);
  assert.equal([PROFILES['v6.1'].pending_message, PROFILES['v6.8'].pending_message, PROFILES['v6.12'].pending_message], ['bare', 'info', 'warning']);
  assert.equal(PROFILE_NAMES.map((p) => PROFILES[p].genpd_power_on_failure), ['ignore', 'defer-once', 'defer', 'defer', 'defer', 'defer']);
});

knobs('single overrides win over the profile; --profile replaces only the profile', () => {
  const resolved = resolveKnobs({ profile: 'v6.12', pinctrl_missing: 'check-state', modules: false }, 'v6.1');
  assert.equal([resolved.profile, resolved.pinctrl_missing, resolved.modules, resolved.deferred_probe_timeout], ['v6.1', 'check-state', false, 0]);
  assert.is(resolveKnobs({ profile: 'v4.12' }).deferred_probe_timeout, -1);
});

knobs.run();
