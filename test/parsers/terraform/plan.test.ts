import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';
import { FIXED_NOW } from '../../helpers/clock.js';
import { FIXTURES } from '../../helpers/paths.js';

describe('Terraform plan JSON', () => {
  const report = scan({ root: `${FIXTURES}/terraform/plan`, now: FIXED_NOW });
  const planned = report.resources.filter((r) => r.source === 'terraform-plan');

  it('ingests every planned resource with its Terraform address', () => {
    expect(planned.map((r) => r.address)).toEqual([
      'aws_kms_key.data',
      'module.store.aws_s3_bucket.this',
      'module.store.aws_s3_bucket_server_side_encryption_configuration.this',
    ]);
  });

  it('maps lines back to the .tf source, through module calls', () => {
    const sse = planned.find((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration')!;
    expect([sse.file, sse.line, sse.endLine]).toEqual(['modules/store/main.tf', 13, 22]);
    expect(sse.locations['rule[0].apply_server_side_encryption_by_default[0].sse_algorithm']).toEqual({ file: 'modules/store/main.tf', line: 18, column: 7 });
  });

  it('marks values known only after apply as unknown', () => {
    const sse = planned.find((r) => r.type === 'aws_s3_bucket_server_side_encryption_configuration')!;
    expect(sse.attributes.rule).toEqual([
      {
        apply_server_side_encryption_by_default: [
          { sse_algorithm: 'aws:kms', kms_master_key_id: { __unknown__: 'module.store.aws_s3_bucket_server_side_encryption_configuration.this.rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id is known only after apply' } },
        ],
        bucket_key_enabled: null,
      },
    ]);
    const key = planned.find((r) => r.type === 'aws_kms_key')!;
    expect(key.attributes.rotation_period_in_days).toEqual({ __unknown__: 'aws_kms_key.data.rotation_period_in_days is known only after apply' });
  });

  it('is not mistaken for a Kubernetes manifest and raises no errors', () => {
    expect(report.diagnostics).toEqual([]);
    expect(report.resources.filter((r) => r.source === 'kubernetes')).toEqual([]);
  });
});
