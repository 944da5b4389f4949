/*
 * pwf-service -- an example service instrumented with libperfwf.  N worker
 * threads simulate request handling with a configurable latency mix and
 * record every latency (in seconds) through a pwf_recorder_t; the main
 * thread serves, on 127.0.0.1:PORT over plain HTTP/1.1:
 *
 *   /metrics  the latency histogram, in the format the scraper's Accept
 *             header asks for (pwf_export_negotiate): Prometheus text
 *             0.0.4, OpenMetrics 1.0, or protobuf with the native histogram
 *   /slo      SLO compliance of the latencies (pwf_model_slo_evaluate)
 *   /json     count, sum, min, max, mean, p50/p90/p99/p99.9, buckets
 *   /otlp     an OTLP/JSON ExportMetricsServiceRequest
 *
 * It stops cleanly on SIGINT or SIGTERM or after --duration seconds.
 * Exit status: 0 after a clean stop, 1 on a runtime failure, 2 on a usage
 * error.
 */
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <perfwf.h>

#define MAX_MIX 16
#define METRIC "pwf_service_request_duration_seconds"

static const char *prog = "pwf-service";

typedef struct {
	double weight;  /* cumulative probability */
	double median;  /* seconds */
} mix_t;

typedef struct {
	int port, threads, hlog_every;
	double duration, rate, sigma, slo_threshold, slo_target;
	unsigned long long requests;
	mix_t mix[MAX_MIX];
	int nmix;
	const char *hlog;
} config_t;

typedef struct {
	const config_t *cfg;
	pwf_recorder_t *rec;
	unsigned long long quota;
	int id;
	int rc;
	pthread_t tid;
} worker_t;

static volatile sig_atomic_t got_signal;
static int stopping; /* read and written with __atomic builtins */

static void on_signal(int sig)
{
	(void)sig;
	got_signal = 1;
}

static int should_stop(void)
{
	return __atomic_load_n(&stopping, __ATOMIC_ACQUIRE);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double wall_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void sleep_s(double s)
{
	struct timespec ts;
	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !should_stop())
		;
}

static void usage(void)
{
	fprintf(stderr,
	    "usage: %s [--port P] [--threads N] [--mix W:LAT[,W:LAT...]]\n"
	    "       [--sigma S] [--rate R] [--requests N] [--duration SECONDS]\n"
	    "       [--slo-threshold LAT] [--slo-target T]\n"
	    "       [--hlog FILE [--hlog-interval SECONDS]]\n"
	    "LAT is a number with a unit: ns, us, ms or s (e.g. 250us)\n",
	    prog);
}

/* ---- option parsing ------------------------------------------------------ */

static int parse_num(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= lo && v <= hi))
		return -1;
	*out = v;
	return 0;
}

/* "250us" -> 2.5e-4 seconds */
static int parse_latency(const char *s, double *out)
{
	static const struct { const char *u; double f; } units[] = {
		{ "ns", 1e-9 }, { "us", 1e-6 }, { "ms", 1e-3 }, { "s", 1 }
	};
	char *end;
	size_t i;
	double v;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || !(v > 0) || !isfinite(v))
		return -1;
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(end, units[i].u) == 0) {
			*out = v * units[i].f;
			return 0;
		}
	return -1;
}

/* "0.9:2ms,0.1:40ms" -> cumulative weights normalized to 1 */
static int parse_mix(const char *s, config_t *c)
{
	char buf[512], *save = NULL, *tok;
	double total = 0;
	int i;
	if (strlen(s) >= sizeof buf)
		return -1;
	strcpy(buf, s);
	c->nmix = 0;
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		double w;
		if (colon == NULL || c->nmix == MAX_MIX)
			return -1;
		*colon = '\0';
		if (parse_num(tok, 0, 1e9, &w) != 0 || w <= 0 ||
		    parse_latency(colon + 1, &c->mix[c->nmix].median) != 0)
			return -1;
		total += w;
		c->mix[c->nmix++].weight = total;
	}
	if (c->nmix == 0)
		return -1;
	for (i = 0; i < c->nmix; i++)
		c->mix[i].weight /= total;
	return 0;
}

