import { describe, expect, it } from 'vitest';
import { compareResults, type Finding } from '../../src/model/index.js';

function finding(file: string, line: number, deployment: string | undefined, message: string): Finding {
  return {
    ruleId: 'EVD-CIDR-002',
    title: 't',
    category: 'cidr',
    severity: 'critical',
    messageId: 'overlap',
    message,
    location: { file, line },
    resource: { address: 'module.net.azurerm_virtual_network.this', type: 'azurerm_virtual_network', source: 'terraform', ...(deployment ? { deployment } : {}) },
    path: 'address_space[0]',
    data: {},
    controls: [],
    remediation: 'r',
    fingerprint: 'f',
  };
}

describe('compareResults', () => {
  it('orders by file (code units, not locale), line, then deployment, then message, whatever order they came in', () => {
    const expected = [
      finding('B.tf', 1, undefined, 'x'),
      finding('a.tf', 2, 'eastus-prod-1', 'overlaps one'),
      finding('a.tf', 2, 'eastus-prod-1', 'overlaps two'),
      finding('a.tf', 2, 'westeu-prod-1', 'overlaps one'),
      finding('a.tf', 10, undefined, 'x'),
      finding('é.tf', 1, undefined, 'x'),
    ];
    for (const shuffled of [[...expected].reverse(), [expected[3], expected[0], expected[5], expected[2], expected[1], expected[4]]]) {
      expect(shuffled.sort(compareResults)).toEqual(expected);
    }
  });
});
