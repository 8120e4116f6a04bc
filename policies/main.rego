# The WASM entrypoints: every rule's results in one evaluation over the whole resource set, or (selected) the
# results of the rules `input.rules` names, as [family, name] pairs.
package evident.main

import rego.v1

results[family][name] := outputs(data.evident.rules[family][name]) if some family, name

selected[family][name] := outputs(data.evident.rules[family][name]) if some [family, name] in input.rules

outputs(rule) := {
	"deny": object.get(rule, "deny", set()),
	"unknown": object.get(rule, "unknown", set()),
	"applies": object.get(rule, "applies", set()),
}
