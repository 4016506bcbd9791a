/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * regf.c: registry hives (SYSTEM, SOFTWARE, SECURITY, SAM) through
 * libyal's libregf, into the facts that bear on scheduled-task logons
 * (DOMAIN.md 10).  A hive is recognised by its content ("regf", file
 * type 0) and told apart by its keys, never by its file name.
 *
 * The facts go into a struct secpol (hive set) in the shape an INF has
 * where an INF has them, so that the INF's lookups read both:
 *
 *   SYSTEM    [System] CurrentControlSet, ComputerName, Hostname,
 *             Domain, ShutdownTime; [Registry Values]
 *             MACHINE\System\CurrentControlSet\Control\Lsa\
 *             DisableDomainCreds = 4,N; [TimeZoneInformation] ...
 *   SOFTWARE  one taskdef per TaskCache task (from_cache set);
 *             [Group Policy History] <ext>\<n> = GPO; [Winlogon]
 *   SECURITY  [Privilege Rights] SeBatchLogonRight = *SID,... and the
 *             other logon rights from ActSysAc; [Account Rights] SID =
 *             mask
 *   SAM       [System Access] MaximumPasswordAge ... (days and minutes,
 *             as an INF); [Local Account <RID>] Name, Sid, AcbFlags,
 *             Disabled, Locked, PasswordNeverExpires, PasswordLastSet,
 *             LastLogon, AccountExpires, LastFailedLogon,
 *             BadPasswordCount, LogonCount; [Local Groups] name = SIDs
 *
 * Every fact carries its key path, value name and the key's last-
 * written time; facts that hold a time of their own (SAM F times,
 * ShutdownTime) carry it in entry->time.
 *
 * libregf quirks that bite here:
 * - It does not replay transaction logs: a dirty hive (sequence numbers
 *   differ, read from the base block ourselves since libregf does not
 *   expose them) is read as it is and reported as damage.
 * - libregf_key_is_corrupted() is true for some sound keys (keys without
 *   values among them), so it is not taken as damage; only calls that
 *   fail are.
 * - Data of 4 bytes or less is stored inline in the value key; libregf
 *   copies it from the end of the 4-byte field, so data shorter than 4
 *   bytes is not trusted: only DWORDs (4 bytes) are read from inline
 *   values.
 * - libregf_file_get_root_key() loses the key item it was building when
 *   the root key's cell is unreadable (a leak inside libregf 20201007;
 *   suppressed in tests/fuzz/valgrind.supp and the hostile suite's).
 * - Name lookups in libregf compare case-sensitively in places: real
 *   SYSTEM hives store "disabledomaincreds" in lower case, so every key
 *   and value is found here by walking and comparing case-insensitively.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libregf.h>

#include "parser.h"
#include "regf.h"
#include "tltime.h"
#include "utf.h"

/* MS-LSAD 2.2.1.2 POLICY_SYSTEM_ACCESS_MODE bits and their rights. */
static const struct {
	uint32_t	 bit;
	const char	*right;
} access_rights[] = {
	{ 0x0001, "SeInteractiveLogonRight" },
	{ 0x0002, "SeNetworkLogonRight" },
	{ 0x0004, "SeBatchLogonRight" },
	{ 0x0010, "SeServiceLogonRight" },
	{ 0x0040, "SeDenyInteractiveLogonRight" },
	{ 0x0080, "SeDenyNetworkLogonRight" },
	{ 0x0100, "SeDenyBatchLogonRight" },
	{ 0x0200, "SeDenyServiceLogonRight" },
	{ 0x0400, "SeRemoteInteractiveLogonRight" },
	{ 0x0800, "SeDenyRemoteInteractiveLogonRight" },
};

#define TASKCACHE "Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache"

/*
 * A set of cell offsets, each with a number (open addressing; stored
 * plus one, 0 is free).
 */
struct offsets {
	uint64_t	*v;
	uint64_t	*val;
	size_t		 n, cap;
};

/* A key's sub keys by name: the TaskCache\Tasks lookup table. */
struct byname {
	char		*name;
	int		 i;		/* the sub key's index */
};

struct keyindex {
	libregf_key_t	*key;
	struct byname	*v;		/* sorted by name, then index */
	size_t		 n;
};

struct rctx {
	struct input		*in;
	const struct parse_sink	*sink;
	libregf_file_t		*file;
	libregf_key_t		*root;
	struct secpol		*sp;
	uint64_t		 work;		/* reads so far */
	uint64_t		 budget;	/* reads allowed */
	int			 stop;		/* the budget ran out */
	uint64_t		 ndamage;	/* damage() reports */
	struct offsets		 seen;		/* TaskCache\Tree keys read */
	struct regf_cells	 cells;		/* for the sub key list check */
	struct offsets		 keys_ok;	/* keys whose lists passed, with
						   what opening them costs */
	struct offsets		 parents_ok;	/* keys whose sub keys did */
	struct offsets		 parents_bad;	/* and those whose did not */
	char			 last[512];	/* the last damage reported */
};

static int	 regf_probe(const uint8_t *, size_t);
static int	 regf_parse(struct input *, const struct parse_sink *,
		    struct tl_error *);

const struct parser regf_parser = {
	.name = "regf",
	.kind = INPUT_REGF,
	.probe = regf_probe,
	.parse = regf_parse,
};

/* A FILETIME as a time, NONE for 0 and for "never" (0x7fff...). */
static int64_t
ft_time(uint64_t ft)
{
	if (ft == 0 || ft >= 0x7fffffffffffffffULL)
		return TL_TIME_NONE;
	return tl_time_from_filetime(ft);
}

int
regf_base_parse(const uint8_t *b, size_t len, struct regf_base *out)
{
	uint32_t	x = 0;
	size_t		i;

	memset(out, 0, sizeof(*out));
	if (len < 512 || memcmp(b, "regf", 4) != 0)
		return -1;
	out->seq1 = le32dec(b + 4);
	out->seq2 = le32dec(b + 8);
	out->written = le64dec(b + 12);
	out->major = le32dec(b + 20);
	out->minor = le32dec(b + 24);
	out->type = le32dec(b + 28);
	out->root = le32dec(b + 36);
	out->bins_size = le32dec(b + 40);
	out->checksum = le32dec(b + 508);
	for (i = 0; i < 127; i++)
		x ^= le32dec(b + i * 4);
	out->computed = x;
	return 0;
}

/*
 * A key cell holds at least the 76 bytes of its nk header, a value cell
 * the 20 of its vk header, each after its 4-byte size and rounded up to
 * 8: more keys or values than that cannot fit in the hive bins.
 */
#define REGF_MIN_NK	80
#define REGF_MIN_VK	24
/* A list counts its entries in 16 bits: 8 header bytes and 8 per entry. */
#define REGF_MAX_LIST	(8 + 8 * 65535)

void
regf_cells_init(struct regf_cells *c, int fd, const uint8_t *mem,
    uint64_t size, uint32_t bins_size)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->mem = mem;
	c->end = REGF_BASE_BLOCK + (uint64_t)bins_size;
	if (c->end > size)
		c->end = size;
	c->max_keys = bins_size / REGF_MIN_NK;
	c->max_values = bins_size / REGF_MIN_VK;
}

void
regf_cells_clear(struct regf_cells *c)
{
	free(c->buf);
	c->buf = NULL;
	c->cap = 0;
}

/*
 * The cell whose data starts at file offset off: at most max bytes of
 * its data in c->buf, their count in *len, the size of its data in
 * *full.  -1 when the cell is not whole inside the hive bins.
 */
static int
regf_cell(struct regf_cells *c, uint64_t off, size_t max, size_t *len,
    size_t *full)
{
	uint8_t		 sz[4];
	int64_t		 s;
	uint64_t	 n;

	if (off < REGF_BASE_BLOCK + 4 || off > c->end)
		return -1;
	if (c->fd == -1)
		memcpy(sz, c->mem + off - 4, 4);
	else if (pread(c->fd, sz, 4, (off_t)(off - 4)) != 4)
		return -1;
	s = (int32_t)le32dec(sz);
	if (s < 0)
		s = -s;
	if (s < 8 || (uint64_t)s - 4 > c->end - off)
		return -1;
	n = (uint64_t)s - 4 < max ? (uint64_t)s - 4 : max;
	c->buf = xgrow(c->buf, n, &c->cap, 1);
	if (c->fd == -1)
		memcpy(c->buf, c->mem + off, n);
	else if (pread(c->fd, c->buf, n, (off_t)off) != (ssize_t)n)
		return -1;
	c->reads++;
	c->bytes += n;
	*len = (size_t)n;
	*full = (size_t)s - 4;
	return 0;
}

/*
 * Add the keys of the list cell at file offset off, as libregf reads
 * them: li (4-byte entries), lf and lh (8), and ri, whose entries are
 * lists.  -1 past the key limit or at an ri inside an ri.
 */
static int
regf_list_add(struct regf_cells *c, uint64_t off, int depth,
    struct regf_keylist *kl)
{
	uint32_t	*sub;
	size_t		 len, full, cnt, i, step;
	int		 r = 0;

