/*
 * Copyright (c) 2026 The taskline authors.  SPDX-License-Identifier: ISC
 *
 * report_html.c: the report as one self-contained HTML page (inline CSS
 * and SVG, no script, nothing fetched), and the fleet page that puts
 * many hosts' onsets on one time axis.
 *
 * Per host: a summary, a timeline (one lane per task with its runs and
 * onset, one lane for the dated evidence), then per task the verdict,
 * the evidence table, the alternatives and the fix; then findings, gaps
 * and inputs.  Every string that comes from evidence goes through
 * html_add_text, which is safe for element text, quoted attributes and
 * SVG text alike.  The output depends only on the report: same report,
 * same bytes.
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
 * and one <g class="host-row" data-host="..."> per host.
 */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "model/codes.h"
#include "escape.h"
#include "fleet.h"
#include "model/report.h"
#include "tltime.h"
#include "compat/tz.h"
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

/* One dated piece of evidence on the host's evidence lane. */
struct evmark {
	const struct evidence	*e;
	enum role		 role;	/* strongest role among citers */
	size_t			 first;	/* index of first citing task */
	size_t			 ntasks;
	size_t			 order;
};

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char css[] =
	":root{--failing:#c62828;--at-risk:#d98200;--recovered:#1565c0;"
	"--healthy:#2e7d32;--unknown:#757575;--ink:#1f2328;--muted:#5d6670;"
	"--line:#d8dde3;--bg:#f6f7f9;--card:#fff}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{margin:0;background:var(--bg);color:var(--ink);"
	"font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Noto Sans\",\"DejaVu Sans\",sans-serif}\n"
	"main{max-width:1120px;margin:0 auto;padding:18px 20px 40px}\n"
	"header.page{border-bottom:3px solid var(--ink);margin-bottom:18px}\n"
	"header.page h1{font-size:22px;margin:0 0 2px}\n"
	".meta,.muted{color:var(--muted)}\n"
	".meta{margin:0 0 10px}\n"
	"h2{font-size:20px;margin:28px 0 10px}\n"
	"h3{font-size:16px;margin:0 0 6px;overflow-wrap:anywhere}\n"
	"h4{font-size:13px;margin:14px 0 4px;text-transform:uppercase;"
	"letter-spacing:.04em;color:var(--muted)}\n"
	"section.host>h2{border-bottom:1px solid var(--line);"
	"padding-bottom:4px;overflow-wrap:anywhere}\n"
	".card{background:var(--card);border:1px solid var(--line);"
	"border-radius:6px;padding:12px 16px;margin:12px 0}\n"
	".summary{border-left:6px solid var(--unknown)}\n"
	".summary p{margin:4px 0}\n"
	".summary .headline{font-size:17px;font-weight:600}\n"
	".summary[data-status=failing]{border-left-color:var(--failing)}\n"
	".summary[data-status=at-risk]{border-left-color:var(--at-risk)}\n"
	".summary[data-status=recovered]{border-left-color:var(--recovered)}\n"
	".summary[data-status=healthy]{border-left-color:var(--healthy)}\n"
	".badge{display:inline-block;min-width:70px;text-align:center;"
	"padding:1px 7px;border-radius:10px;color:#fff;font-size:12px;"
	"font-weight:600;background:var(--unknown);vertical-align:1px}\n"
	".badge[data-status=failing]{background:var(--failing)}\n"
	".badge[data-status=at-risk]{background:var(--at-risk)}\n"
	".badge[data-status=recovered]{background:var(--recovered)}\n"
	".badge[data-status=healthy]{background:var(--healthy)}\n"
	".cause{font-weight:600}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px}\n"
	"th,td{text-align:left;vertical-align:top;padding:4px 8px;"
	"border-bottom:1px solid var(--line)}\n"
	"th{background:#eef1f4;font-weight:600}\n"
	"td{overflow-wrap:anywhere}\n"
	"td.num{text-align:right;white-space:nowrap}\n"
	"td.time,tr.cause-row td:first-child{white-space:nowrap}\n"
	"table.evidence,table.findings{table-layout:fixed}\n"
	"col.c-role{width:26px}col.c-time{width:158px}col.c-file{width:236px}"
	"col.c-rec{width:112px}col.c-ev{width:58px}\n"
	"col.c-sev{width:70px}col.c-id{width:230px}col.c-fix{width:36%}\n"
	"td.file .mono{font-size:11px}\n"
	"table.inputs td:first-child{white-space:nowrap}\n"
	".where{display:block;font-size:11px;color:var(--muted)}\n"
	"code,.mono{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,"
	"Consolas,monospace;font-size:12px}\n"
	"tr.evidence[data-role=supports] td.role{color:var(--failing);"
	"font-weight:700}\n"
	"tr.evidence[data-role=weakens] td.role{color:var(--recovered);"
	"font-weight:700}\n"
	"tr.evidence[data-role=context]{color:var(--muted)}\n"
	"tr.evidence[data-role=refuted]{color:var(--muted);"
	"text-decoration:line-through}\n"
	".rule{display:block;font-size:11px;color:var(--muted)}\n"
	"figure{margin:12px 0}\n"
	"figure.chart{background:var(--card);border:1px solid var(--line);"
	"border-radius:6px;padding:8px}\n"
	"svg.timeline,svg.fleet-onsets{display:block;width:100%;height:auto}\n"
	"svg text{font-family:system-ui,\"DejaVu Sans\",sans-serif;"
	"font-size:11px;fill:var(--ink)}\n"
	"svg .lanelabel{font-size:12px}\n"
	"svg .lanelabel a text,svg a.lanelabel text{fill:var(--ink)}\n"
	"svg .tick{font-size:10.5px;fill:var(--muted)}\n"
	"svg .grid{stroke:#e3e7eb;stroke-width:1}\n"
	"svg .band{fill:#f3f5f7}\n"
	"svg .failspan{fill:var(--failing);fill-opacity:.09}\n"
	"svg .run-ok{fill:var(--healthy);stroke:#fff;stroke-width:1}\n"
	"svg .run-fail{stroke:var(--failing);stroke-width:2.4;"
	"stroke-linecap:round;fill:none}\n"
	"svg .onset{stroke:var(--ink);stroke-width:2}\n"
	"svg .onsetlabel{font-size:10.5px;font-weight:600;"
	"paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
	"svg .evlabel{font-size:10px;fill:#3b434b;"
	"paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
	"svg .status{stroke:none}\n"
	"figcaption,.legend{font-size:12px;color:var(--muted);margin-top:4px}\n"
	".legend span{margin-right:14px;white-space:nowrap}\n"
	".legend svg{vertical-align:-2px;margin-right:4px}\n"
	"article.task{border-left:6px solid var(--unknown)}\n"
	"article.task[data-status=failing]{border-left-color:var(--failing)}\n"
	"article.task[data-status=at-risk]{border-left-color:var(--at-risk)}\n"
	"article.task[data-status=recovered]{border-left-color:"
	"var(--recovered)}\n"
	"article.task[data-status=healthy]{border-left-color:var(--healthy)}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr "
	"max-content 1fr;gap:2px 14px;margin:6px 0}\n"
	"dl.facts dt{color:var(--muted)}\n"
	"dl.facts dd{margin:0}\n"
	".verdict{background:#f7f8fa;border-radius:4px;padding:8px 10px;"
	"margin:8px 0}\n"
	".verdict p{margin:2px 0}\n"
	"meter{width:120px;height:10px;vertical-align:-1px}\n"
	"ol.fix li{margin:3px 0}\n"
	"ul{margin:4px 0;padding-left:22px}\n"
	"footer{margin-top:30px;font-size:12px;color:var(--muted)}\n"
	"@media print{body{background:#fff;font-size:11pt}"
	"main{max-width:none;padding:0}"
	".card,figure.chart{border-color:#bbb;break-inside:avoid}"
	"article.task{break-inside:auto}"
	"section.host+section.host{break-before:page}"
	"tr{break-inside:avoid}"
	"a{color:inherit;text-decoration:none}}\n";

