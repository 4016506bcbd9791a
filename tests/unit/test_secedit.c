/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * test_secedit.c: the security-template parser and the secpol lookups,
 * on the shared corpus and on synthetic files.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgtest.h"
#include "test.h"

#define DDC	"MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\" \
		"DisableDomainCreds"

struct infcase {
	const char	*file;
	const char	*encoding;
	size_t		 sections;
	const char	*ddc;		/* DisableDomainCreds data or NULL */
	const char	*batch;		/* SeBatchLogonRight joined, or NULL */
	const char	*deny;		/* SeDenyBatchLogonRight joined */
	const char	*number;	/* a [System Access] key */
	long long	 value;
};

static const struct infcase infcases[] = {
	{ "dod_server2019_member_server_GptTmpl.inf", "UTF-16LE", 5, NULL,
	    NULL, "ADD YOUR DOMAIN ADMINS|ADD YOUR ENTERPRISE ADMINS|"
	    "S-1-5-32-546", "MinimumPasswordLength", 14 },
	{ "dod_windows10_computer_GptTmpl.inf", "UTF-16LE", 6, NULL, NULL,
	    "ADD YOUR DOMAIN ADMINS|ADD YOUR ENTERPRISE ADMINS",
	    "LockoutBadCount", 3 },
	{ "ms_baseline_win10_1909_DeltaForNonDomainJoined.inf", "UTF-16LE", 5,
	    NULL, NULL, NULL, NULL, 0 },
	{ "ms_baseline_win10_1909_computer_GptTmpl.inf", "UTF-16LE", 5, NULL,
	    NULL, NULL, "LSAAnonymousNameLookup", 0 },
	{ "nsa_shb_windows_computer_GptTmpl.inf", "UTF-16LE", 5, "1", NULL,
	    NULL, "MinimumPasswordLength", 14 },
	{ "securitypolicydsc_sample_export.inf", "ASCII", 6, "0",
	    "S-1-5-32-544|S-1-5-32-551|S-1-5-32-559", NULL,
	    "MaximumPasswordAge", 70 },
	{ "win10_vdi_1909_lgpo_full_export_GptTmpl.inf", "UTF-16LE", 6, "0",
	    "S-1-5-32-544|S-1-5-32-551|S-1-5-32-559", NULL,
	    "MaximumPasswordAge", 42 },
};

static char	*joined(const struct secpol *, const char *);

/* A right's principals joined with '|', "" when empty, NULL if absent. */
static char *
joined(const struct secpol *sp, const char *right)
{
	struct buf	  b;
	char		**list;
	size_t		  n, i;

	if (secpol_right(sp, right, &list, &n, NULL) != 0)
		return NULL;
	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, '|');
		buf_adds(&b, list[i]);
	}
	secpol_list_free(list, n);
	return buf_steal(&b);
}

DEFINE_TEST(test_secedit_corpus)
{
	const struct infcase	*c;
	struct cfgrun		 cr;
	char			 path[4096], *data, *s;
	long long		 v;
	size_t			 i;
	int			 type;

	if (test_shared == NULL) {
		test_skip("no ../shared corpus");
		return;
	}
	for (i = 0; i < TL_NELEM(infcases); i++) {
		c = &infcases[i];
		snprintf(path, sizeof(path), "%s/corpus/secedit/%s",
		    test_shared, c->file);
		assert_int_eq(cfg_probe(&secedit_parser, path), 90);
		assert_int_eq(cfg_probe(&taskxml_parser, path), 0);
		cfgrun_parse(&cr, &secedit_parser, path, NULL);
		assert_int_eq(cr.r, 0);
		assert_int_eq(cr.ndamage, 0);
		if (cr.pol == NULL) {
			test_fail(__FILE__, __LINE__, "%s: no policy", c->file);
			continue;
		}
		assert_str_eq(cr.pol->encoding, c->encoding);
		assert_int_eq(secpol_section_count(cr.pol), c->sections);
		if (c->ddc == NULL)
			assert_int_eq(secpol_regvalue(cr.pol, DDC, &type, &data,
			    NULL), -1);
		else {
			assert_int_eq(secpol_regvalue(cr.pol, DDC, &type, &data,
			    NULL), 0);
			assert_int_eq(type, 4);
			assert_str_eq(data, c->ddc);
			free(data);
			/* By value name alone, and as HKLM\. */
			assert_int_eq(secpol_regvalue(cr.pol,
			    "disabledomaincreds", NULL, &data, NULL), 0);
			assert_str_eq(data, c->ddc);
			free(data);
			assert_int_eq(secpol_regvalue(cr.pol, "HKLM\\SYSTEM\\"
			    "CurrentControlSet\\Control\\Lsa\\"
			    "DisableDomainCreds", NULL, NULL, NULL), 0);
		}
		s = joined(cr.pol, "SeBatchLogonRight");
		assert_str_eq(s, c->batch);
		free(s);
		s = joined(cr.pol, "SeDenyBatchLogonRight");
		assert_str_eq(s, c->deny);
		free(s);
		if (c->number != NULL) {
			assert_int_eq(secpol_number(cr.pol, "System Access",
			    c->number, &v), 0);
			assert_int_eq(v, c->value);
		}
		cfgrun_clear(&cr);
	}
}

