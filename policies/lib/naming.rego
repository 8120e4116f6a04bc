# Resource names: where each type keeps its name, and what the naming convention
# {abbr}-{app}-{deployment}-{descriptor} (compact types: {abbr}{app}{deployment without hyphens}{descriptor}) expects.
package evident.lib.naming

import data.evident.lib.kubernetes as k8s
import data.evident.lib.tagging
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

# Types whose provider name is not in `name`.
name_attributes := {
	"aws_s3_bucket": ["bucket"],
	"aws_db_instance": ["identifier"],
	"aws_rds_cluster": ["cluster_identifier"],
	"aws_docdb_cluster": ["cluster_identifier"],
	"aws_neptune_cluster": ["cluster_identifier"],
	"aws_redshift_cluster": ["cluster_identifier"],
	"aws_elasticache_replication_group": ["replication_group_id"],
	"aws_elasticache_cluster": ["cluster_id"],
	"aws_opensearch_domain": ["domain_name"],
	"aws_elasticsearch_domain": ["domain_name"],
}

# AWS types named only by their Name tag.
name_tag_types := {
	"aws_vpc", "aws_subnet", "aws_instance", "aws_internet_gateway", "aws_nat_gateway",
	"aws_route_table", "aws_eip", "aws_ebs_volume", "aws_network_acl", "aws_vpc_endpoint",
}

# The resource's name and its path: {"value", "path"}; value may be unknown. Undefined when the resource has no name.
name_of(r) := entry if {
	tf.terraform_sources[r.source]
	path := name_path(r)
	value := values.value_at(r.attributes, path, null)
	value != null
	entry := {"value": value, "path": path}
}

name_of(r) := {"value": r.attributes.metadata.name, "path": ["metadata", "name"]} if {
	k8s.manifest_sources[r.source]
	r.attributes.metadata.name
}

name_path(r) := name_attributes[r.type]

name_path(r) := tagging.tag_path(r, "Name") if name_tag_types[r.type]

# Terraform kubernetes_* resources keep the name in their metadata block.
name_path(r) := ["metadata", 0, "name"] if {
	startswith(r.type, "kubernetes_")
	not name_attributes[r.type]
}

name_path(r) := ["name"] if {
	not name_attributes[r.type]
	not name_tag_types[r.type]
	not startswith(r.type, "kubernetes_")
}

compact(type) if type in data.profile.naming.compact

# What every name of the type starts with: {abbr}-{app}- (compact: {abbr}{app}).
prefix(type) := concat("", [data.profile.naming.abbreviations[type], data.profile.naming.app]) if {
	compact(type)
} else := concat("-", [data.profile.naming.abbreviations[type], data.profile.naming.app, ""])

# The deployment as names spell it: compact types drop the hyphens.
deployment_part(type, deployment) := replace(deployment, "-", "") if compact(type)

else := deployment

# The shortest name the convention allows for the type in the deployment.
expected_name(type, deployment) := concat("", [prefix(type), deployment_part(type, deployment)]) if {
	compact(type)
} else := concat("", [prefix(type), deployment])

# `name` is {prefix}{deployment} optionally followed by -{descriptor} (compact: by a descriptor that does not
# start with a digit after a regional deployment's instance number: stcfwesteuprod12 reads as westeu-prod-12).
embeds_deployment(type, name, deployment) if {
	not compact(type)
	rest := substring(name, count(prefix(type)), -1)
	rest == deployment
}

embeds_deployment(type, name, deployment) if {
	not compact(type)
	rest := substring(name, count(prefix(type)), -1)
	startswith(rest, concat("", [deployment, "-"]))
	count(rest) > count(deployment) + 1
}

embeds_deployment(type, name, deployment) if {
	compact(type)
	rest := substring(name, count(prefix(type)), -1)
	part := deployment_part(type, deployment)
	startswith(rest, part)
	not reads_as_instance(part, substring(rest, count(part), -1))
}

reads_as_instance(part, descriptor) if {
	regex.match(`[0-9]$`, part)
	regex.match(`^[0-9]`, descriptor)
}
