/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_regf.c: the TaskCache Actions blob decoder on hand-made bytes:
 * version 1 and 3, every action kind, and blobs whose counts run past
 * the bytes left (the actions read so far kept, the offset named); the
 * sub key list check on a hand-made hive in memory.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/event.h"
#include "parsers/regf.h"
#include "test.h"
#include "util.h"

struct blob {
	uint8_t	b[512];
	size_t	n;
};

static void
put16(struct blob *x, unsigned v)
{
	x->b[x->n++] = v & 0xff;
	x->b[x->n++] = (v >> 8) & 0xff;
}

static void
put32(struct blob *x, uint32_t v)
{
	put16(x, v & 0xffff);
	put16(x, v >> 16);
}

/* A counted UTF-16LE string of ASCII s. */
static void
putstr(struct blob *x, const char *s)
{
	put32(x, (uint32_t)(2 * strlen(s)));
	while (*s != '\0')
		put16(x, (unsigned char)*s++);
}

static void
exec_action(struct blob *x, const char *cmd, const char *args,
    int version)
{
	put16(x, 0x6666);
	putstr(x, "");
	putstr(x, cmd);
	putstr(x, args);
	putstr(x, "C:\\Work");
	if (version == 3)
		put16(x, 0);
}

DEFINE_TEST(test_regf_actions_v3)
{
	struct blob	 x = { .n = 0 };
	struct taskdef	*td;
	const char	*why;
	size_t		 at, i;

	put16(&x, 3);
	putstr(&x, "Author");
	exec_action(&x, "C:\\Tools\\a.exe", "-q", 3);
	put16(&x, 0x7777);			/* COM handler */
	putstr(&x, "h1");
	for (i = 0; i < 16; i++)
		x.b[x.n++] = (uint8_t)i;
	putstr(&x, "<Data/>");
	put16(&x, 0x9999);			/* message box */
	putstr(&x, "");
	putstr(&x, "caption");
	putstr(&x, "text");
	put16(&x, 0x8888);			/* e-mail: 8 strings, 0, 0 */
	putstr(&x, "");
	for (i = 0; i < 8; i++)
		putstr(&x, "m");
	put32(&x, 0);
	put32(&x, 0);
	td = taskdef_new();
	assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at, &why), 0);
	assert_int_eq(td->nactions, 4);
	assert_str_eq(td->context, "Author");
	assert_str_eq(td->actions[0].type, "Exec");
	assert_str_eq(td->actions[0].command, "C:\\Tools\\a.exe");
	assert_str_eq(td->actions[0].arguments, "-q");
	assert_str_eq(td->actions[0].workdir, "C:\\Work");
	assert_str_eq(td->actions[1].class_id,
	    "{03020100-0504-0706-0809-0A0B0C0D0E0F}");
	assert_str_eq(td->actions[1].data, "<Data/>");
	assert_str_eq(td->actions[2].type, "ShowMessage");
	assert_str_eq(td->actions[3].type, "SendEmail");
	assert_int_eq(at, x.n);
	taskdef_free(td);
}

DEFINE_TEST(test_regf_actions_v1)
{
	struct blob	 x = { .n = 0 };
	struct taskdef	*td;
	const char	*why;
	size_t		 at;

	put16(&x, 1);				/* no context, no flags */
	exec_action(&x, "a.exe", "", 1);
	exec_action(&x, "b.exe", "x", 1);
	td = taskdef_new();
	assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at, &why), 0);
	assert_int_eq(td->nactions, 2);
	assert_true(td->context == NULL);
	assert_str_eq(td->actions[1].command, "b.exe");
	assert_true(td->actions[0].arguments == NULL);
	taskdef_free(td);
}

