# Links between Terraform resources: a resource that configures another one names it in an attribute
# (`bucket = aws_s3_bucket.data.id`, `secret_id = aws_secretsmanager_secret.db.id`).
# Rules pair them through keys (scope + address, scope + name) so that pairing stays linear in the resource count.
package evident.lib.links

import rego.v1

# One evaluation: one root module (or plan file) in one deployment.
scope_key(r) := concat("|", [
	r.source,
	object.get(r, "deployment", ""),
	object.get(r, ["meta", "root"], ""),
	object.get(r, ["meta", "plan"], ""),
])

same_scope(a, b) if scope_key(a) == scope_key(b)

# What `link.attributes[attribute]` names: the addresses its expression refers to, or a known name, id or ARN.
link_keys(link, attribute) := {key |
	some address in object.get(link, ["references", attribute], [])
	key := concat("|", [scope_key(link), "@", address])
} | {key |
	value := object.get(link.attributes, attribute, null)
	is_string(value)
	key := concat("|", [scope_key(link), "=", value])
}

# How a target can be named: its address (also without the instance key: `aws_s3_bucket.logs[count.index]` names
# every instance), and its known name, id, ARN, bucket or path.
target_keys(target) := {concat("|", [scope_key(target), "@", address]) | some address in addresses(target)} | {concat("|", [scope_key(target), "=", value]) | some value in identifiers(target)}

addresses(target) := {target.address, base} if {
	endswith(target.address, "]")
	parts := split(target.address, "[")
	base := concat("[", array.slice(parts, 0, count(parts) - 1))
} else := {target.address}

identifiers(target) := {value |
	some key in ["id", "arn", "name", "bucket", "path"]
	value := target.attributes[key]
	is_string(value)
}

# Set lookups (`keys[key]`), not `in` or `&`: those walk the whole set in the WASM runtime.
refers(link, attribute, target) if {
	keys := target_keys(target)
	some key in link_keys(link, attribute)
	keys[key]
}

# The link names something Evident cannot tie to any target (`targets_keys`: the union of their target_keys): a
# value only known after apply that comes from outside the evaluated module (a module output, a variable).
unresolved(link, attribute, targets_keys) if {
	not is_string(object.get(link.attributes, attribute, null))
	not names_any(link, attribute, targets_keys)
}

names_any(link, attribute, targets_keys) if {
	some key in link_keys(link, attribute)
	targets_keys[key]
}

# All keys of a list of targets, for `unresolved`.
keys_of(targets) := {key | some target in targets; some key in target_keys(target)}