	if (++kl->cells > c->max_keys) {
		kl->at = off;
		kl->why = "names more lists than the hive bins can hold";
		return -1;
	}
	/*
	 * A leaf list is counted from its header alone; an ri list, or a
	 * list whose keys are wanted, is read whole (REGF_MAX_LIST holds
	 * every entry a 16-bit count can give).
	 */
	if (regf_cell(c, off, kl->offs != NULL ? REGF_MAX_LIST : 4, &len,
	    &full) != 0 || len < 4)
		return 0;	/* libregf fails to open the key itself */
	cnt = le16dec(c->buf + 2);
	if (memcmp(c->buf, "ri", 2) == 0) {
		if (depth > 0) {
			kl->at = off;
			kl->why = "is an ri list inside an ri list";
			return -1;
		}
		if (len < full && regf_cell(c, off, REGF_MAX_LIST, &len,
		    &full) != 0)
			return 0;
		cnt = cnt < (len - 4) / 4 ? cnt : (len - 4) / 4;
		sub = xreallocarray(NULL, cnt + 1, sizeof(*sub));
		for (i = 0; i < cnt; i++)
			sub[i] = le32dec(c->buf + 4 + 4 * i);
		for (i = 0; i < cnt && r == 0; i++)
			r = regf_list_add(c, REGF_BASE_BLOCK + (uint64_t)sub[i] +
			    4, depth + 1, kl);
		free(sub);
		return r;
	}
	if (memcmp(c->buf, "li", 2) == 0)
		step = 4;
	else if (memcmp(c->buf, "lf", 2) == 0 ||
	    memcmp(c->buf, "lh", 2) == 0)
		step = 8;
	else
		return 0;
	cnt = cnt < (full - 4) / step ? cnt : (full - 4) / step;
	if (kl->n + cnt > c->max_keys) {
		kl->at = off;
		kl->why = "names more keys than the hive bins can hold";
		return -1;
	}
	if (kl->offs == NULL) {
		kl->n += cnt;
		return 0;
	}
	kl->offs = xgrow(kl->offs, kl->n + cnt, &kl->cap, sizeof(*kl->offs));
	for (i = 0; i < cnt; i++)
		kl->offs[kl->n++] = REGF_BASE_BLOCK +
		    (uint64_t)le32dec(c->buf + 4 + step * i) + 4;
	return 0;
}

/*
 * Check the key whose nk cell data starts at file offset key (libregf's
 * key offset) before libregf opens it: what it finds in *kl, with its
 * sub keys' offsets in kl->offs when list is set (the caller frees
 * them).  0 when libregf may open the key; -1 when its sub key list
 * names more keys than the hive can hold or nests ri lists, or it
 * counts more values than the hive can hold: then kl->at is the file
 * offset of the cell at fault and kl->why says what is wrong.  A cell
 * that cannot be read gives 0 with what was read: libregf reports it.
 */
int
regf_key_list(struct regf_cells *c, uint64_t key, int list,
    struct regf_keylist *kl)
{
	size_t		 len, full;
	uint32_t	 nsub, off;

	memset(kl, 0, sizeof(*kl));
	if (list) {
		kl->offs = xmalloc(sizeof(*kl->offs));
		kl->cap = 1;
	}
	if (regf_cell(c, key, REGF_MIN_NK, &len, &full) != 0 || len < 44 ||
	    memcmp(c->buf, "nk", 2) != 0)
		return 0;
	nsub = le32dec(c->buf + 20);
	off = le32dec(c->buf + 28);
	kl->nvalues = le32dec(c->buf + 36);
	if (kl->nvalues > c->max_values) {
		kl->at = key;
		kl->why = "counts more values than the hive bins can hold";
		return -1;
	}
	if (nsub == 0)
		return 0;
	return regf_list_add(c, REGF_BASE_BLOCK + (uint64_t)off + 4, 0, kl);
}

/*
 * "regf" with file type 0 is a hive; types 1, 2 and 6 are transaction
 * logs (.LOG1/.LOG2), taken too so that they are noted, not unknown.
 */
static int
regf_probe(const uint8_t *buf, size_t len)
{
	if (len < 4 || memcmp(buf, "regf", 4) != 0)
		return 0;
	if (len < 32)
		return 60;
	return 100;
}

int
sam_user_f_parse(const uint8_t *b, size_t len, struct sam_user_f *f)
{
	memset(f, 0, sizeof(*f));
	if (len < 0x44)
		return -1;
	f->last_logon = ft_time(le64dec(b + 0x08));
	f->password_set = ft_time(le64dec(b + 0x18));
	f->account_expires = ft_time(le64dec(b + 0x20));
	f->last_failed = ft_time(le64dec(b + 0x28));
	f->rid = le32dec(b + 0x30);
	f->acb = le32dec(b + 0x38) & 0xffff;
	f->bad_count = le16dec(b + 0x40);
	f->logon_count = le16dec(b + 0x42);
	return 0;
}

/* A negative 100 ns delta in seconds; -1 for "never" (0x8000... or 0). */
static int64_t
delta_seconds(uint64_t v)
{
	int64_t	d = (int64_t)v;

	if (d == INT64_MIN || d == 0)
		return -1;
	if (d < 0)
		d = -d;
	return d / TL_TICKS_PER_SEC;
}

int
sam_domain_f_parse(const uint8_t *b, size_t len, struct sam_domain_f *f)
{
	memset(f, 0, sizeof(*f));
	if (len < 0x58)
		return -1;
	f->max_age = delta_seconds(le64dec(b + 0x18));
	f->min_age = delta_seconds(le64dec(b + 0x20));
	f->lockout_duration = delta_seconds(le64dec(b + 0x30));
	f->lockout_window = delta_seconds(le64dec(b + 0x38));
	f->min_length = le16dec(b + 0x50);
	f->history = le16dec(b + 0x52);
	f->lockout_threshold = le16dec(b + 0x54);
	return 0;
}

/* n bytes of UTF-16LE as a new UTF-8 string. */
static char *
utf16_dup(const uint8_t *b, size_t n)
{
	struct buf	 s;
	char		*r;

	buf_init(&s);
	utf16le_to_utf8(b, n, &s);
	r = xstrndup(s.data != NULL ? s.data : "", s.len);
	buf_clear(&s);
	return r;
}

/*
 * String n of a SAM V value (0 user name, 1 full name, 2 comment ...):
 * a table of (offset, length, unknown) at 0x0c + 12 * n, offsets from
 * the end of the 0xcc-byte header, UTF-16LE.  0 when found.
 */
int
sam_v_string(const uint8_t *b, size_t len, unsigned n, char **out)
{
	uint32_t	off, sz;
	size_t		at = 0x0c + 12 * (size_t)n;

	*out = NULL;
	if (len < 0xcc || at + 8 > 0xcc)
		return -1;
	off = le32dec(b + at);
	sz = le32dec(b + at + 4);
	if (off > len - 0xcc || sz > len - 0xcc - off || sz % 2 != 0)
		return -1;
	*out = utf16_dup(b + 0xcc + off, sz);
	return 0;
}

/* A binary SID as S-1-..., its size in *used.  0 when well-formed. */
int
sid_format(const uint8_t *b, size_t len, char *out, size_t outsz,
    size_t *used)
{
	uint64_t	auth = 0;
	size_t		i, n, k;
	int		w;

	if (len < 8 || b[0] != 1 || b[1] > 15 || len < 8 + 4 * (size_t)b[1])
		return -1;
	n = b[1];
	for (i = 2; i < 8; i++)
		auth = auth << 8 | b[i];
	w = snprintf(out, outsz, "S-1-%" PRIu64, auth);
	if (w < 0 || (size_t)w >= outsz)
		return -1;
	k = (size_t)w;
	for (i = 0; i < n; i++) {
		w = snprintf(out + k, outsz - k, "-%" PRIu32,
		    le32dec(b + 8 + 4 * i));
		if (w < 0 || (size_t)w >= outsz - k)
			return -1;
		k += (size_t)w;
	}
	if (used != NULL)
		*used = 8 + 4 * n;
	return 0;
}

int
dyninfo_parse(const uint8_t *b, size_t len, struct dyninfo *d)
{
	memset(d, 0, sizeof(*d));
	d->created = d->last_run = d->last_success = TL_TIME_NONE;
	if (len < 28)
		return -1;
	d->version = le32dec(b);
	d->created = ft_time(le64dec(b + 4));
	d->last_run = ft_time(le64dec(b + 12));
	d->state = le32dec(b + 20);
	d->last_result = le32dec(b + 24);
	if (len >= 36)
		d->last_success = ft_time(le64dec(b + 28));
	return 0;
}

/* A counted UTF-16LE string at *at; NULL out for an empty one. */
static int
tc_string(const uint8_t *b, size_t len, size_t *at, char **out)
{
	uint32_t	n;

	*out = NULL;
	if (len - *at < 4)
		return -1;
	n = le32dec(b + *at);
	if (n > len - *at - 4 || n % 2 != 0)
		return -1;
	*at += 4;
	if (n > 0) {
		*out = utf16_dup(b + *at, n);
	}
	*at += n;
	return 0;
}

/* Skip n counted strings. */
static int
tc_skip(const uint8_t *b, size_t len, size_t *at, int n)
{
	char	*s;

	while (n-- > 0) {
		if (tc_string(b, len, at, &s) != 0)
			return -1;
		free(s);
	}
	return 0;
}

/* A uint32 count of items of k strings each, skipped. */
static int
tc_list(const uint8_t *b, size_t len, size_t *at, int k)
{
	uint32_t	n;

	if (len - *at < 4)
		return -1;
	n = le32dec(b + *at);
	*at += 4;
	/* Each string takes at least its 4-byte count. */
	if (n > (len - *at) / (4 * (size_t)k))
		return -1;
	return tc_skip(b, len, at, (int)n * k);
}

