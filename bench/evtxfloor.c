/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * evtxfloor.c: the benchmark floor.  The least work any libevtx-based
 * tool must do: open each file, and for every normal record fetch the
 * event identifier and the written time.  Recovered records (the ones
 * evtxexport -m all adds from slack space) are not read, so the floor
 * stays a lower bound for a tool that reads them too.  A checksum over
 * all values keeps the compiler from dropping the work.
 *
 * This is the one program outside parsers/evtx.c that calls libevtx, on
 * purpose: it measures the library with nothing of ours on top.
 *
 * Output, one line on stdout:
 *	files=N unusable=N records=N damaged=N bytes=N checksum=0x...
 * Exit status: 0 success, 1 an input could not be opened, 2 usage,
 * 3 done but some records were damaged (the project's convention).
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Debian's libevtx-dev declares the libbfio entry points, and so
 * includes <libbfio.h>, without depending on libbfio-dev.  We never use
 * them: load the feature macros first and switch that part off.
 */
#include <libevtx/features.h>
#undef LIBEVTX_HAVE_BFIO
#include <libevtx.h>

#define FLOOR_FNV_OFFSET	0xcbf29ce484222325ULL
#define FLOOR_FNV_PRIME		0x100000001b3ULL

struct floor_stats {
	unsigned long	 files;
	unsigned long	 unusable;
	uint64_t	 records;
	uint64_t	 damaged;
	uint64_t	 bytes;
	uint64_t	 checksum;
};

static int	 verbose;

static void	 floor_usage(FILE *);
static void	 floor_report(const char *, const char *, libevtx_error_t **);
static uint64_t	 floor_mix(uint64_t, uint64_t);
static int	 floor_file(const char *, struct floor_stats *);

static void
floor_usage(FILE *f)
{
	fprintf(f, "usage: evtxfloor [-hv] file ...\n");
}

/*
 * Print a libevtx failure (with -v, its backtrace too), then free the
 * error and reset it to NULL so that messages do not pile up.
 */
static void
floor_report(const char *path, const char *what, libevtx_error_t **error)
{
	char	 msg[2048];

	msg[0] = '\0';
	if (*error != NULL) {
		if (verbose)
			libevtx_error_backtrace_sprint(*error, msg,
			    sizeof(msg));
		else
			libevtx_error_sprint(*error, msg, sizeof(msg));
		libevtx_error_free(error);
		*error = NULL;
	}
	fprintf(stderr, "evtxfloor: %s: %s%s%s\n", path, what,
	    msg[0] != '\0' ? ": " : "", msg);
}

/* One FNV-1a step over the eight bytes of v. */
static uint64_t
floor_mix(uint64_t h, uint64_t v)
{
	int	 i;

	for (i = 0; i < 8; i++) {
		h ^= (v >> (i * 8)) & 0xff;
		h *= FLOOR_FNV_PRIME;
	}
	return h;
}

/*
 * Read one file.  Returns 0 when the file was read (damaged records are
 * counted and skipped), -1 when it could not be opened at all.
 */
static int
floor_file(const char *path, struct floor_stats *st)
{
	libevtx_error_t		*error = NULL;
	libevtx_file_t		*file = NULL;
	libevtx_record_t	*record = NULL;
	struct stat		 sb;
	uint64_t		 written;
	uint32_t		 id;
	int			 i, n = 0, opened = 0, r = -1;

	st->files++;
	if (stat(path, &sb) == 0)
		st->bytes += (uint64_t)sb.st_size;
	if (libevtx_file_initialize(&file, &error) != 1) {
		floor_report(path, "cannot initialise", &error);
		goto out;
	}
	if (libevtx_file_open(file, path, LIBEVTX_OPEN_READ, &error) != 1) {
		floor_report(path, "cannot open", &error);
		goto out;
	}
	opened = 1;
	if (libevtx_file_get_number_of_records(file, &n, &error) != 1) {
		floor_report(path, "cannot count records", &error);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (libevtx_file_get_record_by_index(file, i, &record,
		    &error) != 1) {
			if (verbose)
				floor_report(path, "damaged record", &error);
			else {
				libevtx_error_free(&error);
				error = NULL;
			}
			st->damaged++;
			continue;
		}
		if (libevtx_record_get_event_identifier(record, &id,
		    &error) != 1 ||
		    libevtx_record_get_written_time(record, &written,
		    &error) != 1) {
			if (verbose)
				floor_report(path, "damaged record", &error);
			else {
				libevtx_error_free(&error);
				error = NULL;
			}
			st->damaged++;
		} else {
			st->records++;
			st->checksum = floor_mix(st->checksum, id);
			st->checksum = floor_mix(st->checksum, written);
		}
		if (libevtx_record_free(&record, &error) != 1) {
			libevtx_error_free(&error);
			error = NULL;
		}
	}
	r = 0;

out:
	if (opened && libevtx_file_close(file, &error) != 0)
		floor_report(path, "cannot close", &error);
	if (file != NULL && libevtx_file_free(&file, &error) != 1)
		floor_report(path, "cannot free", &error);
	if (r != 0)
		st->unusable++;
	return r;
}

int
main(int argc, char **argv)
{
	struct floor_stats	 st;
	int			 ch, i;

	while ((ch = getopt(argc, argv, "hv")) != -1) {
		switch (ch) {
		case 'h':
			floor_usage(stdout);
			return 0;
		case 'v':
			verbose = 1;
			break;
		default:
			floor_usage(stderr);
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		floor_usage(stderr);
		return 2;
	}

	memset(&st, 0, sizeof(st));
	st.checksum = FLOOR_FNV_OFFSET;
	for (i = 0; i < argc; i++)
		floor_file(argv[i], &st);

	printf("files=%lu unusable=%lu records=%" PRIu64 " damaged=%" PRIu64
	    " bytes=%" PRIu64 " checksum=0x%016" PRIx64 "\n", st.files,
	    st.unusable, st.records, st.damaged, st.bytes, st.checksum);
	if (fflush(stdout) != 0 || ferror(stdout))
		return 1;
	if (st.unusable != 0)
		return 1;
	if (st.damaged != 0)
		return 3;
	return 0;
}
