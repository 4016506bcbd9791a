/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * layout.c: what the names in a collection mean.  Entry names of
 * archives are only ever shown (sanitised here), never used as paths.
 * Layouts recognised:
 *   KAPE         C/Windows/System32/..., also C%3A or C_ roots, vssN/
 *   Velociraptor uploads/auto/C%3A/Windows/..., uploads/ntfs/%5C%5C.%5CC%3A/
 *                (components URL-encoded), client_info.json metadata
 *   CyLR         C/Windows/... in a zip named after the host
 * Every artifact is still found by content; names only give task
 * paths (\Backup\Nightly), shadow-copy flags and the host.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "layout.h"
#include "utf.h"
#include "util.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * An entry name made safe to show: '\' and '/' both separate, empty and
 * "." components go, ".." becomes %2E%2E, control bytes become %XX and
 * bad UTF-8 becomes U+FFFD.  The result has no leading '/'.
 */
char *
layout_sanitize(const char *name)
{
	struct buf	 b, out;
	const char	*p, *q;
	size_t		 n;

	buf_init(&b);
	for (p = name; *p != '\0'; p = q) {
		while (*p == '/' || *p == '\\')
			p++;
		for (q = p; *q != '\0' && *q != '/' && *q != '\\'; q++)
			;
		n = (size_t)(q - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (b.len != 0)
			buf_addc(&b, '/');
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			buf_adds(&b, "%2E%2E");
			continue;
		}
		for (; p < q; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				buf_printf(&b, "%%%02X", (unsigned char)*p);
			else
				buf_addc(&b, *p);
		}
	}
	if (b.len == 0)
		buf_adds(&b, "(unnamed)");
	buf_init(&out);
	utf8_sanitize(b.data, b.len, &out);
	buf_clear(&b);
	return buf_steal(&out);
}

/* Whether a component is Velociraptor-encoded: C%3A, %5C%5C.%5CC%3A... */
static int
comp_is_encoded(const char *p, size_t n)
{
	if (n == 4 && ((p[0] >= 'A' && p[0] <= 'Z') ||
	    (p[0] >= 'a' && p[0] <= 'z')) && tl_strncasecmp(p + 1, "%3A", 3) == 0)
		return 1;
	return n >= 6 && tl_strncasecmp(p, "%5C%5C", 6) == 0;
}

/*
 * The path with Velociraptor's URL-encoding undone, when it has an
 * encoded drive component; otherwise a copy.  %2F and %00 stay encoded
 * so that components never split or end early.
 */
char *
layout_decode(const char *rel)
{
	struct buf	 b, out;
	const char	*p, *q;
	int		 on = 0, hi, lo, c;

	buf_init(&b);
	for (p = rel; *p != '\0'; p = q) {
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		if (!on && comp_is_encoded(p, (size_t)(q - p)))
			on = 1;
		for (; p < q; p++) {
			if (on && *p == '%' && q - p >= 3 &&
			    (hi = hexval(p[1])) >= 0 &&
			    (lo = hexval(p[2])) >= 0 &&
			    (c = hi * 16 + lo) != 0 && c != '/') {
				buf_addc(&b, (char)c);
				p += 2;
			} else
				buf_addc(&b, *p);
		}
		if (*q == '/') {
			buf_addc(&b, '/');
			q++;
		}
	}
	buf_init(&out);
	utf8_sanitize(b.data != NULL ? b.data : "", b.len, &out);
	buf_clear(&b);
	return buf_steal(&out);
}

/* Start of component prefix (case-insensitive) in path, or NULL. */
static const char *
find_comp(const char *path, const char *prefix)
{
	const char	*p;
	size_t		 n = strlen(prefix);

	for (p = path; *p != '\0'; p++) {
		if ((p == path || p[-1] == '/') &&
		    tl_strncasecmp(p, prefix, n) == 0)
			return p;
	}
	return NULL;
}

/*
 * The task path of a task file from its path in the bundle: the part
 * below System32/Tasks (or SysWOW64/Tasks), else below the first folder
 * named Tasks: .../System32/Tasks/Backup/Nightly gives \Backup\Nightly.
 * NULL when there is no Tasks folder.
 */
char *
layout_task_path(const char *rel)
{
	const char	*p, *after;
	struct buf	 b;

	if ((p = find_comp(rel, "System32/Tasks/")) != NULL)
		after = p + 15;
	else if ((p = find_comp(rel, "SysWOW64/Tasks/")) != NULL)
		after = p + 15;
	else if ((p = find_comp(rel, "Tasks/")) != NULL)
		after = p + 6;
	else
		return NULL;
	if (*after == '\0')
		return NULL;
	buf_init(&b);
	buf_addc(&b, '\\');
	for (p = after; *p != '\0'; p++)
		buf_addc(&b, *p == '/' ? '\\' : *p);
	return buf_steal(&b);
}

/* A path inside a volume shadow copy (KAPE vssN, HarddiskVolumeShadowCopyN). */
int
layout_is_vss(const char *rel)
{
	const char	*p, *q;
	size_t		 n, i;

	if (tl_strcasestr(rel, "HarddiskVolumeShadowCopy") != NULL)
		return 1;
	for (p = rel; *p != '\0'; p = *q == '/' ? q + 1 : q) {
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		n = (size_t)(q - p);
		if (n < 3 || tl_strncasecmp(p, "vss", 3) != 0)
			continue;
		for (i = 3; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/* Collection metadata that may name the host (Velociraptor). */
int
layout_is_metadata(const char *rel)
{
	const char	*base = strrchr(rel, '/');

	base = base != NULL ? base + 1 : rel;
	return tl_strcasecmp(base, "client_info.json") == 0 ||
	    tl_strcasecmp(base, "collection_context.json") == 0;
}

static const char *const host_keys[] = {
	"Hostname", "hostname", "host_name", "ComputerName", "Fqdn", "fqdn",
};

static const char *
json_host(json_t *j, int depth)
{
	const char	*key, *s;
	json_t		*v;
	size_t		 i;

	if (!json_is_object(j) || depth > 3)
		return NULL;
	for (i = 0; i < TL_NELEM(host_keys); i++) {
		v = json_object_get(j, host_keys[i]);
		if (json_is_string(v) && (s = json_string_value(v)) != NULL &&
		    *s != '\0')
			return s;
	}
	json_object_foreach(j, key, v) {
		if ((s = json_host(v, depth + 1)) != NULL)
			return s;
	}
	return NULL;
}

/* The host named in a Velociraptor client_info.json or similar, or NULL. */
char *
layout_host_from_json(const char *data, size_t len)
{
	json_t		*j;
	json_error_t	 je;
	const char	*s;
	char		*host = NULL;

	if ((j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je)) == NULL)
		return NULL;
	if ((s = json_host(j, 0)) != NULL && strlen(s) < 256 &&
	    utf8_is_valid(s, strlen(s)))
		host = xstrdup(s);
	json_decref(j);
	return host;
}
