# Network zones (DMZ / App / Data / Mgmt): from `zone` tags and labels, subnet roles of the layout, and namespaces.
package evident.lib.zones

import data.evident.lib.ipv4
import data.evident.lib.kubernetes as k8s
import data.evident.lib.terraform as tf
import rego.v1

label := data.profile.zones.label

# The zone a resource's tag or label names, lower-case; the key compares without case (zone, Zone).
tagged_zone(r) := named[0] if {
	named := [lower(value) | some key, value in tf.tags(r); lower(key) == lower(label); is_string(value)]
	count(named) > 0
}

# A resource's zone: its tag, else the data zone for types that hold data.
resource_zone(r) := zone if {
	zone := tagged_zone(r)
} else := "data" if {
	r.type in data.profile.zones.dataTypes
}

in_data_zone(r) if resource_zone(r) == "data"

# Name suffixes that may name a role: the text after "-{deployment}-" (and its first word), else the last word.
descriptor_candidates(name, deployment) := [suffix, split(suffix, "-")[0]] if {
	is_string(deployment)
	marker := concat("", ["-", lower(deployment), "-"])
	contains(lower(name), marker)
	suffix := substring(lower(name), indexof(lower(name), marker) + count(marker), -1)
} else := [words[count(words) - 1]] if {
	words := split(lower(name), "-")
}

# The layout role a name's descriptor stands for (snet-cf-westeu-prod-1-db → db); undefined when none.
role_of_name(name, deployment) := roles[0] if {
	is_string(name)
	roles := sort({role |
		some candidate in descriptor_candidates(name, deployment)
		some role, layout in data.profile.cidr.subnets
		candidate in layout.descriptors
	})
	count(roles) > 0
}

# The display name of a Terraform resource: `name`, else the Name tag (AWS).
resource_name(r) := r.attributes.name if is_string(r.attributes.name)

else := tf.tags(r).Name if is_string(tf.tags(r).Name)

role_zone(role) := data.profile.cidr.subnets[role].zone

# The zone a resource's name places it in (nsg-cf-westeu-prod-1-mgmt → mgmt).
named_zone(r) := role_zone(role_of_name(resource_name(r), object.get(r, "deployment", null)))

# Layout subnets of a deployment with their zone: [{"role", "cidr", "zone"}].
layout(deployment) := layouts[deployment]

layouts := {deployment: [{"role": role, "cidr": cidr, "bounds": ipv4.bounds(cidr), "zone": role_zone(role)} |
	some role, cidr in object.get(info, "subnets", {})
] |
	some deployment, info in data.deployments
}

# Zone → the zones that may open connections to it (zones.flows read backwards).
allowed_sources(zone) := {source | some source, targets in data.profile.zones.flows; zone in targets}

may_reach(source, target) if target in object.get(data.profile.zones.flows, source, [])

# --- Kubernetes namespaces --------------------------------------------------------------------

namespaces := k8s.resources_of_kind("Namespace")

namespace_labels(ns) := object.get(ns.attributes, ["metadata", "labels"], {})

# [name, zone] of every Namespace of the scan with a zone label (computed once).
labelled_namespaces := {[ns.attributes.metadata.name, lower(zone)] |
	some ns in namespaces
	zone := namespace_labels(ns)[label]
	is_string(zone)
}

labelled_names := {pair[0] | some pair in labelled_namespaces}

# Zones of a namespace: its `zone` label where the scan has the Namespace, else its name prefix (data-acme → data).
namespace_zones(name) := {zone | some zone in data.profile.zones.names; labelled_namespaces[[name, zone]]} if {
	labelled_names[name]
} else := {prefix} if {
	prefix := split(name, "-")[0]
	prefix in data.profile.zones.names
} else := set()

# --- NetworkPolicy peers ------------------------------------------------------------------------

# NetworkPolicies of namespaces in `zone` that restrict ingress (a policy without policyTypes restricts ingress).
ingress_policies(zone) := [item.policy | some item in restricting_ingress; item.zones[zone]]

