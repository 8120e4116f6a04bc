package evident.lib.links_test

import data.evident.lib.links
import rego.v1

bucket := {"id": "b", "address": "aws_s3_bucket.logs[0]", "source": "terraform", "type": "aws_s3_bucket", "attributes": {"bucket": "logs"}, "meta": {"root": "."}}

link(attributes, references) := {"id": "l", "address": "x.l", "source": "terraform", "type": "x", "attributes": attributes, "references": references, "meta": {"root": "."}}

test_refers_by_reference_or_name if {
	links.refers(link({"bucket": {"__unknown__": "id"}}, {"bucket": ["aws_s3_bucket.logs[0]"]}), "bucket", bucket)
	links.refers(link({"bucket": {"__unknown__": "id"}}, {"bucket": ["aws_s3_bucket.logs"]}), "bucket", bucket)
	links.refers(link({"bucket": "logs"}, {}), "bucket", bucket)
	not links.refers(link({"bucket": "other"}, {}), "bucket", bucket)
}

test_scope_must_match if {
	other_deployment := object.union(link({"bucket": "logs"}, {}), {"deployment": "eastus-prod-1"})
	not links.refers(other_deployment, "bucket", bucket)
	other_root := object.union(link({"bucket": "logs"}, {}), {"meta": {"root": "live/dev"}})
	not links.refers(other_root, "bucket", bucket)
}

test_unresolved_only_when_nothing_can_be_tied if {
	links.unresolved(link({"bucket": {"__unknown__": "module output"}}, {"bucket": ["module.storage"]}), "bucket", links.keys_of([bucket]))
	not links.unresolved(link({"bucket": {"__unknown__": "id"}}, {"bucket": ["aws_s3_bucket.logs[0]"]}), "bucket", links.keys_of([bucket]))
	not links.unresolved(link({"bucket": "elsewhere"}, {}), "bucket", links.keys_of([bucket]))
}
