# METADATA
# title: Key Vault secret or key has no expiration date
# description: >-
#   Secrets rotate at least every `rotation.secretDays` and keys every `rotation.keyDays`; a secret or key version
#   without an expiry stays valid for ever once rotation stops. Every `azurerm_key_vault_secret` and
#   `azurerm_key_vault_key` needs an `expiration_date`. A key's rotation policy (`expire_after`) only dates the
#   versions it creates, not the one Terraform creates, so keys need the attribute too.
# custom:
#   id: EVD-ROT-005
#   severity: medium
#   category: rotation
#   remediation: >-
#     Set `expiration_date` (RFC 3339), at most the rotation period ahead, and rotate before it passes; for example
#     `expiration_date = time_rotating.secret.rotation_rfc3339` with `resource "time_rotating" "secret" { rotation_days = 30 }`.
#   parameters: []
#   messages:
#     missing: '{{kind}} has no expiration_date, so it never expires'
package evident.rules.rotation.key_vault_expiry

import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

kinds := {"azurerm_key_vault_secret": "Key Vault secret", "azurerm_key_vault_key": "Key Vault key"}

items := tf.of_types({type | some type, _ in kinds})

applies contains r.id if some r in items

deny contains finding if {
	some r in items
	object.get(r.attributes, "expiration_date", null) == null
	finding := {"resource": r.id, "path": [], "message": "missing", "data": {"kind": kinds[r.type]}}
}

unknown contains {"resource": r.id, "path": ["expiration_date"]} if {
	some r in items
	values.is_unknown(object.get(r.attributes, "expiration_date", null))
}
