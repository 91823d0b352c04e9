/* The referrals command: serve, migrate, check-config, version. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "mail_sender.h"
#include "master.h"
#include "model/jobs.h"
#include "model/postcode.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: referrals [-c FILE] COMMAND\n"
		"  serve          run the FastCGI master and workers in the foreground\n"
		"  migrate        apply database migrations not yet applied\n"
		"  check-config   check the configuration file and exit\n"
		"  import-postcodes FILE\n"
		"                 import postcodes from an ONS Postcode Directory CSV file (- "
		"reads\n"
		"                 standard input), printing progress and the counts\n"
		"  run-jobs [--now \"YYYY-MM-DD HH:MM:SS\"]\n"
		"                 the scheduled work (auto-close, overdue messages, consent "
		"expiry)\n"
		"                 under a lease in the database; --now sets its clock (UTC, "
		"tests)\n"
		"  send-mail [--once] [--now \"YYYY-MM-DD HH:MM:SS\"]\n"
		"                 send the e-mail outbox (the master runs this itself when\n"
		"                 Referrals.Mail.Host is set); --once: one round; --now: the\n"
		"                 digests' clock (UTC, tests)\n"
		"  version        print the version\n"
		"FILE defaults to $REFERRALS_CONFIG or %s/referrals/referrals.hdf\n",
		REFERRALS_SYSCONFDIR);
}

int main(int argc, char **argv)
{
	const char *config_path = getenv("REFERRALS_CONFIG");
	char default_path[1024];
	snprintf(default_path, sizeof default_path, "%s/referrals/referrals.hdf",
		 REFERRALS_SYSCONFDIR);
	if (config_path == NULL || config_path[0] == '\0')
		config_path = default_path;
	int option;
	/* "+": options end at the command, so run-jobs keeps its own --now */
	while ((option = getopt(argc, argv, "+c:h")) != -1) {
		switch (option) {
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *command = argv[optind];
	bool import = strcmp(command, "import-postcodes") == 0;
	bool jobs = strcmp(command, "run-jobs") == 0;
	bool mail = strcmp(command, "send-mail") == 0;
	bool mail_once = false;
	const char *now_override = NULL;
	/* send-mail [--once] [--now "YYYY-MM-DD HH:MM:SS"] (e-mail notifications) */
	for (int a = optind + 1; mail && a < argc; a++) {
		if (strcmp(argv[a], "--once") == 0)
			mail_once = true;
		else if (strcmp(argv[a], "--now") == 0 && a + 1 < argc)
			now_override = argv[++a];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (mail) {
		/* its arguments were read above */
	} else if (jobs && argc - optind == 3 && strcmp(argv[optind + 1], "--now") == 0)
		now_override = argv[optind + 2];
	else if (jobs && argc - optind == 2 && strncmp(argv[optind + 1], "--now=", 6) == 0)
		now_override = argv[optind + 1] + 6;
	else if (optind != argc - (import ? 2 : 1)) {
		usage(stderr);
		return 2;
	}
	if (strcmp(command, "version") == 0) {
		printf("referrals %s\n", REFERRALS_VERSION);
		return 0;
	}
	if (strcmp(command, "serve") != 0 && strcmp(command, "migrate") != 0 &&
	    strcmp(command, "check-config") != 0 && !import && !jobs && !mail) {
		usage(stderr);
		return 2;
	}
	char errors[4096];
	struct config *config = config_load(config_path, errors, sizeof errors);
	if (config == NULL) {
		fprintf(stderr, "referrals: %s:\n%s\n", config_path, errors);
		return 1;
	}
	/* times are stored in UTC and shown in the configured zone */
	setenv("TZ", config->time_zone, 1);
	tzset();
	if (strcmp(command, "check-config") == 0) {
		printf("%s: configuration is valid\n", config_path);
		config_free(config);
		return 0;
	}
	if (import) {
		int status = postcode_import_file(config, argv[optind + 1], stdout);
		config_free(config);
		return status;
	}
	if (jobs) {
		int status = jobs_run(config, now_override, stdout);
		config_free(config);
		return status;
	}
	if (mail) {
		int status = mail_sender_run(config, mail_once, now_override);
		config_free(config);
		return status;
	}
	if (strcmp(command, "migrate") == 0) {
		int status = db_migrate(config);
		config_free(config);
		return status;
	}
	return master_run(config);
}
