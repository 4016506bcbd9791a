/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * html.h: what the files of the HTML report share.  The page is drawn
 * by html_page.c (head, host sections, the page), html_summary.c (the
 * summary on top), html_timeline.c (one host's timeline), html_svg.c
 * (time scale, axis and marks), html_card.c (a task's card),
 * html_tables.c (findings, gaps, inputs, domain logs) and html_fleet.c
 * (the fleet page); html_util.c holds the helpers and html_css.c the
 * style sheet.
 *
 * Every string that comes from evidence goes through html_str, which
 * is safe for element text, quoted attributes and SVG text alike.  The
 * output depends only on the report: same report, same bytes.
 *
 * Hooks for tests and other tools: each timeline <svg class="timeline">
 * carries data-t0 and data-t1 (100 ns ticks since 1970, UTC), data-x0
 * and data-width (user units), and a time t is drawn at
 *
 *	x = x0 + (t - t0) * width / (t1 - t0)
 *
 * Lanes are <g class="lane" data-task="...">, the onset is <line
 * class="onset" data-time="...">, runs are elements of class "run" with
 * data-ok, evidence rows are <tr class="evidence" data-role="...">.  The
 * fleet page's <svg class="fleet-onsets"> has the same scale attributes
 * and one <g class="host-row" data-host="..."> per host.  The summary
 * is <section class="summary"> with data-failing, data-onset (UTC ISO)
 * and one <p class="why" data-cause="..."> per cause; rule ids and
 * weights sit only inside <details class="technical">.
 */

#ifndef TL_HTML_H
#define TL_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/report.h"
#include "tltime.h"
#include "util.h"

#define SEC		TL_TICKS_PER_SEC
#define MINUTE		(60 * SEC)
#define HOUR		(3600 * SEC)
#define DAY		(86400 * SEC)

/* Timeline geometry, in SVG user units (pixels at 1:1). */
#define SVG_W		1080.0
#define LABEL_W		250.0
#define PLOT_X0		(LABEL_W + 14.0)
#define PLOT_W		(SVG_W - PLOT_X0 - 24.0)
#define TOP		10.0
#define LANE_H		34.0
#define EVLANE_H	58.0
#define AXIS_H		40.0
#define FLEET_ROW_H	20.0
#define FLEET_HIST_H	46.0
#define CHAR_W		6.2		/* mean glyph width at 11px */

struct scale {
	int64_t	 t0;
	int64_t	 t1;
	double	 x0;
	double	 width;
};

extern const char html_css[];

/* html_util.c */
void		 html_str(struct buf *, const char *);
void		 html_time(struct buf *, const struct report_opts *, int64_t);
const char	*html_file_base(const char *);
void		 html_clipped(struct buf *, const char *, size_t, int);
size_t		 html_ncodepoints(const char *);
int		 html_status_rank(enum task_status);
size_t		*html_task_order(const struct host_report *);
const char	*html_cause_label(enum cause);
int		 html_task_in_summary(const struct task_report *);
enum task_status html_host_status(const struct host_report *);
int		 html_task_has_onset(const struct task_report *);
int		 html_task_is_bad(const struct task_report *);
size_t		 html_host_count(const struct host_report *, enum task_status);
int		 html_flush(FILE *, struct buf *);
int		 html_flush_part(FILE *, struct buf *);
int64_t		 html_floordiv(int64_t, int64_t);
int64_t		 html_zone_offset(const struct report_opts *, int64_t);
void		 html_time_words(struct buf *, const struct report_opts *,
		    int64_t);
void		 html_span_words(struct buf *, int64_t);

/* html_svg.c */
void		 range_add(int64_t *, int64_t *, int64_t);
void		 scale_init(struct scale *, int64_t, int64_t, double, double);
double		 scale_x(const struct scale *, int64_t);
void		 scale_attrs(struct buf *, const struct scale *);
void		 svg_axis(struct buf *, const struct scale *,
		    const struct report_opts *, double, double);
void		 svg_cross(struct buf *, double, double, double);
void		 svg_diamond(struct buf *, double, double, double,
		    const char *, const char *, double);

/* html_page.c, html_timeline.c, html_card.c, html_summary.c */
void		 html_head(struct buf *, const char *);
void		 html_tail(struct buf *);
void		 html_timeline(struct buf *, const struct host_report *, size_t,
		    const size_t *, const struct report_opts *);
void		 html_card(struct buf *, const struct task_report *, size_t,
		    size_t, const struct report_opts *);
void		 html_summary(struct buf *, const struct host_report *, size_t,
		    const size_t *, const struct report_opts *);
void		 html_fleet_summary(struct buf *, const struct report *,
		    const struct report_opts *);

/* html_tables.c */
void		 html_findings(struct buf *, const struct host_report *);
void		 html_gaps(struct buf *, const struct host_report *,
		    const struct report_opts *);
void		 html_inputs(struct buf *, const struct report *,
		    const struct host_report *);
void		 html_domain(struct buf *, const struct report *);

#endif /* TL_HTML_H */
