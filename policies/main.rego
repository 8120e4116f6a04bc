# The single WASM entrypoint: every rule's results in one evaluation over the whole resource set.
package evident.main

import rego.v1

results[family][name] := result if {
	some family, name
	rule := data.evident.rules[family][name]
	result := {
		"deny": object.get(rule, "deny", set()),
		"unknown": object.get(rule, "unknown", set()),
		"applies": object.get(rule, "applies", set()),
	}
}
