# METADATA
# title: Namespace of an mTLS zone does not enforce strict mutual TLS
# description: >-
#   Service-to-service traffic is encrypted and authenticated with mutual TLS (the Istio service mesh). Namespaces
#   whose zone label (`zones.label`) names a zone of `encryption.mtlsZones` (app, data) need an Istio
#   PeerAuthentication with `mtls.mode: STRICT` that covers the whole namespace: one without a selector in the
#   namespace itself, or mesh-wide in the root namespace istio-system (Istio's default root). A PERMISSIVE or
#   DISABLE mode in such a namespace (namespace-wide, for a workload selector or for a port) accepts plaintext and
#   is reported at its mode line; a namespace-wide one also overrides a mesh-wide STRICT policy. Only Namespaces
#   declared in the scanned manifests or Helm charts are evaluated.
# custom:
#   id: EVD-ENC-006
#   severity: high
#   category: encryption
#   remediation: >-
#     Add a PeerAuthentication `default` with `spec.mtls.mode: STRICT` to the namespace (or mesh-wide in istio-system)
#     and remove PERMISSIVE/DISABLE overrides once every client has a sidecar.
#   parameters: [encryption.mtlsZones, zones.label]
#   messages:
#     missing: >-
#       Namespace "{{namespace}}" (zone {{zone}}) has no STRICT Istio PeerAuthentication, neither in the namespace
#       nor mesh-wide in istio-system
#     not_strict: >-
#       PeerAuthentication "{{name}}" sets mTLS mode {{mode}}{{scope}} in namespace "{{namespace}}" (zone {{zone}}),
#       which requires STRICT
package evident.rules.encryption.mtls

import data.evident.lib.kubernetes as k8s
import rego.v1

mesh_root_namespace := "istio-system"

weak_modes := {"PERMISSIVE", "DISABLE"}

# Declared namespaces of an mTLS zone.
mtls_namespaces contains {"id": ns.id, "name": name, "zone": zone} if {
	some ns in k8s.resources_of_kind("Namespace")
	name := ns.attributes.metadata.name
	zone := object.get(ns.attributes, ["metadata", "labels", data.profile.zones.label], null)
	zone in data.profile.encryption.mtlsZones
}

policies := k8s.resources_of_kind("PeerAuthentication")

namespace_wide(policy) if {
	count(object.get(policy.attributes, ["spec", "selector", "matchLabels"], {})) == 0
}

mode(policy) := object.get(policy.attributes, ["spec", "mtls", "mode"], "UNSET")

strict_in contains k8s.namespace_of(policy) if {
	some policy in policies
	namespace_wide(policy)
	mode(policy) == "STRICT"
}

weakened_in contains k8s.namespace_of(policy) if {
	some policy in policies
	namespace_wide(policy)
	mode(policy) in weak_modes
}

strict(name) if name in strict_in

strict(name) if {
	mesh_root_namespace in strict_in
	not name in weakened_in
}

applies contains entry.id if some entry in mtls_namespaces

applies contains policy.id if {
	some policy in policies
	some entry in mtls_namespaces
	entry.name == k8s.namespace_of(policy)
}

deny contains finding if {
	some entry in mtls_namespaces
	not strict(entry.name)
	not entry.name in weakened_in
	finding := {
		"resource": entry.id,
		"path": ["metadata", "labels", data.profile.zones.label],
		"message": "missing",
		"data": {"namespace": entry.name, "zone": entry.zone},
	}
}

deny contains finding if {
	some policy in policies
	namespace := k8s.namespace_of(policy)
	some entry in mtls_namespaces
	entry.name == namespace
	mode(policy) in weak_modes
	finding := not_strict(policy, ["spec", "mtls", "mode"], mode(policy), scope(policy), namespace, entry.zone)
}

deny contains finding if {
	some policy in policies
	namespace := k8s.namespace_of(policy)
	some entry in mtls_namespaces
	entry.name == namespace
	some port, setting in object.get(policy.attributes, ["spec", "portLevelMtls"], {})
	setting.mode in weak_modes
	finding := not_strict(policy, ["spec", "portLevelMtls", port, "mode"], setting.mode, sprintf(" for port %v", [port]), namespace, entry.zone)
}

scope(policy) := "" if namespace_wide(policy)

else := " for the workloads it selects"

not_strict(policy, path, mode_value, scope_text, namespace, zone) := {
	"resource": policy.id,
	"path": path,
	"message": "not_strict",
	"data": {
		"name": object.get(policy.attributes, ["metadata", "name"], ""),
		"mode": mode_value,
		"scope": scope_text,
		"namespace": namespace,
		"zone": zone,
	},
}
