#!/usr/bin/env bash
# Throughput and latency of the main pages, each held against two references measured in the
# same run: /ping (a FastCGI round trip through the program, no database) and a bare page (a
# tiny FastCGI program of its own, tests/bench/bare.c: one prepared point SELECT and one
# ClearSilver render, behind its own nginx), the ceiling for a page that touches the database.
# Reports per page: requests/s, the fractions of the bare page's and /ping's rates, p50/p99,
# statements per request (from the program's request log, sql=N), the warm-up request's time
# and the workers' memory before and after. Figures are ratios because the machine is shared
# and absolute numbers drift. See tests/bench/README.md.
#
#   tests/bench/run.sh [--profile test|demo|bench] [--seconds S] [--connections C]
#                      [--pages LIST] [--users LIST] [--threads T] [--slow S]
#
# Starts the profile's stack if it is not answering. A page that answers anything but 2xx
# (during the warm-up or the run) gets no figures: the bench shows the response and exits 1.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)

usage() {
	cat >&2 <<-'EOF'
		usage: tests/bench/run.sh [options]
		  --profile test|demo|bench  the stack to measure (default test)
		  --seconds S                length of each page's run (default 10)
		  --connections C            concurrent connections (default 32)
		  --threads T                wrk threads (default 2)
		  --pages LIST               comma-separated page names or glob patterns, matched
		                             against NAME and NAME@USER (default: all); /ping and
		                             the bare page are always measured
		  --users LIST               staff whose pages are measured (default amira,tina)
		  --admin USER               the administrator for the admin pages (default admin)
		  --slow S                   a page whose warm-up request takes longer than S
		                             seconds is reported by that time only, not loaded
		                             (default 2)
		  --list                     print the page names and exit
	EOF
	exit 2
}

profile='test'
seconds=10
connections=32
threads=2
page_patterns=
users=amira,tina
admin_user='admin'
slow=2
list_only=
while [ $# -gt 0 ]; do
	case $1 in
	--profile) profile=${2:?}; shift 2 ;;
	--seconds) seconds=${2:?}; shift 2 ;;
	--connections) connections=${2:?}; shift 2 ;;
	--threads) threads=${2:?}; shift 2 ;;
	--pages) page_patterns=${2:?}; shift 2 ;;
	--users) users=${2:?}; shift 2 ;;
	--admin) admin_user=${2:?}; shift 2 ;;
	--slow) slow=${2:?}; shift 2 ;;
	--list) list_only=1; shift ;;
	-h | --help) usage ;;
	*) usage ;;
	esac
done
for number in "$seconds" "$connections" "$threads"; do
	[[ $number =~ ^[1-9][0-9]*$ ]] || usage
done
[[ $slow =~ ^[0-9]+(\.[0-9]+)?$ ]] || usage
[[ $users =~ ^[a-z0-9._,-]*$ && $admin_user =~ ^[a-z0-9._-]*$ ]] || {
	echo "bench: user names are lower-case letters, digits, dots, dashes and underscores" >&2
	exit 2
}

case $profile in
test) port=18080 base_path=/referrals ;;
demo) port=8080 base_path= ;;
bench) port=28080 base_path= ;;
*) usage ;;
esac
var=${REFERRALS_VAR:-$top/var}
dir=$var/$profile
origin=http://127.0.0.1:$port
base=$origin$base_path
log=$dir/referrals.log
stack=$top/scripts/stack

die() {
	echo "bench: $*" >&2
	exit 1
}

# ---- pages --------------------------------------------------------------------------------

# Each user's pages: NAME and the path below the base path, with placeholders that the setup
# fills in per user: {org} the active organisation, {received_name} / {sent_name} /
# {client_name} a last name in that list, {received_deep} / {sent_deep} the last page the
# list offers, {find} / {find_close} / {receivers} draft paths, {api_find} the search
# endpoint's query, {referral} a referral the user can see.
staff_pages=(
	"home /"
	"received /referrals/received"
	"received-new /referrals/received?status=new"
	"received-overdue /referrals/received?overdue=1"
	"received-urgent /referrals/received?urgent=1"
	"received-open /referrals/received?state=open"
	"received-closed /referrals/received?state=closed"
	"received-search /referrals/received?q={received_name}"
	"received-deep /referrals/received?page={received_deep}"
	"sent /referrals/sent"
	"sent-new /referrals/sent?status=new"
	"sent-overdue /referrals/sent?overdue=1"
	"sent-urgent /referrals/sent?urgent=1"
	"sent-unresolved /referrals/sent?unresolved=1"
	"sent-open /referrals/sent?state=open"
	"sent-closed /referrals/sent?state=closed"
	"sent-search /referrals/sent?q={sent_name}"
	"sent-deep /referrals/sent?page={sent_deep}"
	"clients /clients"
	"clients-search /clients?q={client_name}"
	"find {find}"
	"find-close {find_close}"
	"api-find /api/clients/search?{api_find}"
	"receivers {receivers}"
	"referral /referrals/{referral}"
	"inbox /inbox"
)
admin_pages=(
	"admin-home /?org=all"
	"admin-received /referrals/received"
	"admin-audit /admin/audit"
	"admin-organisations /admin/organisations"
)

