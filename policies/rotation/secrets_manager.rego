# METADATA
# title: Secrets Manager secret does not rotate within the secret rotation period
# description: >-
#   Runtime secrets live in AWS Secrets Manager with automated rotation, evidenced by the AWS Config rule
#   secrets-rotation-35d (`rotation.secretDays`, 35 days). Every `aws_secretsmanager_secret` needs an
#   `aws_secretsmanager_secret_rotation` whose `secret_id` refers to it, with `rotation_rules.automatically_after_days`
#   or a `schedule_expression` (`rate(N days)`, `rate(N hours)`, or a `cron(...)` running at least monthly) within
#   the maximum. A rotation resource whose secret Evident cannot resolve (a module output, a variable) makes the
#   secrets of its configuration unknown rather than failing.
# custom:
#   id: EVD-ROT-004
#   severity: high
#   category: rotation
#   remediation: >-
#     Add an `aws_secretsmanager_secret_rotation` for the secret with a rotation Lambda and
#     `rotation_rules { automatically_after_days = 30 }` (at most the secret period).
#   parameters: [rotation.secretDays]
#   messages:
#     no_rotation: Secrets Manager secret has no aws_secretsmanager_secret_rotation, so it never rotates; the maximum is {{max}} days
#     no_schedule: Secrets Manager rotation sets neither rotation_rules.automatically_after_days nor schedule_expression
#     too_slow: Secrets Manager secret rotates every {{days}} days ({{schedule}}); the maximum is {{max}} days
package evident.rules.rotation.secrets_manager

import data.evident.lib.links
import data.evident.lib.terraform as tf
import data.evident.lib.values
import rego.v1

limit := data.profile.rotation.secretDays

secrets := tf.of_type("aws_secretsmanager_secret")

rotations := tf.of_type("aws_secretsmanager_secret_rotation")

applies contains r.id if some r in secrets

applies contains r.id if some r in rotations

rotated(secret) if {
	some key in links.target_keys(secret)
	rotated_keys[key]
}

rotated_keys := {key | some rotation in rotations; some key in links.link_keys(rotation, "secret_id")}

secret_keys := links.keys_of(secrets)

# Rotations whose secret Evident cannot resolve: each may rotate any secret of its evaluation.
unresolved_by_scope[links.scope_key(rotation)] contains rotation.address if {
	some rotation in rotations
	links.unresolved(rotation, "secret_id", secret_keys)
}

undecided_by(secret) := object.get(unresolved_by_scope, links.scope_key(secret), set())

deny contains finding if {
	some secret in secrets
	not rotated(secret)
	count(undecided_by(secret)) == 0
	finding := {"resource": secret.id, "path": [], "message": "no_rotation", "data": {"max": limit}}
}

unknown contains result if {
	some secret in secrets
	not rotated(secret)
	others := undecided_by(secret)
	count(others) > 0
	result := {
		"resource": secret.id,
		"path": [],
		"reason": concat(" ", [concat(", ", others), "names its secret with a value Evident cannot resolve"]),
	}
}

rules_path := ["rotation_rules", 0]

after_days_path := ["rotation_rules", 0, "automatically_after_days"]

schedule_path := ["rotation_rules", 0, "schedule_expression"]

# The schedules a rotation sets: {path, days (may be unknown), text}.
schedules(rotation) := {{"path": after_days_path, "days": days, "text": concat(" ", ["automatically_after_days", json.marshal(days)])} |
	days := values.value_at(rotation.attributes, after_days_path, null)
	days != null
} | {{"path": schedule_path, "days": days, "text": expression} |
	expression := values.value_at(rotation.attributes, schedule_path, null)
	expression != null
	days := schedule_days(expression)
}

schedule_days(expression) := expression if values.is_unknown(expression)

# rate(10 days), rate(1 day), rate(12 hours)
schedule_days(expression) := to_number(m[1]) / unit_days[m[2]] if {
	is_string(expression)
	m := regex.find_all_string_submatch_n(`^rate\(\s*(\d+)\s+(days?|hours?)\s*\)$`, expression, 1)[0]
}

unit_days := {"day": 1, "days": 1, "hour": 24, "hours": 24}

# cron(minutes hours day-of-month month day-of-week year): every month at least, so at most 31 days apart.
schedule_days(expression) := cron_days(fields) if {
	is_string(expression)
	m := regex.find_all_string_submatch_n(`^cron\((.*)\)$`, expression, 1)[0]
	fields := split(trim_space(m[1]), " ")
	count(fields) == 6
	fields[3] in {"*", "?"}
}

cron_days(fields) := 1 if {
	fields[2] in {"*", "?"}
	fields[4] in {"*", "?"}
} else := 7 if {
	fields[2] in {"*", "?"}
} else := 31

deny contains finding if {
	some rotation in rotations
	count(schedules(rotation)) == 0
	not values.is_unknown(values.value_at(rotation.attributes, rules_path, null))
	not unparsed_schedule(rotation)
	finding := {"resource": rotation.id, "path": rules_path, "message": "no_schedule"}
}

deny contains finding if {
	some rotation in rotations
	some schedule in schedules(rotation)
	is_number(schedule.days)
	schedule.days > limit
	finding := {
		"resource": rotation.id,
		"path": schedule.path,
		"message": "too_slow",
		"data": {"days": schedule.days, "schedule": schedule.text, "max": limit},
	}
}

unknown contains {"resource": rotation.id, "path": schedule.path} if {
	some rotation in rotations
	some schedule in schedules(rotation)
	values.is_unknown(schedule.days)
}

unknown contains {"resource": rotation.id, "path": rules_path} if {
	some rotation in rotations
	values.is_unknown(values.value_at(rotation.attributes, rules_path, null))
}

unparsed_schedule(rotation) if {
	expression := values.value_at(rotation.attributes, schedule_path, null)
	is_string(expression)
	not schedule_days(expression)
}

unknown contains {"resource": rotation.id, "path": schedule_path, "reason": concat(" ", ["Evident cannot tell how often", expression, "runs"])} if {
	some rotation in rotations
	unparsed_schedule(rotation)
	expression := values.value_at(rotation.attributes, schedule_path, null)
}