/* Counts past the bytes left: refused at their offset, never read. */
DEFINE_TEST(test_regf_actions_hostile)
{
	struct blob	 x = { .n = 0 };
	struct taskdef	*td;
	const char	*why;
	size_t		 at, n, cut;

	put16(&x, 3);
	putstr(&x, "Author");
	cut = x.n;
	exec_action(&x, "C:\\a.exe", "", 3);
	n = x.n;
	/* Every truncation inside the exec action fails, keeps context. */
	for (x.n = cut + 1; x.n < n; x.n++) {
		td = taskdef_new();
		assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at,
		    &why), -1);
		assert_true(why != NULL && at <= x.n);
		assert_str_eq(td->context, "Author");
		taskdef_free(td);
	}
	/* The command's count 0xfffffffe. */
	x.n = n;
	x.b[cut + 6] = x.b[cut + 7] = x.b[cut + 8] = 0xff;
	x.b[cut + 9] = 0xff;
	x.b[cut + 6] = 0xfe;
	td = taskdef_new();
	assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at, &why), -1);
	assert_int_eq(at, cut + 6);
	taskdef_free(td);
	/* An e-mail action claiming 2^30 attachments. */
	x.n = cut;
	put16(&x, 0x8888);
	putstr(&x, "");
	for (n = 0; n < 8; n++)
		putstr(&x, "");
	put32(&x, 0x40000000);
	td = taskdef_new();
	assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at, &why), -1);
	assert_str_eq(why, "e-mail action runs past the end");
	taskdef_free(td);
	/* A version this layout does not know, an unknown magic. */
	x.b[0] = 2;
	td = taskdef_new();
	assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at, &why), -1);
	assert_int_eq(td->nactions, 0);
	taskdef_free(td);
	x.b[0] = 3;
	x.b[cut] = 0x55;
	td = taskdef_new();
	assert_int_eq(taskcache_actions_parse(x.b, x.n, td, &at, &why), -1);
	assert_str_eq(why, "unknown action magic");
	assert_int_eq(at, cut);
	taskdef_free(td);
	assert_int_eq(taskcache_actions_parse(x.b, 1, NULL, &at, &why), -1);
}

/* The Triggers blob's job bucket: flags, principal id and user. */
DEFINE_TEST(test_regf_trigger_principal)
{
	static const uint8_t sid[] = { 1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0,
	    1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0x50, 4, 0, 0 };
	struct blob	 x = { .n = 0 };
	struct taskdef	*td;
	const char	*why;
	size_t		 at, full, i;

	put16(&x, 0x17);
	while (x.n < 40)
		x.b[x.n++] = 0;
	put32(&x, 0x4000 | 0x1000000);		/* S4U, highest */
	put32(&x, 0);
	put32(&x, 0);				/* CRC */
	put32(&x, 0);
	put32(&x, 12);				/* principal id */
	put32(&x, 0);
	for (i = 0; i < 6; i++)			/* UTF-16LE "Author" */
		put16(&x, (unsigned char)"Author"[i]);
	put32(&x, 0);				/* pad to 8 */
	put32(&x, 0);				/* display name "" */
	put32(&x, 0);
	for (i = 0; i < 16; i++)		/* skip_user, skip_sid 0 */
		x.b[x.n++] = 0;
	put32(&x, 1);				/* SID type: user */
	put32(&x, 0);
	put32(&x, sizeof(sid));
	put32(&x, 0);
	memcpy(x.b + x.n, sid, sizeof(sid));
	x.n += sizeof(sid);
	put32(&x, 0);				/* pad 28 to 32 */
	put32(&x, 0);				/* no name */
	put32(&x, 0);
	full = x.n;
	td = taskdef_new();
	assert_int_eq(taskcache_principal_parse(x.b, x.n, td, &at, &why), 0);
	assert_int_eq(td->nprincipals, 1);
	assert_str_eq(td->principals[0].id, "Author");
	assert_str_eq(td->principals[0].user_id, "S-1-5-21-1-2-3-1104");
	assert_str_eq(td->principals[0].logon_type, "S4U");
	assert_str_eq(td->principals[0].run_level, "HighestAvailable");
	taskdef_free(td);
	/* Every cut before the user name's count fails in bounds. */
	for (x.n = 0; x.n < full - 8; x.n++) {
		td = taskdef_new();
		assert_int_eq(taskcache_principal_parse(x.b, x.n, td, &at,
		    &why), -1);
		assert_true(at <= x.n || x.n < 40);
		assert_int_eq(td->nprincipals, 0);
		taskdef_free(td);
	}
}

/*
 * A hive in memory for regf_key_list(): the base block, then cells at
 * hive offsets (from the end of the base block), each a negative size
 * (allocated) and its data.
 */
struct hive {
	uint8_t	b[REGF_BASE_BLOCK + 8192];
	size_t	next;		/* hive offset of the next cell */
};

