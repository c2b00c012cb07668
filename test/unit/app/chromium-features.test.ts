import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISABLED_CHROMIUM_FEATURES, disableFeaturesValue } from '../../../main/app/chromium-features.js';

test('--disable-features: ours alone, or added to those a user gave, each once', () => {
  assert.deepEqual(DISABLED_CHROMIUM_FEATURES, ['NavigationPredictor']);
  assert.equal(disableFeaturesValue(), 'NavigationPredictor');
  assert.equal(disableFeaturesValue(''), 'NavigationPredictor');
  assert.equal(disableFeaturesValue('HardwareMediaKeyHandling'), 'HardwareMediaKeyHandling,NavigationPredictor');
  assert.equal(disableFeaturesValue(' A, ,B,NavigationPredictor,A '), 'A,B,NavigationPredictor');
});