DEFINE_TEST(test_secedit_corpus_details)
{
	struct cfgrun	 cr;
	char		 path[4096], *data, *s;
	unsigned long	 line;
	int		 type;

	if (test_shared == NULL) {
		test_skip("no ../shared corpus");
		return;
	}
	snprintf(path, sizeof(path), "%s/corpus/secedit/%s", test_shared,
	    "securitypolicydsc_sample_export.inf");
	cfgrun_parse(&cr, &secedit_parser, path, NULL);
	assert_int_eq(cr.r, 0);
	if (cr.pol == NULL)
		return;
	/* REG_SZ loses its quotes; quoted [System Access] names too. */
	assert_int_eq(secpol_regvalue(cr.pol, "CachedLogonsCount", &type,
	    &data, &line), 0);
	assert_int_eq(type, 1);
	assert_str_eq(data, "10");
	assert_int_eq(line, 33);
	free(data);
	assert_str_eq(secpol_find(cr.pol, "system access",
	    "NewAdministratorName")->value, "\"  Administrator\"");
	s = joined(cr.pol, "SeServiceLogonRight");
	assert_str_eq(s, "S-1-5-80-0");
	free(s);
	cfgrun_clear(&cr);

	snprintf(path, sizeof(path), "%s/corpus/secedit/%s", test_shared,
	    "ms_baseline_win10_1909_computer_GptTmpl.inf");
	cfgrun_parse(&cr, &secedit_parser, path, NULL);
	assert_int_eq(cr.r, 0);
	if (cr.pol == NULL)
		return;
	/* An empty right is found, with nobody in it. */
	s = joined(cr.pol, "SeCreateTokenPrivilege");
	assert_str_eq(s, "");
	free(s);
	s = joined(cr.pol, "SeServiceLogonRight");
	assert_str_eq(s, NULL);
	free(s);
	cfgrun_clear(&cr);

	snprintf(path, sizeof(path), "%s/corpus/secedit/%s", test_shared,
	    "ms_baseline_win10_1909_DeltaForNonDomainJoined.inf");
	cfgrun_parse(&cr, &secedit_parser, path, NULL);
	if (cr.pol != NULL) {
		assert_str_eq(secpol_find(cr.pol, "Version",
		    "signature")->value, "\"$CHICAGO$\"");
		s = joined(cr.pol, "SeDenyNetworkLogonRight");
		assert_str_eq(s, "");
		free(s);
		/* [Registry Values] is there but empty. */
		assert_int_eq(secpol_regvalue(cr.pol, "DisableDomainCreds",
		    NULL, NULL, NULL), -1);
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_secedit_crlf_lf_ansi)
{
	static const char	 lf[] = "; a comment\n[Unicode]\nUnicode=yes\n"
	    "[System Access]\nMinimumPasswordLength = 14\n"
	    "NewGuestName = \"Gast\xe9\"\n"
	    "[Registry Values]\nMACHINE\\Software\\Test\\Str=1,\"a b\"\n"
	    "MACHINE\\Software\\Test\\Multi=7,x,y\n"
	    "[Privilege Rights]\nSeBatchLogonRight = *S-1-5-32-544 , "
	    "CONTOSO\\svc_report,\"Some Name\"\nSeDenyBatchLogonRight =\n"
	    "[Odd Section]\nno equals sign here\nk=v\n"
	    "[Version]\nsignature=\"$CHICAGO$\"\n";
	struct cfgrun		 cr;
	struct buf		 b;
	const char		*p;
	char			*s, *data;
	long long		 v;
	int			 type, pass;

	for (pass = 0; pass < 3; pass++) {
		buf_init(&b);
		for (p = lf; *p != '\0'; p++) {
			if (*p == '\n' && pass == 1)
				buf_addc(&b, '\r');
			if (*p == '\n' && pass == 2) {
				buf_addc(&b, '\r');
				continue;
			}
			buf_addc(&b, *p);
		}
		cfg_write("t.inf", b.data, b.len);
		buf_clear(&b);
		assert_int_eq(cfg_probe(&secedit_parser, "t.inf"), 90);
		cfgrun_parse(&cr, &secedit_parser, "t.inf", NULL);
		assert_int_eq(cr.r, 0);
		assert_int_eq(cr.ndamage, 0);
		if (cr.pol == NULL)
			continue;
		assert_str_eq(cr.pol->encoding, "Windows-1252");
		assert_int_eq(secpol_section_count(cr.pol), 6);
		assert_str_eq(secpol_find(cr.pol, "System Access",
		    "NewGuestName")->value, "\"Gast\xc3\xa9\"");
		assert_int_eq(secpol_number(cr.pol, "System Access",
		    "MinimumPasswordLength", &v), 0);
		assert_int_eq(v, 14);
		assert_int_eq(secpol_number(cr.pol, "System Access",
		    "NewGuestName", &v), -1);
		assert_int_eq(secpol_regvalue(cr.pol, "Test\\Str", &type, &data,
		    NULL), 0);
		assert_int_eq(type, 1);
		assert_str_eq(data, "a b");
		free(data);
		assert_int_eq(secpol_regvalue(cr.pol, "Multi", &type, &data,
		    NULL), 0);
		assert_int_eq(type, 7);
		assert_str_eq(data, "x,y");
		free(data);
		/* "Str" must not match "...\Test\Str" by a partial name. */
		assert_int_eq(secpol_regvalue(cr.pol, "tr", NULL, NULL, NULL),
		    -1);
		s = joined(cr.pol, "SeBatchLogonRight");
		assert_str_eq(s, "S-1-5-32-544|CONTOSO\\svc_report|Some Name");
		free(s);
		s = joined(cr.pol, "SeDenyBatchLogonRight");
		assert_str_eq(s, "");
		free(s);
		/* Unknown sections and lines without '=' are kept. */
		assert_true(secpol_find(cr.pol, "Odd Section",
		    "no equals sign here") != NULL);
		assert_str_eq(secpol_find(cr.pol, "odd section", "K")->value,
		    "v");
		assert_int_eq(secpol_find(cr.pol, "Odd Section", "k")->line,
		    15);
		cfgrun_clear(&cr);
	}

	/* The same text as UTF-16LE with BOM and CRLF, and UTF-8 + BOM. */
	cfg_write_utf16("u.inf", "[Unicode]\r\nUnicode=yes\r\n[Version]\r\n"
	    "Revision=1\r\n", 1);
	cfgrun_parse(&cr, &secedit_parser, "u.inf", NULL);
	assert_int_eq(cr.r, 0);
	if (cr.pol != NULL) {
		assert_str_eq(cr.pol->encoding, "UTF-16LE");
		assert_int_eq(secpol_number(cr.pol, "Version", "Revision", &v),
		    0);
		assert_int_eq(v, 1);
	}
	cfgrun_clear(&cr);
	cfg_write("b.inf", "\xef\xbb\xbf[Version]\nRevision=1\n", 25);
	cfgrun_parse(&cr, &secedit_parser, "b.inf", NULL);
	if (cr.pol != NULL) {
		assert_str_eq(cr.pol->encoding, "UTF-8 with BOM");
		assert_int_eq(cr.pol->nentries, 2);
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_secedit_long_line)
{
	struct cfgrun	 cr;
	FILE		*f;
	size_t		 i;
	long long	 v;

	if ((f = fopen("long.inf", "wb")) == NULL)
		return;
	fputs("[Unicode]\r\nUnicode=yes\r\n[Registry Values]\r\n"
	    "MACHINE\\Software\\Long=1,\"", f);
	for (i = 0; i < 1100000; i++)
		fputc('A', f);
	fputs("\"\r\n[System Access]\r\nLockoutBadCount = 5\r\n", f);
	fclose(f);
	cfgrun_parse(&cr, &secedit_parser, "long.inf", NULL);
	assert_int_eq(cr.r, 0);
	assert_int_eq(cr.ndamage, 1);
	assert_int_eq(cr.damage.line, 4);
	assert_str_eq(cr.damage.input, "long.inf");
	assert_true(strstr(cr.damage.msg, "longer than the limit") != NULL);
	assert_int_eq(cr.in.stats.damaged, 1);
	if (cr.pol != NULL) {
		assert_int_eq(secpol_regvalue(cr.pol, "Long", NULL, NULL, NULL),
		    -1);
		assert_int_eq(secpol_number(cr.pol, "System Access",
		    "LockoutBadCount", &v), 0);
		assert_int_eq(v, 5);
		assert_int_eq(secpol_find(cr.pol, "System Access",
		    "LockoutBadCount")->line, 6);
	}
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_secedit_noise)
{
	uint8_t		 b[4096];
	uint32_t	 x = 2463534242U;
	size_t		 i;
	struct cfgrun	 cr;

	for (i = 0; i < sizeof(b); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		b[i] = (uint8_t)x;
	}
	assert_int_eq(secedit_parser.probe(b, sizeof(b)), 0);
	assert_int_eq(taskxml_parser.probe(b, sizeof(b)), 0);
	/* Noise after a good header: the probe still refuses bad names. */
	b[0] = '[';
	assert_int_eq(secedit_parser.probe(b, sizeof(b)), 0);
	assert_int_eq(secedit_parser.probe((const uint8_t *)"[Foo]\n", 6),
	    20);
	assert_int_eq(secedit_parser.probe((const uint8_t *)"<Task>", 6), 0);
	assert_int_eq(secedit_parser.probe((const uint8_t *)"", 0), 0);
	/* Parsed anyway (forced): no crash, no entries from NUL lines. */
	cfg_write("noise.inf", b, sizeof(b));
	cfgrun_parse(&cr, &secedit_parser, "noise.inf", NULL);
	assert_int_eq(cr.r, 0);
	cfgrun_clear(&cr);
}

DEFINE_TEST(test_secedit_bad_utf16_offset)
{
	static const char	 text[] = "[Unicode]\r\nUnicode=yes\r\n"
	    "[System Access]\r\nMinimumPasswordAge = 1\r\n";
	uint8_t			 b[256];
	size_t			 n = 0, i;
	struct cfgrun		 cr;

	/* UTF-16LE, then a stray byte: damage at the offset of that byte. */
	b[n++] = 0xff;
	b[n++] = 0xfe;
	for (i = 0; text[i] != '\0'; i++) {
		b[n++] = (uint8_t)text[i];
		b[n++] = 0;
	}
	b[n++] = '\r';
	cfg_write("odd.inf", b, n);
	cfgrun_parse(&cr, &secedit_parser, "odd.inf", NULL);
	assert_int_eq(cr.r, 0);
	assert_int_eq(cr.ndamage, 1);
	assert_true(cr.damage.has_offset);
	assert_int_eq(cr.damage.offset, n - 1);
	assert_int_eq(cr.damage.line, 0);
	cfgrun_clear(&cr);
}
