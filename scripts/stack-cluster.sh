# shellcheck shell=bash disable=SC2154,SC2034 # dir, app_socket ...: scripts/stack's variables
# The cluster profile of scripts/stack, sourced by it (it uses the stack's helpers: say, die,
# pid_of, stop_process, start_ldap, write_nginx_location ...). One machine standing for
# several: three MariaDB Galera nodes on 127.0.0.11-13 (port 3306 each, own data directory
# under var/cluster/nodeN/), slapd, two program hosts (each its own master and workers, its
# own config, listening for FastCGI on TCP 127.0.0.1:9001 and :9002) and nginx in front with
# an upstream of both. Run it inside a network namespace (HACKING.md "Private stacks"): the
# nodes' addresses and ports are fixed.
#
#   scripts/stack start|stop|status cluster
#   scripts/stack start-node|stop-node|kill-node cluster N     one database node (1-3)
#   scripts/stack isolate-node|heal-node cluster N             its packets lost, and back (root)
#   scripts/stack start-app|stop-app|kill-app|restart-app cluster N   one program host (1-2)
#   scripts/stack sql cluster [N] [ARGS...]                    a client on node N (default 1)
#
# STACK_CLUSTER_WRITERS=multi (at start or start-app): host 2 prefers node 2 (each host then
# writes to its own node); by default both prefer node 1, so writes go to one node at a time.

cluster_nodes=3
cluster_apps=2
cluster_gcomm=gcomm://127.0.0.11:4567,127.0.0.12:4567,127.0.0.13:4567
galera_provider=/usr/lib/galera/libgalera_smm.so
# How soon the others drop a node that vanishes (kill -9, a machine switched off). Until they
# do, no node commits (every write set waits for all members), so this is the pause in writes.
# A node is suspected after 0.5 s without a word from it (its keepalives come every 0.1 s and
# are checked every 0.1 s: five missed in a row, on loopback, where a message takes
# microseconds) and dropped when the others agree, or after 1 s whatever they say. Measured here
# (tests/bench/cluster_failover.mjs): writes pause about 0.65 s, against 3.2-3.5 s with 2 s and
# 1.2 s with 1 s. Galera's defaults (5 s and 15 s, keepalives every 1 s) are for real networks;
# README "Running on several machines" says what to use between machines.
# STACK_CLUSTER_EVS (at start, start-node) replaces these for an experiment.
galera_evs=${STACK_CLUSTER_EVS:-evs.keepalive_period=PT0.1S;evs.inactive_check_period=PT0.1S;evs.suspect_timeout=PT0.5S;evs.inactive_timeout=PT1S;evs.install_timeout=PT1S;evs.join_retrans_period=PT0.1S}
if [ -n "$as_root" ]; then sst_method=stackrsync; else sst_method=rsync; fi

node_ip() { printf '127.0.0.1%s' "$1"; }
node_dir() { printf '%s/node%s' "$dir" "$1"; }
node_socket() { printf '%s/node%s/mysql.sock' "$dir" "$1"; }
node_pidfile() { printf '%s/node%s/mysql.pid' "$dir" "$1"; }

node_client() {
	local n=$1
	shift
	mariadb --no-defaults --socket="$(node_socket "$n")" --user=root --default-character-set=utf8mb4 "$@"
}

# node_state N: the node's wsrep state ("Synced", "Donor/Desynced", "Joining" ...), or nothing
# (and success: `state=$(node_state N)` must not end the script under set -e when N is down).
node_state() {
	timeout 5 mariadb --no-defaults --socket="$(node_socket "$1")" --user=root --connect-timeout=2 \
		-N -B -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | cut -f2
	return 0
}

# The donors a joining node asks first: the last in the hosts' order (the program hosts write
# to the first node that is up, so a copy from the last one does not hold up their writes).
node_donors() {
	local n=$1 i list=""
	for i in $(seq "$cluster_nodes" -1 1); do
		if [ "$i" != "$n" ]; then list+="node$i,"; fi
	done
	printf '%s' "$list" # the trailing comma: any other node if those cannot
}