static void
le32put(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

/* A cell of n data bytes: its hive offset; *data points at the data. */
static uint32_t
hive_cell(struct hive *h, size_t n, uint8_t **data)
{
	uint32_t	off = (uint32_t)h->next;
	size_t		size = (n + 4 + 7) & ~(size_t)7;

	le32put(h->b + REGF_BASE_BLOCK + off, (uint32_t)-(int32_t)size);
	*data = h->b + REGF_BASE_BLOCK + off + 4;
	h->next += size;
	return off;
}

static uint32_t
hive_nk(struct hive *h, uint32_t nsub, uint32_t list, uint32_t nval)
{
	uint8_t		*d;
	uint32_t	 off = hive_cell(h, 76, &d);

	memcpy(d, "nk", 2);
	le32put(d + 20, nsub);
	le32put(d + 28, list);
	le32put(d + 36, nval);
	return off;
}

/* A list cell: sig ("lh", "li" or "ri") and its n entries. */
static uint32_t
hive_list(struct hive *h, const char *sig, const uint32_t *e, size_t n)
{
	uint8_t		*d;
	size_t		 step = strcmp(sig, "lh") == 0 ? 8 : 4, i;
	uint32_t	 off = hive_cell(h, 4 + step * n, &d);

	memcpy(d, sig, 2);
	d[2] = n & 0xff;
	d[3] = (n >> 8) & 0xff;
	for (i = 0; i < n; i++)
		le32put(d + 4 + step * i, e[i]);
	return off;
}

/* libregf's key offset: the file offset of the cell's data. */
#define KEYOFF(o)	(REGF_BASE_BLOCK + (uint64_t)(o) + 4)

DEFINE_TEST(test_regf_key_list)
{
	struct regf_cells c;
	struct regf_keylist kl;
	struct hive	*h = xcalloc(1, sizeof(*h));
	uint32_t	 k[2], lh, ri, key, e[2], many[110];
	size_t		 i;

	/* A key with an lh list of two keys: both listed, in order. */
	k[0] = hive_nk(h, 0, 0, 0);
	k[1] = hive_nk(h, 0, 0, 0);
	lh = hive_list(h, "lh", k, 2);
	key = hive_nk(h, 2, lh, 1);
	regf_cells_init(&c, -1, h->b, sizeof(h->b), 8192);
	assert_int_eq(c.max_keys, 8192 / 80);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 1, &kl), 0);
	assert_int_eq(kl.n, 2);
	assert_int_eq(kl.cells, 1);
	assert_int_eq(kl.nvalues, 1);
	assert_int_eq(kl.offs[0], KEYOFF(k[0]));
	assert_int_eq(kl.offs[1], KEYOFF(k[1]));
	free(kl.offs);

	/* An ri of two lists of the same two keys: four, as libregf. */
	e[0] = e[1] = lh;
	ri = hive_list(h, "ri", e, 2);
	key = hive_nk(h, 4, ri, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), 0);
	assert_int_eq(kl.n, 4);
	assert_int_eq(kl.cells, 3);
	assert_true(kl.offs == NULL);

	/* An ri that names itself: refused, the ri named. */
	ri = (uint32_t)h->next;
	e[0] = e[1] = ri;
	assert_int_eq(hive_list(h, "ri", e, 2), ri);
	key = hive_nk(h, 1, ri, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), -1);
	assert_int_eq(kl.at, KEYOFF(ri));
	assert_str_eq(kl.why, "is an ri list inside an ri list");

	/* 60 ri entries to the two-key list: 120 keys, the hive holds 102. */
	for (i = 0; i < 60; i++)
		many[i] = lh;
	ri = hive_list(h, "ri", many, 60);
	key = hive_nk(h, 120, ri, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), -1);
	assert_str_eq(kl.why, "names more keys than the hive bins can hold");
	assert_int_eq(kl.at, KEYOFF(lh));

	/*
	 * An ri of 60 entries to one empty list: 61 cells read for no key;
	 * of 110, more cells than the hive can hold keys: refused.
	 */
	e[0] = hive_list(h, "lh", k, 0);
	for (i = 0; i < 110; i++)
		many[i] = e[0];
	ri = hive_list(h, "ri", many, 60);
	key = hive_nk(h, 1, ri, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), 0);
	assert_int_eq(kl.n, 0);
	assert_int_eq(kl.cells, 61);
	ri = hive_list(h, "ri", many, 110);
	key = hive_nk(h, 1, ri, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), -1);
	assert_str_eq(kl.why, "names more lists than the hive bins can hold");

	/* More values than fit: refused at the key. */
	key = hive_nk(h, 0, 0, 8192 / 24 + 1);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), -1);
	assert_int_eq(kl.at, KEYOFF(key));

	/* No sub keys: the list offset is not followed (libregf does not). */
	key = hive_nk(h, 0, 0x7ffffff0, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), 0);
	assert_int_eq(kl.cells, 0);

	/* A list past the end, a key that is not one: left to libregf. */
	key = hive_nk(h, 3, 0x7ffffff0, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(key), 0, &kl), 0);
	assert_int_eq(kl.n, 0);
	assert_int_eq(regf_key_list(&c, KEYOFF(lh), 0, &kl), 0);
	assert_int_eq(regf_key_list(&c, UINT64_MAX - 2, 0, &kl), 0);
	assert_true(h->next <= 8192);
	regf_cells_clear(&c);
	free(h);
}
