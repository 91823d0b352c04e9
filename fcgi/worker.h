/* One worker process: accepts FastCGI requests on the shared socket until told to stop. */
#ifndef REFERRALS_WORKER_H
#define REFERRALS_WORKER_H

struct config;

/* Serves requests on listen_fd and, unless -1, tcp_fd (Referrals.Listen); returns the
 * process exit status. */
int worker_run(const struct config *config, int listen_fd, int tcp_fd);

#endif
