# METADATA
# title: Namespace has no default-deny NetworkPolicy
# description: >-
#   Without a NetworkPolicy that selects every pod and allows no ingress, any pod in the cluster can
#   reach every pod in the namespace. Zero trust starts from deny-all, then allows named flows.
# custom:
#   id: EVD-NET-001
#   severity: medium
#   category: network
#   remediation: 'Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` and no ingress rules to the namespace.'
#   messages:
#     missing: Namespace "{{namespace}}" has no default-deny ingress NetworkPolicy
package evident.rules.network.default_deny

import data.evident.lib.kubernetes as k8s
import rego.v1

namespaces := k8s.resources_of_kind("Namespace")

applies contains ns.id if some ns in namespaces

deny contains finding if {
	some ns in namespaces
	name := ns.attributes.metadata.name
	not denied_by_default[name]
	finding := {"resource": ns.id, "path": ["metadata", "name"], "message": "missing", "data": {"namespace": name}}
}

denied_by_default contains k8s.namespace_of(policy) if {
	some policy in k8s.resources_of_kind("NetworkPolicy")
	selects_all_pods(policy.attributes.spec)
	"Ingress" in policy_types(policy.attributes.spec)
	count(object.get(policy.attributes.spec, "ingress", [])) == 0
}

selects_all_pods(spec) if count(object.get(spec, ["podSelector", "matchLabels"], {})) + count(object.get(spec, ["podSelector", "matchExpressions"], [])) == 0

# Kubernetes treats a policy without policyTypes as an Ingress policy.
policy_types(spec) := spec.policyTypes if is_array(spec.policyTypes)

else := ["Ingress"]