static int parse_args(int argc, char **argv, config_t *c)
{
	int i;
	memset(c, 0, sizeof *c);
	c->port = 9464;
	c->threads = 4;
	c->rate = 1000;
	c->sigma = 0.25;
	c->slo_threshold = 0.1;
	c->slo_target = 0.99;
	c->hlog_every = 1;
	if (parse_mix("0.9:2ms,0.09:20ms,0.01:150ms", c) != 0)
		return -1;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		double x;
		if (v == NULL)
			return -1;
		i++;
		if (strcmp(o, "--port") == 0) {
			if (parse_num(v, 0, 65535, &x) != 0)
				return -1;
			c->port = (int)x;
		} else if (strcmp(o, "--threads") == 0) {
			if (parse_num(v, 1, 256, &x) != 0 || x != floor(x))
				return -1;
			c->threads = (int)x;
		} else if (strcmp(o, "--mix") == 0) {
			if (parse_mix(v, c) != 0)
				return -1;
		} else if (strcmp(o, "--sigma") == 0) {
			if (parse_num(v, 0, 3, &c->sigma) != 0)
				return -1;
		} else if (strcmp(o, "--rate") == 0) {
			if (parse_num(v, 0, 1e9, &c->rate) != 0)
				return -1;
		} else if (strcmp(o, "--requests") == 0) {
			if (parse_num(v, 0, 1e15, &x) != 0 || x != floor(x))
				return -1;
			c->requests = (unsigned long long)x;
		} else if (strcmp(o, "--duration") == 0) {
			if (parse_num(v, 0, 1e9, &c->duration) != 0)
				return -1;
		} else if (strcmp(o, "--slo-threshold") == 0) {
			if (parse_latency(v, &c->slo_threshold) != 0)
				return -1;
		} else if (strcmp(o, "--slo-target") == 0) {
			if (parse_num(v, 0, 1, &c->slo_target) != 0 ||
			    c->slo_target <= 0 || c->slo_target >= 1)
				return -1;
		} else if (strcmp(o, "--hlog") == 0) {
			c->hlog = v;
		} else if (strcmp(o, "--hlog-interval") == 0) {
			if (parse_num(v, 1, 3600, &x) != 0 || x != floor(x))
				return -1;
			c->hlog_every = (int)x;
		} else {
			return -1;
		}
	}
	return 0;
}

/* ---- the simulated requests ---------------------------------------------- */

/* One latency from the mix: a log-normal around the chosen component's
 * median (Box-Muller for the normal deviate). */
static double sample_latency(const config_t *c, pwf_rng_t *r)
{
	double u = pwf_rng_double(r), u1, u2, z;
	int k = 0;
	while (k + 1 < c->nmix && u >= c->mix[k].weight)
		k++;
	do
		u1 = pwf_rng_double(r);
	while (u1 <= 0);
	u2 = pwf_rng_double(r);
	z = sqrt(-2 * log(u1)) * cos(2 * 3.14159265358979323846 * u2);
	return c->mix[k].median * exp(c->sigma * z);
}

static void *worker_main(void *arg)
{
	worker_t *w = (worker_t *)arg;
	pwf_recorder_writer_t *wr;
	pwf_rng_t rng;
	unsigned long long done = 0;
	double period = w->cfg->rate > 0 ? 1.0 / w->cfg->rate : 0;
	double next = now_s();

	w->rc = pwf_recorder_join(w->rec, &wr);
	if (w->rc != PWF_OK)
		return NULL;
	pwf_rng_seed(&rng, UINT64_C(0x9e3779b97f4a7c15) * (uint64_t)(w->id + 1));
	while (!should_stop()) {
		if (w->cfg->requests > 0 && done == w->quota) {
			sleep_s(0.05); /* recorded the fixed number: idle */
			continue;
		}
		w->rc = pwf_recorder_record_double(wr,
		    sample_latency(w->cfg, &rng), 1);
		if (w->rc != PWF_OK)
			break;
		done++;
		if (period > 0) {
			next += period;
			sleep_s(next - now_s());
		}
	}
	pwf_recorder_leave(wr);
	return NULL;
}