int
taskcache_actions_parse(const uint8_t *b, size_t len, struct taskdef *td,
    size_t *at, const char **why)
{
	struct task_action	*a;
	uint16_t		 version, magic;
	char			*id = NULL;
	int			 r = -1;

	*at = 0;
	*why = NULL;
	if (len < 2) {
		*why = "shorter than its version";
		return -1;
	}
	version = le16dec(b);
	*at = 2;
	if (version != 1 && version != 3) {
		*at = 0;
		*why = "version neither 1 nor 3";
		return -1;
	}
	if (version == 3) {
		free(td->context);
		if (tc_string(b, len, at, &td->context) != 0) {
			*why = "context string runs past the end";
			return -1;
		}
	}
	while (*at < len) {
		if (len - *at < 2) {
			*why = "action magic cut short";
			goto out;
		}
		magic = le16dec(b + *at);
		*at += 2;
		if (magic != 0x6666 && magic != 0x7777 && magic != 0x8888 &&
		    magic != 0x9999) {
			*at -= 2;
			*why = "unknown action magic";
			goto out;
		}
		if (tc_string(b, len, at, &id) != 0) {
			*why = "action id runs past the end";
			goto out;
		}
		free(id);
		id = NULL;
		a = taskdef_add_action(td);
		switch (magic) {
		case 0x6666:
			a->type = xstrdup("Exec");
			if (tc_string(b, len, at, &a->command) != 0 ||
			    tc_string(b, len, at, &a->arguments) != 0 ||
			    tc_string(b, len, at, &a->workdir) != 0) {
				*why = "exec action string runs past the end";
				goto out;
			}
			if (version == 3) {
				if (len - *at < 2) {
					*why = "exec action flags cut short";
					goto out;
				}
				*at += 2;
			}
			break;
		case 0x7777:
			a->type = xstrdup("ComHandler");
			if (len - *at < 16) {
				*why = "COM handler class id cut short";
				goto out;
			}
			a->class_id = xmalloc(39);
			snprintf(a->class_id, 39, "{%08" PRIX32 "-%04X-%04X-"
			    "%02X%02X-%02X%02X%02X%02X%02X%02X}",
			    le32dec(b + *at), (unsigned)le16dec(b + *at + 4),
			    (unsigned)le16dec(b + *at + 6), b[*at + 8],
			    b[*at + 9], b[*at + 10], b[*at + 11], b[*at + 12],
			    b[*at + 13], b[*at + 14], b[*at + 15]);
			*at += 16;
			if (tc_string(b, len, at, &a->data) != 0) {
				*why = "COM handler data runs past the end";
				goto out;
			}
			break;
		case 0x8888:
			/* From, to, cc, bcc, reply-to, server, subject, body;
			 * then counted attachments and header pairs. */
			a->type = xstrdup("SendEmail");
			if (tc_skip(b, len, at, 8) != 0 ||
			    tc_list(b, len, at, 1) != 0 ||
			    tc_list(b, len, at, 2) != 0) {
				*why = "e-mail action runs past the end";
				goto out;
			}
			break;
		default:
			a->type = xstrdup("ShowMessage");
			if (tc_skip(b, len, at, 2) != 0) {
				*why = "message action runs past the end";
				goto out;
			}
			break;
		}
	}
	r = 0;
 out:
	free(id);
	return r;
}

/* An 8-byte aligned field at *at: a uint32 (the rest padding). */
static int
tc_u32a(const uint8_t *b, size_t len, size_t *at, uint32_t *v)
{
	if (len - *at < 8)
		return -1;
	*v = le32dec(b + *at);
	*at += 8;
	return 0;
}

/* An aligned counted buffer: its bytes at *data, n of them. */
static int
tc_bufa(const uint8_t *b, size_t len, size_t *at, const uint8_t **data,
    uint32_t *n)
{
	size_t	pad;

	if (tc_u32a(b, len, at, n) != 0 || *n > len - *at)
		return -1;
	*data = b + *at;
	pad = (8 - *n % 8) % 8;
	*at += *n;
	*at += pad < len - *at ? pad : len - *at;
	return 0;
}

static int
tc_stra(const uint8_t *b, size_t len, size_t *at, char **out)
{
	const uint8_t	*d;
	uint32_t	 n;

	*out = NULL;
	if (tc_bufa(b, len, at, &d, &n) != 0 || n % 2 != 0)
		return -1;
	if (n > 0) {
		*out = utf16_dup(d, n);
	}
	return 0;
}

int
taskcache_principal_parse(const uint8_t *b, size_t len, struct taskdef *td,
    size_t *at, const char **why)
{
	static const struct {
		uint32_t	 bit;
		const char	*name;
	} logon[] = {
		{ 0x40000, "Password" }, { 0x4000, "S4U" },
		{ 0x80000, "InteractiveTokenOrPassword" },
		{ 0x10000, "InteractiveToken" },
	};
	struct task_principal	*p;
	const uint8_t		*d;
	uint32_t		 flags, v, skip_user, skip_sid, n;
	char			*id = NULL, *user = NULL, sid[200] = "";
	size_t			 used, k;
	int			 version, r = -1;

	*at = 0;
	*why = NULL;
	if (len < 40) {
		*why = "header cut short";
		return -1;
	}
	version = b[0];
	*at = 40;
	if (tc_u32a(b, len, at, &flags) != 0 || tc_u32a(b, len, at, &v) != 0) {
		*why = "job bucket cut short";
		goto out;
	}
	if (version >= 0x16 && tc_stra(b, len, at, &id) != 0) {
		*why = "principal id runs past the end";
		goto out;
	}
	/* The display name (version 0x17 on) is not kept. */
	if (version >= 0x17 && tc_stra(b, len, at, &user) != 0) {
		*why = "display name runs past the end";
		goto out;
	}
	free(user);
	user = NULL;
	if (tc_u32a(b, len, at, &skip_user) != 0) {
		*why = "user information cut short";
		goto out;
	}
	skip_user &= 0xff;
	if (!skip_user) {
		if (tc_u32a(b, len, at, &skip_sid) != 0) {
			*why = "user information cut short";
			goto out;
		}
		if (!(skip_sid & 0xff) && (tc_u32a(b, len, at, &v) != 0 ||
		    tc_bufa(b, len, at, &d, &n) != 0 ||
		    sid_format(d, n, sid, sizeof(sid), &used) != 0)) {
			*why = "user SID runs past the end or is malformed";
			goto out;
		}
		if (tc_stra(b, len, at, &user) != 0) {
			*why = "user name runs past the end";
			goto out;
		}
	}
	p = taskdef_add_principal(td);
	p->id = id;
	id = NULL;
	/* Well-known SIDs say more than a localized name. */
	if (sid[0] != '\0' && (user == NULL || strcmp(sid, "S-1-5-18") == 0 ||
	    strcmp(sid, "S-1-5-19") == 0 || strcmp(sid, "S-1-5-20") == 0))
		p->user_id = xstrdup(sid);
	else if (user != NULL) {
		p->user_id = user;
		user = NULL;
	}
	for (k = 0; k < TL_NELEM(logon); k++)
		if (flags & logon[k].bit) {
			p->logon_type = xstrdup(logon[k].name);
			break;
		}
	p->run_level = xstrdup(flags & 0x1000000 ? "HighestAvailable" :
	    "LeastPrivilege");
	r = 0;
 out:
	free(id);
	free(user);
	return r;
}

/* Copy the innermost line of libregf's backtrace, free the error. */
static void
regf_errmsg(libregf_error_t **e, const char *what, char *msg, size_t len)
{
	char	 bt[2048], *p;

	bt[0] = '\0';
	if (e != NULL && *e != NULL) {
		if (libregf_error_backtrace_sprint(*e, bt, sizeof(bt)) < 0)
			bt[0] = '\0';
		libregf_error_free(e);
		*e = NULL;
	}
	if ((p = strchr(bt, '\n')) != NULL)
		*p = '\0';
	if (bt[0] != '\0')
		snprintf(msg, len, "%s: %s", what, bt);
	else
		snprintf(msg, len, "%s", what);
}

