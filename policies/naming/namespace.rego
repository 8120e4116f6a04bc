# METADATA
# title: Kubernetes namespace is not named {zone}-{tenant}, or its zone label disagrees with its name
# description: >-
#   Tenant namespaces live in a network zone and are named for it: dmz-shared, app-acme, data-shared, mgmt-shared
#   (`naming.namespacePattern`). Zone-based network policies and mTLS select namespaces by their zone label, so a
#   namespace whose label names another zone than its name (app-acme labelled zone: data) is treated as the wrong
#   zone. Checked for Namespace objects in manifests and Helm charts and for Terraform kubernetes_namespace
#   resources; the label is `zones.label` and compares without case. The namespaces Kubernetes itself owns
#   (default, kube-system, kube-public, kube-node-lease) are not evaluated.
# custom:
#   id: EVD-NAM-004
#   severity: medium
#   category: naming
#   remediation: Name the namespace `{zone}-{tenant}` with one of the zones (dmz, app, data, mgmt) and give it the matching zone label.
#   parameters: [naming.namespacePattern, zones.label, zones.names]
#   messages:
#     pattern: 'Namespace "{{namespace}}" is not named {zone}-{tenant} (pattern {{pattern}})'
#     zone_mismatch: 'Namespace "{{namespace}}" is labelled {{label}}: {{zone}}, but its name places it in zone {{name_zone}}'
package evident.rules.naming.namespace

import data.evident.lib.kubernetes as k8s
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

system_namespaces := {"default", "kube-system", "kube-public", "kube-node-lease"}

label := data.profile.zones.label

namespaces contains entry if {
	some r in k8s.resources_of_kind("Namespace")
	entry := {
		"resource": r,
		"name": object.get(r.attributes, ["metadata", "name"], null),
		"name_path": ["metadata", "name"],
		"labels": object.get(r.attributes, ["metadata", "labels"], {}),
		"labels_path": ["metadata", "labels"],
	}
}

namespaces contains entry if {
	some r in tf.of_types({"kubernetes_namespace", "kubernetes_namespace_v1"})
	entry := {
		"resource": r,
		"name": values.value_at(r.attributes, ["metadata", 0, "name"], null),
		"name_path": ["metadata", 0, "name"],
		"labels": values.value_at(r.attributes, ["metadata", 0, "labels"], {}),
		"labels_path": ["metadata", 0, "labels"],
	}
}

evaluated contains entry if {
	some entry in namespaces
	not system_namespaces[entry.name]
}

applies contains entry.resource.id if some entry in evaluated

deny contains finding if {
	some entry in evaluated
	is_string(entry.name)
	not regex.match(data.profile.naming.namespacePattern, entry.name)
	finding := {
		"resource": entry.resource.id,
		"path": entry.name_path,
		"message": "pattern",
		"data": {"namespace": entry.name, "pattern": data.profile.naming.namespacePattern},
	}
}

deny contains finding if {
	some entry in evaluated
	is_string(entry.name)
	name_zone := split(entry.name, "-")[0]
	name_zone in data.profile.zones.names
	some key, zone in labels(entry)
	lower(key) == lower(label)
	is_string(zone)
	lower(zone) != name_zone
	finding := {
		"resource": entry.resource.id,
		"path": array.concat(entry.labels_path, [key]),
		"message": "zone_mismatch",
		"data": {"namespace": entry.name, "label": key, "zone": zone, "name_zone": name_zone},
	}
}

labels(entry) := entry.labels if {
	is_object(entry.labels)
	not values.is_unknown(entry.labels)
} else := {}

unknown contains {"resource": entry.resource.id, "path": entry.name_path} if {
	some entry in evaluated
	values.is_unknown(entry.name)
}

unknown contains {"resource": entry.resource.id, "path": entry.labels_path} if {
	some entry in evaluated
	values.is_unknown(entry.labels)
}

unknown contains {"resource": entry.resource.id, "path": array.concat(entry.labels_path, [key])} if {
	some entry in evaluated
	some key, zone in labels(entry)
	lower(key) == lower(label)
	values.is_unknown(zone)
}
