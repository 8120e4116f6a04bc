import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { FIXED_NOW } from '../helpers/clock.js';
import { FIXTURES } from '../helpers/paths.js';

describe('Helm charts in a scan', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'evident-helm-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(`${FIXTURES}/helm/app`, `${root}/charts/app`, { recursive: true });
  cpSync(`${FIXTURES}/helm/values`, `${root}/environments`, { recursive: true });

  it('renders a chart with its defaults and points a finding at the template line, naming the values file and key', () => {
    const report = scan({ root, now: FIXED_NOW });
    expect(report.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const privileged = report.findings.find((f) => f.ruleId === 'EVD-WKL-001');
    expect(privileged).toMatchObject({
      location: { file: 'charts/app/templates/deployment.yaml', line: 27 },
      resource: { source: 'helm', type: 'Deployment' },
      origin: { file: 'charts/app/values.yaml', line: 8, description: 'value from charts/app/values.yaml: securityContext.privileged' },
    });
    expect(privileged?.resource.deployment).toBeUndefined();
    expect(report.inputs.map((i) => i.path)).toContain('charts/app/templates/deployment.yaml');
  });

  it('renders a chart once per configured release, with its values files, as that deployment', () => {
    writeFileSync(
      `${root}/evident.config.yaml`,
      'helm:\n  releases:\n    - {chart: charts/app, name: app-dev, deployment: westeu-dev-1}\n    - {chart: charts/app, name: app-prod, deployment: westeu-prod-1, values: [environments/prod.yaml]}\n',
    );
    const report = scan({ root, now: FIXED_NOW });
    const deployments = [...new Set(report.resources.filter((r) => r.source === 'helm').map((r) => r.deployment))];
    expect(deployments).toEqual(['westeu-dev-1', 'westeu-prod-1']);
    const of = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId && f.resource.type === 'Deployment').map((f) => f.resource.deployment);
    // prod.yaml keeps privileged from values.yaml but removes the added capability and the root user.
    expect(of('EVD-WKL-001')).toEqual(['westeu-dev-1', 'westeu-prod-1']);
    expect(of('EVD-WKL-004')).toEqual(['westeu-dev-1']);
    expect(report.findings.filter((f) => f.ruleId === 'EVD-WKL-003' && f.messageId === 'root_user').map((f) => f.resource.deployment)).toEqual(['westeu-dev-1']);
  });
});
