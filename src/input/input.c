/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * input.c: find evidence under the paths given: files, folders, zip and
 * tar archives (through libarchive, read in place), gzip or zlib
 * compressed files anywhere (through zlib).  The kind of every file is
 * decided from content, never from its name.  Evidence is opened
 * O_RDONLY and never written; an archive entry or a decompressed file
 * is copied into the private temporary space (tmpspace.c) under a
 * generated name, and only when its leading bytes show it is evidence.
 * Entry names are only shown, never used as paths.  Folders are walked
 * and inputs listed in name order, so runs are deterministic; FIFOs,
 * devices and sockets are skipped unopened; symbolic links are followed
 * only to regular files inside the bundle; the same bytes twice in one
 * bundle (a copy, or an unchanged shadow copy) are parsed once.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "input.h"
#include "layout.h"
#include "tltime.h"
#include "tmpspace.h"
#include "util.h"

#define SNIFF_BYTES	4096
#define ARCHIVE_BLOCK	65536
#define META_MAX	(1U << 20)	/* bytes of a metadata file read */

/* Folders on the way down, to refuse loops through bind mounts. */
struct seen {
	dev_t	dev;
	ino_t	ino;
};

/* One inputset_add() call: one bundle. */
struct walk {
	struct inputset		*set;
	const char		*bundle;
	size_t			 first;		/* first input it added */
	char			**keys;		/* sort key of each, by index */
	size_t			 nkeys, ckeys;
	char			*host;		/* named by metadata */
	char			*rootreal;	/* realpath of a folder root */
	struct seen		*seen;
	size_t			 nseen;
	struct input_limits	 alim;		/* for streams that hold archives */
	uint64_t		 expect;	/* declared size of the member */
	int			 nospace;	/* a member did not fit in temp */
};

/* State of libarchive reading from one of our streams. */
struct arcsrc {
	struct instream	*s;
	uint8_t		 buf[ARCHIVE_BLOCK];
	struct tl_error	 err;
	int		 failed;
};

/* An archive entry as a stream. */
struct arcent {
	struct archive	*a;
	int64_t		 start;
};

static struct input *ingest(struct walk *, struct instream *, const char *,
		    const char *, const char *, int64_t, int, int, int);

static void
note(struct inputset *set, const char *path, const char *msg)
{
	if (set->note != NULL)
		set->note(set->note_arg, path, msg);
}

static void
notef(struct inputset *set, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
notef(struct inputset *set, const char *path, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	note(set, path, msg);
	free(msg);
}

void
inputset_init(struct inputset *set)
{
	const char	*env;
	uint64_t	 v;

	memset(set, 0, sizeof(*set));
	set->lim.max_copy = TL_MAX_COPY;
	set->lim.ratio_floor = TL_RATIO_FLOOR;
	set->lim.max_ratio = TL_MAX_RATIO;
	set->lim.max_total = TL_MAX_TOTAL;
	set->lim.max_entries = TL_MAX_ENTRIES;
	/* Tests lower the run's budget: TASKLINE_TMP_MAX=BYTES (hidden). */
	if ((env = getenv("TASKLINE_TMP_MAX")) != NULL &&
	    tl_parse_u64(env, &v) == 0 && v > 0)
		set->lim.max_total = v;
}

static void
input_free(struct input *in)
{
	if (in == NULL)
		return;
	free(in->path);
	free(in->open_path);
	free(in->task_path);
	free(in->bundle);
	free(in->note);
	free(in->host_hint);
	free(in->error);
	free(in);
}

/*
 * Remove the set's private copies now (its inputs stay): once a set is
 * parsed nothing opens them again, and a set whose diagnosis waits
 * need not hold temporary space.
 */
void
inputset_release(struct inputset *set)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		tmpspace_remove(set->v[i]->open_path);
}

void
inputset_clear(struct inputset *set)
{
	size_t	i;

	/* Private copies go as soon as their set is done with. */
	for (i = 0; i < set->n; i++) {
		tmpspace_remove(set->v[i]->open_path);
		input_free(set->v[i]);
	}
	free(set->v);
	free(set->tmpdir);
	inputset_init(set);
}

