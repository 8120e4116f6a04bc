package evident.rules.rotation.key_vault_expiry_test

import data.evident.rules.rotation.key_vault_expiry as rule
import rego.v1

item(type, attributes) := {"resources": [{"id": "x", "source": "terraform", "type": type, "mode": "resource", "attributes": attributes}]}

test_expiring_secrets_and_keys_allowed if {
	count(rule.deny) == 0 with input as item("azurerm_key_vault_secret", {"expiration_date": "2026-03-01T00:00:00Z"})
	count(rule.deny) == 0 with input as item("azurerm_key_vault_key", {"expiration_date": "2026-03-01T00:00:00Z"})
	rule.applies == {"x"} with input as item("azurerm_key_vault_key", {})
}

test_missing_expiration_denied if {
	rule.deny == {{"resource": "x", "path": [], "message": "missing", "data": {"kind": "Key Vault secret"}}} with input as item("azurerm_key_vault_secret", {})
	rule.deny == {{"resource": "x", "path": [], "message": "missing", "data": {"kind": "Key Vault key"}}} with input as item("azurerm_key_vault_key", {"rotation_policy": [{"expire_after": "P90D"}]})
}

test_unknown_expiration_is_unknown if {
	count(rule.deny) == 0 with input as item("azurerm_key_vault_secret", {"expiration_date": {"__unknown__": "timestamp() is only known after apply"}})
	rule.unknown == {{"resource": "x", "path": ["expiration_date"]}} with input as item("azurerm_key_vault_secret", {"expiration_date": {"__unknown__": "timestamp() is only known after apply"}})
}

test_other_types_ignored if {
	count(rule.applies) == 0 with input as item("azurerm_key_vault_certificate", {})
}
