/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * xmlinit.c: libxml2 from 2.11 initialises itself on first use, safely
 * beside threads; older ones (Debian 12 ships 2.9.14) want
 * xmlInitParser() called once before threads parse.  Parsers call
 * compat_xml_init() before each document: the first call does the
 * work, under pthread_once, and silences libxml2's own printing (errors
 * reach the parsers through their structured hooks).  The once-flag is
 * process state, hence here in compat/ (tests/layers.sh).
 */

#include "config.h"

#include <pthread.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xmlinit.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xml_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
xml_init(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, xml_silent);
}

void
compat_xml_init(void)
{
	pthread_once(&xml_once, xml_init);
}
