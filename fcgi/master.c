/* Process supervision. Signals are blocked and taken one at a time with sigsuspend, so the
 * bookkeeping below never runs inside a signal handler.
 *
 * Stopping (SIGTERM) must not fail a request. A socket the master created or was given on
 * fd 0 is shut down at once: new connections are refused (nginx can try another upstream;
 * a new master can bind the path at once), while the workers take every connection already
 * waiting and then find the socket closed and exit. A socket from systemd stays with
 * systemd: the workers finish their requests and stop accepting, and connections wait in
 * the socket for the next master. */
#include "master.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "mail_sender.h"
#include "worker.h"

#define MAX_WORKERS 256
/* How long in-flight requests get to finish on SIGTERM before workers are killed. */
#define DRAIN_SECONDS 30

struct worker_slot {
	pid_t pid;
	unsigned generation;
	time_t started;
};

enum listener_source { LISTENER_CREATED, LISTENER_FD0, LISTENER_SYSTEMD };

struct master {
	struct config *config;
	int listen_fd;
	int tcp_fd; /* Referrals.Listen, or -1 */
	enum listener_source source;
	sigset_t original_mask; /* the workers' */
	struct worker_slot slots[MAX_WORKERS];
	unsigned generation;
	bool draining;
	bool shut_down;		 /* the socket was shut down: workers leave when it is empty */
	struct stat socket_file; /* the file our own socket was bound to */
	time_t drain_started;
	unsigned rapid_deaths;
	/* The e-mail sender (mail_sender.c), when Mail.Host is set: a child like the workers, so
	 * it starts, stops and is restarted with the service, with no unit of its own to keep in
	 * step; 0 when not running. */
	pid_t sender;
	time_t sender_started;
};

static volatile sig_atomic_t got_terminate, got_reload, got_child, got_alarm;

static void on_signal(int signal_number)
{
	switch (signal_number) {
	case SIGTERM:
	case SIGINT:
		got_terminate = 1;
		break;
	case SIGHUP:
		got_reload = 1;
		break;
	case SIGCHLD:
		got_child = 1;
		break;
	case SIGALRM:
		got_alarm = 1;
		break;
	}
}

/* The listening socket: from systemd (LISTEN_FDS), from spawn-fcgi (fd 0), or our own. */
static int open_listener(const struct config *config, enum listener_source *source,
			 struct stat *socket_file)
{
	const char *listen_pid = getenv("LISTEN_PID");
	const char *listen_fds = getenv("LISTEN_FDS");
	if (listen_pid && listen_fds && atol(listen_pid) == (long)getpid() &&
	    atoi(listen_fds) >= 1) {
		log_info("using the socket passed by systemd (fd 3)");
		*source = LISTENER_SYSTEMD;
		return 3;
	}
	int accepting = 0;
	socklen_t len = sizeof accepting;
	if (getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0 && accepting) {
		log_info("using the listening socket on fd 0");
		*source = LISTENER_FD0;
		return 0;
	}
	*source = LISTENER_CREATED;
	memset(socket_file, 0, sizeof *socket_file);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_un address = { .sun_family = AF_UNIX };
	snprintf(address.sun_path, sizeof address.sun_path, "%s", config->socket_path);
	/* A socket file left by a crashed run is removed; one that answers is another
	 * instance, which we must not steal from. */
	if (connect(fd, (struct sockaddr *)&address, sizeof address) == 0) {
		log_error("another instance is listening on %s", config->socket_path);
		close(fd);
		return -1;
	}
	unlink(config->socket_path);
	mode_t old_mask = umask(0117); /* rw for owner and group (nginx's group) */
	int rc = bind(fd, (struct sockaddr *)&address, sizeof address);
	umask(old_mask);
	/* the kernel silently caps the backlog at net.core.somaxconn */
	if (rc != 0 || listen(fd, (int)config->backlog) != 0) {
		log_error("cannot listen on %s: %s", config->socket_path, strerror(errno));
		close(fd);
		return -1;
	}
	stat(config->socket_path, socket_file);
	return fd;
}

/* Referrals.Listen: FastCGI over TCP, for a web server on another machine (an nginx upstream
 * of several program hosts). Non-blocking, as the unix socket then is too: each worker waits
 * for either in poll(), and the one that loses the race to accept() goes back to waiting. */
static int open_tcp_listener(const struct config *config)
{
	char port[8];
	snprintf(port, sizeof port, "%u", config->listen_address.port);
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE };
	struct addrinfo *found = NULL;
	int rc = getaddrinfo(config->listen_address.name, port, &hints, &found);
	if (rc != 0) {
		log_error("cannot listen on %s: %s", config->listen, gai_strerror(rc));
		return -1;
	}
	int fd = -1;
	for (struct addrinfo *a = found; a != NULL && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
		if (fd < 0)
			continue;
		int on = 1;
		/* a restarted host binds again at once, whatever is left in TIME_WAIT */
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
		if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 ||
		    listen(fd, (int)config->backlog) != 0) {
			log_error("cannot listen on %s: %s", config->listen, strerror(errno));
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(found);
	return fd;
}

