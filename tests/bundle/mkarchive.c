/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * mkarchive.c: make test bundles without external tools.
 *
 *   mkarchive zip|tar|tgz OUT NAME=FILE ...
 *	an archive whose entries have exactly the names given, hostile
 *	ones (../../x, /abs, C:\x) included, with FILE's bytes;
 *   mkarchive bomb-gz OUT MIB [NOISE]
 *   mkarchive bomb-zip OUT NAME MIB [NOISE]
 *	MIB mebibytes that start with an EVTX file signature and are
 *	otherwise zeros (NOISE pseudo-random bytes per MiB lower the
 *	ratio), deflated without materialising them: each MiB is one
 *	full-flushed deflate block, so one block is compressed and
 *	repeated, and CRC-32s are combined.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#define MIB	(1024 * 1024)

static void
die(const char *msg)
{
	fprintf(stderr, "mkarchive: %s\n", msg);
	exit(1);
}

static int
make_archive(const char *fmt, const char *out, int argc, char **argv)
{
	struct archive		*a;
	struct archive_entry	*ae;
	char			 buf[65536], *eq;
	ssize_t			 n;
	int			 i, fd;
	struct stat		 sb;

	a = archive_write_new();
	if (strcmp(fmt, "zip") == 0)
		archive_write_set_format_zip(a);
	else {
		archive_write_set_format_pax_restricted(a);
		if (strcmp(fmt, "tgz") == 0)
			archive_write_add_filter_gzip(a);
	}
	if (archive_write_open_filename(a, out) != ARCHIVE_OK)
		die(archive_error_string(a));
	for (i = 0; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL)
			die("want NAME=FILE");
		*eq = '\0';
		if ((fd = open(eq + 1, O_RDONLY)) == -1 || fstat(fd, &sb) == -1)
			die(eq + 1);
		ae = archive_entry_new();
		archive_entry_copy_pathname(ae, argv[i]);
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, sb.st_size);
		archive_entry_set_mtime(ae, sb.st_mtime, 0);
		if (archive_write_header(a, ae) != ARCHIVE_OK)
			die(archive_error_string(a));
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			if (archive_write_data(a, buf, (size_t)n) != n)
				die(archive_error_string(a));
		close(fd);
		archive_entry_free(ae);
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		die(archive_error_string(a));
	archive_write_free(a);
	return 0;
}

/* Deflate one MiB with a full flush: a block that stands alone. */
static size_t
deflate_mib(z_stream *z, const uint8_t *in, uint8_t *out, size_t cap)
{
	z->next_in = (uint8_t *)in;
	z->avail_in = MIB;
	z->next_out = out;
	z->avail_out = (uInt)cap;
	if (deflate(z, Z_FULL_FLUSH) != Z_OK || z->avail_in != 0)
		die("deflate");
	return cap - z->avail_out;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void
xwrite(FILE *fp, const void *p, size_t n)
{
	if (fwrite(p, 1, n, fp) != n)
		die("write");
}

/* Raw deflate of the bomb into fp; returns the compressed size. */
static uint64_t
bomb_deflate(FILE *fp, unsigned long mib, unsigned long noise,
    uint32_t *crcp)
{
	z_stream	 z;
	uint8_t		*first, *rest, *out;
	size_t		 cap = 2 * MIB, n1, n2, nend;
	uint64_t	 total;
	uint32_t	 crc1, crc2;
	unsigned long	 i, seed = 12345;

	first = calloc(1, MIB);
	rest = calloc(1, MIB);
	out = malloc(cap);
	if (first == NULL || rest == NULL || out == NULL)
		die("out of memory");
	for (i = 0; i < noise && i < MIB; i++) {
		seed = seed * 1103515245 + 12345;
		rest[(i * 7919) % MIB] = (uint8_t)(seed >> 16);
	}
	memcpy(first, rest, MIB);
	memcpy(first, "ElfFile\0", 8);
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		die("deflateInit2");
	n1 = deflate_mib(&z, first, out, cap);
	xwrite(fp, out, n1);
	total = n1;
	crc1 = (uint32_t)crc32(0, first, MIB);
	crc2 = (uint32_t)crc32(0, rest, MIB);
	*crcp = crc1;
	n2 = deflate_mib(&z, rest, out, cap);
	for (i = 1; i < mib; i++) {
		xwrite(fp, out, n2);
		total += n2;
		*crcp = (uint32_t)crc32_combine(*crcp, crc2, MIB);
	}
	z.next_in = rest;
	z.avail_in = 0;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate finish");
	nend = cap - z.avail_out;
	xwrite(fp, out, nend);
	total += nend;
	deflateEnd(&z);
	free(first);
	free(rest);
	free(out);
	return total;
}

static int
bomb_gz(const char *out, unsigned long mib, unsigned long noise)
{
	static const uint8_t	 hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2,
	    3 };
	uint8_t			 trl[8];
	uint32_t		 crc;
	FILE			*fp;

	if ((fp = fopen(out, "wb")) == NULL)
		die(out);
	xwrite(fp, hdr, sizeof(hdr));
	bomb_deflate(fp, mib, noise, &crc);
	put32(trl, crc);
	put32(trl + 4, (uint32_t)((uint64_t)mib * MIB));
	xwrite(fp, trl, 8);
	if (fclose(fp) != 0)
		die("close");
	return 0;
}

