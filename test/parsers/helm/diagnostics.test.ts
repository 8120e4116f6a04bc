import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/parsers/helm/render.js';
import { FIXTURES, REPO_ROOT } from '../../helpers/paths.js';
import { describeWithHelm, helm } from './oracle.js';

const BROKEN = `${FIXTURES}/helm/broken`;
const shown = (chart: string, file: string): string => `fixtures/helm/broken/${chart}/${file}`;

interface Expected {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Each broken chart fails with one error diagnostic, worded as helm 3.10.1 words it, at the file and line to fix. */
const CASES: Record<string, Expected> = {
  'parse-error': {
    file: shown('parse-error', 'templates/configmap.yaml'),
    line: 8,
    message: 'parse error at (parse-error/templates/configmap.yaml:8): unexpected "}" in end',
  },
  'exec-error': {
    file: shown('exec-error', 'templates/deployment.yaml'),
    line: 10,
    column: 28,
    message:
      'template: exec-error/templates/deployment.yaml:10:28: executing "exec-error/templates/deployment.yaml" at <.Values.image.repository>: nil pointer evaluating interface {}.repository',
  },
  'required-value': {
    file: shown('required-value', 'templates/secret.yaml'),
    line: 6,
    column: 15,
    message: 'execution error at (required-value/templates/secret.yaml:6:15): A database password is required: set auth.password',
  },
  'bad-output': {
    file: shown('bad-output', 'templates/configmap.yaml'),
    line: 6,
    message: 'YAML parse error on bad-output/templates/configmap.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context',
  },
  'bad-chart-yaml': {
    file: shown('bad-chart-yaml', 'Chart.yaml'),
    line: 4,
    message: "cannot load Chart.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'",
  },
  'missing-dependency': {
    file: shown('missing-dependency', 'Chart.yaml'),
    message:
      'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: postgresql',
  },
  'no-chart-yaml': {
    file: 'fixtures/helm/broken/no-chart-yaml',
    message: 'Chart.yaml file is missing',
  },
};

function only(chart: string): { manifests: number; error: Expected & { code: string; level: string } } {
  const result = renderChart(`${BROKEN}/${chart}`, { repoRoot: REPO_ROOT });
  expect(result.diagnostics).toHaveLength(1);
  return { manifests: result.manifests.length, error: result.diagnostics[0] as Expected & { code: string; level: string } };
}

describe('charts that cannot render become one diagnostic and no manifests', () => {
  for (const [chart, expected] of Object.entries(CASES)) {
    it(chart, () => {
      const { manifests, error } = only(chart);
      expect(manifests).toBe(0);
      expect(error).toEqual({ code: 'helm-render', level: 'error', ...expected });
    });
  }

  it('include recursion stops with Helm\'s message, the repeated levels folded', () => {
    const { error } = only('include-loop');
    expect(error.file).toBe(shown('include-loop', 'templates/cm.yaml'));
    expect(error.line).toBe(4);
    expect(error.message).toBe(
      'template: include-loop/templates/cm.yaml:4:11: executing "include-loop/templates/cm.yaml" at <include "loop.name" .>: error calling include: ' +
        'template: include-loop/templates/_helpers.tpl:2:3: executing "loop.name" at <include "loop.name" .>: error calling include: ' +
        '[197 identical nested levels omitted] error calling include: ' +
        'template: include-loop/templates/_helpers.tpl:2:3: executing "loop.name" at <include "loop.name" .>: error calling include: ' +
        'rendering template has a nested reference name: loop.name: unable to execute template',
    );
  });

  it('a missing subchart can be skipped with a warning instead', () => {
    const result = renderChart(`${BROKEN}/missing-dependency`, { repoRoot: REPO_ROOT, missingDependencies: 'skip' });
    expect(result.manifests.map((m) => `${m.kind}/${m.name}`)).toEqual(['ConfigMap/x']);
    expect(result.diagnostics).toEqual([
      {
        code: 'helm-render',
        level: 'warning',
        file: shown('missing-dependency', 'Chart.yaml'),
        message: 'found in Chart.yaml, but missing in charts/ directory: postgresql; rendering without them',
      },
    ]);
  });

  it('a values file that does not exist is reported, not thrown', () => {
    const result = renderChart(`${FIXTURES}/helm/app`, { repoRoot: REPO_ROOT, valuesFiles: [`${FIXTURES}/helm/values/nope.yaml`] });
    expect(result.manifests).toEqual([]);
    expect(result.diagnostics).toEqual([
      { code: 'helm-render', level: 'error', file: 'fixtures/helm/values/nope.yaml', message: 'open fixtures/helm/values/nope.yaml: no such file or directory' },
    ]);
  });
});

describeWithHelm('broken charts fail with helm 3.10.1\'s error text', () => {
  for (const chart of [...Object.keys(CASES), 'include-loop']) {
    it(chart, () => {
      const theirs = helm(['template', 'release-name', `${BROKEN}/${chart}`]).error ?? '';
      const ours = only(chart).error.message;
      // helm nests 1000 identical include levels, we stop at 200 and fold them: compare the folded forms.
      const fold = (m: string): string =>
        m
          .replace('[197 identical nested levels omitted] error calling include: ', '')
          .replace(/(error calling include: template: include-loop\/templates\/_helpers\.tpl:2:3: executing "loop\.name" at <include "loop\.name" \.>: )+/, 'LEVELS ');
      expect(fold(ours)).toBe(fold(theirs.replace(/^Error: /, '')));
    });
  }
});