static void
damage(struct rctx *c, libregf_error_t **e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
damage(struct rctx *c, libregf_error_t **e, const char *fmt, ...)
{
	struct tl_error	 d;
	va_list		 ap;
	char		 what[512];

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	tl_error_clear(&d);
	d.code = TL_ERR_DAMAGED;
	snprintf(d.input, sizeof(d.input), "%s", c->in->path);
	regf_errmsg(e, what, d.msg, sizeof(d.msg));
	/* Probing for the hive's kind meets the same bad cell repeatedly. */
	if (strcmp(d.msg, c->last) == 0)
		return;
	snprintf(c->last, sizeof(c->last), "%s", d.msg);
	c->in->stats.damaged++;
	/* A hostile hive repeats its damage: the first ones tell it. */
	if (++c->ndamage > TL_MAX_REG_DAMAGE)
		return;
	if (c->sink->damage != NULL)
		c->sink->damage(c->sink->arg, &d);
}

/* How many reports damage() held back, as one more. */
static void
damage_held(struct rctx *c)
{
	struct tl_error	 d;

	if (c->ndamage <= TL_MAX_REG_DAMAGE || c->sink->damage == NULL)
		return;
	tl_error_clear(&d);
	d.code = TL_ERR_DAMAGED;
	snprintf(d.input, sizeof(d.input), "%s", c->in->path);
	snprintf(d.msg, sizeof(d.msg), "%" PRIu64 " more reports of damage "
	    "in this hive were not listed", c->ndamage - TL_MAX_REG_DAMAGE);
	c->sink->damage(c->sink->arg, &d);
}

/*
 * Charge n reads to the hive's budget: 0 while it lasts.  A hostile
 * hive can name one key or value thousands of times in its lists, and
 * each visit of a key can cost a read of every value in its list: the
 * budget keeps the time linear in the hive's size, whatever it repeats.
 */
static int
spend(struct rctx *c, uint64_t n)
{
	if (c->stop)
		return -1;
	c->work += n;
	if (c->work <= c->budget)
		return 0;
	c->stop = 1;
	damage(c, NULL, "more than %" PRIu64 " key and value reads: the "
	    "rest of the hive was not read (its key or value lists repeat "
	    "or loop?)", c->budget);
	return -1;
}

/* The slot of off in s, or the free one where it would go. */
static size_t
offsets_slot(const struct offsets *s, uint64_t off)
{
	size_t	i;

	i = (size_t)(((off + 1) * 0x9e3779b97f4a7c15ULL) >> 16) &
	    (s->cap - 1);
	while (s->v[i] != 0 && s->v[i] != off + 1)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static int
offsets_has(const struct offsets *s, uint64_t off)
{
	return s->cap > 0 && s->v[offsets_slot(s, off)] == off + 1;
}

/* The number stored with off; 0 when off is not in s. */
static uint64_t
offsets_val(const struct offsets *s, uint64_t off)
{
	size_t	i;

	if (s->cap == 0 || s->v[i = offsets_slot(s, off)] != off + 1)
		return 0;
	return s->val[i];
}

/* Add off with val: 1 when off was not there yet, 0 when it was. */
static int
offsets_put(struct offsets *s, uint64_t off, uint64_t val)
{
	struct offsets	 old = *s;
	size_t		 i;

	if (2 * (s->n + 1) > s->cap) {
		s->cap = s->cap == 0 ? 64 : 2 * s->cap;
		s->v = xcalloc(s->cap, sizeof(*s->v));
		s->val = xcalloc(s->cap, sizeof(*s->val));
		s->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.v[i] != 0)
				(void)offsets_put(s, old.v[i] - 1, old.val[i]);
		free(old.v);
		free(old.val);
	}
	if (s->v[i = offsets_slot(s, off)] != 0)
		return 0;
	s->v[i] = off + 1;
	s->val[i] = val;
	s->n++;
	return 1;
}

static void
offsets_free(struct offsets *s)
{
	free(s->v);
	free(s->val);
	memset(s, 0, sizeof(*s));
}

static char *
key_name(libregf_key_t *k)
{
	libregf_error_t	*e = NULL;
	size_t		 sz = 0;
	char		*s;

	if (libregf_key_get_utf8_name_size(k, &sz, &e) != 1 || sz == 0 ||
	    sz > 4096) {
		libregf_error_free(&e);
		return xstrdup("");
	}
	s = xmalloc(sz);
	if (libregf_key_get_utf8_name(k, (uint8_t *)s, sz, &e) != 1) {
		libregf_error_free(&e);
		s[0] = '\0';
	}
	s[sz - 1] = '\0';
	return s;
}

static int64_t
key_time(libregf_key_t *k)
{
	libregf_error_t	*e = NULL;
	uint64_t	 ft = 0;

	if (libregf_key_get_last_written_time(k, &ft, &e) != 1) {
		libregf_error_free(&e);
		return TL_TIME_NONE;
	}
	return ft_time(ft);
}

static int
nsubkeys(libregf_key_t *k)
{
	libregf_error_t	*e = NULL;
	int		 n = 0;

	if (libregf_key_get_number_of_sub_keys(k, &n, &e) != 1) {
		libregf_error_free(&e);
		n = 0;
	}
	return n;
}

static int64_t
key_offset(libregf_key_t *k)
{
	libregf_error_t	*e = NULL;
	off64_t		 off = -1;

	if (libregf_key_get_offset(k, &off, &e) != 1) {
		libregf_error_free(&e);
		off = -1;
	}
	return (int64_t)off;
}

/*
 * Whether libregf may open the sub keys of k: the sub key list of each
 * one was checked by regf_key_list() (k's own was, before k was opened),
 * and what opening it costs is kept in c->keys_ok.  One sub key that
 * fails makes all of k's unreadable, reported once: libregf numbers
 * them in an order of its own.
 */
static int
subkeys_checked(struct rctx *c, libregf_key_t *k, const char *path)
{
	struct regf_keylist	 kids, kl;
	uint64_t		 reads, bytes;
	const char		*name = *path != '\0' ? path : "the root key";
	size_t			 i;
	int64_t			 off;
	int			 ok = 1;

	if ((off = key_offset(k)) == -1)
		return 1;	/* not read from a cell: nothing to check */
	if (offsets_has(&c->parents_ok, (uint64_t)off))
		return 1;
	if (offsets_has(&c->parents_bad, (uint64_t)off))
		return 0;
	(void)regf_key_list(&c->cells, (uint64_t)off, 1, &kids);
	for (i = 0; i < kids.n && ok; i++) {
		if (offsets_has(&c->keys_ok, kids.offs[i]))
			continue;
		reads = c->cells.reads;
		bytes = c->cells.bytes;
		if (regf_key_list(&c->cells, kids.offs[i], 0, &kl) == 0)
			(void)offsets_put(&c->keys_ok, kids.offs[i], 1 +
			    (kl.cells + kl.n + kl.nvalues) / TL_REG_LIST_UNIT);
		else {
			damage(c, NULL, "%s: the sub key at offset 0x%" PRIx64
			    " %s (cell at offset 0x%" PRIx64 "): no sub key of "
			    "%s was read", name, kids.offs[i], kl.why, kl.at,
			    name);
			ok = 0;
		}
		if (spend(c, c->cells.reads - reads + (c->cells.bytes -
		    bytes) / TL_REG_DATA_UNIT) != 0)
			ok = 0;
	}
	free(kids.offs);
	(void)offsets_put(ok ? &c->parents_ok : &c->parents_bad,
	    (uint64_t)off, 0);
	return ok;
}

/*
 * Sub key i, NULL (damage reported) when unreadable or when it is the
 * key itself (libregf follows a subkey list that names its own key).
 */
static libregf_key_t *
subkey_at(struct rctx *c, libregf_key_t *k, int i, const char *path)
{
	libregf_error_t	*e = NULL;
	libregf_key_t	*sub = NULL;
	size_t		 sz = 0;
	int64_t		 off;

	if (spend(c, 1) != 0 || !subkeys_checked(c, k, path))
		return NULL;
	if (libregf_key_get_sub_key(k, i, &sub, &e) != 1) {
		damage(c, &e, "sub key %d of %s is unreadable", i,
		    *path != '\0' ? path : "the root key");
		return NULL;
	}
	/*
	 * libregf reads a key's sub key lists and value list, and copies
	 * and converts its name, each time it opens the key: the cost
	 * subkeys_checked() kept.
	 */
	if (libregf_key_get_utf8_name_size(sub, &sz, &e) != 1) {
		libregf_error_free(&e);
		sz = 0;
	}
	off = key_offset(sub);
	if (spend(c, sz / TL_REG_DATA_UNIT + (off != -1 ?
	    offsets_val(&c->keys_ok, (uint64_t)off) : 0)) != 0) {
		libregf_key_free(&sub, NULL);
		return NULL;
	}
	if (off != -1 && off == key_offset(k)) {
		damage(c, NULL, "the sub key list of %s loops back to the key "
		    "(offset 0x%" PRIx64 ")", *path != '\0' ? path :
		    "the root key", (uint64_t)off);
		libregf_key_free(&sub, NULL);
		return NULL;
	}
	return sub;
}

/* The sub key named name (case-insensitive), or NULL. */
static libregf_key_t *
subkey(struct rctx *c, libregf_key_t *k, const char *name, const char *path)
{
	libregf_key_t	*sub;
	char		*n;
	int		 i, cnt;

	cnt = nsubkeys(k);
	for (i = 0; i < cnt; i++) {
		if ((sub = subkey_at(c, k, i, path)) == NULL)
			continue;
		n = key_name(sub);
		if (tl_strcasecmp(n, name) == 0) {
			free(n);
			return sub;
		}
		free(n);
		libregf_key_free(&sub, NULL);
	}
	return NULL;
}

/* The key at a backslash path from the root, or NULL. */
static libregf_key_t *
key_at(struct rctx *c, const char *path)
{
	libregf_key_t	*k = c->root, *next;
	char		*copy, *p, *q, *done;

	copy = xstrdup(path);
	done = xstrdup(path);
	done[0] = '\0';
	for (p = copy; k != NULL && *p != '\0'; p = q) {
		if ((q = strchr(p, '\\')) != NULL)
			*q++ = '\0';
		else
			q = p + strlen(p);
		next = subkey(c, k, p, done);
		if (k != c->root)
			libregf_key_free(&k, NULL);
		k = next;
		if (*done != '\0')
			strcat(done, "\\");
		strcat(done, p);
	}
	free(copy);
	free(done);
	if (k == c->root)
		return NULL;
	return k;
}

/* The value named name (case-insensitive; "" the default), or NULL. */
static libregf_value_t *
value_of(struct rctx *c, libregf_key_t *k, const char *path,
    const char *name, char **stored)
{
	libregf_error_t	*e = NULL;
	libregf_value_t	*v = NULL;
	size_t		 sz;
	char		*n;
	int		 i, cnt = 0;

	if (stored != NULL)
		*stored = NULL;
	if (libregf_key_get_number_of_values(k, &cnt, &e) != 1) {
		libregf_error_free(&e);
		return NULL;
	}
	for (i = 0; i < cnt && spend(c, 1) == 0; i++) {
		if (libregf_key_get_value(k, i, &v, &e) != 1) {
			damage(c, &e, "value %d of %s is unreadable", i, path);
			continue;
		}
		sz = 0;
		if (libregf_value_get_utf8_name_size(v, &sz, &e) != 1) {
			libregf_error_free(&e);
			sz = 0;
		}
		if (spend(c, sz / TL_REG_DATA_UNIT) != 0) {
			libregf_value_free(&v, NULL);
			break;
		}
		n = xcalloc(1, sz + 1);
		if (sz > 0 && libregf_value_get_utf8_name(v, (uint8_t *)n,
		    sz, &e) != 1) {
			libregf_error_free(&e);
			n[0] = '\0';
		}
		if (tl_strcasecmp(n, name) == 0) {
			if (stored != NULL)
				*stored = n;
			else
				free(n);
			return v;
		}
		free(n);
		libregf_value_free(&v, NULL);
	}
	return NULL;
}

static uint32_t
value_type(libregf_value_t *v)
{
	libregf_error_t	*e = NULL;
	uint32_t	 t = 0;

	if (libregf_value_get_value_type(v, &t, &e) != 1)
		libregf_error_free(&e);
	return t;
}

/* The value's data (at most TL_MAX_REG_VALUE bytes); 0 when read. */
static int
value_data(struct rctx *c, libregf_value_t *v, const char *where,
    uint8_t **out, size_t *len)
{
	libregf_error_t	*e = NULL;
	size_t		 sz = 0;

	*out = NULL;
	*len = 0;
	if (libregf_value_get_value_data_size(v, &sz, &e) != 1) {
		damage(c, &e, "%s: data size unreadable", where);
		return -1;
	}
	if (sz > TL_MAX_REG_VALUE) {
		damage(c, NULL, "%s: data of %zu bytes is larger than the "
		    "limit of %u and was skipped", where, sz,
		    TL_MAX_REG_VALUE);
		return -1;
	}
	if (spend(c, sz / TL_REG_DATA_UNIT) != 0)
		return -1;
	*out = xmalloc(sz + 1);
	if (sz > 0 && libregf_value_get_value_data(v, *out, sz, &e) != 1) {
		damage(c, &e, "%s: data unreadable", where);
		free(*out);
		*out = NULL;
		return -1;
	}
	*len = sz;
	return 0;
}

/*
 * A value as text: REG_SZ and REG_EXPAND_SZ as UTF-8, REG_DWORD in
 * decimal (signed when asked), others as hex.  NULL when absent or
 * unreadable.
 */
static char *
value_text(struct rctx *c, libregf_key_t *k, const char *name,
    const char *where, int is_signed, char **stored)
{
	libregf_value_t	*v;
	uint8_t		*d = NULL;
	size_t		 len = 0, i;
	uint32_t	 t;
	struct buf	 b;
	char		*s = NULL, *w;

	if ((v = value_of(c, k, where, name, stored)) == NULL)
		return NULL;
	xasprintf(&w, "%s\\%s", where, name);
	t = value_type(v);
	if (value_data(c, v, w, &d, &len) != 0)
		goto out;
	buf_init(&b);
	if ((t == 1 || t == 2) && len % 2 == 0) {
		utf16le_to_utf8(d, len, &b);
		/* Stop at the first NUL (REG_SZ data ends with one). */
		s = xstrdup(b.data != NULL ? b.data : "");
	} else if ((t == 4 || t == 5) && len != 4) {
		/*
		 * libregf hands back no data, and no error, when the value's
		 * data cell lies outside the hive bins.
		 */
		damage(c, NULL, "%s: a DWORD value with %zu bytes of data",
		    w, len);
	} else if ((t == 4 || t == 0 || t == 3 || t == 11) && len == 4) {
		if (is_signed)
			xasprintf(&s, "%" PRId32, (int32_t)le32dec(d));
		else
			xasprintf(&s, "%" PRIu32, le32dec(d));
	} else if (t == 11 && len == 8) {
		xasprintf(&s, "%" PRIu64, le64dec(d));
	} else {
		for (i = 0; i < len && i < 256; i++)
			buf_printf(&b, "%02x", d[i]);
		s = xstrdup(b.data != NULL ? b.data : "");
	}
	buf_clear(&b);
 out:
	free(w);
	free(d);
	libregf_value_free(&v, NULL);
	return s;
}

/* A value's raw data, NULL when absent. */
static uint8_t *
value_raw(struct rctx *c, libregf_key_t *k, const char *name,
    const char *where, size_t *len)
{
	libregf_value_t	*v;
	uint8_t		*d = NULL;
	char		*w;

	*len = 0;
	if ((v = value_of(c, k, where, name, NULL)) == NULL)
		return NULL;
	xasprintf(&w, "%s\\%s", where, *name != '\0' ? name : "(default)");
	(void)value_data(c, v, w, &d, len);
	free(w);
	libregf_value_free(&v, NULL);
	return d;
}

/* A fact from a value: [section] key = the value's text. */
static struct secpol_entry *
fact_value(struct rctx *c, libregf_key_t *k, const char *path,
    const char *name, const char *section, const char *fkey, int is_signed)
{
	struct secpol_entry	*e;
	char			*s, *stored = NULL;

	if ((s = value_text(c, k, name, path, is_signed, &stored)) == NULL) {
		free(stored);
		return NULL;
	}
	e = secpol_add_fact(c->sp, section, fkey, s, path, stored,
	    key_time(k));
	free(s);
	free(stored);
	return e;
}

static void
time_fact(struct rctx *c, const char *section, const char *key, int64_t t,
    const char *path, const char *value, int64_t written)
{
	struct secpol_entry	*e;
	char			 ts[TL_TIME_STRLEN];

	e = secpol_add_fact(c->sp, section, key, t == TL_TIME_NONE ? "never" :
	    tl_time_format(t, ts, sizeof(ts)), path, value, written);
	e->time = t;
}

/* Whether the root has every one of the named keys. */
static int
has_keys(struct rctx *c, const char *const *names, size_t n)
{
	libregf_key_t	*k;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if ((k = key_at(c, names[i])) == NULL)
			return 0;
		libregf_key_free(&k, NULL);
	}
	return 1;
}

