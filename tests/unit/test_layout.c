/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_layout.c: names inside KAPE, Velociraptor and CyLR collections.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "input/layout.h"
#include "test.h"

static void
check_task(const char *rel, const char *want)
{
	char	*t = layout_task_path(rel);

	if (want == NULL)
		assert_true(t == NULL);
	else
		assert_str_eq(t, want);
	free(t);
}

static void
check_decode(const char *rel, const char *want)
{
	char	*d = layout_decode(rel);

	assert_str_eq(d, want);
	free(d);
}

static void
check_sanitize(const char *name, const char *want)
{
	char	*s = layout_sanitize(name);

	assert_str_eq(s, want);
	free(s);
}

DEFINE_TEST(test_layout_task_path)
{
	char	*d;

	check_task("C/Windows/System32/Tasks/Backup/Nightly",
	    "\\Backup\\Nightly");
	check_task("host/Tasks/Backup/Nightly", "\\Backup\\Nightly");
	/* A task folder named Tasks under System32\Tasks. */
	check_task("C/Windows/System32/Tasks/Tasks/Nightly",
	    "\\Tasks\\Nightly");
	check_task("C/Windows/System32/Tasks", NULL);
	check_task("C/Windows/notes.xml", NULL);
	d = layout_decode("uploads/auto/C%3A/Windows/System32/Tasks/"
	    "Backup/Nightly%20Run");
	check_task(d, "\\Backup\\Nightly Run");
	free(d);
	d = layout_decode("uploads/ntfs/%5C%5C.%5CC%3A/Windows/System32/"
	    "Tasks/Backup/Nightly");
	check_task(d, "\\Backup\\Nightly");
	free(d);
}

DEFINE_TEST(test_layout_decode)
{
	check_decode("uploads/auto/C%3A/Windows/a%25b%20c",
	    "uploads/auto/C:/Windows/a%b c");
	/* Not encoded: KAPE names are taken as they are. */
	check_decode("C/Windows/System32/Tasks/a%20b",
	    "C/Windows/System32/Tasks/a%20b");
	/* %2F and %00 never split or end a component. */
	check_decode("C%3A/x%2Fy%00z", "C:/x%2Fy%00z");
}

DEFINE_TEST(test_layout_sanitize)
{
	check_sanitize("../../etc/passwd", "%2E%2E/%2E%2E/etc/passwd");
	check_sanitize("/abs//path/./x", "abs/path/x");
	check_sanitize("C:\\Windows\\..\\x", "C:/Windows/%2E%2E/x");
	check_sanitize("a\001b\x7f", "a%01b%7F");
	check_sanitize("bad\xff", "bad\xef\xbf\xbd");
	check_sanitize("/", "(unnamed)");
}

DEFINE_TEST(test_layout_vss_and_host)
{
	const char	*ci = "{\"ClientId\":\"C.1\",\"Hostname\":\"WS01\","
	    "\"Fqdn\":\"ws01.corp.example\"}";
	const char	*nested = "{\"client_info\":{\"fqdn\":\"DC1\"}}";
	char		*h;

	assert_int_eq(layout_is_vss("vss2/C/Windows/x.evtx"), 1);
	assert_int_eq(layout_is_vss("uploads/ntfs/%5C%5C%3F%5CGLOBALROOT%5C"
	    "Device%5CHarddiskVolumeShadowCopy1/x"), 1);
	assert_int_eq(layout_is_vss("C/Windows/vssadmin.log"), 0);
	assert_int_eq(layout_is_metadata("x/client_info.json"), 1);
	assert_int_eq(layout_is_metadata("x/log.json"), 0);
	h = layout_host_from_json(ci, strlen(ci));
	assert_str_eq(h, "WS01");
	free(h);
	h = layout_host_from_json(nested, strlen(nested));
	assert_str_eq(h, "DC1");
	free(h);
	assert_true(layout_host_from_json("{", 1) == NULL);
}