/* ---- responses ----------------------------------------------------------- */

typedef struct {
	char *p;
	size_t cap;
} growbuf_t;

typedef int (*render_fn)(pwf_export_sink_t *s, const void *ctx);

/* Render into b, growing it to the size a buffer sink reports. */
static int render(growbuf_t *b, render_fn fn, const void *ctx, size_t *len)
{
	for (;;) {
		pwf_export_sink_t s;
		int rc;
		if (pwf_export_sink_buffer(&s, b->p, b->cap) != PWF_OK)
			return PWF_EINVAL;
		rc = fn(&s, ctx);
		if (rc == PWF_OK) {
			*len = s.len;
			return PWF_OK;
		}
		if (rc != PWF_ENOSPC)
			return rc;
		{
			char *np = realloc(b->p, s.len + 1);
			if (np == NULL)
				return PWF_ENOMEM;
			b->p = np;
			b->cap = s.len + 1;
		}
	}
}

typedef struct {
	const pwf_export_family_t *fam;
	pwf_export_format_t fmt;
	const pwf_hist_t *hist;
} view_t;

static int render_metrics(pwf_export_sink_t *s, const void *ctx)
{
	const view_t *v = (const view_t *)ctx;
	return pwf_export_metrics(s, v->fmt, v->fam, 1);
}

static int render_json(pwf_export_sink_t *s, const void *ctx)
{
	static const double q[] = { 0.5, 0.9, 0.99, 0.999 };
	const view_t *v = (const view_t *)ctx;
	return pwf_export_json(s, v->hist, q, 4, 1);
}

static int render_otlp(pwf_export_sink_t *s, const void *ctx)
{
	const view_t *v = (const view_t *)ctx;
	pwf_export_otlp_t o;
	memset(&o, 0, sizeof o);
	o.size = sizeof o;
	o.service_name = prog;
	o.temporality = 2;
	return pwf_export_otlp_json(s, &o, v->fam, 1);
}

static const char *verdict_name(pwf_model_slo_verdict_t v)
{
	return v == PWF_MODEL_SLO_MET ? "met" :
	       v == PWF_MODEL_SLO_MISSED ? "missed" : "uncertain";
}

static int put_interval(char *p, size_t cap, const char *name,
    const pwf_model_interval_t *iv)
{
	return snprintf(p, cap,
	    ",\"%s\":{\"estimate\":%.10g,\"lo\":%.10g,\"hi\":%.10g}", name,
	    iv->estimate, iv->lo, iv->hi);
}

/* The /slo body, JSON; 0 on success. */
static int slo_body(const config_t *c, const pwf_hist_t *h, char *p,
    size_t cap)
{
	pwf_model_slo_t m;
	uint64_t lo, hi, n = pwf_hist_count(h);
	size_t k;

	if (n == 0) {
		snprintf(p, cap, "{\"total\":0,\"threshold_seconds\":%.10g,"
		    "\"target\":%.10g,\"verdict\":null}\n", c->slo_threshold,
		    c->slo_target);
		return 0;
	}
	memset(&m, 0, sizeof m);
	m.size = sizeof m;
	if (pwf_model_slo_hist(h, c->slo_threshold, c->slo_target, &m) !=
	    PWF_OK)
		return -1;
	/* good counts: total minus the bad-request bounds (exact integers) */
	lo = n - (uint64_t)m.budget_consumed.hi;
	hi = n - (uint64_t)m.budget_consumed.lo;
	k = (size_t)snprintf(p, cap, "{\"total\":%llu,\"good_lo\":%llu,"
	    "\"good_hi\":%llu,\"threshold_seconds\":%.10g,\"target\":%.10g",
	    (unsigned long long)n, (unsigned long long)lo,
	    (unsigned long long)hi, c->slo_threshold, c->slo_target);
	k += (size_t)put_interval(p + k, cap - k, "compliance", &m.compliance);
	k += (size_t)put_interval(p + k, cap - k, "budget_remaining",
	    &m.budget_remaining);
	k += (size_t)put_interval(p + k, cap - k, "burn_rate", &m.burn_rate);
	snprintf(p + k, cap - k, ",\"verdict\":\"%s\"}\n",
	    verdict_name(m.verdict));
	return 0;
}