node_args() {
	local n=$1 d ip
	d=$(node_dir "$n")
	ip=$(node_ip "$n")
	local args=(
		--no-defaults
		--datadir="$d/data"
		--socket="$d/mysql.sock"
		--bind-address="$ip"
		--port=3306
		--pid-file="$d/mysql.pid"
		--log-error="$d/mariadb.log"
		--tmpdir="$d/tmp"
		--skip-name-resolve
		--character-set-server=utf8mb4
		--collation-server=utf8mb4_unicode_ci
		--innodb-buffer-pool-size="$buffer_pool"
		--innodb-log-file-size="$redo_log"
		--innodb-flush-log-at-trx-commit=2
		--max-connections=200
		--performance-schema=OFF
		# what Galera needs: row events, InnoDB, interleaved auto-increment locks
		--binlog-format=ROW
		--default-storage-engine=InnoDB
		--innodb-autoinc-lock-mode=2
		# the migrations make triggers (sql/016); Galera logs them like a binary log would
		--log-bin-trust-function-creators=1
		--wsrep-on=ON
		--wsrep-provider="$galera_provider"
		--wsrep-cluster-name="referrals-$profile"
		--wsrep-cluster-address="$cluster_gcomm"
		--wsrep-node-name="node$n"
		--wsrep-node-address="$ip"
		--wsrep-sst-method="$sst_method"
		--wsrep-sst-receive-address="$ip:4444"
		--wsrep-sst-donor="$(node_donors "$n")"
		# $galera_evs: see above
		--wsrep-provider-options="gmcast.listen_addr=tcp://$ip:4567;ist.recv_addr=$ip:4568;gcache.size=128M;$galera_evs;pc.wait_prim_timeout=PT30S"
	)
	if [ -n "$as_root" ]; then args+=(--user=root); fi
	printf '%s\n' "${args[@]}"
}

# The rsync SST's daemon, started by root, would write the joiner's files as "nobody" (its
# config names no user). The nodes use an SST method of our own, wsrep_sst_stackrsync, which
# is rsync's with an rsync first on the PATH that keeps root's uid (mariadbd puts /usr/bin
# first on the PATH it gives an SST script, so the rsync wrapper must be put back in front).
write_sst_wrappers() {
	mkdir -p "$dir/bin"
	cat >"$dir/bin/rsync" <<-'EOF'
		#!/bin/sh
		# Written by scripts/stack (cluster): the SST daemon keeps root's uid.
		case " $* " in
		*" --daemon "*) exec /usr/bin/rsync --dparam=uid=root --dparam=gid=root "$@" ;;
		*) exec /usr/bin/rsync "$@" ;;
		esac
	EOF
	cat >"$dir/bin/wsrep_sst_stackrsync" <<-EOF
		#!/bin/sh
		# Written by scripts/stack (cluster): rsync SST with $dir/bin/rsync.
		PATH=$dir/bin:\$PATH exec /usr/bin/wsrep_sst_rsync "\$@"
	EOF
	chmod 755 "$dir/bin/rsync" "$dir/bin/wsrep_sst_stackrsync"
}