/* Helpers. */

static void
ht(struct buf *b, const char *s)
{
	html_add_text(b, s != NULL ? s : "");
}

static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t
zone_offset(const struct report_opts *o, int64_t t)
{
	if (o->tz_name == NULL || t == TL_TIME_NONE)
		return 0;
	return tz_offset(o->tz_name, t);
}

/* <time datetime="UTC ISO">display</time>, or a dash. */
static void
add_time(struct buf *b, const struct report_opts *o, int64_t t)
{
	char	iso[TL_TIME_STRLEN], s[48];

	if (t == TL_TIME_NONE) {
		buf_adds(b, "<span class=\"muted\">-</span>");
		return;
	}
	buf_printf(b, "<time datetime=\"%s\">%s</time>",
	    tl_time_format(t, iso, sizeof(iso)), report_when(o, t, s, sizeof(s)));
}

static const char *
file_base(const char *path)
{
	const char	*s;

	if (path == NULL)
		return NULL;
	s = strrchr(path, '/');
	return s != NULL ? s + 1 : path;
}

/*
 * At most max code points of s: the tail when keep_tail (task paths
 * read from the right), else the head, with an ellipsis where cut.
 */
static void
add_clipped(struct buf *b, const char *s, size_t max, int keep_tail)
{
	struct buf	 tmp;
	size_t		 n = 0, i, len, skip, cut;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	if (n <= max) {
		ht(b, s);
		return;
	}
	buf_init(&tmp);
	if (keep_tail) {
		skip = n - (max - 1);
		for (i = 0, n = 0; i < len; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    n++ == skip)
				break;
		buf_adds(&tmp, "\xe2\x80\xa6");
		buf_adds(&tmp, s + i);
	} else {
		for (i = 0, n = 0, cut = len; i < len; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    n++ == max - 1) {
				cut = i;
				break;
			}
		buf_add(&tmp, s, cut);
		buf_adds(&tmp, "\xe2\x80\xa6");
	}
	ht(b, tmp.data);
	buf_clear(&tmp);
}

