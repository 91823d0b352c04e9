#!/usr/bin/env bash
# The referral page with and without the access log (issue 15), in one run: tests/bench/run.sh
# measures the page as configured (the log on: one INSERT per view, written after the answer
# was sent), then again with Referrals.AccessLog = 0 in the stack's config (the switch exists
# for this comparison only), then the configuration is put back. Each run has its own /ping
# and bare-page references, so compare the ×bare columns; the table at the end puts the two
# side by side with the access log rows each run wrote.
#
#   tests/bench/access_log.sh [--profile test|demo|bench] [--without-first] [run.sh options ...]
#
# --without-first measures without the log first: on a loaded machine the load drifts during a
# run, so alternate the order between runs and compare the ratios of both orders.
#
# Defaults: --pages referral --users amira. Run it in your own network namespace, as run.sh.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
profile=test
without_first=
args=()
while [ $# -gt 0 ]; do
	case $1 in
	--profile) profile=${2:?}; shift 2 ;;
	--without-first) without_first=1; shift ;;
	*) args+=("$1"); shift ;;
	esac
done
[[ " ${args[*]} " == *" --pages "* ]] || args+=(--pages referral)
[[ " ${args[*]} " == *" --users "* ]] || args+=(--users amira)
var=${REFERRALS_VAR:-$top/var}
dir=$var/$profile
hdf=$dir/referrals.hdf
stack=$top/scripts/stack

die() {
	echo "bench: $*" >&2
	exit 1
}

# reload: SIGHUP to the master (new workers with the file's configuration), then wait until
# a worker answers again.
reload() {
	kill -HUP "$(cat "$dir/referrals.pid")"
	sleep 2
	local base
	base=$(sed -n 's/^BASE_URL=//p' "$dir/stack.env")
	for _ in $(seq 1 50); do
		curl -sf -o /dev/null --max-time 2 "$base/ping" && return 0
		sleep 0.2
	done
	die "the program did not answer after the reload"
}

rows() { # rows: the access log's size
	"$stack" sql "$profile" -N -B -e 'SELECT COUNT(*) FROM access_log'
}

# measure LABEL: runs run.sh, prints the report's page rows prefixed with LABEL.
measure() {
	local label=$1 before after report
	before=$(rows)
	bash "$top/tests/bench/run.sh" --profile "$profile" "${args[@]}" >&2
	after=$(rows)
	report=$(ls -t "$var/bench/$profile-"*.tsv | head -1)
	awk -F'\t' -v OFS='\t' -v label="$label" -v logged=$((after - before)) \
		'$1 == "bare" && !bare {bare = $4}
		NR > 1 && $1 !~ /^(ping|bare)/ {print label, $1, $2, $4, $5, $7, $8, $9, logged, bare}' "$report"
}

[ -s "$hdf" ] || bash "$top/tests/bench/run.sh" --profile "$profile" --list >/dev/null
curl -sf -o /dev/null --max-time 5 "$(sed -n 's/^BASE_URL=//p' "$dir/stack.env" 2>/dev/null)/ping" ||
	"$stack" start "$profile" >&2
grep -q 'AccessLog' "$hdf" && die "$hdf already sets AccessLog: remove it first"
cp "$hdf" "$hdf.access-log-bench"
restore() {
	if [ -f "$hdf.access-log-bench" ]; then
		mv "$hdf.access-log-bench" "$hdf"
		reload || true
	fi
}
trap restore EXIT

log_off() {
	sed -i 's/^Referrals {$/Referrals {\n  AccessLog = 0/' "$hdf"
	reload
}
if [ -n "$without_first" ]; then
	log_off
	without=$(measure "without")
	restore
	with=$(measure "with the access log")
else
	with=$(measure "with the access log")
	log_off
	without=$(measure "without")
	restore
fi
trap - EXIT

echo
printf '%-20s %-10s %-6s %9s %6s %8s %8s %7s %12s\n' "" page user "req/s" "×bare" "p50 ms" "p99 ms" "sql/req" "rows logged"
printf '%s\n%s\n' "$with" "$without" | awk -F'\t' '{
	printf "%-20s %-10s %-6s %9s %6s %8s %8s %7s %12s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9
}'
# each page's rate with the log over its rate without, and the same of the ×bare figures
# (each run's own bare page: it takes out the load's drift between the two runs)
printf '%s\n%s\n' "$with" "$without" | awk -F'\t' '
	$1 ~ /^with the/ { w[$2 "@" $3] = $4; wb[$2 "@" $3] = $4 / $10 }
	$1 == "without" { o[$2 "@" $3] = $4; ob[$2 "@" $3] = $4 / $10 }
	END { for (p in w) if (o[p] > 0 && ob[p] > 0)
		printf "ratio %-16s req/s with/without %.2f   ×bare with/without %.2f\n", p, w[p] / o[p], wb[p] / ob[p] }'
