/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * regf.h: what parsers/regf.c reads itself, beside libregf: the base
 * block (libregf does not expose the sequence numbers) and the binary
 * values whose layouts are documented outside the regf format (SAM F
 * and V, TaskCache DynamicInfo, SIDs, SYSTEMTIME rules).
 */

#ifndef TL_REGF_H
#define TL_REGF_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define REGF_BASE_BLOCK		4096
#define TL_MAX_REG_VALUE	(4U * 1024 * 1024)	/* one value's data */
#define TL_MAX_REG_DEPTH	64	/* TaskCache\Tree nesting */
#define TL_MAX_REG_DAMAGE	100	/* damage reports listed per hive */
/*
 * The reads one hive may cost: each key opened and each value looked at
 * is one, plus one per TL_REG_LIST_UNIT list cells, sub keys and values
 * of an opened key (what libregf reads to open it), one per
 * TL_REG_DATA_UNIT bytes of a name or a value's data, and the cells the
 * sub key list check reads.  At least TL_REG_WORK_MIN, and one more per
 * TL_REG_WORK_BYTES bytes of hive.
 */
#define TL_REG_WORK_MIN		10000
#define TL_REG_WORK_BYTES	8
#define TL_REG_LIST_UNIT	16
#define TL_REG_DATA_UNIT	1024

struct regf_base {
	uint32_t	seq1, seq2;	/* primary and secondary sequence */
	uint32_t	major, minor;
	uint32_t	type;		/* 0 hive, 1/2/6 transaction log */
	uint32_t	root;		/* root key cell, from the first bin */
	uint32_t	bins_size;	/* hive bins data size */
	uint32_t	checksum;	/* stored */
	uint32_t	computed;	/* XOR of the first 127 dwords */
	uint64_t	written;	/* FILETIME */
};

int	 regf_base_parse(const uint8_t *, size_t, struct regf_base *);

/*
 * The cells of a hive, read from fd (or from mem when fd is -1) for the
 * sub key list check: libregf 20201007 reads a key's whole sub key list
 * when it opens the key, following ri lists into ri lists with no depth
 * limit (an ri that names itself overflows the stack) and no bound on
 * the entries (an ri naming one list a thousand times), so taskline
 * checks a key's list before it lets libregf open the key.
 */
struct regf_cells {
	int		 fd;
	const uint8_t	*mem;
	uint64_t	 end;		/* file offset where the hive bins end */
	uint64_t	 max_keys;	/* more cannot fit in the hive bins */
	uint64_t	 max_values;
	uint8_t		*buf;		/* the last cell read */
	size_t		 cap;
	uint64_t	 reads;		/* cells read */
	uint64_t	 bytes;		/* and their bytes */
};

/* What regf_key_list() found out about a key. */
struct regf_keylist {
	uint64_t	*offs;		/* its sub keys' offsets, if asked */
	size_t		 n, cap;	/* sub keys */
	uint64_t	 cells;		/* list cells libregf reads to open it */
	uint32_t	 nvalues;
	uint64_t	 at;		/* the cell at fault */
	const char	*why;		/* what is wrong with it */
};

void	 regf_cells_init(struct regf_cells *, int, const uint8_t *, uint64_t,
	    uint32_t);
void	 regf_cells_clear(struct regf_cells *);
int	 regf_key_list(struct regf_cells *, uint64_t, int,
	    struct regf_keylist *);

/* A SAM user's F value (0x50 bytes; plaso, samparse, impacket). */
struct sam_user_f {
	int64_t		last_logon;		/* TL_TIME_NONE when never */
	int64_t		password_set;
	int64_t		account_expires;	/* NONE: never */
	int64_t		last_failed;
	uint32_t	rid;
	uint32_t	acb;
	uint16_t	bad_count;
	uint16_t	logon_count;
};

#define SAM_ACB_DISABLED	0x0001
#define SAM_ACB_PWNOEXP		0x0200
#define SAM_ACB_AUTOLOCK	0x0400

/* SAM\Domains\Account\F: the domain's password and lockout policy. */
struct sam_domain_f {
	int64_t		max_age;	/* seconds, -1: never expires */
	int64_t		min_age;
	int64_t		lockout_duration;
	int64_t		lockout_window;
	uint32_t	min_length;
	uint32_t	history;
	uint32_t	lockout_threshold;
};

int	 sam_user_f_parse(const uint8_t *, size_t, struct sam_user_f *);
int	 sam_domain_f_parse(const uint8_t *, size_t, struct sam_domain_f *);
int	 sam_v_string(const uint8_t *, size_t, unsigned, char **);
int	 sid_format(const uint8_t *, size_t, char *, size_t, size_t *);

/* TaskCache\Tasks\{GUID}\DynamicInfo (28 or 36 bytes). */
struct dyninfo {
	uint32_t	version;
	int64_t		created;
	int64_t		last_run;
	uint32_t	state;
	uint32_t	last_result;
	int64_t		last_success;	/* 36-byte form only, else NONE */
};

int	 dyninfo_parse(const uint8_t *, size_t, struct dyninfo *);

/*
 * TaskCache\Tasks\{GUID}\Actions (layout from GDATA's winreg-tasks,
 * not Microsoft): uint16 version; version 3 then the context (the
 * principal id); then actions to the end, each a uint16 magic (0x6666
 * exec, 0x7777 COM handler, 0x8888 e-mail, 0x9999 message box) and its
 * id.  Strings are a uint32 byte count and UTF-16LE.  Exec: command,
 * arguments, working directory (version 3: a uint16 of flags).  The
 * actions are added to the task and its context set; on bad data the
 * actions read so far stay, *at is the offset and *why the reason.
 */
struct taskdef;
int	 taskcache_actions_parse(const uint8_t *, size_t, struct taskdef *,
	    size_t *, const char **);

/*
 * The head of TaskCache\Tasks\{GUID}\Triggers (winreg-tasks' layout;
 * fields padded to 8 bytes): version, two boundaries (40 bytes), then
 * the job bucket: flags (logon type, run level), a CRC, the principal
 * id (version 0x16 on), a display name (0x17 on), and the user: SID and
 * name.  Adds the principal to the task; the triggers are not read.
 */
int	 taskcache_principal_parse(const uint8_t *, size_t, struct taskdef *,
	    size_t *, const char **);

#endif /* TL_REGF_H */