if [ -n "$list_only" ]; then
	printf '%s\n' ping bare
	for entry in "${staff_pages[@]}"; do printf '%s (as each of: %s)\n' "${entry%% *}" "$users"; done
	for entry in "${admin_pages[@]}"; do printf '%s (as %s)\n' "${entry%% *}" "$admin_user"; done
	exit 0
fi

# selected NAME USER: the page is among --pages (all when none was given).
selected() {
	local name=$1 user=$2 pattern
	[ -z "$page_patterns" ] && return 0
	local IFS=,
	for pattern in $page_patterns; do
		# shellcheck disable=SC2053 # the pattern is a glob on purpose
		if [[ $name == $pattern || $name@$user == $pattern ]]; then return 0; fi
	done
	return 1
}

# ---- tools, the stack ---------------------------------------------------------------------

for tool in wrk nginx cc pkg-config curl awk; do
	command -v "$tool" >/dev/null || die "$tool is missing (apt-get install wrk nginx gcc pkg-config curl)"
done
if ! curl -sf -o /dev/null --max-time 5 "$base/ping"; then
	echo "bench: starting the $profile stack" >&2
	"$stack" start "$profile" >&2
fi
if [ -s "$dir/stack.env" ]; then # the stack's own word on where it answers
	base=$(sed -n 's/^BASE_URL=//p' "$dir/stack.env")
	origin=$(sed -n 's/^ORIGIN=//p' "$dir/stack.env")
	base_path=${base#"$origin"}
fi
curl -sf -o /dev/null --max-time 5 "$base/ping" || die "$base/ping does not answer"
[ -s "$dir/referrals.hdf" ] || die "no $dir/referrals.hdf: is this the $profile stack's state?"

# the program's workers (the bare page runs as many) and database account
workers=$(sed -n 's/^[[:space:]]*Workers = \([0-9]*\)$/\1/p' "$dir/referrals.hdf" | head -1)
workers=${workers:-2}
db_user=$(sed -n 's/^[[:space:]]*User = \([A-Za-z0-9_]*\)$/\1/p' "$dir/referrals.hdf" | head -1)

work=$(mktemp -d "${TMPDIR:-/tmp}/referrals-bench.XXXXXX")
bare_pid=
cleanup() {
	if [ -s "$work/nginx.pid" ]; then
		kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
	fi
	if [ -n "$bare_pid" ]; then
		kill -TERM "$bare_pid" 2>/dev/null || true
		wait "$bare_pid" 2>/dev/null || true
	fi
	sleep 0.2
	rm -rf "$work"
}
trap cleanup EXIT

sql() { # sql STATEMENT → tab-separated rows, no header
	"$stack" sql "$profile" -N -B -e "$1"
}

# ---- the bare page: its program and its own nginx -----------------------------------------

# The program's flags (configure.ac): ClearSilver has no pkg-config file.
# shellcheck disable=SC2046 # pkg-config's words are separate flags
cc -std=gnu11 -O2 -g -Wall -Wextra -I/usr/include/ClearSilver $(pkg-config --cflags fcgi libmariadb) \
	-o "$work/bare" "$top/tests/bench/bare.c" \
	-lneo_cgi -lneo_cs -lneo_utl -lz $(pkg-config --libs fcgi libmariadb) ||
	die "could not build tests/bench/bare.c (apt-get install clearsilver-dev libfcgi-dev libmariadb-dev)"
"$work/bare" "$dir/referrals.hdf" "$top/tests/bench/bare.cs" "$work/bare.sock" 2>"$work/bare.log" &
bare_pid=$!
for _ in $(seq 100); do [ -S "$work/bare.sock" ] && break; sleep 0.05; done
[ -S "$work/bare.sock" ] || { cat "$work/bare.log" >&2; die "the bare page's program did not start"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
bare_port=$((port + 100))
while ! port_free "$bare_port"; do bare_port=$((bare_port + 1)); done
# The same FastCGI parameters as the program's location, so nginx does the same work.
fastcgi_params=$(grep -h '^[[:space:]]*fastcgi_param ' "$dir/nginx-location.conf" 2>/dev/null | sort -u || true)
# shellcheck disable=SC2016 # nginx's variables, not ours
[ -n "$fastcgi_params" ] || fastcgi_params='fastcgi_param REQUEST_METHOD $request_method;
fastcgi_param REQUEST_URI $request_uri;
fastcgi_param DOCUMENT_URI $document_uri;
fastcgi_param QUERY_STRING $query_string;'
user_line=
if [ "$(id -u)" -eq 0 ]; then user_line="user root;"; fi
mkdir -p "$work/nginx"
# Like the stack's nginx: two workers, an access log, keep-alive to the client.
cat >"$work/nginx.conf" <<EOF
$user_line
daemon on;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events {
    worker_connections 1024;
}
http {
    access_log $work/nginx-access.log;
    server_tokens off;
    keepalive_timeout 30s;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$bare_port;
        location = /bare {
            fastcgi_pass unix:$work/bare.sock;
            fastcgi_read_timeout 60s;
$fastcgi_params
        }
    }
}
EOF
nginx -p "$work/nginx/" -c "$work/nginx.conf" -e "$work/nginx-error.log" </dev/null >/dev/null 2>&1 9>&- ||
	{ cat "$work/nginx-error.log" >&2; die "the bare page's nginx did not start"; }

# ---- measuring ----------------------------------------------------------------------------

# worker_rss MASTER_PID → total RSS of its children in KiB
worker_rss() {
	ps -o rss= --ppid "$1" | awk '{s += $1} END {print s + 0}'
}
program_master() {
	cat "$dir/referrals.pid"
}

# CPU time, in clock ticks, of the processes given and their children (the FastCGI masters'
# workers, nginx's workers), with the time of children that have already ended (cutime,
# cstime), so a worker replaced during a run still counts. The CPU time a page costs is what
# the machine's load does not change much: a ratio of CPU times holds on a busy machine where
# a ratio of rates wanders.
cpu_ticks() {
	local pids=() p
	for p in "$@"; do
		[ -n "$p" ] || continue
		pids+=("$p")
		while read -r c; do pids+=("$c"); done < <(ps -o pid= --ppid "$p")
	done
	for p in "${pids[@]}"; do cat "/proc/$p/stat" 2>/dev/null; done |
		awk '{ sub(/^.*\) /, ""); s += $12 + $13 + $14 + $15 } END { print s + 0 }'
}
ticks_per_second=$(getconf CLK_TCK)
db_pid=$(cat "$dir/mysql.pid" 2>/dev/null || true)
stack_nginx_pid=$(cat "$dir/nginx.pid" 2>/dev/null || true)

# Waits (up to 2 minutes) until the program has finished what earlier runs left queued: its
# log stops growing and the database runs no statement for it. A slow page would otherwise
# still hold the workers while the next page is measured.
settle() {
	local tries=0 size last=-1 quiet=0 running
	while [ "$tries" -lt 240 ]; do
		size=$(stat -c %s "$log" 2>/dev/null || echo 0)
		running=$(sql "SELECT COUNT(*) FROM information_schema.PROCESSLIST
			WHERE USER = '$db_user' AND COMMAND = 'Query'" 2>/dev/null || echo 0)
		if [ "$size" = "$last" ] && [ "$running" = 0 ]; then
			quiet=$((quiet + 1))
			[ "$quiet" -ge 2 ] && return 0
		else
			quiet=0
		fi
		last=$size
		tries=$((tries + 1))
		sleep 0.5
	done
	echo "bench: the program is still busy after 2 minutes; measuring anyway" >&2
}

# ms VALUE: one of wrk's durations (850.00us, 1.23ms, 2.01s, 1.50m) in milliseconds.
ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
		else if (v ~ /m$/) { sub(/m$/, "", v); print v * 60000 }
		else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 }
		else print "" }'
}

