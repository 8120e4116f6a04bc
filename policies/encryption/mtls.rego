# METADATA
# title: Namespace of an mTLS zone does not enforce strict mutual TLS
# description: >-
#   Service-to-service traffic is encrypted and authenticated with mutual TLS (the Istio service mesh). Namespaces
#   whose zone label (`zones.label`) names a zone of `encryption.mtlsZones` (app, data) need an Istio
#   PeerAuthentication with `mtls.mode: STRICT` that covers the whole namespace: one without a selector in the
#   namespace itself, or mesh-wide in the root namespace istio-system (Istio's default root). A PERMISSIVE or
#   DISABLE mode in such a namespace (namespace-wide, for a workload selector or for a port) accepts plaintext and
#   is reported at its mode line; a namespace-wide one also overrides a mesh-wide STRICT policy. Only Namespaces
#   declared in the scanned manifests or Helm charts are evaluated, and only policies of the same deployment (Helm
#   release deployment; none for plain manifests) count for them.
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

# Objects of different deployments (Helm releases per deployment) live in different clusters: a namespace is
# known by its deployment and name.
key(r, namespace) := concat("/", [object.get(r, "deployment", ""), namespace])

# Declared namespaces of an mTLS zone, by key.
mtls_namespaces[key(ns, name)] contains {"id": ns.id, "name": name, "zone": zone} if {
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

strict_in contains key(policy, k8s.namespace_of(policy)) if {
	some policy in policies
	namespace_wide(policy)
	mode(policy) == "STRICT"
}

weakened_in contains key(policy, k8s.namespace_of(policy)) if {
	some policy in policies
	namespace_wide(policy)
	mode(policy) in weak_modes
}

strict(namespace_key, _) if strict_in[namespace_key]

strict(namespace_key, deployment) if {
	strict_in[concat("/", [deployment, mesh_root_namespace])]
	not weakened_in[namespace_key]
}

applies contains entry.id if {
	some entries in mtls_namespaces
	some entry in entries
}

applies contains policy.id if {
	some policy in policies
	mtls_namespaces[key(policy, k8s.namespace_of(policy))]
}

deny contains finding if {
	some namespace_key, entries in mtls_namespaces
	some entry in entries
	not strict(namespace_key, split(namespace_key, "/")[0])
	not weakened_in[namespace_key]
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
	some entry in mtls_namespaces[key(policy, namespace)]
	mode(policy) in weak_modes
	finding := not_strict(policy, ["spec", "mtls", "mode"], mode(policy), scope(policy), namespace, entry.zone)
}

deny contains finding if {
	some policy in policies
	namespace := k8s.namespace_of(policy)
	some entry in mtls_namespaces[key(policy, namespace)]
	some port, setting in object.get(policy.attributes, ["spec", "portLevelMtls"], {})
	setting.mode in weak_modes
	finding := not_strict(policy, ["spec", "portLevelMtls", port, "mode"], setting.mode, concat(" ", ["", "for port", port]), namespace, entry.zone)
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
