/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * xmlinit.h: libxml2 set up once per process, whatever its version.
 */

#ifndef TL_XMLINIT_H
#define TL_XMLINIT_H

void	 compat_xml_init(void);

#endif /* TL_XMLINIT_H */