# NetworkPolicies that restrict ingress, with their namespace's zones (computed once).
restricting_ingress := [{"policy": policy, "zones": namespace_zones(k8s.namespace_of(policy))} |
	some policy in k8s.resources_of_kind("NetworkPolicy")
	"Ingress" in object.get(policy.attributes.spec, "policyTypes", ["Ingress"])
]

# What one `from` peer admits: {"kind": "namespace"} (pods of the policy's own namespace), {"kind": "all"}
# (every namespace), {"kind": "ip_block", "cidr"}, {"kind": "zones", "zones": {...}} or {"kind": "unknown"}.
# "(none)" stands for namespaces that carry no zone.
peer_admits(peer) := {"kind": "ip_block", "cidr": object.get(peer.ipBlock, "cidr", "")} if {
	is_object(peer.ipBlock)
} else := {"kind": "namespace"} if {
	not peer.namespaceSelector
} else := {"kind": "unknown"} if {
	not is_object(peer.namespaceSelector)
} else := {"kind": "all"} if {
	count(object.get(peer.namespaceSelector, "matchLabels", {})) + count(object.get(peer.namespaceSelector, "matchExpressions", [])) == 0
} else := {"kind": "zones", "zones": selected} if {
	selected := label_selected_zones(peer.namespaceSelector)
} else := {"kind": "zones", "zones": matched} if {
	matched := {zone |
		some ns in namespaces
		matches(peer.namespaceSelector, ns_labels_with_name(ns))
		some zone in namespace_or_none(ns.attributes.metadata.name)
	}
	count(matched) > 0
} else := {"kind": "unknown"}

namespace_or_none(name) := namespace_zones(name) if count(namespace_zones(name)) > 0

else := {"(none)"}

ns_labels_with_name(ns) := object.union(namespace_labels(ns), {"kubernetes.io/metadata.name": ns.attributes.metadata.name})

# Zones a selector names through the zone label itself; undefined when it does not constrain the label.
label_selected_zones(selector) := {lower(selector.matchLabels[label])} if {
	is_string(selector.matchLabels[label])
} else := {lower(v) | some v in expression.values} if {
	some expression in object.get(selector, "matchExpressions", [])
	expression.key == label
	expression.operator == "In"
} else := ({z | some z in data.profile.zones.names} - {lower(v) | some v in expression.values}) | {"(none)"} if {
	some expression in object.get(selector, "matchExpressions", [])
	expression.key == label
	expression.operator == "NotIn"
} else := {z | some z in data.profile.zones.names} if {
	some expression in object.get(selector, "matchExpressions", [])
	expression.key == label
	expression.operator == "Exists"
} else := {"(none)"} if {
	some expression in object.get(selector, "matchExpressions", [])
	expression.key == label
	expression.operator == "DoesNotExist"
}

# Kubernetes label selector semantics over a label map.
matches(selector, labels) if {
	every key, value in object.get(selector, "matchLabels", {}) {
		labels[key] == value
	}
	every expression in object.get(selector, "matchExpressions", []) {
		expression_holds(expression, labels)
	}
}

expression_holds(expression, labels) if {
	expression.operator == "In"
	labels[expression.key] in expression.values
}

expression_holds(expression, labels) if {
	expression.operator == "NotIn"
	not object.get(labels, expression.key, null) in expression.values
}

expression_holds(expression, labels) if {
	expression.operator == "Exists"
	labels[expression.key]
}

expression_holds(expression, labels) if {
	expression.operator == "DoesNotExist"
	not labels[expression.key]
}

# Every (ingress rule, peer) of a policy with its path; a rule without peers admits every source.
ingress_peers(policy) := [{"path": ["spec", "ingress", i, "from", j], "admits": peer_admits(peer)} |
	some i, rule in object.get(policy.attributes.spec, "ingress", [])
	some j, peer in object.get(rule, "from", [])
]

open_ingress_rules(policy) := [["spec", "ingress", i] |
	some i, rule in object.get(policy.attributes.spec, "ingress", [])
	count(object.get(rule, "from", [])) == 0
]