/* ---- HTTP ---------------------------------------------------------------- */

static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static void respond(int fd, int head, const char *status, const char *ctype,
    const char *body, size_t len)
{
	char hdr[512];
	int k = snprintf(hdr, sizeof hdr,
	    "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n", status, ctype, len);
	if (send_all(fd, hdr, (size_t)k) == 0 && !head)
		(void)send_all(fd, body, len);
}

/* Read the request head (up to the blank line) into buf; 0 on success. */
static int read_head(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	while (n + 1 < cap) {
		ssize_t k = recv(fd, buf + n, cap - 1 - n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		n += (size_t)k;
		buf[n] = '\0';
		if (strstr(buf, "\r\n\r\n") != NULL)
			return 0;
	}
	return -1;
}

/* The value of header `name` in the request head, copied into out. */
static void header_value(const char *head, const char *name, char *out,
    size_t cap)
{
	const char *p = strstr(head, "\r\n");
	size_t nl = strlen(name);
	out[0] = '\0';
	while (p != NULL && p[2] != '\r') {
		const char *line = p + 2, *e = strstr(line, "\r\n");
		if (e == NULL)
			return;
		if ((size_t)(e - line) > nl && line[nl] == ':' &&
		    strncasecmp(line, name, nl) == 0) {
			const char *v = line + nl + 1;
			size_t k;
			while (*v == ' ' || *v == '\t')
				v++;
			k = (size_t)(e - v) < cap - 1 ? (size_t)(e - v) : cap - 1;
			memcpy(out, v, k);
			out[k] = '\0';
			return;
		}
		p = e;
	}
}

typedef struct {
	const config_t *cfg;
	pwf_recorder_t *rec;
	pwf_hist_t *snap;
	pwf_export_family_t fam;
	pwf_export_series_t series;
	pwf_export_label_t label;
	growbuf_t out;
} server_t;

static void serve_one(server_t *sv, int fd)
{
	char head[8192], accept[1024], path[256], method[16];
	view_t v;
	size_t len;
	int rc, is_head;
	struct timeval tv = { 2, 0 };

	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (read_head(fd, head, sizeof head) != 0 ||
	    sscanf(head, "%15s %255s", method, path) != 2) {
		respond(fd, 0, "400 Bad Request", "text/plain", "bad request\n",
		    12);
		return;
	}
	is_head = strcmp(method, "HEAD") == 0;
	if (!is_head && strcmp(method, "GET") != 0) {
		respond(fd, 0, "405 Method Not Allowed", "text/plain",
		    "only GET and HEAD\n", 18);
		return;
	}
	if (strchr(path, '?') != NULL)
		*strchr(path, '?') = '\0';
	if (pwf_recorder_cumulative(sv->rec, sv->snap) != PWF_OK) {
		respond(fd, is_head, "503 Service Unavailable", "text/plain",
		    "out of memory\n", 14);
		return;
	}
	v.fam = &sv->fam;
	v.hist = sv->snap;
	if (strcmp(path, "/metrics") == 0) {
		const char *ctype;
		header_value(head, "Accept", accept, sizeof accept);
		if (pwf_export_negotiate(accept, &v.fmt, &ctype) != PWF_OK)
			ctype = NULL;
		rc = ctype == NULL ? PWF_EINVAL :
		     render(&sv->out, render_metrics, &v, &len);
		if (rc == PWF_OK)
			respond(fd, is_head, "200 OK", ctype, sv->out.p, len);
	} else if (strcmp(path, "/json") == 0) {
		rc = render(&sv->out, render_json, &v, &len);
		if (rc == PWF_OK)
			respond(fd, is_head, "200 OK", "application/json",
			    sv->out.p, len);
	} else if (strcmp(path, "/otlp") == 0) {
		rc = render(&sv->out, render_otlp, &v, &len);
		if (rc == PWF_OK)
			respond(fd, is_head, "200 OK", "application/json",
			    sv->out.p, len);
	} else if (strcmp(path, "/slo") == 0) {
		char body[1024];
		rc = slo_body(sv->cfg, sv->snap, body, sizeof body) == 0 ?
		     PWF_OK : PWF_EINVAL;
		if (rc == PWF_OK)
			respond(fd, is_head, "200 OK", "application/json", body,
			    strlen(body));
	} else {
		respond(fd, is_head, "404 Not Found", "text/plain",
		    "try /metrics, /slo, /json or /otlp\n", 35);
		return;
	}
	if (rc != PWF_OK) {
		const char *msg = pwf_strerror(rc);
		respond(fd, is_head, "500 Internal Server Error", "text/plain",
		    msg, strlen(msg));
	}
}

static int open_listener(int port, int *bound)
{
	struct sockaddr_in a;
	socklen_t al = sizeof a;
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    listen(fd, 16) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
		close(fd);
		return -1;
	}
	*bound = ntohs(a.sin_port);
	return fd;
}