static size_t
ncodepoints(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
status_rank(enum task_status s)
{
	switch (s) {
	case ST_FAILING:
		return 0;
	case ST_AT_RISK:
		return 1;
	case ST_RECOVERED:
		return 2;
	case ST_HEALTHY:
		return 3;
	default:
		return 4;
	}
}

/* The tasks of a host, worst first, stable within a status. */
static size_t *
task_order(const struct host_report *h)
{
	size_t	*v, i, n = 0;
	int	 rank;

	v = xcalloc(h->ntasks + 1, sizeof(*v));
	for (rank = 0; rank <= 4; rank++)
		for (i = 0; i < h->ntasks; i++)
			if (status_rank(h->tasks[i].status) == rank)
				v[n++] = i;
	return v;
}

static const char *
cause_label(enum cause c)
{
	const char	*s = cause_name(c);

	return s != NULL ? s : "none";
}

/* A short label for an evidence mark on the timeline: the rule's own. */
static const char *
evidence_label(const struct evidence *e)
{
	if (e->label != NULL)
		return e->label;
	return e->rule != NULL ? e->rule : "evidence";
}

/* The time scale. */

static void
range_add(int64_t *lo, int64_t *hi, int64_t t)
{
	if (t == TL_TIME_NONE)
		return;
	if (*lo == TL_TIME_NONE || t < *lo)
		*lo = t;
	if (*hi == TL_TIME_NONE || t > *hi)
		*hi = t;
}

/* A scale over [lo, hi] with a margin, at least two hours wide. */
static void
scale_init(struct scale *s, int64_t lo, int64_t hi, double x0, double width)
{
	int64_t	pad;

	if (lo == TL_TIME_NONE || hi == TL_TIME_NONE) {
		lo = 0;
		hi = DAY;
	}
	if (hi - lo < 2 * HOUR) {
		pad = (2 * HOUR - (hi - lo)) / 2;
		lo -= pad;
		hi += pad;
	}
	pad = (hi - lo) / 25;
	s->t0 = lo - pad;
	s->t1 = hi + pad;
	s->x0 = x0;
	s->width = width;
}

static double
scale_x(const struct scale *s, int64_t t)
{
	return s->x0 + (double)(t - s->t0) * s->width /
	    (double)(s->t1 - s->t0);
}

static void
scale_attrs(struct buf *b, const struct scale *s)
{
	buf_printf(b, " data-t0=\"%" PRId64 "\" data-t1=\"%" PRId64 "\""
	    " data-x0=\"%.1f\" data-width=\"%.1f\"", s->t0, s->t1, s->x0,
	    s->width);
}

/*
 * Grid lines from y0 to y1 and tick labels under y1, in UTC or --tz.
 * Steps go from minutes to months so that there are at most nine ticks;
 * ticks fall on round local times (at the zone's offset at t0).
 */
static void
svg_axis(struct buf *b, const struct scale *s, const struct report_opts *o,
    double y0, double y1)
{
	static const int64_t steps[] = {
		MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
		HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY,
		7 * DAY, 14 * DAY,
	};
	static const int months[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
	int64_t	 span = s->t1 - s->t0, off0, step = 0, t, y, py = -1;
	int64_t	 cy;
	int	 mstep = 0, mo, d, h, mi, sec, pm = -1, pd = -1, cm;
	size_t	 i;
	uint32_t frac;
	double	 x;
	char	 l1[32], l2[32];

	off0 = zone_offset(o, s->t0);
	for (i = 0; i < TL_NELEM(steps); i++)
		if (span / steps[i] <= 8) {
			step = steps[i];
			break;
		}
	if (step == 0) {
		for (i = 0; i < TL_NELEM(months); i++)
			if (span / (30 * DAY * months[i]) <= 7)
				break;
		mstep = months[i < TL_NELEM(months) ? i :
		    TL_NELEM(months) - 1];
	}
	buf_adds(b, "<g class=\"axis\">");
	if (mstep == 0)
		t = (floordiv(s->t0 + off0 - 1, step) + 1) * step - off0;
	else {
		tl_time_to_civil(s->t0 + off0, &cy, &cm, &d, &h, &mi, &sec,
		    &frac);
		cm = (cm - 1) / mstep * mstep + 1;
		t = tl_time_from_civil(cy, cm, 1, 0, 0, 0) - off0;
	}
	for (;;) {
		if (mstep != 0 && t < s->t0)
			goto next;
		if (t > s->t1)
			break;
		x = scale_x(s, t);
		tl_time_to_civil(t + zone_offset(o, t), &y, &mo, &d, &h, &mi,
		    &sec, &frac);
		l2[0] = '\0';
		if (mstep != 0) {
			snprintf(l1, sizeof(l1), "%s", month_names[mo - 1]);
			if (y != py)
				snprintf(l2, sizeof(l2), "%" PRId64, y);
		} else if (step >= DAY) {
			snprintf(l1, sizeof(l1), "%s %d", month_names[mo - 1],
			    d);
			if (y != py)
				snprintf(l2, sizeof(l2), "%" PRId64, y);
		} else {
			snprintf(l1, sizeof(l1), "%02d:%02d", h, mi);
			if (d != pd || mo != pm || y != py)
				snprintf(l2, sizeof(l2), "%s %d",
				    month_names[mo - 1], d);
		}
		py = y;
		pm = mo;
		pd = d;
		buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/>", x, y0, x, y1 + 4);
		buf_printf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">%s</text>", x, y1 + 16, l1);
		if (l2[0] != '\0')
			buf_printf(b, "<text class=\"tick\" x=\"%.1f\" "
			    "y=\"%.1f\" text-anchor=\"middle\">%s</text>", x,
			    y1 + 29, l2);
next:
		if (mstep == 0)
			t += step;
		else {
			tl_time_to_civil(t + off0, &cy, &cm, &d, &h, &mi, &sec,
			    &frac);
			cm += mstep;
			cy += (cm - 1) / 12;
			cm = (cm - 1) % 12 + 1;
			t = tl_time_from_civil(cy, cm, 1, 0, 0, 0) - off0;
		}
	}
	buf_printf(b, "<text class=\"tick\" x=\"12\" y=\"%.1f\">time (",
	    y1 + 16);
	ht(b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(b, ")</text></g>\n");
}

/* Marks. */

static void
svg_cross(struct buf *b, double x, double y, double r)
{
	buf_printf(b, "<path class=\"run-fail\" d=\"M%.1f %.1fL%.1f %.1f"
	    "M%.1f %.1fL%.1f %.1f\"/>", x - r, y - r, x + r, y + r, x - r,
	    y + r, x + r, y - r);
}

static void
svg_diamond(struct buf *b, double x, double y, double r, const char *fill,
    const char *stroke, double sw)
{
	buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" "
	    "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"/>", x, y - r,
	    x + r, y, x, y + r, x - r, y, fill, stroke, sw);
}

/*
 * The runs of one kind (ok or failed) in a lane.  Runs closer than a
 * pixel and a half share one mark whose hover text counts them.
 */
static void
svg_runs(struct buf *b, const struct task_report *t, const struct scale *s,
    const struct report_opts *o, int ok, double y)
{
	size_t	 i, j, n;
	double	 x, gx;
	char	 a[48], c[48];

	for (i = 0; i < t->nruns; i = j) {
		if ((t->run_ok[i] != 0) != ok) {
			j = i + 1;
			continue;
		}
		gx = scale_x(s, t->run_times[i]);
		n = 1;
		for (j = i + 1; j < t->nruns; j++) {
			if ((t->run_ok[j] != 0) != ok)
				continue;
			x = scale_x(s, t->run_times[j]);
			if (x - gx >= 1.5 || x < gx)
				break;
			n++;
		}
		/* j now is the next run of this kind not in the group. */
		while (j < t->nruns && (t->run_ok[j] != 0) != ok)
			j++;
		buf_printf(b, "<g class=\"run\" data-ok=\"%d\" data-n=\"%zu\">"
		    "<title>", ok, n);
		if (n == 1)
			buf_printf(b, "%s %s", report_when(o, t->run_times[i], a,
			    sizeof(a)), ok ? "succeeded" : "failed");
		else {
			size_t	k, last = i;

			for (k = i; k < j; k++)
				if ((t->run_ok[k] != 0) == ok)
					last = k;
			buf_printf(b, "%zu runs %s, %s .. %s", n, ok ?
			    "succeeded" : "failed", report_when(o, t->run_times[i], a,
			    sizeof(a)), report_when(o, t->run_times[last], c,
			    sizeof(c)));
		}
		buf_adds(b, "</title>");
		if (ok)
			buf_printf(b, "<circle class=\"run-ok\" cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"4.5\"/>", gx, y);
		else
			svg_cross(b, gx, y, 4.2);
		buf_adds(b, "</g>");
	}
}

static void
svg_lane(struct buf *b, const struct task_report *t, size_t hi, size_t ti,
    const struct scale *s, const struct report_opts *o, double y)
{
	double	 mid = y + LANE_H / 2 + 3, x, xe;
	int64_t	 end;
	char	 a[48];
	const char *st = status_name(t->status);

	buf_adds(b, "<g class=\"lane\" data-task=\"");
	ht(b, t->task);
	buf_printf(b, "\" data-status=\"%s\">", st);
	buf_printf(b, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\"/>", y + 1, SVG_W, LANE_H - 2);
	buf_printf(b, "<rect class=\"status\" x=\"0\" y=\"%.1f\" width=\"5\" "
	    "height=\"%.1f\" fill=\"var(--%s)\"/>", y + 1, LANE_H - 2, st);
	buf_printf(b, "<a class=\"lanelabel\" href=\"#h%zu-t%zu\"><text "
	    "x=\"12\" y=\"%.1f\"><title>", hi, ti, y + LANE_H / 2 + 4);
	ht(b, t->task);
	buf_printf(b, " (%s)</title>", st);
	add_clipped(b, t->task, (size_t)((LABEL_W - 14) / 6.6), 1);
	buf_adds(b, "</text></a>");

	/* The failing span: from the onset to the end or the recovery. */
	if (t->onset != TL_TIME_NONE && (t->status == ST_FAILING ||
	    t->status == ST_RECOVERED)) {
		end = t->status == ST_FAILING ? s->t1 : t->last_failure !=
		    TL_TIME_NONE ? t->last_failure : t->onset;
		x = scale_x(s, t->onset);
		xe = scale_x(s, end);
		buf_printf(b, "<rect class=\"failspan\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\"/>", x, y + 3,
		    xe - x > 1 ? xe - x : 1, LANE_H - 6);
	}
	svg_runs(b, t, s, o, 1, mid);
	svg_runs(b, t, s, o, 0, mid);
	if (t->onset != TL_TIME_NONE && t->status != ST_HEALTHY &&
	    t->status != ST_AT_RISK) {
		char	iso[TL_TIME_STRLEN];
		int	right;

		x = scale_x(s, t->onset);
		right = x > s->x0 + s->width - 110;
		buf_printf(b, "<g class=\"onset-mark\"><title>onset %s</title>"
		    "<line class=\"onset\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" data-time=\"%s\"/>", report_when(o, t->onset, a,
		    sizeof(a)), x, y + 2, x, y + LANE_H - 2,
		    tl_time_format(t->onset, iso, sizeof(iso)));
		buf_printf(b, "<text class=\"onsetlabel\" x=\"%.1f\" y=\"%.1f\""
		    " text-anchor=\"%s\">onset %.11s</text></g>",
		    right ? x - 4 : x + 4, y + 12, right ? "end" : "start",
		    report_when(o, t->onset, a, sizeof(a)) + 5);
	}
	buf_adds(b, "</g>\n");
}

static int
evmark_cmp(const void *va, const void *vb)
{
	const struct evmark	*a = va, *b = vb;

	if (a->e->time != b->e->time)
		return a->e->time < b->e->time ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
evidence_same(const struct evidence *a, const struct evidence *b)
{
	if (a->time != b->time || a->record != b->record ||
	    strcmp(a->rule != NULL ? a->rule : "", b->rule != NULL ?
	    b->rule : "") != 0)
		return 0;
	if (a->source_file == NULL || b->source_file == NULL)
		return a->source_file == b->source_file &&
		    strcmp(a->text != NULL ? a->text : "", b->text != NULL ?
		    b->text : "") == 0;
	return strcmp(a->source_file, b->source_file) == 0;
}

/* The dated evidence of every task on a host, once each, by time. */
static struct evmark *
collect_evidence(const struct host_report *h, size_t *np)
{
	struct evmark	*v = NULL;
	size_t		 n = 0, cap = 0, i, j, k;
	const struct evidence *e;

	for (i = 0; i < h->ntasks; i++) {
		for (j = 0; j < h->tasks[i].nevidence; j++) {
			e = &h->tasks[i].evidence[j];
			if (e->time == TL_TIME_NONE || (e->rule != NULL &&
			    strcmp(e->rule, "task-result-code") == 0))
				continue;
			for (k = 0; k < n; k++)
				if (evidence_same(v[k].e, e))
					break;
			if (k < n) {
				if (e->role < v[k].role) {
					v[k].role = e->role;
					v[k].e = e;
				}
				if (v[k].first != i)
					v[k].ntasks++;
				continue;
			}
			if (n == cap) {
				cap = cap == 0 ? 16 : cap * 2;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[n].e = e;
			v[n].role = e->role;
			v[n].first = i;
			v[n].ntasks = 1;
			v[n].order = n;
			n++;
		}
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), evmark_cmp);
	*np = n;
	return v;
}

static void
svg_evidence_lane(struct buf *b, const struct host_report *h,
    const struct scale *s, const struct report_opts *o, double y)
{
	struct evmark	*v;
	size_t		 n, i;
	double		 mid = y + EVLANE_H / 2 + 2, x, w, lx, end[2];
	const char	*label, *fill, *stroke, *prev = NULL;
	char		 a[48];
	int		 row;
	double		 px = 0;

	v = collect_evidence(h, &n);
	buf_printf(b, "<g class=\"evidence-lane\" data-n=\"%zu\">", n);
	buf_printf(b, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\"/>", y + 1, SVG_W, EVLANE_H - 2);
	buf_printf(b, "<text class=\"lanelabel\" x=\"12\" y=\"%.1f\" "
	    "font-weight=\"600\">evidence</text>", mid + 4);
	buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/>", s->x0, mid, s->x0 + s->width, mid);
	end[0] = end[1] = -1e9;
	for (i = 0; i < n; i++) {
		const struct evidence *e = v[i].e;

		x = scale_x(s, e->time);
		buf_printf(b, "<g class=\"ev\" data-role=\"%s\" data-rule=\"",
		    role_name(v[i].role));
		ht(b, e->rule);
		buf_adds(b, "\"><title>");
		buf_printf(b, "%s ", report_when(o, e->time, a, sizeof(a)));
		ht(b, e->rule);
		buf_printf(b, " (%s", role_name(v[i].role));
		if (e->cause != CAUSE_NONE && v[i].role < ROLE_CONTEXT)
			buf_printf(b, " %s", cause_label(e->cause));
		buf_adds(b, "): ");
		ht(b, e->text);
		if (e->source_file != NULL) {
			buf_adds(b, " [");
			ht(b, file_base(e->source_file));
			if (e->record != 0)
				buf_printf(b, " %s %" PRIu64, e->has_event ?
				    "record" : "line", e->record);
			buf_adds(b, "]");
		}
		buf_adds(b, "</title>");
		stroke = v[i].role >= ROLE_CONTEXT ? "#9aa3ad" :
		    cause_color(e->cause);
		fill = v[i].role == ROLE_SUPPORTS ? stroke :
		    v[i].role == ROLE_WEAKENS ? "#fff" : "#c9cfd6";
		svg_diamond(b, x, mid, v[i].role >= ROLE_CONTEXT ? 4.5 : 6.5,
		    fill, stroke, v[i].role == ROLE_WEAKENS ? 2 : 1);
		/* Labels above, then below; none when both rows are taken. */
		label = evidence_label(e);
		w = (double)ncodepoints(label) * 5.6 + 6;
		lx = x - w / 2;
		if (lx < s->x0 - 6)
			lx = s->x0 - 6;
		if (lx + w > SVG_W - 2)
			lx = SVG_W - 2 - w;
		row = lx > end[0] ? 0 : lx > end[1] ? 1 : -1;
		if (prev != NULL && strcmp(prev, label) == 0 && x - px < 90)
			row = -1;
		if (v[i].role < ROLE_CONTEXT && row >= 0) {
			prev = label;
			px = x;
			end[row] = lx + w;
			buf_printf(b, "<text class=\"evlabel\" x=\"%.1f\" "
			    "y=\"%.1f\">", lx + 3, row == 0 ? mid - 11 :
			    mid + 19);
			ht(b, label);
			buf_adds(b, "</text>");
		}
		buf_adds(b, "</g>");
	}
	buf_adds(b, "</g>\n");
	free(v);
}

static void
html_legend(struct buf *b)
{
	buf_adds(b, "<div class=\"legend\">"
	    "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
	    "<circle cx=\"6\" cy=\"6\" r=\"4.5\" fill=\"#2e7d32\"/></svg>"
	    "run succeeded</span>"
	    "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
	    "<path d=\"M2 2L10 10M2 10L10 2\" stroke=\"#c62828\" "
	    "stroke-width=\"2.4\" stroke-linecap=\"round\"/></svg>"
	    "run failed</span>"
	    "<span><svg width=\"6\" height=\"14\" aria-hidden=\"true\">"
	    "<line x1=\"3\" y1=\"0\" x2=\"3\" y2=\"14\" stroke=\"#1f2328\" "
	    "stroke-width=\"2\"/></svg>onset</span>"
	    "<span><svg width=\"18\" height=\"12\" aria-hidden=\"true\">"
	    "<rect width=\"18\" height=\"12\" fill=\"#c62828\" "
	    "fill-opacity=\".12\"/></svg>failing</span>"
	    "<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\">"
	    "<path d=\"M7 1L13 7L7 13L1 7Z\" fill=\"#6a3d9a\"/></svg>"
	    "evidence for the verdict</span>"
	    "<span><svg width=\"14\" height=\"14\" aria-hidden=\"true\">"
	    "<path d=\"M7 1L13 7L7 13L1 7Z\" fill=\"#fff\" stroke=\"#6a3d9a\" "
	    "stroke-width=\"2\"/></svg>evidence against</span>"
	    "<span><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
	    "<path d=\"M6 2L10 6L6 10L2 6Z\" fill=\"#c9cfd6\" "
	    "stroke=\"#9aa3ad\"/></svg>context</span>"
	    "<span>diamond colour: the cause it bears on (see the summary)"
	    "</span></div>\n");
}

static void
svg_host_timeline(struct buf *b, const struct host_report *h, size_t hi,
    const size_t *order, const struct report_opts *o)
{
	struct scale	 s;
	int64_t		 lo = TL_TIME_NONE, hi_t = TL_TIME_NONE;
	size_t		 i, j;
	double		 height, y;
	const struct task_report *t;

	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		for (j = 0; j < t->nruns; j++)
			range_add(&lo, &hi_t, t->run_times[j]);
		range_add(&lo, &hi_t, t->onset);
		for (j = 0; j < t->nevidence; j++)
			range_add(&lo, &hi_t, t->evidence[j].time);
	}
	scale_init(&s, lo, hi_t, PLOT_X0, PLOT_W);
	height = TOP + (double)h->ntasks * LANE_H + EVLANE_H + AXIS_H;
	buf_printf(b, "<figure class=\"chart\"><svg class=\"timeline\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\"", SVG_W, height,
	    SVG_W, height);
	scale_attrs(b, &s);
	buf_adds(b, " data-host=\"");
	ht(b, h->host);
	buf_adds(b, "\"><title>Timeline of ");
	ht(b, h->host);
	buf_adds(b, "</title><desc>One lane per task: green circles are "
	    "successful runs, red crosses failed runs, the vertical bar "
	    "the onset of failure.  The last lane holds the dated evidence "
	    "behind the verdicts.</desc>\n");
	svg_axis(b, &s, o, TOP, TOP + (double)h->ntasks * LANE_H +
	    EVLANE_H);
	y = TOP;
	for (i = 0; i < h->ntasks; i++) {
		svg_lane(b, &h->tasks[order[i]], hi, order[i], &s, o, y);
		y += LANE_H;
	}
	svg_evidence_lane(b, h, &s, o, y);
	buf_adds(b, "</svg>");
	html_legend(b);
	buf_adds(b, "</figure>\n");
}

/* The written report. */

static void
html_head(struct buf *b, const char *title)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"taskline " PACKAGE_VERSION
	    "\">\n<title>");
	ht(b, title);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, css);
	buf_adds(b, "</style>\n</head>\n<body>\n<main>\n");
}