static void
walk_push(struct walk *w, struct input *in, const char *key)
{
	struct inputset	*set = w->set;

	if (set->n == set->cap) {
		set->cap = set->cap == 0 ? 16 : set->cap * 2;
		set->v = xreallocarray(set->v, set->cap, sizeof(*set->v));
	}
	in->index = (uint32_t)set->n;
	set->v[set->n++] = in;
	if (w->nkeys == w->ckeys) {
		w->ckeys = w->ckeys == 0 ? 16 : w->ckeys * 2;
		w->keys = xreallocarray(w->keys, w->ckeys, sizeof(*w->keys));
	}
	w->keys[w->nkeys++] = xstrdup(key);
}

/* Mark an input refused: listed, not parsed, the error kept for later. */
static void
refuse(struct input *in, const struct tl_error *e)
{
	in->unusable = 1;
	free(in->note);
	in->note = xstrdup(e->msg);
	free(in->error);
	in->error = xmalloc(sizeof(*in->error));
	*in->error = *e;
	snprintf(in->error->input, sizeof(in->error->input), "%s", in->path);
}

static const char *
kind_ext(enum input_kind kind)
{
	switch (kind) {
	case INPUT_EVTX:
		return ".evtx";
	case INPUT_EVENTXML:
	case INPUT_TASKXML:
		return ".xml";
	case INPUT_SECEDIT:
		return ".inf";
	default:
		return ".bin";
	}
}

/*
 * Copy the rest of s into a new file of the temporary space.  expect,
 * when not 0, is the size the archive declares: a copy that would not
 * fit in the free space is not begun (w->nospace is set, and the rest
 * of the archive skipped).  Every byte is charged to the run's budget.
 */
static int
copy_to_tmp(struct walk *w, struct instream *s, struct input *in,
    uint64_t expect, struct tl_error *err)
{
	struct inputset	*set = w->set;
	uint8_t		 buf[65536];
	char		*tpath = NULL;
	ssize_t		 n, k;
	size_t		 off;
	const char	*what, *base;
	uint64_t	 avail;
	int		 fd, r = TL_ERR_INTERNAL;

	if (expect != 0 && expect > (avail = tmpspace_free())) {
		base = tmpspace_base(&what);
		w->nospace = 1;
		return tl_error_set(err, TL_ERR_LIMIT, in->path,
		    "not unpacked: needs %llu bytes, %s %s has %llu free; "
		    "the rest of the bundle is skipped",
		    (unsigned long long)expect, what, base,
		    (unsigned long long)avail);
	}
	if ((fd = tmpspace_create(kind_ext(in->kind), &tpath, err)) == -1)
		return err->code;
	if (set->tmpdir == NULL && tmpspace_dir() != NULL)
		set->tmpdir = xstrdup(tmpspace_dir());
	for (;;) {
		if ((n = instream_read(s, buf, sizeof(buf), err)) < 0) {
			r = err->code;
			goto out;
		}
		if (n == 0)
			break;
		if (tmpspace_charge((uint64_t)n, set->lim.max_total) != 0) {
			r = tl_error_set(err, TL_ERR_LIMIT, in->path,
			    "more than %llu bytes decompressed in this run, "
			    "refused", (unsigned long long)set->lim.max_total);
			err->offset = s->out;
			err->has_offset = 1;
			goto out;
		}
		set->copied += (uint64_t)n;
		for (off = 0; off < (size_t)n; off += (size_t)k) {
			k = write(fd, buf + off, (size_t)n - off);
			if (k < 0 && errno == EINTR) {
				k = 0;
				continue;
			}
			if (k <= 0) {
				base = tmpspace_base(&what);
				r = tl_error_set(err, TL_ERR_IO, tpath,
				    "cannot write a private copy in %s %s: %s",
				    what, base, strerror(errno));
				goto out;
			}
		}
	}
	if (close(fd) != 0) {
		fd = -1;
		r = tl_error_set(err, TL_ERR_IO, tpath,
		    "cannot write a private copy: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	in->open_path = tpath;
	tpath = NULL;
	r = 0;
out:
	if (fd != -1)
		close(fd);
	if (tpath != NULL) {
		tmpspace_remove(tpath);
		free(tpath);
	}
	return r;
}

/* Velociraptor's client_info.json and the like: the host's name. */
static void
read_metadata(struct walk *w, struct instream *s)
{
	struct tl_error	 e;
	char		*buf, *host;
	ssize_t		 n;

	if (w->host != NULL)
		return;
	buf = xmalloc(META_MAX);
	tl_error_clear(&e);
	n = instream_readfull(s, buf, META_MAX, &e);
	if (n > 0 && (size_t)n < META_MAX &&
	    (host = layout_host_from_json(buf, (size_t)n)) != NULL)
		w->host = host;
	free(buf);
}

static int
is_archive(const uint8_t *b, size_t len)
{
	if (len >= 4 && b[0] == 'P' && b[1] == 'K' &&
	    ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6) ||
	    (b[2] == 7 && b[3] == 8)))
		return 1;				/* zip */
	if (len >= 262 && memcmp(b + 257, "ustar", 5) == 0)
		return 1;				/* tar */
	return 0;
}

