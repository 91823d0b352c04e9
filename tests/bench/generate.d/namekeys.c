/* tests/bench/generate: the name lists as SQL rows, with the match keys made by the program's
 * own fcgi/matching.c (the generator compiles this beside it), so a generated client is found
 * by exactly the keys a typed name gives.
 *
 *   namekeys TABLE < names.txt > names.sql
 *
 * Input: "name" or "name<TAB>tag" lines; blank lines and lines starting with # are skipped.
 * Output: INSERT INTO TABLE (rank_no, name, name_key, sound, tag) VALUES (...), ... ; with
 * rank_no counting the names from 0 in the order given. */
#include <stdio.h>
#include <string.h>

#include "matching.h"

/* name as a single-quoted SQL string: quotes and backslashes doubled or escaped */
static void put_sql_text(const char *text)
{
	putchar('\'');
	for (const char *p = text; *p; p++) {
		if (*p == '\'' || *p == '\\')
			putchar(*p == '\'' ? '\'' : '\\');
		putchar(*p);
	}
	putchar('\'');
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: namekeys TABLE < names.txt\n");
		return 2;
	}
	char line[512];
	long rank = 0;
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		char *tag = strchr(line, '\t');
		if (tag)
			*tag++ = '\0';
		char key[MATCH_KEY_SIZE], sound[MATCH_PHONETIC_SIZE];
		if (!match_name_key(line, key, sizeof key) || key[0] == '\0' ||
		    !match_phonetic_key(line, sound, sizeof sound)) {
			fprintf(stderr, "namekeys: no key for \"%s\"\n", line);
			return 1;
		}
		if (rank == 0)
			printf("INSERT INTO %s (rank_no, name, name_key, sound, tag) VALUES\n",
			       argv[1]);
		else
			printf(",\n");
		printf("(%ld, ", rank);
		put_sql_text(line);
		putchar(',');
		put_sql_text(key);
		putchar(',');
		put_sql_text(sound);
		putchar(',');
		put_sql_text(tag ? tag : "");
		putchar(')');
		rank++;
	}
	if (rank == 0) {
		fprintf(stderr, "namekeys: no names\n");
		return 1;
	}
	printf(";\n");
	return 0;
}
