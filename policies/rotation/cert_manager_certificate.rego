# METADATA
# title: cert-manager Certificate lasts longer than the TLS certificate period or does not set renewBefore
# description: >-
#   TLS certificates are issued by cert-manager (with Vault) for at most `rotation.tlsCertificateDays` (90 days) and
#   renew automatically. A cert-manager `Certificate` must request a `spec.duration` of at most the maximum
#   (cert-manager's default, 2160h, is 90 days) and state when it renews with `spec.renewBefore` (or
#   `renewBeforePercentage`), so the renewal window is a reviewed decision rather than a default. Durations are Go
#   durations (2160h, 1440h0m0s). Applies to Kubernetes manifests, Helm-rendered objects and Terraform
#   `kubernetes_manifest` resources.
# custom:
#   id: EVD-ROT-006
#   severity: medium
#   category: rotation
#   remediation: Set `spec.duration` to at most the TLS certificate period (e.g. `2160h`) and `spec.renewBefore` (e.g. `360h`).
#   parameters: [rotation.tlsCertificateDays]
#   messages:
#     too_long: Certificate "{{name}}" lasts {{days}} days (duration {{duration}}); the maximum is {{max}} days
#     default_too_long: >-
#       Certificate "{{name}}" sets no duration and cert-manager's default (2160h, 90 days) exceeds the maximum of
#       {{max}} days
#     no_renew_before: Certificate "{{name}}" sets no renewBefore, so its renewal window is left to the cert-manager default
package evident.rules.rotation.cert_manager_certificate

import data.evident.lib.kubernetes as k8s
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

default_duration := "2160h"

limit_days := data.profile.rotation.tlsCertificateDays

cert_manager_api(doc) if {
	api := object.get(doc, "apiVersion", "")
	is_string(api)
	regex.match(`^(cert-manager\.io|certmanager\.k8s\.io)/`, api)
}

# Certificates with the attribute path of the manifest inside the resource.
certificates contains {"id": r.id, "base": [], "certificate": r.attributes} if {
	some r in k8s.resources_of_kind("Certificate")
	cert_manager_api(object.union({"apiVersion": object.get(r, ["meta", "apiVersion"], "")}, r.attributes))
}

certificates contains {"id": r.id, "base": ["manifest"], "certificate": manifest} if {
	some r in tf.of_type("kubernetes_manifest")
	manifest := r.attributes.manifest
	manifest.kind == "Certificate"
	cert_manager_api(manifest)
}

applies contains entry.id if some entry in certificates

name(entry) := object.get(entry.certificate, ["metadata", "name"], "")

spec_path(entry) := array.concat(entry.base, ["spec"])

deny contains finding if {
	some entry in certificates
	duration := object.get(entry.certificate, ["spec", "duration"], null)
	seconds := values.duration_seconds(duration)
	seconds > limit_days * 86400
	finding := {
		"resource": entry.id,
		"path": array.concat(spec_path(entry), ["duration"]),
		"message": "too_long",
		"data": {"name": name(entry), "days": round((seconds / 86400) * 10) / 10, "duration": duration, "max": limit_days},
	}
}

deny contains finding if {
	some entry in certificates
	values.value_at(entry.certificate, ["spec", "duration"], null) == null
	values.duration_seconds(default_duration) > limit_days * 86400
	finding := {"resource": entry.id, "path": spec_path(entry), "message": "default_too_long", "data": {"name": name(entry), "max": limit_days}}
}

deny contains finding if {
	some entry in certificates
	values.value_at(entry.certificate, ["spec", "renewBefore"], null) == null
	values.value_at(entry.certificate, ["spec", "renewBeforePercentage"], null) == null
	finding := {"resource": entry.id, "path": spec_path(entry), "message": "no_renew_before", "data": {"name": name(entry)}}
}

unknown contains {"resource": entry.id, "path": array.concat(spec_path(entry), [field])} if {
	some entry in certificates
	some field in ["duration", "renewBefore", "renewBeforePercentage"]
	values.is_unknown(values.value_at(entry.certificate, ["spec", field], null))
}

unknown contains {"resource": r.id, "path": ["manifest"]} if {
	some r in tf.of_type("kubernetes_manifest")
	values.is_unknown(object.get(r.attributes, "manifest", null))
}

unknown contains result if {
	some entry in certificates
	duration := object.get(entry.certificate, ["spec", "duration"], null)
	is_string(duration)
	not values.duration_seconds(duration)
	result := {
		"resource": entry.id,
		"path": array.concat(spec_path(entry), ["duration"]),
		"reason": concat(" ", [duration, "is not a duration Evident reads (hours, minutes, seconds: 2160h)"]),
	}
}