/* Add a bucket of seconds to a histogram of nanoseconds at its midpoint
 * (HdrHistogram logs hold integers). */
static int to_ns(void *ctx, const pwf_hist_bucket_t *b)
{
	double mid = (b->lower + b->upper) / 2 * 1e9;
	return pwf_hist_record_n((pwf_hist_t *)ctx, (uint64_t)llround(mid),
	                         b->count);
}

/* Append one interval of the recorder to the .hlog, in nanoseconds (the
 * max column in milliseconds, HdrHistogram's default view); 0 on success. */
static int hlog_tick(pwf_recorder_t *rec, pwf_hist_t *iv, pwf_hist_t *ns,
    FILE *fp, double start, double len)
{
	pwf_export_sink_t s;
	pwf_hist_reset(ns);
	if (pwf_recorder_interval(rec, iv) != PWF_OK ||
	    pwf_hist_iterate(iv, to_ns, ns) != PWF_OK ||
	    pwf_export_sink_file(&s, fp) != PWF_OK ||
	    pwf_export_hlog_interval(&s, ns, start, len, 1e6, NULL) != PWF_OK)
		return -1;
	return fflush(fp) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	config_t cfg;
	server_t sv;
	worker_t *w;
	struct sigaction sa;
	FILE *hlog = NULL;
	double t0, wall0, next_hlog;
	int lfd, port = 0, i, rc = 0;
	pwf_hist_t *iv = NULL, *ns = NULL;

	if (parse_args(argc, argv, &cfg) != 0) {
		usage();
		return 2;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	memset(&sv, 0, sizeof sv);
	sv.cfg = &cfg;
	if (pwf_recorder_create(&sv.rec, PWF_HIST_SCALE_DEFAULT, NULL) !=
	        PWF_OK ||
	    pwf_hist_create(&sv.snap, PWF_HIST_SCALE_DEFAULT, NULL) != PWF_OK ||
	    pwf_hist_create(&iv, PWF_HIST_SCALE_DEFAULT, NULL) != PWF_OK ||
	    pwf_hist_create(&ns, PWF_HIST_SCALE_DEFAULT, NULL) != PWF_OK) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	wall0 = wall_s();
	sv.label.name = "service";
	sv.label.value = prog;
	sv.series.hist = sv.snap;
	sv.series.labels = &sv.label;
	sv.series.nlabels = 1;
	sv.series.created = wall0;
	sv.fam.size = sizeof sv.fam;
	sv.fam.name = METRIC;
	sv.fam.help = "Simulated request latency.";
	sv.fam.unit = "seconds";
	sv.fam.factor = 1;
	/* classic buckets: 4 per power of two from 2^-17 s to 2^4 s */
	sv.fam.bounds_scale = 2;
	sv.fam.bounds_lo = 0x1p-17;
	sv.fam.bounds_hi = 16;
	sv.fam.series = &sv.series;
	sv.fam.nseries = 1;

	lfd = open_listener(cfg.port, &port);
	if (lfd < 0) {
		fprintf(stderr, "%s: cannot listen on 127.0.0.1:%d: %s\n", prog,
		    cfg.port, strerror(errno));
		return 1;
	}
	if (cfg.hlog != NULL) {
		pwf_export_sink_t s;
		hlog = fopen(cfg.hlog, "w");
		if (hlog == NULL || pwf_export_sink_file(&s, hlog) != PWF_OK ||
		    pwf_export_hlog_header(&s, wall0, wall0) != PWF_OK) {
			fprintf(stderr, "%s: cannot write %s\n", prog, cfg.hlog);
			return 1;
		}
	}
	w = calloc((size_t)cfg.threads, sizeof *w);
	if (w == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	for (i = 0; i < cfg.threads; i++) {
		w[i].cfg = &cfg;
		w[i].rec = sv.rec;
		w[i].id = i;
		w[i].quota = cfg.requests / (unsigned)cfg.threads +
		             ((unsigned long long)i < cfg.requests %
		                                          (unsigned)cfg.threads);
		if (pthread_create(&w[i].tid, NULL, worker_main, &w[i]) != 0) {
			fprintf(stderr, "%s: cannot start thread\n", prog);
			return 1;
		}
	}
	printf("%s: listening on http://127.0.0.1:%d/metrics\n", prog, port);
	fflush(stdout);

	t0 = now_s();
	next_hlog = t0 + cfg.hlog_every;
	while (!got_signal && (cfg.duration == 0 || now_s() - t0 < cfg.duration)) {
		struct pollfd p;
		p.fd = lfd;
		p.events = POLLIN;
		if (poll(&p, 1, 100) > 0 && (p.revents & POLLIN)) {
			int fd = accept(lfd, NULL, NULL);
			if (fd >= 0) {
				serve_one(&sv, fd);
				close(fd);
			}
		}
		if (hlog != NULL && now_s() >= next_hlog) {
			if (hlog_tick(sv.rec, iv, ns, hlog,
			        next_hlog - t0 - cfg.hlog_every,
			        cfg.hlog_every) != 0) {
				fprintf(stderr, "%s: hlog write failed\n", prog);
				rc = 1;
				break;
			}
			next_hlog += cfg.hlog_every;
		}
	}
	__atomic_store_n(&stopping, 1, __ATOMIC_RELEASE);
	for (i = 0; i < cfg.threads; i++) {
		pthread_join(w[i].tid, NULL);
		if (w[i].rc != PWF_OK) {
			fprintf(stderr, "%s: recording failed: %s\n", prog,
			    pwf_strerror(w[i].rc));
			rc = 1;
		}
	}
	close(lfd);
	if (hlog != NULL && fclose(hlog) != 0)
		rc = 1;
	free(w);
	free(sv.out.p);
	pwf_hist_destroy(iv);
	pwf_hist_destroy(ns);
	pwf_hist_destroy(sv.snap);
	pwf_recorder_destroy(sv.rec);
	printf("%s: stopped\n", prog);
	return rc;
}
