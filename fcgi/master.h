/* The master process: owns the socket, keeps the workers running, drains on SIGTERM and
 * replaces workers on SIGHUP. */
#ifndef REFERRALS_MASTER_H
#define REFERRALS_MASTER_H

struct config;

/* Runs until SIGTERM/SIGINT; returns the exit status. Takes ownership of config. */
int master_run(struct config *config);

#endif