static la_ssize_t
arcsrc_read(struct archive *a, void *arg, const void **buf)
{
	struct arcsrc	*src = arg;
	ssize_t		 n;

	*buf = src->buf;
	n = instream_read(src->s, src->buf, sizeof(src->buf), &src->err);
	if (n < 0) {
		src->failed = 1;
		archive_set_error(a, EIO, "%s", src->err.msg);
		return -1;
	}
	return n;
}

static ssize_t
arcent_fill(struct instream *s, uint8_t *buf, size_t len,
    struct tl_error *err)
{
	struct arcent	*ae = s->state;
	la_ssize_t	 n;

	n = archive_read_data(ae->a, buf, len);
	if (n < 0) {
		tl_error_set(err, TL_ERR_DAMAGED, s->name, "%s",
		    archive_error_string(ae->a) != NULL ?
		    archive_error_string(ae->a) : "cannot read entry");
		err->offset = s->out;
		err->has_offset = 1;
		return -1;
	}
	return n;
}

static uint64_t
arcent_consumed(struct instream *s)
{
	struct arcent	*ae = s->state;
	int64_t		 now = archive_filter_bytes(ae->a, -1);

	return now > ae->start ? (uint64_t)(now - ae->start) : 0;
}

/*
 * Read an archive: from the file plain when it is one on disk (so that
 * zip can seek to its central directory), else from the stream s.
 * Every regular entry goes through ingest(); nothing is extracted.
 */