# start_node N [bootstrap]: start one node; "bootstrap" makes it a new cluster of its own.
start_node() {
	local n=$1 bootstrap=${2:-} d pid tries args
	d=$(node_dir "$n")
	mkdir -p "$d/tmp" "$d/data"
	if pid=$(pid_of "$(node_pidfile "$n")" mariadbd); then
		say "node$n: already running (pid $pid)"
		return 0
	fi
	mapfile -t args < <(node_args "$n")
	if [ "$bootstrap" = bootstrap ]; then
		if [ ! -d "$d/data/mysql" ]; then
			say "node$n: creating the data directory"
			local install_args=(--no-defaults --datadir="$d/data" --skip-test-db --skip-name-resolve)
			if [ -n "$as_root" ]; then
				install_args+=(--user=root --auth-root-authentication-method=socket)
			else
				install_args+=(--auth-root-authentication-method=normal)
			fi
			mariadb-install-db "${install_args[@]}" >"$d/mariadb-install.log" 2>&1 ||
				{
					show_log "$d/mariadb-install.log"
					die "mariadb-install-db failed"
				}
		fi
		# this stack's own choice: the node we bootstrap from is safe to bootstrap from
		[ -f "$d/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$d/data/grastate.dat"
		args+=(--wsrep-new-cluster)
	fi
	# A node stopped cleanly knows its position (grastate.dat) and catches up by IST from the
	# others' write-set cache; one that was killed does not, and is copied afresh (SST).
	rm -f "$d/mysql.sock" "$d/mysql.sock.lock"
	say "node$n: starting${bootstrap:+ (new cluster)} on $(node_ip "$n"):3306"
	write_sst_wrappers
	PATH=$dir/bin:$PATH setsid mariadbd "${args[@]}" </dev/null >>"$d/mariadb.log" 2>&1 9>&- &
	pid=$!
	echo "$pid" >"$d/mysql.pid"
	tries=1200
	until [ "$(node_state "$n")" = Synced ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			show_log "$d/mariadb.log"
			die "node$n exited while starting"
		fi
		tries=$((tries - 1))
		if [ "$tries" -le 0 ]; then
			show_log "$d/mariadb.log"
			die "node$n is not Synced after 120 s"
		fi
		sleep 0.1
	done
	say "node$n: Synced (pid $pid), socket $d/mysql.sock"
}

# stop_node N [KILL]: a clean shutdown, or kill -9 (for the failover tests).
stop_node() {
	local n=$1 signal=${2:-TERM}
	local name=mariadbd pid
	if [ "$signal" = KILL ] && pid=$(pid_of "$(node_pidfile "$n")" mariadbd); then
		say "node$n: kill -9 (pid $pid)"
		kill -KILL "$pid"
		wait_gone "$pid" 10 || die "node$n (pid $pid) does not end"
		return 0
	fi
	stop_process "$(node_pidfile "$n")" "$name" TERM 60
	rm -f "$(node_socket "$n")"
}

# isolate_node N: every packet to or from the node's address is lost, as when its machine is
# switched off or its network cable pulled (unlike kill -9, nobody is told: no reset, no
# close). Needs root (or CAP_NET_ADMIN) and the kernel's htb and u32 traffic control: packets
# of the node's address are classified into a class of 8 bit/s whose queue holds nothing.
# Loopback is otherwise unshaped (a 10 Gbit/s default class).
isolate_node() {
	local n=$1 ip
	ip=$(node_ip "$n")
	command -v tc >/dev/null || die "isolate-node needs tc (iproute2)"
	if ! tc qdisc show dev lo | grep -q 'htb 1:'; then
		if ! { tc qdisc add dev lo root handle 1: htb default 1 r2q 1000 2>/dev/null &&
			tc class add dev lo parent 1: classid 1:1 htb rate 10gbit 2>/dev/null &&
			tc class add dev lo parent 1: classid 1:2 htb rate 8bit ceil 8bit burst 1 cburst 1 2>/dev/null &&
			tc qdisc add dev lo parent 1:2 handle 20: pfifo limit 0; }; then
			tc qdisc del dev lo root 2>/dev/null
			die "isolate-node: cannot shape lo (root, and the kernel's htb and u32, are needed)"
		fi
	fi
	if ! { tc filter add dev lo parent 1: protocol ip prio "$n" u32 match ip dst "$ip/32" flowid 1:2 &&
		tc filter add dev lo parent 1: protocol ip prio "$n" u32 match ip src "$ip/32" flowid 1:2; }; then
		die "isolate-node: cannot add the filters"
	fi
	say "node$n: isolated (packets to and from $ip are lost)"
}

heal_node() {
	local n=$1
	tc filter del dev lo parent 1: prio "$n" 2>/dev/null
	# the last isolated node healed: loopback unshaped again
	if ! tc filter show dev lo 2>/dev/null | grep -q u32; then tc qdisc del dev lo root 2>/dev/null; fi
	say "node$n: reachable again"
}

running_nodes() {
	local n count=0
	for n in $(seq 1 "$cluster_nodes"); do
		if pid_of "$(node_pidfile "$n")" mariadbd >/dev/null; then count=$((count + 1)); fi
	done
	echo "$count"
}

# The node to start a new cluster from: the one that says it is safe to (the last to stop
# cleanly), else node 1.
bootstrap_node() {
	local n
	for n in $(seq 1 "$cluster_nodes"); do
		if grep -q '^safe_to_bootstrap: 1' "$(node_dir "$n")/data/grastate.dat" 2>/dev/null; then
			echo "$n"
			return 0
		fi
	done
	echo 1
}

# A new cluster: node 1 is created and stopped cleanly, and the other nodes start from copies
# of its data directory, at the same position, so none needs a full copy over the network
# (an SST takes half a minute here).
seed_nodes() {
	local n fresh=
	for n in $(seq 2 "$cluster_nodes"); do
		if [ ! -d "$(node_dir "$n")/data/mysql" ]; then fresh=1; fi
	done
	[ -n "$fresh" ] && [ ! -d "$(node_dir 1)/data/mysql" ] || return 0
	start_node 1 bootstrap
	stop_node 1
	for n in $(seq 2 "$cluster_nodes"); do
		rm -rf "$(node_dir "$n")/data"
		mkdir -p "$(node_dir "$n")"
		cp -a "$(node_dir 1)/data" "$(node_dir "$n")/data"
		rm -f "$(node_dir "$n")/data/galera.cache" "$(node_dir "$n")/data/gvwstate.dat"
		sed -i 's/^safe_to_bootstrap: 1/safe_to_bootstrap: 0/' "$(node_dir "$n")/data/grastate.dat"
	done
}

start_cluster_db() {
	local first n password
	seed_nodes
	if [ "$(running_nodes)" -eq 0 ]; then
		first=$(bootstrap_node)
		start_node "$first" bootstrap
	fi
	for n in $(seq 1 "$cluster_nodes"); do start_node "$n"; done
	password=$(secret "$dir/db-password")
	first=$(live_node)
	# users and grants are replicated (total order), so once on any node is enough
	node_client "$first" <<-SQL
		CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS '$db_user'@'127.%' IDENTIFIED BY '$password';
		ALTER USER '$db_user'@'127.%' IDENTIFIED BY '$password';
		GRANT ALL PRIVILEGES ON \`$db_name\`.* TO '$db_user'@'127.%';
	SQL
}

live_node() {
	local n
	for n in $(seq 1 "$cluster_nodes"); do
		if [ "$(node_state "$n")" = Synced ]; then
			echo "$n"
			return 0
		fi
	done
	die "no database node is Synced"
}

# --- the program hosts ---------------------------------------------------------------------

app_dir() { printf '%s/app%s' "$dir" "$1"; }
app_port() { printf '%s' "$((9000 + $1))"; }

# The database hosts in the order host N prefers them.
app_db_hosts() {
	local n=$1 first=1 i list=()
	if [ "${STACK_CLUSTER_WRITERS:-single}" = multi ]; then first=$(((n - 1) % cluster_nodes + 1)); fi
	for i in $(seq 0 $((cluster_nodes - 1))); do
		list+=("$(node_ip $(((first - 1 + i) % cluster_nodes + 1))):3306")
	done
	local IFS=,
	printf '%s' "${list[*]}"
}

write_cluster_app_config() {
	local n=$1 d password
	d=$(app_dir "$n")
	mkdir -p "$d"
	password=$(secret "$dir/db-password")
	(
		umask 077
		cat >"$d/referrals.hdf" <<-EOF
			# Generated by scripts/stack for the $profile stack, program host $n: edit the
			# script, not this file. The keys are described in conf/referrals.hdf.
			Referrals {
			  BasePath = $base_path
			  Socket = $d/referrals.sock
			  Listen = 127.0.0.1:$(app_port "$n")
			  Workers = 3
			  TimeZone = Europe/London
			  Templates = $top/views
			  SqlDir = $top/sql
			  Testing = $testing
			  Database {
			    Hosts = $(app_db_hosts "$n")
			    SyncWait = 1
			    ConnectTimeout = 1
			    Name = $db_name
			    User = $db_user
			    Password = $password
			  }
			  Ldap {
			    Uri = $ldap_uri
			    BaseDn = ou=people,dc=example,dc=org
			    UserAttribute = uid
			    UserObjectClass = inetOrgPerson
			    GroupBaseDn = ou=groups,dc=example,dc=org
			    AdminGroup = cn=referrals-admins,ou=groups,dc=example,dc=org
			    NetworkTimeout = 3
			    Timeout = 5
			  }
			  Limits {
			    BodyBytes = 1048576
			    Fields = 200
			    FieldBytes = 65536
			  }
			}
		EOF
	)
}

start_cluster_app() {
	local n=$1 d pid tries
	d=$(app_dir "$n")
	write_cluster_app_config "$n"
	if pid=$(pid_of "$d/referrals.pid" "$app_name"); then
		say "host$n: already running (pid $pid)"
		return 0
	fi
	say "host$n: starting $bin on 127.0.0.1:$(app_port "$n")"
	setsid "$bin" -c "$d/referrals.hdf" serve </dev/null >>"$d/referrals.log" 2>&1 9>&- &
	pid=$!
	echo "$pid" >"$d/referrals.pid"
	tries=300
	until port_open "$(app_port "$n")"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			show_log "$d/referrals.log"
			die "host$n exited while starting"
		fi
		tries=$((tries - 1))
		[ "$tries" -gt 0 ] || die "host$n does not listen on 127.0.0.1:$(app_port "$n")"
		sleep 0.1
	done
	say "host$n: running (pid $pid)"
}

stop_cluster_app() {
	local n=$1 d pid
	d=$(app_dir "$n")
	if [ "${2:-}" = KILL ] && pid=$(pid_of "$d/referrals.pid" "$app_name"); then
		say "host$n: kill -9 (pid $pid and its workers)"
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
		wait_gone "$pid" 10 || die "host$n (pid $pid) does not end"
		return 0
	fi
	stop_process "$d/referrals.pid" "$app_name" TERM 45 group
}

cluster_migrate_and_demo() {
	local file first
	say "referrals: migrate"
	if ! "$bin" -c "$(app_dir 1)/referrals.hdf" migrate >>"$dir/referrals.log" 2>&1 </dev/null; then
		show_log "$dir/referrals.log"
		die "$bin migrate failed"
	fi
	first=$(live_node)
	for file in "$top"/sql/demo/*.sql; do
		[ -f "$file" ] || continue
		say "referrals: demo data $(basename "$file")"
		if ! node_client "$first" "$db_name" <"$file" >>"$dir/referrals.log" 2>&1; then
			show_log "$dir/referrals.log" 10
			die "applying $file failed"
		fi
	done
}

# --- nginx: one upstream of both hosts, and one port straight to each (for the tests) -------

write_cluster_nginx_conf() {
	local user_line='' n
	if [ -n "$as_root" ]; then user_line="user root;"; fi
	mkdir -p "$dir/nginx/tmp"
	app_socket=referrals_hosts # write_nginx_location points fastcgi_pass at "unix:$app_socket"
	write_nginx_location
	sed -i 's#fastcgi_pass unix:referrals_hosts;#fastcgi_pass referrals_hosts;#' "$dir/nginx-location.conf"
	local upstream="" direct=""
	for n in $(seq 1 "$cluster_apps"); do
		upstream+="        server 127.0.0.1:$(app_port "$n") max_fails=1 fail_timeout=5s;
"
		sed "s#fastcgi_pass referrals_hosts;#fastcgi_pass 127.0.0.1:$(app_port "$n");#" \
			"$dir/nginx-location.conf" >"$dir/nginx-location-host$n.conf"
		direct+="
    # host $n alone (the tests reach one host through it)
    server {
        listen 127.0.0.1:$((nginx_port + n));
        server_name localhost;
        include $dir/nginx-location-host$n.conf;
    }
"
	done
	cat >"$dir/nginx.conf" <<-EOF
		# Generated by scripts/stack for the $profile stack: edit the script, not this file.
		$user_line
		daemon on;
		worker_processes 2;
		pid $nginx_pidfile;
		error_log $dir/nginx-error.log warn;

		events {
		    worker_connections 1024;
		}

		http {
		    include /etc/nginx/mime.types;
		    default_type application/octet-stream;
		    log_format upstream '\$remote_addr [\$time_local] "\$request" \$status \$body_bytes_sent upstream=\$upstream_addr upstream_status=\$upstream_status';
		    access_log $dir/nginx-access.log upstream;
		    server_tokens off;
		    keepalive_timeout 30s;

		    client_body_temp_path $dir/nginx/tmp/body;
		    proxy_temp_path $dir/nginx/tmp/proxy;
		    fastcgi_temp_path $dir/nginx/tmp/fastcgi;
		    uwsgi_temp_path $dir/nginx/tmp/uwsgi;
		    scgi_temp_path $dir/nginx/tmp/scgi;

		    # As in conf/nginx-location.conf's upstream example.
		    upstream referrals_hosts {
		        zone referrals_hosts 64k;
		$upstream    }
		    fastcgi_next_upstream error timeout;
		    fastcgi_next_upstream_tries 2;
		    fastcgi_connect_timeout 2s;

		    server {
		        listen 127.0.0.1:$nginx_port;
		        server_name localhost;
		        include $dir/nginx-location.conf;
		    }
		$direct
		}
	EOF
}

# start_nginx writes its configuration through this
write_nginx_conf() { write_cluster_nginx_conf; }

# --- commands ---------------------------------------------------------------------------------

cluster_status() {
	local down=0 n state
	printf '%s stack, state in %s\n' "$profile" "$dir"
	for n in $(seq 1 "$cluster_nodes"); do
		state=$(node_state "$n")
		status_line mariadbd "$(node_pidfile "$n")" "node$n $(node_ip "$n"):3306 ${state:-not answering}" || down=1
	done
	status_line slapd "$ldap_pidfile" "$ldap_uri" || down=1
	for n in $(seq 1 "$cluster_apps"); do
		status_line "$app_name" "$(app_dir "$n")/referrals.pid" "host$n 127.0.0.1:$(app_port "$n")" || down=1
	done
	status_line nginx "$nginx_pidfile" "http://127.0.0.1:$nginx_port$base_path/" || down=1
	return "$down"
}

cluster_write_env() {
	local n
	cat >"$dir/stack.env" <<-EOF
		BASE_URL=http://127.0.0.1:$nginx_port$base_path
		ORIGIN=http://127.0.0.1:$nginx_port
		STACK_DIR=$dir
		STACK_SCRIPT=$self
		DB_SOCKET=$(node_socket 1)
		LDAP_URI=$ldap_uri
	EOF
	for n in $(seq 1 "$cluster_apps"); do
		echo "HOST${n}_URL=http://127.0.0.1:$((nginx_port + n))$base_path" >>"$dir/stack.env"
	done
	for n in $(seq 1 "$cluster_nodes"); do
		echo "NODE${n}_SOCKET=$(node_socket "$n")" >>"$dir/stack.env"
	done
}

cluster_number() {
	if ! [[ ${1:-} =~ ^[1-9]$ ]] || [ "$1" -gt "$2" ]; then die "give a number from 1 to $2"; fi
}

cluster_main() {
	local n
	case $command in
	start)
		lock
		[ -x "$bin" ] || die "the program $bin is not built: run make"
		[ -f "$galera_provider" ] || die "galera-4 is not installed ($galera_provider)"
		start_cluster_db
		start_ldap
		for n in $(seq 1 "$cluster_apps"); do write_cluster_app_config "$n"; done
		cluster_migrate_and_demo
		for n in $(seq 1 "$cluster_apps"); do start_cluster_app "$n"; done
		start_nginx
		cluster_write_env
		say "up: http://127.0.0.1:$nginx_port$base_path/"
		;;
	stop)
		lock
		stop_nginx
		for n in $(seq "$cluster_apps" -1 1); do stop_cluster_app "$n"; done
		stop_ldap
		# a node left isolated would not stop cleanly
		if command -v tc >/dev/null && tc qdisc show dev lo 2>/dev/null | grep -q 'htb 1:'; then
			tc qdisc del dev lo root
		fi
		# node 1 last: it is then the one safe to bootstrap from
		for n in $(seq "$cluster_nodes" -1 1); do stop_node "$n"; done
		;;
	status) cluster_status ;;
	start-node)
		cluster_number "${3:-}" "$cluster_nodes"
		lock
		if [ "$(running_nodes)" -eq 0 ]; then start_node "$3" bootstrap; else start_node "$3"; fi
		;;
	stop-node | kill-node)
		cluster_number "${3:-}" "$cluster_nodes"
		lock
		if [ "$command" = kill-node ]; then stop_node "$3" KILL; else stop_node "$3"; fi
		;;
	isolate-node)
		cluster_number "${3:-}" "$cluster_nodes"
		isolate_node "$3"
		;;
	heal-node)
		cluster_number "${3:-}" "$cluster_nodes"
		heal_node "$3"
		;;
	start-app | stop-app | kill-app | restart-app)
		cluster_number "${3:-}" "$cluster_apps"
		lock
		case $command in
		start-app) start_cluster_app "$3" ;;
		stop-app) stop_cluster_app "$3" ;;
		kill-app) stop_cluster_app "$3" KILL ;;
		restart-app)
			stop_cluster_app "$3"
			start_cluster_app "$3"
			;;
		esac
		;;
	sql)
		shift 2
		n=1
		if [[ ${1:-} =~ ^[1-9]$ ]]; then
			n=$1
			shift
		fi
		node_client "$n" "$db_name" "$@"
		;;
	*) usage ;;
	esac
}