static void set_non_blocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/* Removes our socket's file, unless it is another master's by now (the path was removed
 * and bound again while we ran): only the file we bound is ours to remove. */
static void remove_socket_file(const struct master *m)
{
	struct stat now;
	if (stat(m->config->socket_path, &now) == 0 && now.st_ino == m->socket_file.st_ino &&
	    now.st_dev == m->socket_file.st_dev)
		unlink(m->config->socket_path);
}

static pid_t spawn(const struct config *config, int listen_fd, int tcp_fd,
		   const sigset_t *original_mask)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* the child: default handlers and mask, then serve */
	signal(SIGCHLD, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	sigprocmask(SIG_SETMASK, original_mask, NULL);
	_exit(worker_run(config, listen_fd, tcp_fd));
}

static void start_sender(struct master *m)
{
	if (m->config->mail.host == NULL || m->draining)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGCHLD, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		sigprocmask(SIG_SETMASK, &m->original_mask, NULL);
		close(m->listen_fd);
		/* named apart from the workers (ps, and the tests that count workers) */
		prctl(PR_SET_NAME, "referrals-mail");
		_exit(mail_sender_run(m->config, false, NULL));
	}
	if (pid < 0)
		log_error("fork of the e-mail sender failed: %s", strerror(errno));
	m->sender = pid > 0 ? pid : 0;
	m->sender_started = time(NULL);
}

/* The sender ended: started again unless stopping (not at once if it died young). */
static bool reap_sender(struct master *m, pid_t pid, int status)
{
	if (m->sender == 0 || pid != m->sender)
		return false;
	m->sender = 0;
	if (m->draining)
		return true;
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGTERM)
		log_error("e-mail sender %d killed by signal %d; starting another", (int)pid,
			  WTERMSIG(status));
	if (time(NULL) - m->sender_started < 2)
		sleep(1);
	start_sender(m);
	return true;
}

static size_t live_workers(const struct worker_slot *slots)
{
	size_t live = 0;
	for (size_t i = 0; i < MAX_WORKERS; i++)
		live += slots[i].pid > 0;
	return live;
}

static struct worker_slot *free_slot(struct worker_slot *slots)
{
	for (size_t i = 0; i < MAX_WORKERS; i++)
		if (slots[i].pid == 0)
			return &slots[i];
	return NULL;
}

static void start_worker(struct master *m)
{
	struct worker_slot *slot = free_slot(m->slots);
	if (slot == NULL)
		return;
	pid_t pid = spawn(m->config, m->listen_fd, m->tcp_fd, &m->original_mask);
	if (pid < 0) {
		log_error("fork failed: %s", strerror(errno));
		return;
	}
	*slot = (struct worker_slot){ pid, m->generation, time(NULL) };
}

static void signal_workers(struct master *m, int signal_number)
{
	for (size_t i = 0; i < MAX_WORKERS; i++)
		if (m->slots[i].pid > 0)
			kill(m->slots[i].pid, signal_number);
}

/* Blocks the signals the master handles (they are taken in sigsuspend, with *wait_mask). */
static void take_signals(sigset_t *original_mask, sigset_t *wait_mask)
{
	static const int handled[] = { SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGALRM };
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
		sigaddset(&set, handled[i]);
	sigprocmask(SIG_BLOCK, &set, original_mask);
	struct sigaction action = { 0 };
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	*wait_mask = *original_mask;
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) {
		sigaction(handled[i], &action, NULL);
		sigdelset(wait_mask, handled[i]);
	}
	signal(SIGPIPE, SIG_IGN);
}

static bool is_unix_socket(int fd)
{
	struct sockaddr_storage address;
	socklen_t len = sizeof address;
	return getsockname(fd, (struct sockaddr *)&address, &len) == 0 &&
	       address.ss_family == AF_UNIX;
}

static void begin_drain(struct master *m)
{
	m->draining = true;
	m->drain_started = time(NULL);
	if (m->sender > 0)
		kill(m->sender, SIGTERM);
	/* Shutting down a unix listening socket refuses new connections while accept() still
	 * returns those already waiting, then fails: each worker serves the backlog and leaves.
	 * (A TCP socket would reset its waiting connections instead; it gets the systemd way.) */
	if (m->source != LISTENER_SYSTEMD && is_unix_socket(m->listen_fd) &&
	    shutdown(m->listen_fd, SHUT_RD) == 0) {
		m->shut_down = true;
		if (m->source == LISTENER_CREATED)
			remove_socket_file(m); /* free for the next master at once */
		log_info("SIGTERM: refusing new connections, serving those waiting, then exiting");
		/* Refused connections go to another host (nginx's fastcgi_next_upstream error):
		 * a request never sent is safe to send elsewhere, even a POST. */
		if (m->tcp_fd >= 0)
			shutdown(m->tcp_fd, SHUT_RD);
	} else {
		log_info("SIGTERM: finishing requests in flight (new ones wait in the socket)");
		signal_workers(m, SIGTERM);
	}
	alarm(1);
}

/* Each second of a drain: SIGKILL to workers still busy after DRAIN_SECONDS. Without a
 * shut-down socket, SIGTERM again: it ends an idle worker's accept() even if the first one
 * arrived just before it began waiting. */