static void
read_archive(struct walk *w, struct instream *s, const char *shown,
    const char *plain, int adepth)
{
	struct inputset		*set = w->set;
	struct archive		*a;
	struct archive_entry	*ae;
	struct arcsrc		*src = NULL;
	struct arcent		 ent;
	struct instream		 es;
	struct input		*in;
	struct tl_error		 e;
	const char		*name;
	char			*sname, *ename, *erel;
	uint64_t		 count = 0;
	int			 fd = -1, r;

	a = archive_read_new();
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_filter_all(a);
	if (plain != NULL) {
		if ((fd = open(plain, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
			notef(set, shown, "cannot open: %s", strerror(errno));
			goto out;
		}
		r = archive_read_open_fd(a, fd, ARCHIVE_BLOCK);
	} else {
		src = xcalloc(1, sizeof(*src));
		src->s = s;
		r = archive_read_open(a, src, NULL, arcsrc_read, NULL);
	}
	if (r != ARCHIVE_OK) {
		notef(set, shown, "not a readable archive: %s",
		    src != NULL && src->failed ? src->err.msg :
		    archive_error_string(a));
		goto out;
	}
	for (;;) {
		r = archive_read_next_header(a, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_RETRY)
			continue;
		if (r < ARCHIVE_WARN) {
			notef(set, shown, "archive damaged after %llu entries: "
			    "%s, rest skipped", (unsigned long long)count,
			    src != NULL && src->failed ? src->err.msg :
			    archive_error_string(a));
			break;
		}
		if (++count > set->lim.max_entries) {
			notef(set, shown, "more than %llu entries, rest "
			    "skipped", (unsigned long long)set->lim.max_entries);
			break;
		}
		if (archive_entry_filetype(ae) != AE_IFREG ||
		    archive_entry_hardlink(ae) != NULL)
			continue;
		/*
		 * A name that cannot be converted (main() sets a UTF-8
		 * LC_CTYPE) gets one from its place in the archive, so
		 * that two such members never merge.
		 */
		if ((name = archive_entry_pathname_utf8(ae)) == NULL &&
		    (name = archive_entry_pathname(ae)) == NULL) {
			xasprintf(&sname, "(unnamed member %llu)",
			    (unsigned long long)count);
		} else
			sname = layout_sanitize(name);
		xasprintf(&ename, "%s!/%s", shown, sname);
		erel = layout_decode(sname);
		ent.a = a;
		ent.start = archive_filter_bytes(a, -1);
		instream_init(&es, ename, &set->lim);
		es.state = &ent;
		es.fill = arcent_fill;
		es.consumed = arcent_consumed;
		instream_hash_begin(&es);
		w->expect = archive_entry_size_is_set(ae) &&
		    archive_entry_size(ae) > 0 ?
		    (uint64_t)archive_entry_size(ae) : 0;
		in = ingest(w, &es, ename, erel, NULL,
		    archive_entry_mtime_is_set(ae) ?
		    tl_time_from_unix((int64_t)archive_entry_mtime(ae)) :
		    TL_TIME_NONE, adepth, 0, 0);
		if (in != NULL && !in->unusable) {
			tl_error_clear(&e);
			if (instream_drain(&es, &e) != 0 ||
			    instream_hash_end(&es, in->sha256) != 0)
				refuse(in, &e);
			else
				in->size = es.out;
		} else if (in == NULL && src != NULL &&
		    (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) ==
		    ARCHIVE_FORMAT_ZIP) {
			/*
			 * A zip read from a stream: libarchive would inflate
			 * a skipped member to find its end where no limit
			 * sees it; read it through the bounded stream (a tar
			 * is skipped through our stream, so counted).
			 */
			es.lim = &w->alim;
			tl_error_clear(&e);
			if (instream_drain(&es, &e) != 0) {
				notef(set, shown, "%s, rest skipped", e.msg);
				instream_clear(&es);
				free(erel);
				free(ename);
				free(sname);
				break;
			}
		}
		instream_clear(&es);
		w->expect = 0;
		free(erel);
		free(ename);
		free(sname);
		if (w->nospace)
			break;
		if (src != NULL && src->failed) {
			notef(set, shown, "%s, rest skipped", src->err.msg);
			break;
		}
	}
out:
	archive_read_free(a);
	free(src);
	if (fd != -1)
		close(fd);
}

/* Strip a trailing .gz, .bz2 or .xz (any case) from rel, in place. */
static void
strip_gz(char *rel)
{
	static const char *const exts[] = { ".gz", ".bz2", ".xz" };
	size_t			 n = strlen(rel), k, i;

	for (i = 0; i < TL_NELEM(exts); i++) {
		k = strlen(exts[i]);
		if (n > k && tl_strcasecmp(rel + n - k, exts[i]) == 0) {
			rel[n - k] = '\0';
			break;
		}
	}
}

/*
 * Decide what the stream s holds and take it in.  shown is the evidence
 * path, rel the path inside the bundle (for the layout), plain the file
 * on disk when s reads it unchanged (evidence is then opened in place).
 * Returns the input added, for the caller to finish its hash, or NULL.
 */
static struct input *
ingest(struct walk *w, struct instream *s, const char *shown, const char *rel,
    const char *plain, int64_t mtime, int adepth, int gzlayers, int explicit)
{
	struct inputset		*set = w->set;
	const struct parser	*p;
	struct input		*in = NULL;
	struct instream		 g;
	struct tl_error		 e;
	uint8_t			 head[SNIFF_BYTES];
	ssize_t			 hl;
	char			*rel2;
	int			 score = 0, gz;

	tl_error_clear(&e);
	if ((hl = instream_readfull(s, head, sizeof(head), &e)) < 0) {
		note(set, shown, e.msg);
		return NULL;
	}
	instream_unread(s, head, (size_t)hl);
	p = parser_probe(head, (size_t)hl, &score);
	/* gzip through zlib, bzip2 and xz through libarchive's filters. */
	if (p == NULL && ((gz = instream_is_gzip(head, (size_t)hl)) != 0 ||
	    (gz = instream_is_filtered(head, (size_t)hl)) != 0)) {
		if (gzlayers >= TL_MAX_GZIP_LAYERS) {
			note(set, shown, "compressed more than twice, skipped");
			return NULL;
		}
		instream_init(&g, shown, &set->lim);
		if ((instream_is_filtered(head, (size_t)hl) ?
		    instream_unfilter(&g, s, &e) :
		    instream_gunzip(&g, s, &e)) != 0) {
			instream_clear(&g);
			note(set, shown, e.msg);
			return NULL;
		}
		/* A damaged head of a mere zlib look-alike is not news. */
		tl_error_clear(&e);
		if ((hl = instream_readfull(&g, head, sizeof(head), &e)) < 0) {
			if (gz == 1 || explicit)
				notef(set, shown, "%s", e.msg);
		} else {
			instream_unread(&g, head, (size_t)hl);
			rel2 = xstrdup(rel);
			strip_gz(rel2);
			in = ingest(w, &g, shown, rel2, NULL, mtime, adepth,
			    gzlayers + 1, explicit);
			free(rel2);
			if (in != NULL)
				in->compressed = 1;
		}
		instream_clear(&g);
		return in;
	}
	if (p == NULL && is_archive(head, (size_t)hl)) {
		if (adepth >= TL_MAX_ARCHIVE_DEPTH) {
			note(set, shown, "archive inside an archive inside an "
			    "archive, skipped");
			return NULL;
		}
		/* An archive is bounded as a whole, not as one file. */
		s->lim = &w->alim;
		read_archive(w, s, shown, plain, adepth + 1);
		return NULL;
	}
	if (p == NULL) {
		if (layout_is_metadata(rel))
			read_metadata(w, s);
		else if (explicit || set->keep_unknown)
			note(set, shown, "not a known evidence format, skipped");
		return NULL;
	}
	in = xcalloc(1, sizeof(*in));
	in->path = xstrdup(shown);
	in->kind = p->kind;
	in->bundle = w->bundle != NULL ? xstrdup(w->bundle) : NULL;
	in->mtime = mtime;
	in->vss = layout_is_vss(rel);
	if (in->kind == INPUT_TASKXML)
		in->task_path = layout_task_path(rel);
	walk_push(w, in, rel);
	if (plain != NULL)
		in->open_path = xstrdup(plain);
	else if (copy_to_tmp(w, s, in, w->expect, &e) != 0) {
		in->open_path = xstrdup(in->path);
		refuse(in, &e);
	}
	return in;
}

/* A regular file on disk (or a symbolic link to one). */
static int
add_file(struct walk *w, const char *path, const char *rel, int explicit)
{
	struct inputset	*set = w->set;
	struct instream	 s;
	struct input	*in;
	struct stat	 sb;
	struct tl_error	 e;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
		notef(set, path, "cannot open: %s", strerror(errno));
		return 0;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		note(set, path, "not a regular file, skipped");
		return 0;
	}
	instream_init(&s, path, NULL);
	instream_fd(&s, fd);
	instream_hash_begin(&s);
	in = ingest(w, &s, path, rel, path,
	    tl_time_from_unix((int64_t)sb.st_mtime), 0, 0, explicit);
	if (in != NULL && !in->unusable && set->defer_hash &&
	    !in->compressed) {
		/* Hashed later, by the worker that parses it. */
		in->size = (uint64_t)sb.st_size;
		in->hash_pending = 1;
	} else if (in != NULL && !in->unusable) {
		tl_error_clear(&e);
		if (instream_drain(&s, &e) != 0 ||
		    instream_hash_end(&s, in->sha256) != 0)
			refuse(in, &e);
		else
			in->size = s.out;
	}
	instream_clear(&s);
	close(fd);
	return 0;
}

/*
 * The SHA-256 and size of a plain input added with defer_hash, read
 * from its file now (by a worker: one read per file, in parallel).
 * Returns 0, or a negative tl_err with err set.
 */
int
input_hash(struct input *in, struct tl_error *err)
{
	struct instream	s;
	int		fd, r = 0;

	if (!in->hash_pending)
		return 0;
	if ((fd = open(in->open_path, O_RDONLY | O_NOCTTY)) == -1)
		return tl_error_set(err, TL_ERR_IO, in->path, "cannot open: "
		    "%s", strerror(errno));
	instream_init(&s, in->path, NULL);
	instream_fd(&s, fd);
	instream_hash_begin(&s);
	if (instream_drain(&s, err) != 0 ||
	    instream_hash_end(&s, in->sha256) != 0)
		r = err->code < 0 ? err->code : TL_ERR_IO;
	else {
		in->size = s.out;
		in->hash_pending = 0;
	}
	instream_clear(&s);
	close(fd);
	return r;
}

/*
 * The hash of an input from the bytes its parser reads anyway
 * (parse_sink.bytes): they must come whole and in order from offset 0.
 * input_tap_end keeps the hash when they covered the file, else reads
 * the file for it (input_hash).
 */
void
input_tap_begin(struct input_tap *t, const struct input *in)
{
	memset(t, 0, sizeof(*t));
	instream_init(&t->s, in->path, NULL);
	instream_hash_begin(&t->s);
}

void
input_tap_add(struct input_tap *t, const uint8_t *p, size_t n, uint64_t off)
{
	if (t->broken || off != t->next ||
	    instream_hash_add(&t->s, p, n) != 0)
		t->broken = 1;
	else
		t->next += n;
}

int
input_tap_end(struct input_tap *t, struct input *in, struct tl_error *err)
{
	int	r = 0;

	if (!t->broken && t->next == in->size && in->hash_pending &&
	    instream_hash_end(&t->s, in->sha256) == 0)
		in->hash_pending = 0;
	else {
		t->read_again = in->hash_pending;
		r = input_hash(in, err);
	}
	instream_clear(&t->s);
	return r;
}

struct sizekey {
	const char	*bundle;
	uint64_t	 size;
	size_t		 i;
};

static int
sizekey_cmp(const void *pa, const void *pb)
{
	const struct sizekey	*a = pa, *b = pb;
	int			 r;

	if ((r = strcmp(a->bundle, b->bundle)) != 0)
		return r;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/*
 * The inputs pending their hash that share their size with another
 * input of their bundle: they may be duplicates, so they are hashed
 * before anything is parsed.  Their indices go to out (set->n slots);
 * returns how many.
 */
size_t
inputset_early_hashes(const struct inputset *set, size_t *out)
{
	struct sizekey	*k;
	size_t		 i, j, n = 0, m = 0;

	k = xcalloc(set->n + 1, sizeof(*k));
	for (i = 0; i < set->n; i++) {
		if (set->v[i]->unusable)
			continue;
		k[n].bundle = set->v[i]->bundle != NULL ?
		    set->v[i]->bundle : "";
		k[n].size = set->v[i]->size;
		k[n++].i = i;
	}
	qsort(k, n, sizeof(*k), sizekey_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && k[j].size == k[i].size &&
		    strcmp(k[j].bundle, k[i].bundle) == 0; j++)
			continue;
		if (j - i < 2)
			continue;
		for (; i < j; i++)
			if (set->v[k[i].i]->hash_pending)
				out[m++] = k[i].i;
	}
	free(k);
	return m;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether real (a resolved path) lies inside the bundle's folder. */
static int
inside_root(struct walk *w, const char *real)
{
	size_t	n;

	if (w->rootreal == NULL)
		return 0;
	n = strlen(w->rootreal);
	return strncmp(real, w->rootreal, n) == 0 &&
	    (real[n] == '/' || (n == 1 && w->rootreal[0] == '/'));
}

static void
add_link(struct walk *w, const char *child, const char *rel)
{
	struct stat	 sb;
	char		*real;

	if (stat(child, &sb) == -1) {
		notef(w->set, child, "symbolic link %s, skipped",
		    errno == ELOOP ? "loop" : "to nothing");
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		note(w->set, child, "symbolic link to a folder, not followed");
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		note(w->set, child, "symbolic link to a non-regular file, "
		    "skipped");
		return;
	}
	if ((real = realpath(child, NULL)) == NULL || !inside_root(w, real))
		note(w->set, child, "symbolic link out of the bundle, not "
		    "followed");
	else
		add_file(w, child, rel, 0);
	free(real);
}

static void
add_dir(struct walk *w, const char *path, const char *rel, int depth)
{
	struct inputset	*set = w->set;
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		**names = NULL, *child, *crel;
	size_t		 n = 0, cap = 0, i;

	if (depth > TL_MAX_DIR_DEPTH) {
		note(set, path, "folders nested too deep, skipped");
		return;
	}
	if (lstat(path, &sb) == 0) {
		for (i = 0; i < w->nseen; i++) {
			if (w->seen[i].dev == sb.st_dev &&
			    w->seen[i].ino == sb.st_ino) {
				note(set, path, "folder loop, skipped");
				return;
			}
		}
	}
	if ((d = opendir(path)) == NULL) {
		notef(set, path, "cannot open folder: %s", strerror(errno));
		return;
	}
	w->seen = xreallocarray(w->seen, w->nseen + 1, sizeof(*w->seen));
	w->seen[w->nseen].dev = sb.st_dev;
	w->seen[w->nseen].ino = sb.st_ino;
	w->nseen++;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), namecmp);
	for (i = 0; i < n; i++) {
		xasprintf(&child, "%s%s%s", path,
		    path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		xasprintf(&crel, "%s%s%s", rel, *rel == '\0' ? "" : "/",
		    names[i]);
		if (lstat(child, &sb) == -1)
			note(set, child, strerror(errno));
		else if (S_ISLNK(sb.st_mode))
			add_link(w, child, crel);
		else if (S_ISDIR(sb.st_mode))
			add_dir(w, child, crel, depth + 1);
		else if (S_ISREG(sb.st_mode))
			add_file(w, child, crel, 0);
		else
			note(set, child, "not a regular file (FIFO, device or "
			    "socket), skipped");
		free(crel);
		free(child);
		free(names[i]);
	}
	free(names);
	w->nseen--;
}

/* Compare paths component by component: '/' sorts before anything. */
static int
keycmp(const char *a, const char *b)
{
	unsigned char	ca, cb;

	for (;; a++, b++) {
		ca = *a == '/' ? 1 : (unsigned char)*a;
		cb = *b == '/' ? 1 : (unsigned char)*b;
		if (ca != cb || ca == '\0')
			return (int)ca - (int)cb;
	}
}

/* A key and where its input was pushed, for a stable qsort. */
struct sortkey {
	const char	*key;
	size_t		 at;
};

static int
sortkeycmp(const void *pa, const void *pb)
{
	const struct sortkey	*a = pa, *b = pb;
	int			 r;

	if ((r = keycmp(a->key, b->key)) != 0)
		return r;
	return a->at < b->at ? -1 : a->at > b->at;
}

/*
 * Sort the inputs of this call by their path in the bundle, stable (the
 * push order breaks ties), in O(n log n): an archive may list 100000
 * members in any order.
 */
static void
walk_sort(struct walk *w)
{
	struct inputset	 *set = w->set;
	struct sortkey	 *k;
	struct input	**v;
	size_t		  i;

	if (w->nkeys > 1) {
		k = xreallocarray(NULL, w->nkeys, sizeof(*k));
		v = xreallocarray(NULL, w->nkeys, sizeof(*v));
		for (i = 0; i < w->nkeys; i++) {
			k[i].key = w->keys[i];
			k[i].at = i;
		}
		qsort(k, w->nkeys, sizeof(*k), sortkeycmp);
		for (i = 0; i < w->nkeys; i++)
			v[i] = set->v[w->first + k[i].at];
		memcpy(set->v + w->first, v, w->nkeys * sizeof(*v));
		free(v);
		free(k);
	}
	for (i = w->first; i < set->n; i++)
		set->v[i]->index = (uint32_t)i;
}

static int
dupcmp(const void *a, const void *b)
{
	const struct input	*x = *(const struct input *const *)a;
	const struct input	*y = *(const struct input *const *)b;
	int			 r;

	if ((r = strcmp(x->bundle != NULL ? x->bundle : "",
	    y->bundle != NULL ? y->bundle : "")) != 0)
		return r;
	if ((r = strcmp(x->sha256, y->sha256)) != 0)
		return r;
	if (x->vss != y->vss)
		return x->vss - y->vss;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The same bytes twice in one bundle are parsed once: the first copy
 * outside shadow copies is kept, the others are listed as duplicates.
 */
void
inputset_dedupe(struct inputset *set)
{
	struct input	**v, *keep;
	size_t		  n = 0, i;
	char		 *msg;

	v = xcalloc(set->n + 1, sizeof(*v));
	for (i = 0; i < set->n; i++) {
		if (!set->v[i]->unusable && set->v[i]->sha256[0] != '\0')
			v[n++] = set->v[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), dupcmp);
	keep = NULL;
	for (i = 0; i < n; i++) {
		if (keep == NULL || strcmp(keep->sha256, v[i]->sha256) != 0 ||
		    strcmp(keep->bundle != NULL ? keep->bundle : "",
		    v[i]->bundle != NULL ? v[i]->bundle : "") != 0) {
			keep = v[i];
			if (keep->duplicate) {
				keep->duplicate = 0;
				free(keep->note);
				keep->note = NULL;
			}
			continue;
		}
		if (v[i]->duplicate && v[i]->dup_of == keep->index)
			continue;
		v[i]->duplicate = 1;
		v[i]->dup_of = keep->index;
		xasprintf(&msg, "duplicate of %s, counted once", keep->path);
		free(v[i]->note);
		v[i]->note = msg;
		note(set, v[i]->path, msg);
	}
	free(v);
}

/*
 * Add a file, folder or archive (searched recursively).  Returns the
 * number of inputs added, or a negative tl_err when the path itself is
 * unusable.  bundle (may be NULL) names the collection: the same bytes
 * twice in one bundle are parsed once.
 */
int
inputset_add(struct inputset *set, const char *path, const char *bundle,
    struct tl_error *err)
{
	struct walk	 w;
	struct stat	 sb;
	const char	*base;
	char		*root = NULL;
	size_t		 i, len;
	int		 r = TL_ERR_INTERNAL;

	memset(&w, 0, sizeof(w));
	w.set = set;
	w.bundle = bundle;
	w.first = set->n;
	w.alim = set->lim;
	w.alim.max_copy = set->lim.max_total;
	if (stat(path, &sb) == -1) {
		r = tl_error_set(err, TL_ERR_IO, path, "%s", strerror(errno));
		goto out;
	}
	/* The root's own name counts for the layout (a folder named Tasks). */
	root = xstrdup(path);
	while ((len = strlen(root)) > 1 && root[len - 1] == '/')
		root[len - 1] = '\0';
	base = strrchr(root, '/') != NULL ? strrchr(root, '/') + 1 : root;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		base = "";
	if (S_ISDIR(sb.st_mode)) {
		w.rootreal = realpath(path, NULL);
		add_dir(&w, path, base, 0);
	} else if (S_ISREG(sb.st_mode))
		add_file(&w, path, base, 1);
	else {
		note(set, path, "not a regular file (FIFO, device or socket), "
		    "skipped");
	}
	walk_sort(&w);
	if (w.host != NULL) {
		for (i = w.first; i < set->n; i++)
			set->v[i]->host_hint = xstrdup(w.host);
	}
	inputset_dedupe(set);
	r = (int)(set->n - w.first);
out:
	for (i = 0; i < w.nkeys; i++)
		free(w.keys[i]);
	free(w.keys);
	free(w.host);
	free(w.rootreal);
	free(w.seen);
	free(root);
	return r;
}

int
input_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	const struct parser	*p;
	int			 r;

	if (in->duplicate)
		return 0;
	if (in->error != NULL) {
		*err = *in->error;
		return in->error->code < 0 ? in->error->code : TL_ERR_LIMIT;
	}
	if ((p = parser_for_kind(in->kind)) == NULL)
		return tl_error_set(err, TL_ERR_FORMAT, in->path,
		    "no parser for this kind of file");
	r = p->parse(in, sink, err);
	if (r < 0)
		in->unusable = 1;
	return r;
}

/*
 * Remove the private temporary space and every copy in it.  Safe in a
 * signal handler.  Call it only when no input made so far is still to
 * be parsed.
 */
void
input_tmp_cleanup(void)
{
	tmpspace_cleanup();
}