# show_response HEADERS BODY: the status line, any Location, and the page's main text
show_response() {
	sed -n -e '1s/\r$//p' -e 's/\r$//' -e '/^[Ll]ocation:/p' "$1" 2>/dev/null | sed 's/^/  /'
	tr '\n' ' ' <"$2" 2>/dev/null | sed -e 's/.*<main[^>]*>//' -e 's/<\/main>.*//' \
		-e 's/<[^>]*>/ /g' -e 's/[[:space:]]\{1,\}/ /g' | fold -s -w 100 | head -20 | sed 's/^/  /'
	echo
}

failures=()
# One row per page: name user path rps p50 p99 sql warm rss_before rss_after note
rows=()

# measure NAME USER PATH COOKIE URL_BASE MASTER_PID [LOGGED]
# LOGGED=1: the program serves it, so its request log must show every request 2xx and gives
# the statements per request.
measure() {
	local name=$1 user=$2 path=$3 cookie=$4 url_base=$5 master=$6 logged=${7:-1}
	local url=$url_base$path headers=() code warm out rps p50 p99 statements=- note='' rss_before rss_after
	[ -n "$cookie" ] && headers=(-H "Cookie: $cookie")
	settle
	printf 'bench: %-22s %-6s %s\n' "$name" "$user" "$path" >&2
	# Warm-up: one request for each worker at once (the first may meet cold caches, and each
	# worker has its own), then one alone, timed. Each must answer 2xx.
	local burst=() i slowest limit=$slow
	case $name in ping* | bare*) limit=100000 ;; esac # the references always run
	for ((i = 0; i < workers; i++)); do burst+=(-o /dev/null "$url"); done
	out=$(curl -s --no-progress-meter -Z --parallel-max "$workers" -w '%{http_code} %{time_total}\n' --max-time 120 \
		"${headers[@]}" "${burst[@]}" || true)
	slowest=$(awk '{if ($2 > t) t = $2} END {print t + 0}' <<<"$out")
	if awk -v t="$slowest" -v s="$limit" 'BEGIN {exit !(t > s)}' && ! grep -qv '^2' <<<"$out"; then
		warm=$(awk -v t="$slowest" 'BEGIN {printf "%.1f", t * 1000}')
		rows+=("$name	$user	$path	-	-	-	-	$warm	-	-	not loaded: the warm-up took $warm ms (over --slow $slow s)")
		return 0
	fi
	out=$(curl -s -o "$work/warm.body" -D "$work/warm.head" -w '%{http_code} %{time_total}' \
		--max-time 120 "${headers[@]}" "$url" || echo "000 0")
	code=${out%% *}
	warm=$(awk -v t="${out#* }" 'BEGIN {printf "%.1f", t * 1000}')
	if [[ $code != 2?? ]]; then
		failures+=("$name@$user $path: the warm-up answered $code")
		{
			echo "bench: $name ($user) $url answered $code:"
			show_response "$work/warm.head" "$work/warm.body"
		} >&2
		rows+=("$name	$user	$path	-	-	-	-	$warm	-	-	FAILED: answered $code")
		return 0
	fi
	if awk -v t="${out#* }" -v s="$limit" 'BEGIN {exit !(t > s)}'; then
		rows+=("$name	$user	$path	-	-	-	-	$warm	-	-	not loaded: the warm-up took $warm ms (over --slow $slow s)")
		return 0
	fi
	rss_before=$(worker_rss "$master")
	local offset web_pid=$stack_nginx_pid app0 db0 web0 app1 db1 web1
	[ "$logged" = 1 ] || web_pid=$(cat "$work/nginx.pid")
	app0=$(cpu_ticks "$master") db0=$(cpu_ticks "$db_pid") web0=$(cpu_ticks "$web_pid")
	offset=$(stat -c %s "$log")
	out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 30s --latency \
		"${headers[@]}" "$url") || {
		failures+=("$name@$user: wrk failed")
		rows+=("$name	$user	$path	-	-	-	-	$warm	-	-	FAILED: wrk failed")
		return 0
	}
	app1=$(cpu_ticks "$master") db1=$(cpu_ticks "$db_pid") web1=$(cpu_ticks "$web_pid")
	settle
	rss_after=$(worker_rss "$master")
	rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
	p50=$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
	local errors timeouts
	errors=$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out")
	timeouts=$(awk '/Socket errors/ {gsub(/,/, ""); print $NF}' <<<"$out")
	if [ -n "$errors" ]; then
		failures+=("$name@$user $path: $errors responses of 4xx or 5xx under load")
		{
			echo "bench: $name ($user) $url answered errors under load:"
			echo "$out"
			curl -s -D "$work/again.head" -o "$work/again.body" --max-time 60 "${headers[@]}" "$url" || true
			show_response "$work/again.head" "$work/again.body"
		} >&2
		rows+=("$name	$user	$path	-	-	-	-	$warm	$rss_before	$rss_after	FAILED: $errors errors under load")
		return 0
	fi
	[ -n "$timeouts" ] && [ "$timeouts" != 0 ] && note="$timeouts requests timed out (30 s)"
	local completed
	completed=$(awk '/requests in/ {print $1}' <<<"$out")
	if [ "${completed:-0}" -lt 200 ]; then
		note="${note:+$note; }only ${completed:-0} requests: rough figures"
	fi
	if [ "$logged" = 1 ]; then
		# The program's request lines of this run: path without the query, then sql=N.
		local log_path=$base_path${path%%\?*} summary
		summary=$(tail -c +"$((offset + 1))" "$log" | awk -v want="path=$log_path" '
			/ request rid=/ {
				hit = 0; status = ""; sql = ""
				for (i = 1; i <= NF; i++) {
					if ($i == want) hit = 1
					if ($i ~ /^status=/) status = substr($i, 8)
					if ($i ~ /^sql=/) sql = substr($i, 5)
				}
				if (!hit) next
				n++
				if (status !~ /^2/) bad[status]++
				if (sql != "") { total += sql; counted++ }
			}
			END {
				b = ""
				for (s in bad) b = b (b == "" ? "" : ",") bad[s] "x" s
				printf "%d %s %s\n", n, counted ? sprintf("%.1f", total / counted) : "-", b == "" ? "-" : b
			}')
		local seen bad
		read -r seen statements bad <<<"$summary"
		if [ "$bad" != - ]; then
			failures+=("$name@$user $path: the request log shows status $bad")
			{
				echo "bench: $name ($user) $url: the program answered $bad during the run; now it answers:"
				curl -s -D "$work/again.head" -o "$work/again.body" --max-time 60 "${headers[@]}" "$url" || true
				show_response "$work/again.head" "$work/again.body"
			} >&2
			rows+=("$name	$user	$path	-	-	-	-	$warm	$rss_before	$rss_after	FAILED: status $bad in the request log")
			return 0
		fi
		if [ "$seen" = 0 ]; then
			note="${note:+$note; }no request lines in $log for this path"
		fi
	fi
	# CPU microseconds per request: the program's (or the bare page's) processes, the
	# database's, nginx's. The database also serves anything else running on the stack, which
	# settle waited out before the run.
	local cpu
	cpu=$(awk -v n="${completed:-0}" -v hz="$ticks_per_second" -v a="$((app1 - app0))" \
		-v d="$((db1 - db0))" -v w="$((web1 - web0))" 'BEGIN {
		if (n < 1) { print "-"; exit }
		f = 1e6 / hz / n
		printf "%.0f/%.0f/%.0f\n", a * f, d * f, w * f }')
	rows+=("$name	$user	$path	$rps	$p50	$p99	$statements	$warm	$rss_before	$rss_after	$note	$cpu")
}

