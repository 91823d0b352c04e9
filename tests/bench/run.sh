#!/usr/bin/env bash
# Throughput and latency of the main pages against the bare endpoint (/ping: FastCGI round
# trip, no database), measured in the same run, and worker memory before and after.
# Figures are ratios, because this machine is shared and absolute numbers drift.
#
#   tests/bench/run.sh [SECONDS] [CONNECTIONS]
# Uses the test stack (scripts/stack start test), starting it if it is not running.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-10}
connections=${2:-8}
origin=http://127.0.0.1:18080
base=$origin/referrals
var=${REFERRALS_VAR:-$top/var}/test

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if ! curl -sf "$base/ping" >/dev/null 2>&1; then
	"$top/scripts/stack" start test >/dev/null
fi

# sign in as a member of two organisations, as the home page shows both
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
token=$(curl -sf -c "$jar" -b "$jar" "$base/signin" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -sf -o /dev/null -c "$jar" -b "$jar" -H "Origin: $origin" \
	--data-urlencode username=ben --data-urlencode password=demopass --data-urlencode "csrf=$token" \
	"$base/signin"
session=$(awk '$6 == "referrals_session" {print $7}' "$jar")
[ -n "$session" ] || { echo "bench: could not sign in" >&2; exit 1; }
curl -sf -o /dev/null -H "Cookie: referrals_session=$session" "$base/" || { echo "bench: home page failed" >&2; exit 1; }

worker_rss() { # total RSS in KiB of the workers (children of the master)
	local master
	master=$(cat "$var/referrals.pid")
	ps -o rss= --ppid "$master" | awk '{s += $1} END {print s + 0}'
}

# run NAME PATH [COOKIE] → prints "requests/s p99(ms)"
run() {
	local path=$1 cookie=${2:-} out rps p99
	if [ -n "$cookie" ]; then
		out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$path")
	else
		out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path")
	fi
	if grep -q "Non-2xx" <<<"$out"; then
		echo "bench: $path answered errors:" >&2
		echo "$out" >&2
		exit 1
	fi
	rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' <<<"$out")
	echo "$rps $p99"
}

rss_before=$(worker_rss)
read -r bare_rps bare_p99 < <(run /ping)
read -r home_rps home_p99 < <(run / "referrals_session=$session")
read -r signin_rps signin_p99 < <(run /signin)
read -r clients_rps clients_p99 < <(run /clients "referrals_session=$session")
read -r start_rps start_p99 < <(run /referrals/new "referrals_session=$session")
rss_after=$(worker_rss)

printf '%-22s %12s %10s %14s\n' endpoint requests/s p99_ms ratio_to_bare
printf '%-22s %12.0f %10.2f %14s\n' "/ping (bare FastCGI)" "$bare_rps" "$bare_p99" 1.00
printf '%-22s %12.0f %10.2f %14.2f\n' "/ (signed in, home)" "$home_rps" "$home_p99" "$(awk -v a="$home_rps" -v b="$bare_rps" 'BEGIN {print a / b}')"
printf '%-22s %12.0f %10.2f %14.2f\n' "/signin (form)" "$signin_rps" "$signin_p99" "$(awk -v a="$signin_rps" -v b="$bare_rps" 'BEGIN {print a / b}')"
printf '%-22s %12.0f %10.2f %14.2f\n' "/clients (list)" "$clients_rps" "$clients_p99" "$(awk -v a="$clients_rps" -v b="$bare_rps" 'BEGIN {print a / b}')"
printf '%-22s %12.0f %10.2f %14.2f\n' "/referrals/new" "$start_rps" "$start_p99" "$(awk -v a="$start_rps" -v b="$bare_rps" 'BEGIN {print a / b}')"
printf 'worker RSS total: %s KiB before, %s KiB after (%s connections, %ss per endpoint)\n' \
	"$rss_before" "$rss_after" "$connections" "$seconds"