/* A zip of one entry, sizes in the local header (no zip64: < 4 GiB). */
static int
bomb_zip(const char *out, const char *name, unsigned long mib,
    unsigned long noise)
{
	uint8_t		 lh[30], cd[46], end[22];
	uint64_t	 csize, usize = (uint64_t)mib * MIB;
	uint32_t	 crc;
	uint16_t	 nlen = (uint16_t)strlen(name);
	long		 cdoff;
	FILE		*fp;

	if (usize >= 0xffffffffULL)
		die("bomb too large for a zip without zip64");
	if ((fp = fopen(out, "w+b")) == NULL)
		die(out);
	memset(lh, 0, sizeof(lh));
	xwrite(fp, lh, sizeof(lh));
	xwrite(fp, name, nlen);
	csize = bomb_deflate(fp, mib, noise, &crc);
	cdoff = ftell(fp);
	put32(lh, 0x04034b50);
	put16(lh + 4, 20);
	put16(lh + 8, 8);
	put32(lh + 14, crc);
	put32(lh + 18, (uint32_t)csize);
	put32(lh + 22, (uint32_t)usize);
	put16(lh + 26, nlen);
	memset(cd, 0, sizeof(cd));
	put32(cd, 0x02014b50);
	put16(cd + 4, 20);
	put16(cd + 6, 20);
	put16(cd + 10, 8);
	put32(cd + 16, crc);
	put32(cd + 20, (uint32_t)csize);
	put32(cd + 24, (uint32_t)usize);
	put16(cd + 28, nlen);
	xwrite(fp, cd, sizeof(cd));
	xwrite(fp, name, nlen);
	memset(end, 0, sizeof(end));
	put32(end, 0x06054b50);
	put16(end + 8, 1);
	put16(end + 10, 1);
	put32(end + 12, (uint32_t)(sizeof(cd) + nlen));
	put32(end + 16, (uint32_t)cdoff);
	xwrite(fp, end, sizeof(end));
	if (fseek(fp, 0, SEEK_SET) != 0)
		die("seek");
	xwrite(fp, lh, sizeof(lh));
	if (fclose(fp) != 0)
		die("close");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 3)
		die("usage: mkarchive zip|tar|tgz|bomb-gz|bomb-zip OUT ...");
	if (strcmp(argv[1], "bomb-gz") == 0 && argc >= 4)
		return bomb_gz(argv[2], strtoul(argv[3], NULL, 10),
		    argc > 4 ? strtoul(argv[4], NULL, 10) : 0);
	if (strcmp(argv[1], "bomb-zip") == 0 && argc >= 5)
		return bomb_zip(argv[2], argv[3], strtoul(argv[4], NULL, 10),
		    argc > 5 ? strtoul(argv[5], NULL, 10) : 0);
	if (strcmp(argv[1], "zip") == 0 || strcmp(argv[1], "tar") == 0 ||
	    strcmp(argv[1], "tgz") == 0)
		return make_archive(argv[1], argv[2], argc - 3, argv + 3);
	die("unknown mode");
	return 1;
}
