/* Process supervision. Signals are blocked and taken one at a time with sigsuspend, so the
 * bookkeeping below never runs inside a signal handler. */
#include "master.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "worker.h"

#define MAX_WORKERS 256
/* How long in-flight requests get to finish on SIGTERM before workers are killed. */
#define DRAIN_SECONDS 30

struct worker_slot {
	pid_t pid;
	unsigned generation;
	time_t started;
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
static int open_listener(const struct config *config, bool *created)
{
	*created = false;
	const char *listen_pid = getenv("LISTEN_PID");
	const char *listen_fds = getenv("LISTEN_FDS");
	if (listen_pid && listen_fds && atol(listen_pid) == (long)getpid() && atoi(listen_fds) >= 1) {
		log_info("using the socket passed by systemd (fd 3)");
		return 3;
	}
	int accepting = 0;
	socklen_t len = sizeof accepting;
	if (getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0 && accepting) {
		log_info("using the listening socket on fd 0");
		return 0;
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_un address = {.sun_family = AF_UNIX};
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
	if (rc != 0 || listen(fd, 256) != 0) {
		log_error("cannot listen on %s: %s", config->socket_path, strerror(errno));
		close(fd);
		return -1;
	}
	*created = true;
	return fd;
}

static pid_t spawn(const struct config *config, int listen_fd, const sigset_t *original_mask)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* the child: default handlers and mask, then serve */
	signal(SIGCHLD, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	sigprocmask(SIG_SETMASK, original_mask, NULL);
	_exit(worker_run(config, listen_fd));
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

static void start_worker(struct worker_slot *slots, const struct config *config, int listen_fd,
			 unsigned generation, const sigset_t *original_mask)
{
	struct worker_slot *slot = free_slot(slots);
	if (slot == NULL)
		return;
	pid_t pid = spawn(config, listen_fd, original_mask);
	if (pid < 0) {
		log_error("fork failed: %s", strerror(errno));
		return;
	}
	*slot = (struct worker_slot){pid, generation, time(NULL)};
}

int master_run(struct config *config)
{
	bool created = false;
	int listen_fd = open_listener(config, &created);
	if (listen_fd < 0)
		return 1;

	sigset_t handled, original_mask;
	sigemptyset(&handled);
	sigaddset(&handled, SIGTERM);
	sigaddset(&handled, SIGINT);
	sigaddset(&handled, SIGHUP);
	sigaddset(&handled, SIGCHLD);
	sigaddset(&handled, SIGALRM);
	sigprocmask(SIG_BLOCK, &handled, &original_mask);
	struct sigaction action = {0};
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGHUP, &action, NULL);
	sigaction(SIGCHLD, &action, NULL);
	sigaction(SIGALRM, &action, NULL);
	signal(SIGPIPE, SIG_IGN);

	static struct worker_slot slots[MAX_WORKERS];
	unsigned generation = 1;
	for (unsigned i = 0; i < config->workers; i++)
		start_worker(slots, config, listen_fd, generation, &original_mask);
	log_info("master %d serving %s with %u workers", (int)getpid(),
		 created ? config->socket_path : "an inherited socket", config->workers);

	bool draining = false;
	time_t drain_started = 0;
	unsigned rapid_deaths = 0;
	sigset_t wait_mask = original_mask;
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGHUP);
	sigdelset(&wait_mask, SIGCHLD);
	sigdelset(&wait_mask, SIGALRM);
	for (;;) {
		if (draining && live_workers(slots) == 0)
			break;
		if (!got_terminate && !got_reload && !got_child && !got_alarm)
			sigsuspend(&wait_mask);

		if (got_terminate && !draining) {
			got_terminate = 0;
			draining = true;
			drain_started = time(NULL);
			log_info("SIGTERM: finishing requests in flight, then exiting");
			for (size_t i = 0; i < MAX_WORKERS; i++)
				if (slots[i].pid > 0)
					kill(slots[i].pid, SIGTERM);
			alarm(1);
		}
		if (got_alarm) {
			got_alarm = 0;
			if (draining) {
				/* Repeat SIGTERM each second: it ends an idle worker's accept() even if
				 * the first one arrived just before it began waiting. */
				bool overdue = time(NULL) - drain_started >= DRAIN_SECONDS;
				for (size_t i = 0; i < MAX_WORKERS; i++)
					if (slots[i].pid > 0)
						kill(slots[i].pid, overdue ? SIGKILL : SIGTERM);
				alarm(1);
			}
		}
		if (got_reload && !draining) {
			got_reload = 0;
			char errors[2048];
			struct config *fresh = config_load(config->path, errors, sizeof errors);
			if (fresh == NULL) {
				log_error("SIGHUP: keeping the running configuration: %s", errors);
			} else {
				log_info("SIGHUP: replacing workers with the new configuration and templates");
				if (strcmp(fresh->socket_path, config->socket_path) != 0)
					log_error("SIGHUP: a new Socket takes effect only on restart");
				config_free(config);
				config = fresh;
				unsigned old_generation = generation++;
				/* one by one: a new worker starts before an old one is asked to stop */
				for (size_t i = 0; i < MAX_WORKERS; i++) {
					if (slots[i].pid > 0 && slots[i].generation == old_generation) {
						pid_t old = slots[i].pid;
						start_worker(slots, config, listen_fd, generation, &original_mask);
						kill(old, SIGTERM);
					}
				}
				size_t current = 0;
				for (size_t i = 0; i < MAX_WORKERS; i++)
					current += slots[i].pid > 0 && slots[i].generation == generation;
				while (current++ < config->workers)
					start_worker(slots, config, listen_fd, generation, &original_mask);
			}
		}
		if (got_child) {
			got_child = 0;
			int status;
			pid_t pid;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
				for (size_t i = 0; i < MAX_WORKERS; i++) {
					if (slots[i].pid != pid)
						continue;
					bool current = slots[i].generation == generation;
					bool quick = time(NULL) - slots[i].started < 2;
					slots[i].pid = 0;
					if (draining || !current)
						break;
					if (WIFSIGNALED(status))
						log_error("worker %d killed by signal %d; starting another", (int)pid,
							  WTERMSIG(status));
					else
						log_error("worker %d exited with %d; starting another", (int)pid,
							  WEXITSTATUS(status));
					/* a worker that cannot start (bad templates, say) must not spin */
					rapid_deaths = quick ? rapid_deaths + 1 : 0;
					if (rapid_deaths > 3)
						sleep(rapid_deaths > 10 ? 5 : 1);
					start_worker(slots, config, listen_fd, generation, &original_mask);
					break;
				}
			}
		}
	}
	alarm(0);
	if (created)
		unlink(config->socket_path);
	close(listen_fd);
	log_info("master exiting");
	config_free(config);
	return 0;
}