# ---- signing in and choosing what to ask for ----------------------------------------------

# urlencode TEXT
urlencode() {
	local LC_ALL=C text=$1 out='' i c
	for ((i = 0; i < ${#text}; i++)); do
		c=${text:i:1}
		case $c in
		[a-zA-Z0-9.~_-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

csrf_of() { # the form token in an HTML page on stdin
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1
}

# post USER PATH FIELD=VALUE... → the Location of the 303 it must answer
post() {
	local user=$1 path=$2 args=() field out
	shift 2
	for field in "$@"; do args+=(--data-urlencode "$field"); done
	out=$(curl -s -o "$work/post.body" -w '%{http_code} %{redirect_url}' -b "$work/$user.jar" \
		-c "$work/$user.jar" -H "Origin: $origin" "${args[@]}" "$base$path")
	if [ "${out%% *}" != 303 ]; then
		echo "bench: POST $path as $user answered ${out%% *}, not 303:" >&2
		sed -e 's/<[^>]*>//g' "$work/post.body" | grep -v '^[[:space:]]*$' | head -40 >&2
		exit 1
	fi
	printf '%s' "${out#* }"
}

# signin USER: a session for USER in $work/USER.jar; prints the cookie header's value
signin() {
	local user=$1 token session
	rm -f "$work/$user.jar"
	token=$(curl -s -c "$work/$user.jar" -b "$work/$user.jar" "$base/signin" | csrf_of)
	[ -n "$token" ] || die "no sign-in form at $base/signin"
	post "$user" /signin "username=$user" password=demopass "csrf=$token" >/dev/null
	session=$(awk '$6 == "referrals_session" {print $7}' "$work/$user.jar")
	[ -n "$session" ] || die "could not sign in as $user"
	printf 'referrals_session=%s' "$session"
}

# deepest PATH COOKIE: the last page number the list at PATH offers (1 when one page)
deepest() {
	curl -s --max-time 120 -H "Cookie: $2" "$base$1" |
		grep -o 'page=[0-9]*' | cut -d= -f2 | sort -n | tail -1 | grep . || echo 1
}

# path_of LOCATION: a redirect's absolute URL → its path below the base path
path_of() {
	local path=${1#"$origin"}
	printf '%s' "${path#"$base_path"}"
}

# needs USER PLACEHOLDER: some selected page of USER uses {PLACEHOLDER}
needs() {
	local entry
	for entry in "${staff_pages[@]}"; do
		if [[ ${entry#* } == *"{$2}"* ]] && selected "${entry%% *}" "$1"; then return 0; fi
	done
	return 1
}

drafts=() # user path, discarded at the end

# staff_setup USER COOKIE: fills the placeholders (an associative array "fill")
declare -A fill
staff_setup() {
	local user=$1 cookie=$2 org row token location draft
	org=$(sql "SELECT active_org_id FROM sessions WHERE staff_id =
		(SELECT id FROM staff WHERE username = '$user') ORDER BY id DESC LIMIT 1")
	[[ $org =~ ^[0-9]+$ ]] || die "$user has no active organisation: is $user a member of one?"
	fill=([org]=$org)
	fill[received_name]=$(urlencode "$(sql "SELECT c.last_name FROM referrals r
		JOIN clients c ON c.id = r.client_id WHERE r.receiving_org_id = $org LIMIT 1")")
	fill[sent_name]=$(urlencode "$(sql "SELECT c.last_name FROM referrals r
		JOIN clients c ON c.id = r.client_id WHERE r.sending_org_id = $org LIMIT 1")")
	fill[referral]=$(sql "SELECT COALESCE(
		(SELECT MAX(id) FROM referrals WHERE receiving_org_id = $org),
		(SELECT MAX(id) FROM referrals WHERE sending_org_id = $org), 0)")
	# a client the organisation can see: its name for the client search and the find step
	row=$(sql "SELECT c.id, c.first_name, c.last_name, c.date_of_birth FROM clients c
		WHERE c.id = (SELECT MAX(client_id) FROM client_orgs WHERE organisation_id = $org)")
	local client_id first last dob
	IFS=$'\t' read -r client_id first last dob <<<"$row" || true
	fill[client_name]=$(urlencode "$last")
	# a list with no referrals is searched for a name that exists elsewhere
	[ -n "${fill[received_name]}" ] || fill[received_name]=${fill[client_name]}
	[ -n "${fill[sent_name]}" ] || fill[sent_name]=${fill[client_name]}
	if needs "$user" received_deep; then
		fill[received_deep]=$(deepest /referrals/received "$cookie")
	fi
	if needs "$user" sent_deep; then
		fill[sent_deep]=$(deepest /referrals/sent "$cookie")
	fi
	local day month year close_first
	IFS=- read -r year month day <<<"$dob"
	day=$((10#${day:-1})) month=$((10#${month:-1}))
	# a near miss: the first name with its last letter doubled (a typing slip)
	close_first=$first${first: -1}
	fill[api_find]="first_name=$(urlencode "$first")&last_name=$(urlencode "$last")&dob_day=$day&dob_month=$month&dob_year=$year"
	if needs "$user" find || needs "$user" find_close || needs "$user" receivers; then
		[ -n "$client_id" ] || die "$user's organisation sees no client: the journey pages need one"
		token=$(curl -s -H "Cookie: $cookie" "$base/referrals/new" | csrf_of)
		[ -n "$token" ] || die "no form on $base/referrals/new for $user"
		local typed
		for typed in "find:$first" "find_close:$close_first"; do
			location=$(post "$user" /referrals/new "csrf=$token")
			draft=$(path_of "$location")
			drafts+=("$user ${draft%/*}")
			location=$(post "$user" "$draft" "csrf=$token" "first_name=${typed#*:}" \
				"last_name=$last" "dob_day=$day" "dob_month=$month" "dob_year=$year")
			fill[${typed%%:*}]=$(path_of "$location")
		done
		# the receivers step of a referral for the client, for the most widely handled issue
		local issue
		issue=$(sql "SELECT oi.issue_id FROM organisation_issues oi
			JOIN issues i ON i.id = oi.issue_id AND i.active = 1
			GROUP BY oi.issue_id ORDER BY COUNT(*) DESC, oi.issue_id LIMIT 1")
		location=$(post "$user" /referrals/new "csrf=$token" "client_id=$client_id")
		draft=$(path_of "$location")
		drafts+=("$user ${draft%/*}")
		location=$(post "$user" "$draft" "csrf=$token" consent=yes consent_given_by=client)
		location=$(post "$user" "$(path_of "$location")" "csrf=$token" "sending_org=$org" \
			"issue=$issue" urgent=no)
		fill[receivers]=$(path_of "$location")
		[[ ${fill[receivers]} == */receivers ]] ||
			die "the details step of $draft led to ${fill[receivers]}, not the receivers step"
	fi
}

# expand PATH: the placeholders replaced from "fill"
expand() {
	local path=$1 key
	for key in "${!fill[@]}"; do path=${path//"{$key}"/"${fill[$key]}"}; done
	printf '%s' "$path"
}

# ---- the run ------------------------------------------------------------------------------

master=$(program_master)
bare_org=$(sql "SELECT MIN(id) FROM organisations")
bare_url=http://127.0.0.1:$bare_port
started=$(date '+%Y-%m-%d %H:%M:%S')
data=$(sql "SELECT CONCAT((SELECT COUNT(*) FROM organisations), ' organisations, ',
	(SELECT COUNT(*) FROM staff), ' staff, ', (SELECT COUNT(*) FROM clients), ' clients, ',
	(SELECT COUNT(*) FROM referrals), ' referrals')")
echo "bench: $profile stack at $base ($data); ${seconds}s per page, $connections connections" >&2

references() { # references SUFFIX: /ping and the bare page
	measure "ping$1" - /ping "" "$base" "$master"
	measure "bare$1" - "/bare?id=$bare_org" "" "$bare_url" "$bare_pid" 0
}
references ""

for user in ${users//,/ }; do
	wanted=
	for entry in "${staff_pages[@]}"; do
		if selected "${entry%% *}" "$user"; then wanted=1; fi
	done
	[ -n "$wanted" ] || continue
	cookie=$(signin "$user")
	staff_setup "$user" "$cookie"
	for entry in "${staff_pages[@]}"; do
		name=${entry%% *}
		selected "$name" "$user" || continue
		measure "$name" "$user" "$(expand "${entry#* }")" "$cookie" "$base" "$master"
	done
	# the drafts go again, as a user would discard them
	token=$(curl -s -H "Cookie: $cookie" "$base/referrals/new" | csrf_of)
	for draft in "${drafts[@]}"; do
		[ "${draft%% *}" = "$user" ] && post "$user" "${draft#* }/discard" "csrf=$token" >/dev/null
	done
done

wanted=
for entry in "${admin_pages[@]}"; do
	if selected "${entry%% *}" "$admin_user"; then wanted=1; fi
done
if [ -n "$wanted" ]; then
	cookie=$(signin "$admin_user")
	for entry in "${admin_pages[@]}"; do
		name=${entry%% *}
		selected "$name" "$admin_user" || continue
		measure "$name" "$admin_user" "${entry#* }" "$cookie" "$base" "$master"
	done
fi

# The references again at the end: the fractions use the mean of both, and the drift between
# them says how steady the machine was.
references " (end)"
rps_of() { cut -f4 <<<"$1"; }
mean_rps() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = 0; s = 0
		if (a ~ /^[0-9.]+$/) { s += a; n++ }
		if (b ~ /^[0-9.]+$/) { s += b; n++ }
		print n ? s / n : "" }'
}
last=$((${#rows[@]} - 1))
ping_rps=$(mean_rps "$(rps_of "${rows[0]}")" "$(rps_of "${rows[last - 1]}")")
bare_rps=$(mean_rps "$(rps_of "${rows[1]}")" "$(rps_of "${rows[last]}")")
cpu_total() { cut -f12 <<<"$1" | awk -F/ 'NF == 3 {print $1 + $2 + $3}'; }
bare_cpu=$(mean_rps "$(cpu_total "${rows[1]}")" "$(cpu_total "${rows[last]}")")

# ---- the report ---------------------------------------------------------------------------

mkdir -p "$var/bench"
stamp=$(date '+%Y%m%d-%H%M%S')
report=$var/bench/$profile-$stamp
commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$top" status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit+=+changes; fi

# One line per row with the derived columns, tab-separated:
# page user path rps x_bare x_ping p50 p99 sql warm rss_before_MiB rss_after_MiB goal note
# cpu_us(app/db/web) x_bare_cpu
table=$(for row in "${rows[@]}"; do printf '%s\n' "$row"; done | awk -F'\t' -v OFS='\t' \
	-v bare="$bare_rps" -v ping="$ping_rps" -v bare_cpu="$bare_cpu" '
	function num(v) { return v ~ /^[0-9.]+$/ }
	function mib(v) { return num(v) ? sprintf("%.1f", v / 1024) : "-" }
	{
		name = $1; rps = $4
		xb = num(rps) && bare > 0 ? sprintf("%.2f", rps / bare) : "-"
		xp = num(rps) && ping > 0 ? sprintf("%.2f", rps / ping) : "-"
		goal = ""
		if (name ~ /^(ping|bare)/) goal = ""
		else if ($11 ~ /^FAILED/) goal = "failed"
		else if (!num(rps)) goal = "slow"
		else {
			if (xb < 0.5) goal = goal "rate "
			if ($6 > 20) goal = goal "p99 "
			if (num($7) && $7 > 5) goal = goal "sql "
			if ($11 ~ /timed out/) goal = goal "timeouts "
			sub(/ $/, "", goal)
			if (goal == "") goal = "yes"
		}
		split($12, c, "/")
		cpu = c[1] + c[2] + c[3]
		xc = $12 ~ /\// && cpu > 0 && bare_cpu > 0 ? sprintf("%.2f", bare_cpu / cpu) : "-"
		print name, $2, $3, num(rps) ? sprintf(rps < 10 ? "%.2f" : "%.0f", rps) : "-", xb, xp,
			num($5) ? sprintf("%.2f", $5) : "-", num($6) ? sprintf("%.2f", $6) : "-", $7,
			$8, mib($9), mib($10), goal == "" ? "-" : goal, $11, $12 == "" ? "-" : $12, xc
	}')

header="page	user	path	req/s	×bare	×ping	p50 ms	p99 ms	sql/req	warm-up ms	RSS before MiB	RSS after MiB	goal	note	CPU µs/req app/db/web	×bare CPU"
{
	printf '%s\n' "$header"
	printf '%s\n' "$table"
} >"$report.tsv"
{
	echo "# Referrals benchmark: $profile profile, $started"
	echo
	echo "- data: $data"
	echo "- tree: $commit; $(nproc) cores; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- wrk -t$threads -c$connections -d${seconds}s per page, on loopback through nginx"
	echo "- references (mean of start and end): /ping $(printf '%.0f' "${ping_rps:-0}") req/s ($(rps_of "${rows[0]}") then $(rps_of "${rows[last - 1]}")), bare point-SELECT page $(printf '%.0f' "${bare_rps:-0}") req/s ($(rps_of "${rows[1]}") then $(rps_of "${rows[last]}"))"
	echo "- goal (issue 9): ≥ 0.5 × bare, p99 ≤ 20 ms, ≤ 5 statements per request"
	echo
	awk -F'\t' '{
		line = "|"
		for (i = 1; i <= NF; i++) line = line " " ($i == "" ? " " : $i) " |"
		print line
		if (NR == 1) { line = "|"; for (i = 1; i <= NF; i++) line = line "---|"; print line }
	}' "$report.tsv"
} >"$report.md"

# On the terminal: the table without the paths and notes, then the notes.
echo
awk -F'\t' -v OFS='  ' '{
	printf "%-20s %-6s %9s %6s %6s %8s %8s %7s %10s %8s %8s %-14s %6s  %s\n",
		$1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $15, $16, $13
}' "$report.tsv"
awk -F'\t' 'NR > 1 && $14 != "" {printf "  %s (%s): %s\n", $1, $2, $14}' "$report.tsv"
echo
echo "paths: see $report.md (markdown) and $report.tsv"

if [ "${#failures[@]}" -gt 0 ]; then
	echo >&2
	echo "bench: FAILED: these pages answered errors and have no figures:" >&2
	printf '  %s\n' "${failures[@]}" >&2
	exit 1
fi
