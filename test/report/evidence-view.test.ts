import { describe, expect, it } from 'vitest';
import { controlAnchor, formatPopulation, formatTime, formatValue, formatValueBrief, matrixMark } from '../../src/report/evidence-view.js';
import { escapeMarkdown } from '../../src/report/markdown.js';

describe('evidence display text', () => {
  it('writes profile values as people read them', () => {
    expect(formatValue(['SYS_ADMIN', 'NET_ADMIN'])).toBe('SYS_ADMIN, NET_ADMIN');
    expect(formatValue({ 'global-dev': '10.0.0.0/16', 'westeu-prod-1': '10.30.0.0/16' })).toBe('global-dev: 10.0.0.0/16; westeu-prod-1: 10.30.0.0/16');
    expect(formatValue({ apps: { number: 1, descriptors: ['apim', 'aca'] } })).toBe('apps: (number: 1; descriptors: (apim, aca))');
    expect(formatValue(90)).toBe('90');
    expect(formatValue([])).toBe('(empty)');
    expect(formatValue(undefined)).toBe('(not set)');
  });

  it('summarises a long list or table in a table cell, which the method section shows whole', () => {
    expect(formatValueBrief(['SYS_ADMIN', 'ALL'])).toBe('SYS_ADMIN, ALL');
    const prefixes = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`azurerm_type_${i}`, `t${i}`]));
    expect(formatValueBrief(prefixes)).toBe('30 entries (listed under Method)');
    expect(formatValueBrief(Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/16`))).toBe('40 values (listed under Method)');
  });

  it('states the population with its deployments', () => {
    expect(formatPopulation({ '': 8 })).toBe('8 resources');
    expect(formatPopulation({ '': 1 })).toBe('1 resource');
    expect(formatPopulation({})).toBe('0 resources');
    expect(formatPopulation({ 'westeu-prod-1': 22, '': 3, 'eastus-prod-1': 21 })).toBe('46 resources: no deployment 3, eastus-prod-1 21, westeu-prod-1 22');
  });

  it('marks a rule in the coverage matrix by its worst result', () => {
    expect(matrixMark({ evaluated: 3, passed: 1, failed: 1, waived: 1, unknown: 0 }).mark).toBe('✗');
    expect(matrixMark({ evaluated: 3, passed: 2, failed: 0, waived: 1, unknown: 0 }).mark).toBe('W');
    expect(matrixMark({ evaluated: 3, passed: 2, failed: 0, waived: 0, unknown: 1 }).mark).toBe('✓');
    expect(matrixMark({ evaluated: 2, passed: 0, failed: 0, waived: 0, unknown: 2 }).mark).toBe('–');
  });

  it('makes anchors, times and Markdown cells safe', () => {
    expect(controlAnchor({ framework: 'gdpr', id: '32(1)(b)' })).toBe('gdpr-32-1-b');
    expect(formatTime('2026-11-22T09:00:00.000Z')).toBe('2026-11-22 09:00:00 UTC');
    expect(escapeMarkdown('a | b *c* <d>\nnext `e`')).toBe('a \\| b \\*c\\* \\<d\\> next \\`e\\`');
  });
});