static enum hive_kind
hive_kind(struct rctx *c)
{
	static const char *const sys[] = { "Select" };
	static const char *const sw[] = { "Microsoft\\Windows NT" };
	static const char *const sec[] = { "Policy" };
	static const char *const sam[] = { "SAM\\Domains" };

	if (has_keys(c, sys, TL_NELEM(sys)))
		return HIVE_SYSTEM;
	if (has_keys(c, sam, TL_NELEM(sam)))
		return HIVE_SAM;
	if (has_keys(c, sec, TL_NELEM(sec)))
		return HIVE_SECURITY;
	if (has_keys(c, sw, TL_NELEM(sw)))
		return HIVE_SOFTWARE;
	return HIVE_OTHER;
}

static void
read_system(struct rctx *c)
{
	static const struct {
		const char	*value;
		int		 is_signed;
	} tz[] = {
		{ "Bias", 1 }, { "StandardBias", 1 }, { "DaylightBias", 1 },
		{ "ActiveTimeBias", 1 }, { "StandardStart", 0 },
		{ "DaylightStart", 0 }, { "TimeZoneKeyName", 0 },
		{ "StandardName", 0 }, { "DaylightName", 0 },
		{ "DynamicDaylightTimeDisabled", 0 },
	};
	libregf_key_t	*k;
	char		*cur, cs[32], *path, *v;
	uint8_t		*d;
	size_t		 len, i;
	unsigned long	 n;

	if ((k = key_at(c, "Select")) == NULL)
		return;
	cur = value_text(c, k, "Current", "Select", 0, NULL);
	if (cur == NULL || (n = strtoul(cur, NULL, 10)) == 0 || n > 999) {
		damage(c, NULL, "Select\\Current is %s: no current control "
		    "set", cur != NULL ? cur : "missing");
		free(cur);
		libregf_key_free(&k, NULL);
		return;
	}
	snprintf(cs, sizeof(cs), "ControlSet%03lu", n);
	secpol_add_fact(c->sp, "System", "CurrentControlSet", cs, "Select",
	    "Current", key_time(k));
	free(cur);
	libregf_key_free(&k, NULL);

	xasprintf(&path, "%s\\Control\\Lsa", cs);
	if ((k = key_at(c, path)) != NULL) {
		char *stored = NULL;

		if ((v = value_text(c, k, "DisableDomainCreds", path, 0,
		    &stored)) != NULL) {
			char *val;

			xasprintf(&val, "4,%s", v);
			secpol_add_fact(c->sp, "Registry Values",
			    "MACHINE\\System\\CurrentControlSet\\Control\\"
			    "Lsa\\DisableDomainCreds", val, path, stored,
			    key_time(k));
			free(val);
			free(v);
		}
		free(stored);
		libregf_key_free(&k, NULL);
	}
	free(path);

	xasprintf(&path, "%s\\Control\\TimeZoneInformation", cs);
	if ((k = key_at(c, path)) != NULL) {
		for (i = 0; i < TL_NELEM(tz); i++)
			(void)fact_value(c, k, path, tz[i].value,
			    "TimeZoneInformation", tz[i].value,
			    tz[i].is_signed);
		libregf_key_free(&k, NULL);
	}
	free(path);

	xasprintf(&path, "%s\\Control\\ComputerName\\ComputerName", cs);
	if ((k = key_at(c, path)) != NULL) {
		(void)fact_value(c, k, path, "ComputerName", "System",
		    "ComputerName", 0);
		libregf_key_free(&k, NULL);
	}
	free(path);

	xasprintf(&path, "%s\\Services\\Tcpip\\Parameters", cs);
	if ((k = key_at(c, path)) != NULL) {
		(void)fact_value(c, k, path, "Hostname", "System", "Hostname",
		    0);
		(void)fact_value(c, k, path, "Domain", "System", "Domain", 0);
		libregf_key_free(&k, NULL);
	}
	free(path);

	xasprintf(&path, "%s\\Control\\Windows", cs);
	if ((k = key_at(c, path)) != NULL) {
		if ((d = value_raw(c, k, "ShutdownTime", path, &len)) !=
		    NULL && len == 8)
			time_fact(c, "System", "ShutdownTime",
			    ft_time(le64dec(d)), path, "ShutdownTime",
			    key_time(k));
		free(d);
		libregf_key_free(&k, NULL);
	}
	free(path);
}

