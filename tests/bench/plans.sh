#!/usr/bin/env bash
# The query plans of what pages really run: MariaDB's slow query log with every statement
# (long_query_time 0) and its EXPLAIN, while each page is requested once as the given user;
# then, per page, each statement with its plan and the rows it examined. Lines that name a
# full scan (type ALL or index) or a filesort over more than --big rows are marked "!!".
#
#   tests/bench/plans.sh [--profile bench|test|demo] [--user NAME] [--big ROWS] PATH...
#   e.g. tests/bench/plans.sh --user amira / /referrals/received '/referrals/received?q=smith'
# PATHs are relative to the profile's base path. Not part of the test suite.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
profile=bench
user=amira
big=10000
while [ $# -gt 0 ]; do
	case $1 in
	--profile) profile=$2; shift 2 ;;
	--user) user=$2; shift 2 ;;
	--big) big=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "plans: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || { echo "usage: tests/bench/plans.sh [--profile P] [--user U] [--big ROWS] PATH..." >&2; exit 2; }

var=${REFERRALS_VAR:-$top/var}/$profile
env_file=$var/stack.env
[ -f "$env_file" ] || { echo "plans: no $profile stack (scripts/stack start $profile)" >&2; exit 1; }
base=$(sed -n 's/^BASE_URL=//p' "$env_file")
origin=$(sed -n 's/^ORIGIN=//p' "$env_file")
sql() { "$top/scripts/stack" sql "$profile" "$@"; }

jar=$(mktemp)
log=$var/plans-slow.log
trap 'rm -f "$jar"; sql -e "SET GLOBAL slow_query_log = 0; SET GLOBAL long_query_time = 10" >/dev/null 2>&1 || true' EXIT
token=$(curl -sf -c "$jar" -b "$jar" "$base/signin" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $origin" --data-urlencode "username=$user" \
	--data-urlencode password=demopass --data-urlencode "csrf=$token" "$base/signin" ||
	{ echo "plans: could not sign in as $user" >&2; exit 1; }

sql -e "SET GLOBAL slow_query_log = 0; SET GLOBAL slow_query_log_file = '$log';
	SET GLOBAL long_query_time = 0; SET GLOBAL log_slow_verbosity = 'query_plan,explain';
	SET GLOBAL log_slow_admin_statements = 0"
# long_query_time is copied into each connection when it opens: new workers (SIGHUP replaces
# them one by one) take the 0, the others keep their own
master=$(cat "$var/referrals.pid")
old_workers=$(ps -o pid= --ppid "$master" | tr -d ' ')
kill -HUP "$master"
for _ in $(seq 100); do
	left=0
	for pid in $old_workers; do
		if [ -d "/proc/$pid" ]; then left=1; fi
	done
	[ "$left" -eq 0 ] && break
	sleep 0.1
done
rm -f "$log"
sql -e "SET GLOBAL slow_query_log = 1"
for path in "$@"; do
	curl -s -o /dev/null -b "$jar" "$base$path" # warm: a worker's first use prepares
	sleep 0.2
	offset=$(stat -c %s "$log")
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base$path")
	sleep 0.2
	printf '\n===== %s as %s: HTTP %s =====\n' "$path" "$user" "$code"
	# each logged statement of the program's user: its plan lines, rows examined, then the text
	LC_ALL=C awk -v big="$big" '
		/^# User@Host: referrals/ { mine = 1; next }
		/^# User@Host:/ { mine = 0; next }
		!mine { next }
		/^# Query_time:/ { examined = $0; sub(/.*Rows_examined: */, "", examined); sub(/ .*/, "", examined); next }
		/^# explain: id/ { print "  plan:"; next }
		/^# explain:/ {
			line = substr($0, 12)
			n = split(line, f, "\t")
			flag = "  "
			if ((f[5] == "ALL" || f[5] == "index") && f[10] + 0 > big) flag = "!!"
			if (line ~ /filesort/ && f[10] + 0 > big) flag = "!!"
			print "   " flag " " line
			next
		}
		/^(SET timestamp|use |#)/ { next }
		/^SELECT|^WITH|^INSERT|^UPDATE|^DELETE|^\(SELECT/ {
			q = $0; if (length(q) > 400) q = substr(q, 1, 400) "..."
			printf "-- rows examined %s: %s\n", examined, q
		}
	' < <(tail -c +"$((offset + 1))" "$log")
done