static void drain_tick(struct master *m)
{
	if (time(NULL) - m->drain_started >= DRAIN_SECONDS) {
		signal_workers(m, SIGKILL);
		if (m->sender > 0)
			kill(m->sender, SIGKILL);
	} else if (!m->shut_down)
		signal_workers(m, SIGTERM);
	alarm(1);
}

static void reload(struct master *m)
{
	char errors[2048];
	struct config *fresh = config_load(m->config->path, errors, sizeof errors);
	if (fresh == NULL) {
		log_error("SIGHUP: keeping the running configuration: %s", errors);
		return;
	}
	log_info("SIGHUP: replacing workers with the new configuration and templates");
	if (strcmp(fresh->socket_path, m->config->socket_path) != 0 ||
	    fresh->backlog != m->config->backlog)
		log_error("SIGHUP: a new Socket or Backlog takes effect only on restart");
	if ((fresh->listen == NULL) != (m->config->listen == NULL) ||
	    (fresh->listen != NULL && strcmp(fresh->listen, m->config->listen) != 0))
		log_error("SIGHUP: a new Listen takes effect only on restart");
	config_free(m->config);
	m->config = fresh;
	unsigned old_generation = m->generation++;
	/* one by one: a new worker starts before an old one is asked to stop */
	for (size_t i = 0; i < MAX_WORKERS; i++) {
		if (m->slots[i].pid > 0 && m->slots[i].generation == old_generation) {
			pid_t old = m->slots[i].pid;
			start_worker(m);
			kill(old, SIGTERM);
		}
	}
	size_t current = 0;
	for (size_t i = 0; i < MAX_WORKERS; i++)
		current += m->slots[i].pid > 0 && m->slots[i].generation == m->generation;
	while (current++ < m->config->workers)
		start_worker(m);
	/* the sender takes the new configuration by starting again (reap_sender) */
	if (m->sender > 0)
		kill(m->sender, SIGTERM);
	else
		start_sender(m);
}

/* A worker of the current generation that died is replaced, unless the master is stopping. */
static void reap(struct master *m)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (reap_sender(m, pid, status))
			continue;
		for (size_t i = 0; i < MAX_WORKERS; i++) {
			struct worker_slot *slot = &m->slots[i];
			if (slot->pid != pid)
				continue;
			bool current = slot->generation == m->generation;
			bool quick = time(NULL) - slot->started < 2;
			slot->pid = 0;
			if (m->draining || !current)
				break;
			if (WIFSIGNALED(status))
				log_error("worker %d killed by signal %d; starting another",
					  (int)pid, WTERMSIG(status));
			else
				log_error("worker %d exited with %d; starting another", (int)pid,
					  WEXITSTATUS(status));
			/* a worker that cannot start (bad templates, say) must not spin */
			m->rapid_deaths = quick ? m->rapid_deaths + 1 : 0;
			if (m->rapid_deaths > 3)
				sleep(m->rapid_deaths > 10 ? 5 : 1);
			start_worker(m);
			break;
		}
	}
}

int master_run(struct config *config)
{
	static struct master m;
	m = (struct master){ .config = config, .generation = 1, .tcp_fd = -1 };
	m.listen_fd = open_listener(config, &m.source, &m.socket_file);
	if (m.listen_fd < 0)
		return 1;
	if (config->listen != NULL) {
		m.tcp_fd = open_tcp_listener(config);
		if (m.tcp_fd < 0) {
			if (m.source == LISTENER_CREATED)
				remove_socket_file(&m);
			close(m.listen_fd);
			return 1;
		}
		set_non_blocking(m.listen_fd);
		set_non_blocking(m.tcp_fd);
	}
	sigset_t wait_mask;
	take_signals(&m.original_mask, &wait_mask);
	for (unsigned i = 0; i < config->workers; i++)
		start_worker(&m);
	start_sender(&m);
	log_info("master %d serving %s%s%s with %u workers", (int)getpid(),
		 m.source == LISTENER_CREATED ? config->socket_path : "an inherited socket",
		 m.tcp_fd >= 0 ? " and TCP " : "", m.tcp_fd >= 0 ? config->listen : "",
		 config->workers);

	while (!m.draining || live_workers(m.slots) > 0 || m.sender > 0) {
		if (!got_terminate && !got_reload && !got_child && !got_alarm)
			sigsuspend(&wait_mask);
		if (got_terminate && !m.draining)
			begin_drain(&m);
		got_terminate = 0;
		if (got_alarm && m.draining)
			drain_tick(&m);
		got_alarm = 0;
		if (got_reload && !m.draining)
			reload(&m);
		got_reload = 0;
		if (got_child) {
			got_child = 0;
			reap(&m);
		}
	}
	alarm(0);
	/* a socket shut down at SIGTERM was unlinked then: the path may be the next master's */
	if (m.source == LISTENER_CREATED && !m.shut_down)
		remove_socket_file(&m);
	close(m.listen_fd);
	if (m.tcp_fd >= 0)
		close(m.tcp_fd);
	log_info("master exiting");
	config_free(m.config);
	return 0;
}