static void
html_tail(struct buf *b)
{
	buf_adds(b, "<footer>Written by taskline " PACKAGE_VERSION " from "
	    "the inputs listed above; the same inputs give the same "
	    "page.</footer>\n</main>\n</body>\n</html>\n");
}

static void
html_codes(struct buf *b, const struct task_report *t)
{
	const struct code_info	*ci;
	size_t			 i;

	for (i = 0; i < t->ncodes; i++) {
		ci = code_lookup(t->codes[i].code);
		buf_printf(b, "%s<code>0x%08X</code>", i > 0 ? "<br>" : "",
		    t->codes[i].code);
		if (ci != NULL) {
			buf_adds(b, " ");
			ht(b, ci->name);
		}
		buf_printf(b, " &times;%lu", t->codes[i].count);
	}
	if (t->ncodes == 0)
		buf_adds(b, "<span class=\"muted\">-</span>");
}

static void
html_evidence_table(struct buf *b, const struct task_report *t,
    const struct report_opts *o)
{
	size_t	i;

	if (t->nevidence == 0) {
		buf_adds(b, "<p class=\"muted\">No evidence.</p>\n");
		return;
	}
	buf_adds(b, "<table class=\"evidence\"><colgroup><col class=\"c-role\">"
	    "<col class=\"c-time\"><col class=\"c-file\"><col class=\"c-rec\">"
	    "<col class=\"c-ev\"><col></colgroup><thead><tr><th></th>"
	    "<th>time</th><th>source file</th><th>record</th>"
	    "<th>event</th><th>reading</th></tr></thead><tbody>\n");
	for (i = 0; i < t->nevidence; i++) {
		const struct evidence *e = &t->evidence[i];

		buf_printf(b, "<tr class=\"evidence\" data-role=\"%s\">"
		    "<td class=\"role\" title=\"%s\">%s</td><td class=\"time\">",
		    role_name(e->role), e->role == ROLE_SUPPORTS ?
		    "supports the verdict" : e->role == ROLE_WEAKENS ?
		    "weakens the verdict" : "context", e->role ==
		    ROLE_SUPPORTS ? "+" : e->role == ROLE_WEAKENS ?
		    "&minus;" : "&middot;");
		if (e->time == TL_TIME_NONE)
			buf_adds(b, "<span class=\"muted\">configuration"
			    "</span>");
		else
			add_time(b, o, e->time);
		buf_adds(b, "</td><td class=\"file\">");
		if (e->source_file != NULL) {
			buf_adds(b, "<span class=\"mono\" title=\"");
			ht(b, e->source_file);
			buf_adds(b, "\">");
			ht(b, file_base(e->source_file));
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td class=\"num\">");
		if (e->record != 0)
			buf_printf(b, "%s %" PRIu64, e->has_event ? "record" :
			    "line", e->record);
		buf_adds(b, "</td><td class=\"num\">");
		if (e->has_event)
			buf_printf(b, "%" PRIu32, e->event_id);
		buf_adds(b, "</td><td class=\"reading\"><span class=\"rule\">");
		ht(b, e->rule);
		if (e->cause != CAUSE_NONE && e->role < ROLE_CONTEXT) {
			buf_adds(b, " &rarr; ");
			ht(b, cause_label(e->cause));
		}
		buf_adds(b, "</span>");
		ht(b, e->text);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n");
}

static void
html_task(struct buf *b, const struct task_report *t, size_t hi, size_t ti,
    const struct report_opts *o)
{
	const char	*st = status_name(t->status);
	size_t		 i;

	buf_printf(b, "<article class=\"task card\" id=\"h%zu-t%zu\" "
	    "data-status=\"%s\" data-task=\"", hi, ti, st);
	ht(b, t->task);
	buf_printf(b, "\">\n<h3><span class=\"badge\" data-status=\"%s\">%s"
	    "</span> ", st, st);
	ht(b, t->task);
	buf_adds(b, "</h3>\n<dl class=\"facts\">");
	buf_adds(b, "<dt>runs as</dt><dd>");
	if (t->user != NULL || t->sid != NULL) {
		ht(b, t->user != NULL ? t->user : t->sid);
		if (t->user != NULL && t->sid != NULL) {
			buf_adds(b, " <span class=\"muted mono\">");
			ht(b, t->sid);
			buf_adds(b, "</span>");
		}
	} else
		buf_adds(b, "<span class=\"muted\">?</span>");
	buf_adds(b, "</dd><dt>logon type</dt><dd>");
	if (t->logon_type != NULL)
		ht(b, t->logon_type);
	else
		buf_adds(b, "<span class=\"muted\">-</span>");
	if (t->enabled == 0)
		buf_adds(b, " (task disabled)");
	if (!t->has_definition)
		buf_adds(b, " <span class=\"muted\">(no task definition)"
		    "</span>");
	buf_adds(b, "</dd><dt>onset</dt><dd>");
	if (t->onset_exact == 0 && t->onset != TL_TIME_NONE)
		buf_adds(b, "failing since at least ");
	add_time(b, o, t->onset);
	if (t->onset_exact == 0 && t->onset != TL_TIME_NONE)
		buf_adds(b, " <span class=\"muted\">(no success before it "
		    "in the evidence)</span>");
	buf_adds(b, "</dd><dt>first failure</dt><dd>");
	add_time(b, o, t->first_failure);
	buf_adds(b, "</dd><dt>last success</dt><dd>");
	add_time(b, o, t->last_success);
	buf_adds(b, "</dd><dt>last failure</dt><dd>");
	add_time(b, o, t->last_failure);
	buf_printf(b, "</dd><dt>runs</dt><dd>%lu failed, %lu succeeded",
	    t->failures, t->successes);
	if (t->shared_logons > 0)
		buf_printf(b, " <span class=\"muted\">(%lu batch logon%s of "
		    "the account shared with other tasks, not counted)"
		    "</span>", t->shared_logons, t->shared_logons == 1 ? "" :
		    "s");
	buf_adds(b, "</dd><dt>result codes</dt><dd>");
	html_codes(b, t);
	buf_adds(b, "</dd></dl>\n");

	if (t->cause != CAUSE_NONE) {
		buf_printf(b, "<div class=\"verdict\"><p>Cause: <span "
		    "class=\"cause\" style=\"color:%s\">%s</span>, confidence "
		    "<meter min=\"0\" max=\"1\" value=\"%.2f\"></meter> %.2f"
		    "</p><p>%s</p></div>\n", cause_color(t->cause),
		    cause_label(t->cause), t->confidence, t->confidence,
		    cause_sentence(t->cause));
	}
	if (t->nalts > 0) {
		buf_adds(b, "<h4>Alternatives</h4><ul class=\"alternatives\">");
		for (i = 0; i < t->nalts; i++) {
			buf_printf(b, "<li><span class=\"cause\">%s</span> "
			    "%.2f: ", cause_label(t->alts[i].cause),
			    t->alts[i].confidence);
			ht(b, t->alts[i].why);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "<h4>Evidence</h4>\n");
	html_evidence_table(b, t, o);
	if (t->nremediation > 0) {
		buf_adds(b, "<h4>Fix</h4><ol class=\"fix\">");
		for (i = 0; i < t->nremediation; i++) {
			buf_adds(b, "<li>");
			ht(b, t->remediation[i]);
			buf_adds(b, "</li>");
		}
		buf_adds(b, "</ol>\n");
	}
	buf_adds(b, "</article>\n");
}

/* Tasks whose cause the summary names. */
static int
task_in_summary(const struct task_report *t)
{
	return t->status == ST_FAILING || t->status == ST_AT_RISK ||
	    t->status == ST_RECOVERED;
}

/* The host's worst status, for the colour of its summary. */
static enum task_status
host_status(const struct host_report *h)
{
	enum task_status	 w = ST_UNKNOWN;
	size_t			 i;
	int			 best = 5;

	for (i = 0; i < h->ntasks; i++)
		if (status_rank(h->tasks[i].status) < best) {
			best = status_rank(h->tasks[i].status);
			w = h->tasks[i].status;
		}
	return w;
}

static void
html_summary(struct buf *b, const struct host_report *h, size_t hi,
    const size_t *order, const struct report_opts *o)
{
	size_t		 i, j, k, nfail = 0, nrisk = 0, nrec = 0, n;
	int64_t		 first = TL_TIME_NONE;
	const struct task_report *t;
	enum task_status ws = host_status(h);

	for (i = 0; i < h->ntasks; i++) {
		t = &h->tasks[i];
		if (t->status == ST_FAILING) {
			nfail++;
			if (first == TL_TIME_NONE || (t->onset !=
			    TL_TIME_NONE && t->onset < first))
				first = t->onset;
		} else if (t->status == ST_AT_RISK)
			nrisk++;
		else if (t->status == ST_RECOVERED)
			nrec++;
	}
	buf_printf(b, "<div class=\"summary card\" data-status=\"%s\">\n"
	    "<p class=\"headline\">", status_name(ws));
	if (nfail > 0) {
		buf_printf(b, "%zu of %zu task%s failing since ", nfail,
		    h->ntasks, h->ntasks == 1 ? "" : "s");
		add_time(b, o, first);
	} else if (h->ntasks > 0)
		buf_printf(b, "No task failing (%zu task%s)", h->ntasks,
		    h->ntasks == 1 ? "" : "s");
	else
		buf_adds(b, "No scheduled task found");
	if (nrisk > 0 || nrec > 0)
		buf_printf(b, "; %zu at risk, %zu recovered", nrisk, nrec);
	buf_adds(b, "</p>\n");

	/* One sentence per cause among tasks not healthy. */
	for (k = 0; k <= CAUSE_UNKNOWN; k++) {
		n = 0;
		for (i = 0; i < h->ntasks; i++) {
			t = &h->tasks[order[i]];
			if (task_in_summary(t) && t->cause == (enum cause)k)
				n++;
		}
		if (n == 0)
			continue;
		buf_printf(b, "<p class=\"why\"><span class=\"cause\" "
		    "style=\"color:%s\">%s</span> (", cause_color(k),
		    cause_label(k));
		for (i = 0, j = 0; i < h->ntasks; i++) {
			t = &h->tasks[order[i]];
			if (!task_in_summary(t) || t->cause != (enum cause)k)
				continue;
			if (j++ > 0)
				buf_adds(b, ", ");
			buf_printf(b, "<a href=\"#h%zu-t%zu\">",
			    hi, order[i]);
			ht(b, t->task);
			buf_adds(b, "</a>");
			if (t->status != ST_FAILING)
				buf_printf(b, " (%s)", status_name(t->status));
		}
		buf_printf(b, "): %s</p>\n", cause_sentence(k));
	}
	for (i = 0; i < h->nclusters; i++) {
		buf_adds(b, "<p class=\"cluster\">Began failing together, ");
		add_time(b, o, h->clusters[i].start);
		buf_adds(b, " .. ");
		add_time(b, o, h->clusters[i].end);
		buf_adds(b, ": ");
		for (j = 0; j < h->clusters[i].ntasks; j++) {
			if (j > 0)
				buf_adds(b, ", ");
			ht(b, h->clusters[i].tasks[j]);
		}
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "</div>\n");
}

static void
html_findings(struct buf *b, const struct host_report *h)
{
	size_t	i;

	if (h->findings.n == 0)
		return;
	buf_adds(b, "<div class=\"card\"><h3>Findings from configuration</h3>"
	    "\n<table class=\"findings\"><colgroup><col class=\"c-sev\">"
	    "<col class=\"c-id\"><col><col class=\"c-fix\"></colgroup>"
	    "<thead><tr><th>severity</th><th>finding</th><th>what</th>"
	    "<th>fix</th></tr></thead><tbody>\n");
	for (i = 0; i < h->findings.n; i++) {
		const struct finding *f = &h->findings.v[i];

		buf_printf(b, "<tr class=\"finding\" data-severity=\"%s\">"
		    "<td>%s</td><td><code>", severity_name(f->severity),
		    severity_name(f->severity));
		ht(b, f->id);
		buf_adds(b, "</code>");
		if (f->task != NULL) {
			buf_adds(b, "<span class=\"where\">");
			ht(b, f->task);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td>");
		ht(b, f->text);
		if (f->file != NULL) {
			buf_adds(b, "<span class=\"where mono\">");
			ht(b, file_base(f->file));
			if (f->line != 0)
				buf_printf(b, ":%lu", f->line);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td>");
		ht(b, f->fix);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void
html_gaps(struct buf *b, const struct host_report *h,
    const struct report_opts *o)
{
	size_t	i;

	if (h->ngaps == 0)
		return;
	buf_adds(b, "<div class=\"card\"><h3>Evidence gaps</h3>\n<table class=\"gaps\"><thead>"
	    "<tr><th>gap</th><th>time</th><th>source file</th><th>record</th>"
	    "<th>what</th></tr></thead><tbody>\n");
	for (i = 0; i < h->ngaps; i++) {
		const struct gap *g = &h->gaps[i];

		buf_adds(b, "<tr class=\"gap\"><td><code>");
		ht(b, g->id);
		buf_adds(b, "</code></td><td class=\"time\">");
		add_time(b, o, g->time);
		buf_adds(b, "</td><td class=\"mono\">");
		ht(b, file_base(g->source_file));
		buf_adds(b, "</td><td class=\"num\">");
		if (g->record != 0)
			buf_printf(b, "%" PRIu64, g->record);
		buf_adds(b, "</td><td>");
		ht(b, g->text);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void
html_inputs(struct buf *b, const struct report *r,
    const struct host_report *h)
{
	size_t	i;

	buf_adds(b, "<div class=\"card\"><h3>Inputs</h3>\n<table class=\"inputs\"><thead><tr>"
	    "<th>kind</th><th>file</th><th>SHA-256</th><th>bytes</th>"
	    "<th>records</th><th>recovered</th><th>damaged</th>"
	    "<th>skipped</th></tr></thead><tbody>\n");
	for (i = 0; i < h->ninputs; i++) {
		const struct report_input *in;

		if (h->inputs[i] >= r->ninputs)
			continue;
		in = &r->inputs[h->inputs[i]];
		buf_adds(b, "<tr class=\"input\"><td>");
		ht(b, in->kind);
		buf_adds(b, "</td><td class=\"mono\">");
		ht(b, in->path);
		if (in->note != NULL) {
			buf_adds(b, "<br><span class=\"muted\">");
			ht(b, in->note);
			buf_adds(b, "</span>");
		}
		buf_adds(b, "</td><td class=\"mono sha256\">");
		ht(b, in->sha256);
		buf_printf(b, "</td><td class=\"num\">%" PRIu64 "</td>"
		    "<td class=\"num\">%" PRIu64 "</td><td class=\"num\">%"
		    PRIu64 "</td><td class=\"num\">%" PRIu64 "</td>"
		    "<td class=\"num\">%" PRIu64 "</td></tr>\n", in->size,
		    in->records, in->recovered, in->damaged, in->skipped);
	}
	buf_adds(b, "</tbody></table></div>\n");
}

/* The domain controllers whose logs served the member hosts. */
static void
html_domain(struct buf *b, const struct report *r)
{
	const struct domain_report	*d;
	size_t				 i, j;

	if (r->ndomain == 0)
		return;
	buf_adds(b, "<section class=\"domain\" id=\"domain\">\n<h2>Domain "
	    "controllers' logs</h2>\n<div class=\"card\"><p class=\"muted\">"
	    "Domain evidence, not hosts: their account events (4723-4726, "
	    "4738, 4740, 4767) were read for every member host of the "
	    "domain.</p>\n<table class=\"inputs\"><thead><tr><th>domain"
	    "</th><th>controller</th><th>file</th><th>SHA-256</th>"
	    "<th>records</th><th>account events</th></tr></thead><tbody>\n");
	for (i = 0; i < r->ndomain; i++) {
		d = &r->domain[i];
		for (j = 0; j < d->nlogs; j++) {
			buf_adds(b, "<tr class=\"dclog\"><td>");
			ht(b, d->domain);
			buf_adds(b, "</td><td>");
			ht(b, d->controller);
			buf_adds(b, "</td><td class=\"mono\">");
			ht(b, d->logs[j].path);
			buf_adds(b, "</td><td class=\"mono sha256\">");
			ht(b, d->logs[j].sha256);
			buf_printf(b, "</td><td class=\"num\">%" PRIu64 "</td>"
			    "<td class=\"num\">%" PRIu64 "</td></tr>\n",
			    d->logs[j].records, d->logs[j].used);
		}
	}
	buf_adds(b, "</tbody></table></div>\n</section>\n");
}

static void
html_host(struct buf *b, const struct report *r, const struct host_report *h,
    size_t hi, const struct report_opts *o)
{
	size_t	*order, i;

	order = task_order(h);
	buf_printf(b, "<section class=\"host\" id=\"host-%zu\" data-host=\"",
	    hi);
	ht(b, h->host);
	buf_adds(b, "\">\n<h2>");
	ht(b, h->host);
	buf_adds(b, "</h2>\n");
	html_summary(b, h, hi, order, o);
	if (h->ntasks > 0)
		svg_host_timeline(b, h, hi, order, o);
	for (i = 0; i < h->ntasks; i++)
		html_task(b, &h->tasks[order[i]], hi, order[i], o);
	html_findings(b, h);
	html_gaps(b, h, o);
	html_inputs(b, r, h);
	buf_adds(b, "</section>\n");
	free(order);
}

static int
flush(FILE *fp, struct buf *b)
{
	int	r = 0;

	if (b->len > 0 && fwrite(b->data, 1, b->len, fp) != b->len)
		r = -1;
	buf_clear(b);
	if (fflush(fp) != 0 || ferror(fp))
		r = -1;
	return r;
}

int
report_write_html(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	html_head(&b, r->nhosts == 1 ? r->hosts[0].host : "taskline report");
	buf_printf(&b, "<header class=\"page\"><h1>taskline report</h1>"
	    "<p class=\"meta\">taskline %s: %zu input%s, %zu host%s, times "
	    "in ", PACKAGE_VERSION, r->ninputs, r->ninputs == 1 ? "" : "s",
	    r->nhosts, r->nhosts == 1 ? "" : "s");
	ht(&b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(&b, "</p></header>\n");
	if (r->nhosts > 1) {
		buf_adds(&b, "<nav class=\"card\"><b>Hosts:</b> ");
		for (i = 0; i < r->nhosts; i++) {
			buf_printf(&b, "%s<a href=\"#host-%zu\">", i > 0 ?
			    " &middot; " : "", i);
			ht(&b, r->hosts[i].host);
			buf_adds(&b, "</a>");
		}
		buf_adds(&b, "</nav>\n");
	}
	for (i = 0; i < r->nhosts; i++)
		html_host(&b, r, &r->hosts[i], i, o);
	html_domain(&b, r);
	if (r->nhosts == 0)
		buf_adds(&b, "<p class=\"card\">Nothing to analyse: no task, "
		    "log or policy found.</p>\n");
	html_tail(&b);
	return flush(fp, &b);
}

/* The fleet page. */

struct fleet_host {
	const struct host_report *h;
	int64_t		 first;		/* earliest onset, or NONE */
	size_t		 index;
};

static int
fleet_host_cmp(const void *va, const void *vb)
{
	const struct fleet_host	*a = va, *b = vb;

	if (a->first != b->first) {
		if (a->first == TL_TIME_NONE)
			return 1;
		if (b->first == TL_TIME_NONE)
			return -1;
		return a->first < b->first ? -1 : 1;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}

static int
task_has_onset(const struct task_report *t)
{
	return t->onset != TL_TIME_NONE && (t->status == ST_FAILING ||
	    t->status == ST_RECOVERED);
}

static int
task_is_bad(const struct task_report *t)
{
	return t->status == ST_FAILING || t->status == ST_AT_RISK;
}

static size_t
host_count(const struct host_report *h, enum task_status st)
{
	size_t	i, n = 0;

	for (i = 0; i < h->ntasks; i++)
		if (h->tasks[i].status == st)
			n++;
	return n;
}

static void
fleet_by_cause(struct buf *b, const struct report *r)
{
	size_t	 c, i, j, nh, nt, shown;
	int	 any = 0;
	const struct host_report *h;

	buf_adds(b, "<h2>Hosts by cause</h2>\n<table class=\"by-cause\">"
	    "<thead><tr><th>cause</th><th>hosts</th><th>tasks</th>"
	    "<th>what it means</th><th>hosts (failing or at-risk tasks)</th>"
	    "</tr></thead><tbody>\n");
	for (c = 0; c <= CAUSE_UNKNOWN; c++) {
		nh = nt = 0;
		for (i = 0; i < r->nhosts; i++) {
			h = &r->hosts[i];
			for (j = 0, shown = 0; j < h->ntasks; j++)
				if (task_is_bad(&h->tasks[j]) &&
				    h->tasks[j].cause == (enum cause)c)
					shown++;
			nh += shown > 0;
			nt += shown;
		}
		if (nh == 0)
			continue;
		any = 1;
		buf_printf(b, "<tr class=\"cause-row\" data-cause=\"%s\"><td>"
		    "<span class=\"cause\" style=\"color:%s\">%s</span></td>"
		    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td>%s</td><td>", cause_label(c), cause_color(c),
		    cause_label(c), nh, nt, cause_sentence(c));
		for (i = 0, shown = 0; i < r->nhosts; i++) {
			h = &r->hosts[i];
			for (j = 0, nt = 0; j < h->ntasks; j++)
				if (task_is_bad(&h->tasks[j]) &&
				    h->tasks[j].cause == (enum cause)c)
					nt++;
			if (nt == 0)
				continue;
			if (shown++ > 0)
				buf_adds(b, ", ");
			buf_adds(b, "<span class=\"host\">");
			ht(b, h->host);
			buf_adds(b, "</span>");
			if (nt > 1)
				buf_printf(b, " (%zu)", nt);
		}
		buf_adds(b, "</td></tr>\n");
	}
	nh = 0;
	for (i = 0; i < r->nhosts; i++) {
		h = &r->hosts[i];
		if (host_count(h, ST_FAILING) + host_count(h, ST_AT_RISK) == 0)
			nh++;
	}
	if (nh > 0 || !any)
		buf_printf(b, "<tr class=\"cause-row\" data-cause=\"none\">"
		    "<td><span class=\"cause\" style=\"color:var(--healthy)\">"
		    "none</span></td><td class=\"num\">%zu</td><td></td>"
		    "<td>No task failing or at risk.</td><td></td></tr>\n",
		    nh);
	buf_adds(b, "</tbody></table>\n");
}

static void
fleet_svg(struct buf *b, const struct fleet_host *fh, size_t n,
    const struct report_opts *o)
{
	struct scale	 s;
	int64_t		 lo = TL_TIME_NONE, hi = TL_TIME_NONE;
	size_t		 i, j, nbins = 80, *bins, maxbin = 0, k;
	double		 height, y, x, bw, top = TOP + FLEET_HIST_H;
	char		 a[48], c[48];
	const struct task_report *t;

	for (i = 0; i < n; i++)
		for (j = 0; j < fh[i].h->ntasks; j++)
			if (task_has_onset(&fh[i].h->tasks[j]))
				range_add(&lo, &hi, fh[i].h->tasks[j].onset);
	scale_init(&s, lo, hi, PLOT_X0, PLOT_W);
	bins = xcalloc(nbins, sizeof(*bins));
	for (i = 0; i < n; i++)
		for (j = 0; j < fh[i].h->ntasks; j++) {
			t = &fh[i].h->tasks[j];
			if (!task_has_onset(t))
				continue;
			k = (size_t)((scale_x(&s, t->onset) - s.x0) /
			    s.width * (double)nbins);
			if (k >= nbins)
				k = nbins - 1;
			if (++bins[k] > maxbin)
				maxbin = bins[k];
		}
	height = top + (double)n * FLEET_ROW_H + AXIS_H;
	buf_printf(b, "<figure class=\"chart\"><svg class=\"fleet-onsets\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
	    "width=\"%.0f\" height=\"%.0f\" role=\"img\"", SVG_W, height,
	    SVG_W, height);
	scale_attrs(b, &s);
	buf_adds(b, "><title>Onsets across the fleet</title><desc>One row "
	    "per host, earliest onset first; one mark per task that began "
	    "failing, coloured by cause.  The bars on top count onsets "
	    "over time.</desc>\n");
	svg_axis(b, &s, o, TOP, top + (double)n * FLEET_ROW_H);
	bw = s.width / (double)nbins;
	buf_printf(b, "<g class=\"histogram\"><text class=\"lanelabel\" "
	    "x=\"12\" y=\"%.1f\" font-weight=\"600\">onsets</text>",
	    TOP + FLEET_HIST_H / 2 + 4);
	for (k = 0; k < nbins; k++) {
		double	bh;
		int64_t	b0, b1;

		if (bins[k] == 0)
			continue;
		bh = (FLEET_HIST_H - 8) * (double)bins[k] / (double)maxbin;
		b0 = s.t0 + (int64_t)((double)(s.t1 - s.t0) * (double)k /
		    (double)nbins);
		b1 = s.t0 + (int64_t)((double)(s.t1 - s.t0) * (double)(k + 1) /
		    (double)nbins);
		buf_printf(b, "<rect class=\"hist\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\" fill=\"#5d6670\">"
		    "<title>%zu onset%s, %s .. %s</title></rect>",
		    s.x0 + bw * (double)k + 0.5, top - 4 - bh, bw - 1, bh,
		    bins[k], bins[k] == 1 ? "" : "s", report_when(o, b0, a,
		    sizeof(a)), report_when(o, b1, c, sizeof(c)));
	}
	buf_adds(b, "</g>\n");
	y = top;
	for (i = 0; i < n; i++, y += FLEET_ROW_H) {
		const struct host_report *h = fh[i].h;
		enum task_status ws = host_status(h);

		buf_adds(b, "<g class=\"host-row\" data-host=\"");
		ht(b, h->host);
		buf_printf(b, "\" data-status=\"%s\">", status_name(ws));
		if (i % 2 == 0)
			buf_printf(b, "<rect class=\"band\" x=\"0\" "
			    "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", y,
			    SVG_W, FLEET_ROW_H);
		buf_printf(b, "<rect class=\"status\" x=\"0\" y=\"%.1f\" "
		    "width=\"5\" height=\"%.1f\" fill=\"var(--%s)\"/>", y + 1,
		    FLEET_ROW_H - 2, status_name(ws));
		buf_printf(b, "<text x=\"12\" y=\"%.1f\"><title>", y + 14);
		ht(b, h->host);
		buf_printf(b, " (%s)</title>", status_name(ws));
		add_clipped(b, h->host, (size_t)((LABEL_W - 14) / 6.6), 0);
		buf_adds(b, "</text>");
		for (j = 0; j < h->ntasks; j++) {
			t = &h->tasks[j];
			if (!task_has_onset(t))
				continue;
			x = scale_x(&s, t->onset);
			buf_adds(b, "<circle class=\"onset-mark\" data-task=\"");
			ht(b, t->task);
			buf_printf(b, "\" data-cause=\"%s\" cx=\"%.1f\" "
			    "cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" "
			    "stroke-width=\"2\"><title>",
			    cause_label(t->cause), x, y + FLEET_ROW_H / 2,
			    t->status == ST_FAILING ? cause_color(t->cause) :
			    "#fff", cause_color(t->cause));
			ht(b, h->host);
			buf_adds(b, " ");
			ht(b, t->task);
			buf_printf(b, ": %s since %s (%s)</title></circle>",
			    status_name(t->status), report_when(o, t->onset, a,
			    sizeof(a)), cause_label(t->cause));
		}
		buf_adds(b, "</g>\n");
	}
	buf_adds(b, "</svg><div class=\"legend\">");
	for (k = 0; k <= CAUSE_UNKNOWN; k++)
		buf_printf(b, "<span><svg width=\"12\" height=\"12\" "
		    "aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"4.5\" "
		    "fill=\"%s\"/></svg>%s</span>", cause_color(k),
		    cause_label(k));
	buf_adds(b, "<span>filled: still failing; hollow: recovered</span>"
	    "</div></figure>\n");
	free(bins);
}

static void
fleet_hosts_table(struct buf *b, const struct report *r,
    const struct fleet_host *fh, size_t n, const struct report_opts *o)
{
	size_t	 i, j, k, shown;
	const struct host_report *h;
	struct buf	 lb;

	buf_adds(b, "<h2>Hosts</h2>\n<table class=\"hosts\"><thead><tr>"
	    "<th>host</th><th>status</th><th>failing</th><th>at risk</th>"
	    "<th>recovered</th><th>tasks</th><th>first onset</th>"
	    "<th>causes</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		h = fh[i].h;
		buf_printf(b, "<tr class=\"host\" data-status=\"%s\"><td>",
		    status_name(host_status(h)));
		buf_init(&lb);
		ht(b, fleet_host_label(r, h, &lb));
		buf_clear(&lb);
		buf_printf(b, "</td><td><span class=\"badge\" "
		    "data-status=\"%s\">%s</span></td><td class=\"num\">%zu"
		    "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
		    "<td class=\"num\">%zu</td><td class=\"time\">",
		    status_name(host_status(h)), status_name(host_status(h)),
		    host_count(h, ST_FAILING), host_count(h, ST_AT_RISK),
		    host_count(h, ST_RECOVERED), h->ntasks);
		add_time(b, o, fh[i].first);
		buf_adds(b, "</td><td>");
		for (k = 0, shown = 0; k <= CAUSE_UNKNOWN; k++) {
			for (j = 0; j < h->ntasks; j++)
				if (task_is_bad(&h->tasks[j]) &&
				    h->tasks[j].cause == (enum cause)k)
					break;
			if (j == h->ntasks)
				continue;
			buf_printf(b, "%s<span class=\"cause\" "
			    "style=\"color:%s\">%s</span>", shown++ > 0 ?
			    ", " : "", cause_color(k), cause_label(k));
		}
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table>\n");
}

/*
 * The fleet page: every host of r on one page, grouped by cause, and
 * all onsets on one time axis so that a wave across hosts shows.
 */
int
report_write_fleet_html(FILE *fp, const struct report *r,
    const struct report_opts *o)
{
	struct buf		 b;
	struct fleet_host	*fh;
	size_t			 i, j, nfail = 0;
	const struct task_report *t;

	buf_init(&b);
	fh = xcalloc(r->nhosts + 1, sizeof(*fh));
	for (i = 0; i < r->nhosts; i++) {
		fh[i].h = &r->hosts[i];
		fh[i].index = i;
		fh[i].first = TL_TIME_NONE;
		for (j = 0; j < r->hosts[i].ntasks; j++) {
			t = &r->hosts[i].tasks[j];
			if (task_has_onset(t) && (fh[i].first == TL_TIME_NONE ||
			    t->onset < fh[i].first))
				fh[i].first = t->onset;
		}
		if (host_count(&r->hosts[i], ST_FAILING) > 0)
			nfail++;
	}
	if (r->nhosts > 0)
		qsort(fh, r->nhosts, sizeof(*fh), fleet_host_cmp);
	html_head(&b, "taskline fleet report");
	buf_printf(&b, "<header class=\"page\"><h1>taskline fleet report"
	    "</h1><p class=\"meta\">taskline %s: %zu host%s, %zu with "
	    "failing tasks, %zu input%s, times in ", PACKAGE_VERSION,
	    r->nhosts, r->nhosts == 1 ? "" : "s", nfail, r->ninputs,
	    r->ninputs == 1 ? "" : "s");
	ht(&b, o->tz_name != NULL ? o->tz_name : "UTC");
	buf_adds(&b, "</p></header>\n");
	if (r->nhosts == 0)
		buf_adds(&b, "<p class=\"card\">No host found.</p>\n");
	else {
		fleet_by_cause(&b, r);
		buf_adds(&b, "<h2>Onsets across the fleet</h2>\n");
		fleet_svg(&b, fh, r->nhosts, o);
		fleet_hosts_table(&b, r, fh, r->nhosts, o);
	}
	html_tail(&b);
	free(fh);
	return flush(fp, &b);
}