static int
byname_cmp(const void *a, const void *b)
{
	const struct byname	*x = a, *y = b;
	int			 r;

	if ((r = tl_strcasecmp(x->name, y->name)) != 0)
		return r;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Index the sub keys of the key at path by name, reading each once: a
 * lookup per task that walked the list would cost the square of the
 * number of tasks.  Takes k; ix->key is NULL when k is.
 */
static void
keyindex_build(struct rctx *c, libregf_key_t *k, const char *path,
    struct keyindex *ix)
{
	libregf_key_t	*sub;
	size_t		 cap = 0;
	int		 i, n;

	memset(ix, 0, sizeof(*ix));
	if ((ix->key = k) == NULL)
		return;
	n = nsubkeys(k);
	for (i = 0; i < n && !c->stop; i++) {
		if ((sub = subkey_at(c, k, i, path)) == NULL)
			continue;
		ix->v = xgrow(ix->v, ix->n + 1, &cap, sizeof(*ix->v));
		ix->v[ix->n].name = key_name(sub);
		ix->v[ix->n++].i = i;
		libregf_key_free(&sub, NULL);
	}
	if (ix->n > 0)
		qsort(ix->v, ix->n, sizeof(*ix->v), byname_cmp);
}

/* The first sub key named name (case-insensitive), or NULL. */
static libregf_key_t *
keyindex_find(struct rctx *c, struct keyindex *ix, const char *name,
    const char *path)
{
	size_t	lo = 0, hi = ix->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tl_strcasecmp(ix->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->n || tl_strcasecmp(ix->v[lo].name, name) != 0)
		return NULL;
	return subkey_at(c, ix->key, ix->v[lo].i, path);
}

static void
keyindex_free(struct keyindex *ix)
{
	size_t	i;

	for (i = 0; i < ix->n; i++)
		free(ix->v[i].name);
	free(ix->v);
	if (ix->key != NULL)
		libregf_key_free(&ix->key, NULL);
	memset(ix, 0, sizeof(*ix));
}

/* One TaskCache\Tasks\{GUID} into a task definition. */
static void
read_task(struct rctx *c, struct keyindex *tasks, const char *tpath,
    const char *id, int64_t tree_written)
{
	struct taskdef	*td;
	struct dyninfo	 di;
	libregf_key_t	*k;
	char		*kpath, *date;
	const char	*why;
	uint8_t		*d;
	size_t		 len, at;
	int64_t		 t;
	int		 flags;

	td = taskdef_new();
	td->file = xstrdup(c->in->path);
	td->input = c->in->index;
	td->path = xstrdup(tpath);
	td->from_cache = 1;
	td->cache_id = xstrdup(id);
	td->cache_written = tree_written;
	xasprintf(&kpath, "%s\\Tasks\\%s", TASKCACHE, id);
	td->cache_key = xstrdup(kpath);
	if ((k = keyindex_find(c, tasks, id, kpath)) != NULL) {
		td->cache_written = key_time(k);
		td->uri = value_text(c, k, "URI", kpath, 0, NULL);
		td->author = value_text(c, k, "Author", kpath, 0, NULL);
		td->description = value_text(c, k, "Description", kpath, 0,
		    NULL);
		if ((date = value_text(c, k, "Date", kpath, 0, NULL)) !=
		    NULL) {
			td->date = date;
			flags = 0;
			if (tl_time_parse(date, &t, &flags) == 0) {
				td->reg_time = t;
				td->date_local = !(flags & TL_TIME_HAD_ZONE);
			}
		}
		if ((d = value_raw(c, k, "Actions", kpath, &len)) != NULL &&
		    taskcache_actions_parse(d, len, td, &at, &why) != 0)
			damage(c, NULL, "%s\\Actions: %s at byte %zu of %zu "
			    "(actions kept: %zu)", kpath, why, at, len,
			    td->nactions);
		free(d);
		if ((d = value_raw(c, k, "Triggers", kpath, &len)) != NULL &&
		    taskcache_principal_parse(d, len, td, &at, &why) != 0)
			damage(c, NULL, "%s\\Triggers: %s at byte %zu of %zu",
			    kpath, why, at, len);
		free(d);
		if ((d = value_raw(c, k, "DynamicInfo", kpath, &len)) !=
		    NULL) {
			if (dyninfo_parse(d, len, &di) == 0) {
				td->created = di.created;
				td->last_run = di.last_run;
				td->last_success = di.last_success;
				td->last_result = di.last_result;
				td->has_result = di.last_run != TL_TIME_NONE;
				td->state = di.state;
			} else
				damage(c, NULL, "%s\\DynamicInfo: %zu bytes, "
				    "not 28 or 36", kpath, len);
		}
		free(d);
		libregf_key_free(&k, NULL);
	}
	free(kpath);
	c->in->stats.records++;
	if (c->sink->task != NULL)
		c->sink->task(c->sink->arg, td);
	else
		taskdef_free(td);
}

/* TaskCache\Tree below k (task path tpath), depth-first. */
static void
walk_tree(struct rctx *c, libregf_key_t *k, struct keyindex *tasks,
    const char *tpath, int64_t *anc, int depth)
{
	libregf_key_t	*sub;
	char		*name, *child, *id, *kpath;
	int64_t		 off;
	int		 i, j, n;

	if (depth >= TL_MAX_REG_DEPTH) {
		damage(c, NULL, "TaskCache\\Tree%s nests deeper than %d keys: "
		    "not read further", tpath, TL_MAX_REG_DEPTH);
		return;
	}
	n = nsubkeys(k);
	for (i = 0; i < n && !c->stop; i++) {
		if ((sub = subkey_at(c, k, i, tpath)) == NULL)
			continue;
		/* A cycle through an ancestor: report it once, go on. */
		off = key_offset(sub);
		for (j = 0; j <= depth && anc[j] != off; j++)
			;
		if (off != -1 && j <= depth) {
			damage(c, NULL, "TaskCache\\Tree%s: a sub key list "
			    "loops back to an enclosing key (offset 0x%" PRIx64
			    "): not followed", tpath, (uint64_t)off);
			libregf_key_free(&sub, NULL);
			continue;
		}
		/* Each key of a tree has one parent: a second is damage. */
		if (off != -1 && !offsets_put(&c->seen, (uint64_t)off, 0)) {
			damage(c, NULL, "TaskCache\\Tree%s: a sub key list "
			    "names a key already read (offset 0x%" PRIx64
			    "): not read again", tpath, (uint64_t)off);
			libregf_key_free(&sub, NULL);
			continue;
		}
		anc[depth + 1] = off;
		name = key_name(sub);
		xasprintf(&child, "%s\\%s", tpath, name);
		xasprintf(&kpath, "%s\\Tree%s", TASKCACHE, child);
		if ((id = value_text(c, sub, "Id", kpath, 0, NULL)) != NULL) {
			read_task(c, tasks, child, id, key_time(sub));
			free(id);
		}
		walk_tree(c, sub, tasks, child, anc, depth + 1);
		free(kpath);
		free(child);
		free(name);
		libregf_key_free(&sub, NULL);
	}
}

static void
read_software(struct rctx *c)
{
	struct keyindex	 tasks;
	libregf_key_t	*k, *ext, *gpo;
	char		*path, *ename, *gname, *fkey, *v;
	int64_t		 anc[TL_MAX_REG_DEPTH + 2];
	int		 i, j, n, m;

	if ((k = key_at(c, TASKCACHE "\\Tree")) != NULL) {
		keyindex_build(c, key_at(c, TASKCACHE "\\Tasks"),
		    TASKCACHE "\\Tasks", &tasks);
		anc[0] = key_offset(k);
		if (anc[0] != -1)
			(void)offsets_put(&c->seen, (uint64_t)anc[0], 0);
		walk_tree(c, k, &tasks, "", anc, 0);
		keyindex_free(&tasks);
		libregf_key_free(&k, NULL);
	}

	path = xstrdup("Microsoft\\Windows\\CurrentVersion\\Group Policy\\"
	    "History");
	if ((k = key_at(c, path)) != NULL) {
		n = nsubkeys(k);
		for (i = 0; i < n && !c->stop; i++) {
			if ((ext = subkey_at(c, k, i, path)) == NULL)
				continue;
			ename = key_name(ext);
			m = nsubkeys(ext);
			for (j = 0; j < m && !c->stop; j++) {
				if ((gpo = subkey_at(c, ext, j, path)) == NULL)
					continue;
				gname = key_name(gpo);
				xasprintf(&fkey, "%s\\%s", ename, gname);
				free(gname);
				xasprintf(&gname, "%s\\%s", path, fkey);
				v = value_text(c, gpo, "DisplayName", gname, 0,
				    NULL);
				if (v == NULL)
					v = value_text(c, gpo, "GPOName",
					    gname, 0, NULL);
				secpol_add_fact(c->sp, "Group Policy History",
				    fkey, v != NULL ? v : "", gname,
				    "DisplayName", key_time(gpo));
				free(v);
				free(fkey);
				free(gname);
				libregf_key_free(&gpo, NULL);
			}
			free(ename);
			libregf_key_free(&ext, NULL);
		}
		libregf_key_free(&k, NULL);
	}
	free(path);

	path = xstrdup("Microsoft\\Windows NT\\CurrentVersion\\Winlogon");
	if ((k = key_at(c, path)) != NULL) {
		(void)fact_value(c, k, path, "DefaultDomainName", "Winlogon",
		    "DefaultDomainName", 0);
		(void)fact_value(c, k, path, "DefaultUserName", "Winlogon",
		    "DefaultUserName", 0);
		(void)fact_value(c, k, path, "CachedLogonsCount", "Winlogon",
		    "CachedLogonsCount", 0);
		libregf_key_free(&k, NULL);
	}
	free(path);
}

static void
read_security(struct rctx *c)
{
	struct buf	 rights[TL_NELEM(access_rights)];
	libregf_key_t	*k, *acct, *act;
	char		*sid, *path, hex[16];
	uint8_t		*d;
	size_t		 len, r;
	uint32_t	 mask;
	int64_t		 newest = TL_TIME_NONE, t;
	int		 i, n;

	if ((k = key_at(c, "Policy\\Accounts")) == NULL)
		return;
	for (r = 0; r < TL_NELEM(rights); r++)
		buf_init(&rights[r]);
	n = nsubkeys(k);
	for (i = 0; i < n && !c->stop; i++) {
		if ((acct = subkey_at(c, k, i, "Policy\\Accounts")) == NULL)
			continue;
		sid = key_name(acct);
		xasprintf(&path, "Policy\\Accounts\\%s\\ActSysAc", sid);
		if ((act = subkey(c, acct, "ActSysAc", path)) != NULL) {
			d = value_raw(c, act, "", path, &len);
			if (d != NULL && len >= 4) {
				mask = le32dec(d);
				t = key_time(act);
				if (t != TL_TIME_NONE && (newest ==
				    TL_TIME_NONE || t > newest))
					newest = t;
				snprintf(hex, sizeof(hex), "0x%" PRIx32, mask);
				secpol_add_fact(c->sp, "Account Rights", sid,
				    hex, path, "", t);
				for (r = 0; r < TL_NELEM(access_rights); r++) {
					if (!(mask & access_rights[r].bit))
						continue;
					if (rights[r].len > 0)
						buf_addc(&rights[r], ',');
					buf_printf(&rights[r], "*%s", sid);
				}
			} else if (d != NULL)
				damage(c, NULL, "%s: %zu bytes, not 4", path,
				    len);
			free(d);
			libregf_key_free(&act, NULL);
		}
		free(path);
		free(sid);
		libregf_key_free(&acct, NULL);
	}
	libregf_key_free(&k, NULL);
	/* Every right, empty ones too: the hive is the whole assignment. */
	for (r = 0; r < TL_NELEM(rights); r++) {
		secpol_add_fact(c->sp, "Privilege Rights",
		    access_rights[r].right, rights[r].data != NULL ?
		    rights[r].data : "", "Policy\\Accounts", "ActSysAc",
		    newest);
		buf_clear(&rights[r]);
	}
}

static void
num_fact(struct rctx *c, const char *section, const char *key, int64_t v,
    const char *path, const char *value, int64_t written)
{
	char	s[32];

	snprintf(s, sizeof(s), "%" PRId64, v);
	secpol_add_fact(c->sp, section, key, s, path, value, written);
}

/* The machine SID: the last 24 bytes of SAM\Domains\Account\V. */
static void
machine_sid(const uint8_t *v, size_t len, char *out, size_t outsz)
{
	static const uint8_t pfx[] = { 1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0 };

	out[0] = '\0';
	if (len < 24 || memcmp(v + len - 24, pfx, sizeof(pfx)) != 0)
		return;
	if (sid_format(v + len - 24, 24, out, outsz, NULL) != 0)
		out[0] = '\0';
}

static void
read_sam_user(struct rctx *c, libregf_key_t *u, const char *path,
    const char *msid)
{
	struct sam_user_f f;
	char		 sec[48], *name = NULL, *full = NULL, *upath, sid[200];
	uint8_t		*fd, *vd;
	size_t		 flen, vlen;
	int64_t		 w;

	w = key_time(u);
	if ((fd = value_raw(c, u, "F", path, &flen)) == NULL)
		return;
	if (sam_user_f_parse(fd, flen, &f) != 0) {
		damage(c, NULL, "%s\\F: %zu bytes, too short", path, flen);
		free(fd);
		return;
	}
	free(fd);
	upath = xstrdup(path);
	snprintf(sec, sizeof(sec), "Local Account %" PRIu32, f.rid);
	if ((vd = value_raw(c, u, "V", path, &vlen)) != NULL) {
		if (sam_v_string(vd, vlen, 0, &name) != 0)
			damage(c, NULL, "%s\\V: user name out of bounds",
			    path);
		(void)sam_v_string(vd, vlen, 1, &full);
		free(vd);
	}
	secpol_add_fact(c->sp, sec, "Name", name != NULL ? name : "", upath,
	    "V", w);
	if (full != NULL && *full != '\0')
		secpol_add_fact(c->sp, sec, "FullName", full, upath, "V", w);
	num_fact(c, sec, "Rid", f.rid, upath, "F", w);
	if (*msid != '\0') {
		snprintf(sid, sizeof(sid), "%s-%" PRIu32, msid, f.rid);
		secpol_add_fact(c->sp, sec, "Sid", sid, upath, "F", w);
	}
	snprintf(sid, sizeof(sid), "0x%04" PRIx32, f.acb);
	secpol_add_fact(c->sp, sec, "AcbFlags", sid, upath, "F", w);
	num_fact(c, sec, "Disabled", !!(f.acb & SAM_ACB_DISABLED), upath,
	    "F", w);
	num_fact(c, sec, "Locked", !!(f.acb & SAM_ACB_AUTOLOCK), upath, "F",
	    w);
	num_fact(c, sec, "PasswordNeverExpires", !!(f.acb & SAM_ACB_PWNOEXP),
	    upath, "F", w);
	time_fact(c, sec, "PasswordLastSet", f.password_set, upath, "F", w);
	time_fact(c, sec, "LastLogon", f.last_logon, upath, "F", w);
	time_fact(c, sec, "AccountExpires", f.account_expires, upath, "F", w);
	time_fact(c, sec, "LastFailedLogon", f.last_failed, upath, "F", w);
	num_fact(c, sec, "BadPasswordCount", f.bad_count, upath, "F", w);
	num_fact(c, sec, "LogonCount", f.logon_count, upath, "F", w);
	c->in->stats.records++;
	free(name);
	free(full);
	free(upath);
}

/*
 * A local group (SAM\Domains\{Builtin,Account}\Aliases\<RID>\C): name
 * at 0x10/0x14, member list at 0x28 (offset) and 0x30 (count), offsets
 * from the end of the 0x34-byte header; members are binary SIDs.
 */
static void
read_alias(struct rctx *c, libregf_key_t *a, const char *path)
{
	struct buf	 s, m;
	uint8_t		*d;
	size_t		 len, used, off;
	uint32_t	 noff, nlen, moff, cnt, i;
	char		 sid[200];

	if ((d = value_raw(c, a, "C", path, &len)) == NULL)
		return;
	buf_init(&s);
	buf_init(&m);
	if (len < 0x34) {
		damage(c, NULL, "%s\\C: %zu bytes, too short", path, len);
		goto out;
	}
	noff = le32dec(d + 0x10);
	nlen = le32dec(d + 0x14);
	moff = le32dec(d + 0x28);
	cnt = le32dec(d + 0x30);
	if (noff > len - 0x34 || nlen > len - 0x34 - noff || nlen % 2 != 0 ||
	    moff > len - 0x34) {
		damage(c, NULL, "%s\\C: offsets out of bounds", path);
		goto out;
	}
	utf16le_to_utf8(d + 0x34 + noff, nlen, &s);
	off = 0x34 + (size_t)moff;
	for (i = 0; i < cnt && off < len; i++) {
		if (sid_format(d + off, len - off, sid, sizeof(sid), &used) !=
		    0) {
			damage(c, NULL, "%s\\C: member %" PRIu32 " is not a "
			    "SID", path, i);
			break;
		}
		if (m.len > 0)
			buf_addc(&m, ',');
		buf_adds(&m, sid);
		off += used;
	}
	secpol_add_fact(c->sp, "Local Groups", s.data != NULL ? s.data : "",
	    m.data != NULL ? m.data : "", path, "C", key_time(a));
 out:
	buf_clear(&s);
	buf_clear(&m);
	free(d);
}

static void
read_aliases(struct rctx *c, const char *path)
{
	libregf_key_t	*k, *a;
	char		*name, *apath;
	int		 i, n;

	if ((k = key_at(c, path)) == NULL)
		return;
	n = nsubkeys(k);
	for (i = 0; i < n && !c->stop; i++) {
		if ((a = subkey_at(c, k, i, path)) == NULL)
			continue;
		name = key_name(a);
		xasprintf(&apath, "%s\\%s", path, name);
		if (tl_strcasecmp(name, "Members") != 0 &&
		    tl_strcasecmp(name, "Names") != 0)
			read_alias(c, a, apath);
		free(apath);
		free(name);
		libregf_key_free(&a, NULL);
	}
	libregf_key_free(&k, NULL);
}

static void
read_sam(struct rctx *c)
{
	static const char dpath[] = "SAM\\Domains\\Account";
	static const char upath[] = "SAM\\Domains\\Account\\Users";
	struct sam_domain_f df;
	libregf_key_t	*k, *u;
	char		 msid[200], *name, *path;
	uint8_t		*d;
	size_t		 len;
	int64_t		 w;
	int		 i, n;

	msid[0] = '\0';
	if ((k = key_at(c, dpath)) == NULL)
		return;
	w = key_time(k);
	if ((d = value_raw(c, k, "V", dpath, &len)) != NULL) {
		machine_sid(d, len, msid, sizeof(msid));
		free(d);
		if (msid[0] != '\0')
			secpol_add_fact(c->sp, "System", "MachineSid", msid,
			    dpath, "V", w);
	}
	if ((d = value_raw(c, k, "F", dpath, &len)) != NULL) {
		if (sam_domain_f_parse(d, len, &df) == 0) {
			num_fact(c, "System Access", "MaximumPasswordAge",
			    df.max_age < 0 ? -1 : df.max_age / 86400, dpath,
			    "F", w);
			num_fact(c, "System Access", "MinimumPasswordAge",
			    df.min_age < 0 ? 0 : df.min_age / 86400, dpath,
			    "F", w);
			num_fact(c, "System Access", "MinimumPasswordLength",
			    df.min_length, dpath, "F", w);
			num_fact(c, "System Access", "PasswordHistorySize",
			    df.history, dpath, "F", w);
			num_fact(c, "System Access", "LockoutBadCount",
			    df.lockout_threshold, dpath, "F", w);
			num_fact(c, "System Access", "LockoutDuration",
			    df.lockout_duration < 0 ? -1 :
			    df.lockout_duration / 60, dpath, "F", w);
			num_fact(c, "System Access", "ResetLockoutCount",
			    df.lockout_window < 0 ? -1 :
			    df.lockout_window / 60, dpath, "F", w);
		} else
			damage(c, NULL, "%s\\F: %zu bytes, too short", dpath,
			    len);
		free(d);
	}
	libregf_key_free(&k, NULL);

	if ((k = key_at(c, upath)) != NULL) {
		n = nsubkeys(k);
		for (i = 0; i < n && !c->stop; i++) {
			if ((u = subkey_at(c, k, i, upath)) == NULL)
				continue;
			name = key_name(u);
			xasprintf(&path, "%s\\%s", upath, name);
			if (tl_strcasecmp(name, "Names") != 0)
				read_sam_user(c, u, path, msid);
			free(path);
			free(name);
			libregf_key_free(&u, NULL);
		}
		libregf_key_free(&k, NULL);
	}
	read_aliases(c, "SAM\\Domains\\Builtin\\Aliases");
	read_aliases(c, "SAM\\Domains\\Account\\Aliases");
}

/* Transaction logs beside the hive on disk (path.LOG1, path.LOG2). */
static void
note_logs(struct rctx *c, struct buf *b)
{
	static const char *const ext[] = { ".LOG1", ".LOG2", ".LOG" };
	struct stat	 st;
	char		*p;
	size_t		 i;

	for (i = 0; i < TL_NELEM(ext); i++) {
		xasprintf(&p, "%s%s", c->in->path, ext[i]);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			buf_printf(b, "%s%s", b->len > 0 ? ", " : "", ext[i]);
		free(p);
	}
}

static int
read_base(struct input *in, int fd, struct regf_base *base,
    struct tl_error *err)
{
	uint8_t	 b[REGF_BASE_BLOCK];
	ssize_t	 n;

	n = pread(fd, b, sizeof(b), 0);
	if (n < 0 || regf_base_parse(b, (size_t)n, base) != 0) {
		tl_error_set(err, TL_ERR_FORMAT, in->path,
		    "not a registry hive (short base block)");
		return TL_ERR_FORMAT;
	}
	return 0;
}

static int
regf_parse(struct input *in, const struct parse_sink *sink,
    struct tl_error *err)
{
	struct rctx	 c;
	struct regf_base base;
	libregf_error_t	*e = NULL;
	struct buf	 logs;
	struct regf_keylist kl;
	char		 msg[600];
	int		 r, fd = -1;

	memset(&c, 0, sizeof(c));
	c.in = in;
	c.sink = sink;
	c.budget = TL_REG_WORK_MIN + in->size / TL_REG_WORK_BYTES;
	buf_init(&logs);
	if (sink->part > 0)
		return 0;
	/* The base block, then the cells for the sub key list check. */
	if ((fd = open(in->open_path, O_RDONLY | O_CLOEXEC)) == -1) {
		tl_error_set(err, TL_ERR_IO, in->path, "cannot open: %s",
		    strerror(errno));
		r = TL_ERR_IO;
		goto out;
	}
	if ((r = read_base(in, fd, &base, err)) != 0)
		goto out;
	if (base.type != 0) {
		/*
		 * A transaction log: noted, never replayed (the timeline
		 * takes the note from its copy of in).
		 */
		if (in->note == NULL)
			xasprintf(&in->note, "registry transaction log "
			    "(type %" PRIu32 "): not replayed, libregf reads "
			    "hives as they are", base.type);
		r = 0;
		goto out;
	}
	if (base.checksum != base.computed) {
		tl_error_set(err, TL_ERR_FORMAT, in->path, "registry hive "
		    "base block checksum 0x%08" PRIx32 " does not match its "
		    "content (0x%08" PRIx32 "): not read", base.checksum,
		    base.computed);
		r = TL_ERR_FORMAT;
		goto out;
	}
	if (in->size > 0 && (uint64_t)base.bins_size + REGF_BASE_BLOCK >
	    in->size) {
		tl_error_set(err, TL_ERR_FORMAT, in->path, "registry hive "
		    "truncated: its header counts %" PRIu32 " bytes of hive "
		    "bins, the file holds %" PRIu64, base.bins_size,
		    in->size - REGF_BASE_BLOCK);
		r = TL_ERR_FORMAT;
		goto out;
	}
	if (libregf_file_initialize(&c.file, &e) != 1) {
		regf_errmsg(&e, "libregf", msg, sizeof(msg));
		tl_error_set(err, TL_ERR_INTERNAL, in->path, "%s", msg);
		r = TL_ERR_INTERNAL;
		goto out;
	}
	if (libregf_file_open(c.file, in->open_path, LIBREGF_OPEN_READ,
	    &e) != 1) {
		regf_errmsg(&e, "libregf cannot open the hive", msg,
		    sizeof(msg));
		tl_error_set(err, TL_ERR_FORMAT, in->path, "%s", msg);
		r = TL_ERR_FORMAT;
		goto out;
	}
	/* libregf reads the root key's sub key list as it opens it. */
	regf_cells_init(&c.cells, fd, NULL, in->size > 0 ? in->size :
	    UINT64_MAX, base.bins_size);
	if (regf_key_list(&c.cells, REGF_BASE_BLOCK + (uint64_t)base.root + 4,
	    0, &kl) != 0) {
		tl_error_set(err, TL_ERR_FORMAT, in->path, "registry hive: the "
		    "root key's sub key list %s (cell at offset 0x%" PRIx64
		    "): not read", kl.why, kl.at);
		r = TL_ERR_FORMAT;
		goto out;
	}
	if (libregf_file_get_root_key(c.file, &c.root, &e) != 1 ||
	    c.root == NULL) {
		regf_errmsg(&e, "libregf cannot read the root key", msg,
		    sizeof(msg));
		tl_error_set(err, TL_ERR_FORMAT, in->path, "%s", msg);
		r = TL_ERR_FORMAT;
		goto out;
	}
	c.sp = secpol_new();
	c.sp->file = xstrdup(in->path);
	c.sp->input = in->index;
	c.sp->mtime = ft_time(base.written);
	if (c.sp->mtime == TL_TIME_NONE)
		c.sp->mtime = in->mtime;
	c.sp->encoding = xstrdup("regf");
	note_logs(&c, &logs);
	if (base.seq1 != base.seq2) {
		c.sp->dirty = 1;
		damage(&c, NULL, "dirty hive: sequence numbers 0x%" PRIx32
		    " and 0x%" PRIx32 " differ; its latest changes, held in "
		    "the transaction logs (%s), are not applied, so they may "
		    "be missing", base.seq1, base.seq2, logs.len > 0 ?
		    logs.data : ".LOG1/.LOG2 not found beside it");
	}
	c.sp->hive = hive_kind(&c);
	switch (c.sp->hive) {
	case HIVE_SYSTEM:
		read_system(&c);
		break;
	case HIVE_SOFTWARE:
		read_software(&c);
		break;
	case HIVE_SECURITY:
		read_security(&c);
		break;
	case HIVE_SAM:
		read_sam(&c);
		break;
	default:
		break;
	}
	damage_held(&c);
	in->stats.records += c.sp->nentries;
	if (sink->policy != NULL) {
		sink->policy(sink->arg, c.sp);
		c.sp = NULL;
	}
	r = 0;
 out:
	secpol_free(c.sp);
	offsets_free(&c.seen);
	offsets_free(&c.keys_ok);
	offsets_free(&c.parents_ok);
	offsets_free(&c.parents_bad);
	regf_cells_clear(&c.cells);
	if (fd != -1)
		close(fd);
	buf_clear(&logs);
	if (c.root != NULL)
		libregf_key_free(&c.root, NULL);
	if (c.file != NULL) {
		libregf_file_close(c.file, NULL);
		libregf_file_free(&c.file, NULL);
	}
	return r;
}
