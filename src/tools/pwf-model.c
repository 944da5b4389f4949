/*
 * pwf-model -- Amdahl, USL, queueing and SLO calculators on the command
 * line.  A thin driver: it parses arguments, calls the model module of
 * libperfwf and prints what comes back (text, or JSON with --json).
 *
 * Exit status: 0 on success, 1 when the library reports a status (an
 * unstable queue, a target above the ceiling), 2 on a usage error.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

#define MAX_OPTS 16
#define MAX_VALUES 100000

static const char *prog = "pwf-model";

static void usage(void)
{
	fprintf(stderr,
	    "usage: %s amdahl --samples K/N --speedup S [--level L] [--method wilson|cp]\n"
	    "       %s amdahl --fraction P (--speedup S | --target T | --processors N\n"
	    "                 | --precision H) [--level L] [--method wilson|cp]\n"
	    "       %s amdahl --predicted S --baseline FILE --candidate FILE [--level L]\n"
	    "       %s amdahl --without FILE --with FILE [--limit F] [--higher-is-better]\n"
	    "       %s usl N:X N:X N:X ...\n"
	    "       %s queue --arrival-rate L --service-rate MU [--servers C]\n"
	    "                 [--slo T [--quantile Q]]\n"
	    "       %s queue --service-rate MU [--servers C] --slo T [--quantile Q]\n"
	    "       %s slo --total N --good G [--good-hi G2] --target T\n"
	    "       %s slo --series FILE --interval SECONDS --target T\n"
	    "       %s slo --budgets A,B,... --slo T [--quantile Q]\n"
	    "every subcommand takes --json\n",
	    prog, prog, prog, prog, prog, prog, prog, prog, prog, prog);
}

/* ---- option parsing ---------------------------------------------------- */

typedef struct {
	const char *name[MAX_OPTS];
	const char *value[MAX_OPTS];
	int n;
	int json;
	const char *pos[64];
	int npos;
} opts_t;

/* Flags that take no value. */
static int is_flag(const char *name)
{
	return strcmp(name, "--json") == 0 ||
	       strcmp(name, "--higher-is-better") == 0;
}

static int parse_opts(int argc, char **argv, opts_t *o)
{
	int i;
	memset(o, 0, sizeof *o);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			o->json = 1;
		} else if (strncmp(argv[i], "--", 2) == 0) {
			if (o->n == MAX_OPTS)
				return -1;
			o->name[o->n] = argv[i];
			if (is_flag(argv[i])) {
				o->value[o->n++] = "1";
				continue;
			}
			if (i + 1 >= argc) {
				fprintf(stderr, "%s: %s needs a value\n", prog, argv[i]);
				return -1;
			}
			o->value[o->n++] = argv[++i];
		} else {
			if (o->npos == 64)
				return -1;
			o->pos[o->npos++] = argv[i];
		}
	}
	return 0;
}

static const char *opt(const opts_t *o, const char *name)
{
	int i;
	for (i = o->n - 1; i >= 0; i--)
		if (strcmp(o->name[i], name) == 0)
			return o->value[i];
	return NULL;
}

/* Every option given must be one of `allowed` (a NULL-terminated list). */
static int only(const opts_t *o, const char *const *allowed)
{
	int i, j;
	for (i = 0; i < o->n; i++) {
		int ok = 0;
		for (j = 0; allowed[j] != NULL; j++)
			ok |= strcmp(o->name[i], allowed[j]) == 0;
		if (!ok) {
			fprintf(stderr, "%s: unknown or misplaced option %s\n", prog,
			    o->name[i]);
			return 0;
		}
	}
	return 1;
}

static int to_double(const char *s, double *v)
{
	char *end;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	*v = strtod(s, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*v)) {
		fprintf(stderr, "%s: not a number: %s\n", prog, s);
		return 0;
	}
	return 1;
}

static int to_u64(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long x;
	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	x = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0) {
		fprintf(stderr, "%s: not a count: %s\n", prog, s);
		return 0;
	}
	*v = (uint64_t)x;
	return 1;
}

/* An optional double option: *v keeps its default when absent. */
static int opt_double(const opts_t *o, const char *name, double *v)
{
	const char *s = opt(o, name);
	return s == NULL || to_double(s, v);
}

static int opt_unsigned(const opts_t *o, const char *name, unsigned *v)
{
	const char *s = opt(o, name);
	uint64_t x;
	if (s == NULL)
		return 1;
	if (!to_u64(s, &x) || x == 0 || x > 1000000) {
		fprintf(stderr, "%s: %s wants a count from 1 to 1000000\n", prog, name);
		return 0;
	}
	*v = (unsigned)x;
	return 1;
}

/* Read whitespace-separated numbers from a file ("-" is stdin). */
static double *read_values(const char *path, size_t *n)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	double *v, x;
	size_t cap = 64;
	int r;
	*n = 0;
	if (f == NULL) {
		fprintf(stderr, "%s: cannot open %s\n", prog, path);
		return NULL;
	}
	v = malloc(cap * sizeof *v);
	while (v != NULL && (r = fscanf(f, "%lf", &x)) == 1) {
		if (*n == cap) {
			double *nv = cap < MAX_VALUES ? realloc(v, 2 * cap * sizeof *v)
			                              : NULL;
			if (nv == NULL) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
			cap *= 2;
		}
		v[(*n)++] = x;
	}
	if (v != NULL && !feof(f)) {
		fprintf(stderr, "%s: %s: not a number after %zu values\n", prog, path,
		    *n);
		free(v);
		v = NULL;
	}
	if (f != stdin)
		fclose(f);
	return v;
}

static int fail(const char *what, int rc)
{
	fprintf(stderr, "%s: %s: %s (%s)\n", prog, what, pwf_strerror(rc),
	    pwf_status_name(rc));
	return 1;
}

/* ---- printing ------------------------------------------------------------- */

/* A number for JSON: non-finite values (an unbounded ceiling) are null. */
static void jnum(const char *key, double v, const char *sep)
{
	if (isfinite(v))
		printf("\"%s\": %.10g%s", key, v, sep);
	else
		printf("\"%s\": null%s", key, sep);
}

static void jinterval(const char *key, pwf_model_interval_t iv,
    const char *sep)
{
	printf("\"%s\": {", key);
	jnum("estimate", iv.estimate, ", ");
	jnum("lo", iv.lo, ", ");
	jnum("hi", iv.hi, "");
	printf("}%s", sep);
}

static void tinterval(const char *label, pwf_model_interval_t iv,
    double level)
{
	printf("%s %.4g (%g%% CI %.4g .. ", label, iv.estimate, level * 100,
	    iv.lo);
	if (isfinite(iv.hi))
		printf("%.4g)\n", iv.hi);
	else
		printf("unbounded)\n");
}

/* ---- amdahl ---------------------------------------------------------------- */

static int parse_method(const opts_t *o, pwf_model_ci_method_t *m)
{
	const char *s = opt(o, "--method");
	if (s == NULL || strcmp(s, "wilson") == 0)
		*m = PWF_MODEL_WILSON;
	else if (strcmp(s, "cp") == 0 || strcmp(s, "clopper-pearson") == 0)
		*m = PWF_MODEL_CLOPPER_PEARSON;
	else {
		fprintf(stderr, "%s: --method wants wilson or cp\n", prog);
		return 0;
	}
	return 1;
}

static const char *method_name(pwf_model_ci_method_t m)
{
	return m == PWF_MODEL_WILSON ? "wilson" : "clopper-pearson";
}

static int amdahl_samples(const opts_t *o, double level,
    pwf_model_ci_method_t m)
{
	uint64_t k, n;
	double s;
	char buf[64], *slash;
	pwf_model_profile_t r;
	int rc;
	const char *spec = opt(o, "--samples");

	if (strlen(spec) >= sizeof buf || (slash = strchr(strcpy(buf, spec), '/'))
	        == NULL) {
		fprintf(stderr, "%s: --samples wants K/N\n", prog);
		return 2;
	}
	*slash = '\0';
	if (!to_u64(buf, &k) || !to_u64(slash + 1, &n) ||
	    !to_double(opt(o, "--speedup"), &s))
		return 2;
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	if ((rc = pwf_model_amdahl_profile(k, n, s, level, m, &r)) != PWF_OK)
		return fail("amdahl", rc);
	if (o->json) {
		printf("{\"samples\": %llu, \"hits\": %llu, ", (unsigned long long)n,
		    (unsigned long long)k);
		jnum("speedup_local", s, ", ");
		jnum("level", level, ", ");
		printf("\"method\": \"%s\", ", method_name(m));
		jinterval("p", r.p, ", ");
		jinterval("speedup", r.speedup, ", ");
		jinterval("ceiling", r.ceiling, "}\n");
		return 0;
	}
	printf("hot spot: %llu of %llu samples (%s interval)\n",
	    (unsigned long long)k, (unsigned long long)n, method_name(m));
	tinterval("fraction p:", r.p, level);
	printf("local speedup s = %g\n", s);
	tinterval("predicted overall speedup:", r.speedup, level);
	tinterval("ceiling (s -> infinity):", r.ceiling, level);
	return 0;
}

static int amdahl_fraction(const opts_t *o, double level,
    pwf_model_ci_method_t m)
{
	double p, v, v2 = 0;
	unsigned procs = 0;
	uint64_t need;
	int rc;
	const char *what;

	if (!to_double(opt(o, "--fraction"), &p))
		return 2;
	if (opt(o, "--speedup") != NULL) {
		double s;
		if (!to_double(opt(o, "--speedup"), &s))
			return 2;
		what = "speedup";
		rc = pwf_model_amdahl_speedup(p, s, &v);
		if (rc == PWF_OK)
			rc = pwf_model_amdahl_ceiling(p, &v2);
	} else if (opt(o, "--target") != NULL) {
		double t;
		if (!to_double(opt(o, "--target"), &t))
			return 2;
		what = "required_local_speedup";
		rc = pwf_model_amdahl_required(p, t, &v);
	} else if (opt(o, "--processors") != NULL) {
		if (!opt_unsigned(o, "--processors", &procs))
			return 2;
		what = "amdahl_parallel";
		rc = pwf_model_amdahl_parallel(p, procs, &v);
		if (rc == PWF_OK)
			rc = pwf_model_gustafson(p, procs, &v2);
	} else if (opt(o, "--precision") != NULL) {
		double h;
		if (!to_double(opt(o, "--precision"), &h))
			return 2;
		what = "samples_needed";
		rc = pwf_model_samples_needed(p, h, level, m, &need);
		v = (double)need;
	} else {
		usage();
		return 2;
	}
	if (rc != PWF_OK)
		return fail("amdahl", rc);
	if (o->json) {
		printf("{");
		jnum("fraction", p, ", ");
		if (procs != 0)
			printf("\"processors\": %u, ", procs);
		if (strcmp(what, "speedup") == 0 || procs != 0) {
			jnum(what, v, ", ");
			jnum(procs != 0 ? "gustafson" : "ceiling", v2, "}\n");
		} else {
			jnum(what, v, "}\n");
		}
		return 0;
	}
	if (strcmp(what, "speedup") == 0)
		printf("overall speedup: %.6g\nceiling: %.6g\n", v, v2);
	else if (strcmp(what, "required_local_speedup") == 0)
		printf("required local speedup: %.6g\n", v);
	else if (procs != 0)
		printf("Amdahl speedup on %u processors: %.6g\n"
		       "Gustafson scaled speedup: %.6g\n", procs, v, v2);
	else
		printf("samples needed: %.0f (%s, %g%% CI within +-%s); "
		       "%.1f s at 100 Hz\n", v, method_name(m), level * 100,
		    opt(o, "--precision"), v / 100);
	return 0;
}

static int amdahl_check(const opts_t *o, double level)
{
	size_t n0, n1;
	double *a = NULL, *b = NULL, pred, limit = PWF_MODEL_OVERHEAD_LIMIT;
	int rc, ret = 2, overhead = opt(o, "--without") != NULL;

	if (overhead ? opt(o, "--with") == NULL || !opt_double(o, "--limit", &limit)
	             : opt(o, "--baseline") == NULL ||
	                   opt(o, "--candidate") == NULL ||
	                   !to_double(opt(o, "--predicted"), &pred)) {
		usage();
		return 2;
	}
	a = read_values(opt(o, overhead ? "--without" : "--baseline"), &n0);
	b = read_values(opt(o, overhead ? "--with" : "--candidate"), &n1);
	if (a == NULL || b == NULL)
		goto out;
	if (overhead) {
		static const char *const vname[] = { "pass", "fail", "inconclusive" };
		pwf_model_overhead_t r;
		memset(&r, 0, sizeof r);
		r.size = sizeof r;
		rc = pwf_model_check_overhead(a, n0, b, n1,
		    opt(o, "--higher-is-better") != NULL, limit, level, &r);
		if (rc != PWF_OK) {
			ret = fail("overhead", rc);
			goto out;
		}
		if (o->json) {
			printf("{");
			jinterval("overhead", r.overhead, ", ");
			jnum("df", r.df, ", ");
			jnum("limit", r.limit, ", ");
			printf("\"verdict\": \"%s\"}\n", vname[r.verdict]);
		} else {
			printf("overhead: %.2f%% (%g%% CI %.2f%% .. %.2f%%), limit %.2f%%: "
			       "%s\n", r.overhead.estimate * 100, level * 100,
			    r.overhead.lo * 100, r.overhead.hi * 100, r.limit * 100,
			    vname[r.verdict]);
		}
	} else {
		static const char *const vname[] = { "confirmed", "falls short",
			"exceeds" };
		pwf_model_prediction_check_t r;
		memset(&r, 0, sizeof r);
		r.size = sizeof r;
		rc = pwf_model_check_prediction(a, n0, b, n1, pred, level, &r);
		if (rc != PWF_OK) {
			ret = fail("prediction", rc);
			goto out;
		}
		if (o->json) {
			printf("{");
			jnum("predicted", pred, ", ");
			jinterval("measured", r.speedup, ", ");
			jnum("df", r.df, ", ");
			printf("\"verdict\": \"%s\"}\n", vname[r.verdict]);
		} else {
			printf("predicted speedup %.4g; ", pred);
			tinterval("measured", r.speedup, level);
			printf("verdict: %s\n", vname[r.verdict]);
		}
	}
	ret = 0;
out:
	free(a);
	free(b);
	return ret;
}

static int cmd_amdahl(const opts_t *o)
{
	static const char *const allowed[] = { "--samples", "--speedup",
		"--level", "--method", "--fraction", "--target", "--processors",
		"--precision", "--predicted", "--baseline", "--candidate",
		"--without", "--with", "--limit", "--higher-is-better", NULL };
	double level = 0.95;
	pwf_model_ci_method_t m;
	if (!only(o, allowed) || o->npos != 0 || !opt_double(o, "--level", &level)
	    || !parse_method(o, &m)) {
		usage();
		return 2;
	}
	if (opt(o, "--samples") != NULL && opt(o, "--speedup") != NULL)
		return amdahl_samples(o, level, m);
	if (opt(o, "--fraction") != NULL)
		return amdahl_fraction(o, level, m);
	if (opt(o, "--predicted") != NULL || opt(o, "--without") != NULL)
		return amdahl_check(o, level);
	usage();
	return 2;
}

/* ---- usl -------------------------------------------------------------------- */

static int cmd_usl(const opts_t *o)
{
	static const char *const allowed[] = { NULL };
	double n[64], x[64];
	pwf_model_usl_t u;
	int i, rc;
	if (!only(o, allowed) || o->npos == 0) {
		usage();
		return 2;
	}
	for (i = 0; i < o->npos; i++) {
		char buf[128], *colon;
		if (strlen(o->pos[i]) >= sizeof buf ||
		    (colon = strchr(strcpy(buf, o->pos[i]), ':')) == NULL) {
			fprintf(stderr, "%s: usl wants N:X pairs, got %s\n", prog,
			    o->pos[i]);
			return 2;
		}
		*colon = '\0';
		if (!to_double(buf, &n[i]) || !to_double(colon + 1, &x[i]))
			return 2;
	}
	memset(&u, 0, sizeof u);
	u.size = sizeof u;
	if ((rc = pwf_model_usl_fit(n, x, (size_t)o->npos, &u)) != PWF_OK)
		return fail("usl", rc);
	if (o->json) {
		printf("{");
		jnum("sigma", u.sigma, ", ");
		jnum("kappa", u.kappa, ", ");
		jnum("lambda", u.lambda, ", ");
		jnum("r2", u.r2, ", ");
		jnum("peak_n", u.peak_n, ", ");
		jnum("peak_x", u.peak_x, ", ");
		printf("\"predicted\": [");
		for (i = 0; i < o->npos; i++) {
			double p;
			rc = pwf_model_usl_throughput(u.sigma, u.kappa, u.lambda, n[i], &p);
			printf("%s{\"n\": %g, \"measured\": %g, \"model\": %.10g}",
			    i ? ", " : "", n[i], x[i], rc == PWF_OK ? p : 0.0);
		}
		printf("]}\n");
		return 0;
	}
	printf("sigma (contention): %.6g\nkappa (coherency):  %.6g\n"
	       "lambda (X at N=1):  %.6g\nR^2: %.6f\n", u.sigma, u.kappa,
	    u.lambda, u.r2);
	if (isfinite(u.peak_n))
		printf("peak concurrency N* = %.4g, throughput there %.6g\n",
		    u.peak_n, u.peak_x);
	else if (isfinite(u.peak_x))
		printf("no finite peak (kappa = 0): throughput approaches %.6g\n",
		    u.peak_x);
	else
		printf("no finite peak: linear scaling\n");
	printf("%10s %14s %14s\n", "N", "measured", "model");
	for (i = 0; i < o->npos; i++) {
		double p = 0;
		if (pwf_model_usl_throughput(u.sigma, u.kappa, u.lambda, n[i], &p) ==
		    PWF_OK)
			printf("%10g %14g %14.6g\n", n[i], x[i], p);
	}
	return 0;
}

/* ---- queue ------------------------------------------------------------------ */

static int cmd_queue(const opts_t *o)
{
	static const char *const allowed[] = { "--arrival-rate", "--service-rate",
		"--servers", "--slo", "--quantile", NULL };
	double lam = -1, mu = -1, slo = -1, q = 0.99, rate = 0;
	unsigned c = 1;
	pwf_model_queue_t r;
	int rc, have_lam = opt(o, "--arrival-rate") != NULL;
	int have_slo = opt(o, "--slo") != NULL;

	if (!only(o, allowed) || o->npos != 0 ||
	    !to_double(opt(o, "--service-rate"), &mu) ||
	    !opt_double(o, "--arrival-rate", &lam) ||
	    !opt_unsigned(o, "--servers", &c) || !opt_double(o, "--slo", &slo) ||
	    !opt_double(o, "--quantile", &q) || (!have_lam && !have_slo)) {
		usage();
		return 2;
	}
	if (have_slo &&
	    (rc = pwf_model_mmc_max_rate(mu, c, q, slo, &rate)) != PWF_OK)
		return fail("queue: highest arrival rate for the SLO", rc);
	memset(&r, 0, sizeof r);
	r.size = sizeof r;
	if (have_lam && (rc = pwf_model_mmc(lam, mu, c, &r)) != PWF_OK)
		return fail(rc == PWF_EDOMAIN ? "queue: unstable (utilization >= 1)"
		                              : "queue", rc);
	if (o->json) {
		printf("{\"servers\": %u, ", c);
		jnum("service_rate", mu, "");
		if (have_lam) {
			static const char *const key[] = { "arrival_rate", "utilization",
				"p_wait", "mean_wait", "mean_response", "mean_queue",
				"mean_system", "p50", "p95", "p99" };
			const double val[] = { lam, r.utilization, r.p_wait, r.mean_wait,
				r.mean_response, r.mean_queue, r.mean_system, r.p50, r.p95,
				r.p99 };
			size_t i;
			for (i = 0; i < sizeof key / sizeof key[0]; i++) {
				printf(", ");
				jnum(key[i], val[i], "");
			}
		}
		if (have_slo) {
			printf(", ");
			jnum("slo", slo, ", ");
			jnum("quantile", q, ", ");
			jnum("max_arrival_rate", rate, "");
		}
		printf("}\n");
		return 0;
	}
	printf("M/M/%u, service rate %g per server\n", c, mu);
	if (have_lam)
		printf("arrival rate %g: utilization %.4g, P(wait) %.4g\n"
		       "mean wait %.6g, mean response %.6g, "
		       "mean queue %.6g, mean in system %.6g\n"
		       "response time p50 %.6g, p95 %.6g, p99 %.6g\n",
		    lam, r.utilization, r.p_wait, r.mean_wait, r.mean_response,
		    r.mean_queue, r.mean_system, r.p50, r.p95, r.p99);
	if (have_slo)
		printf("highest arrival rate with p%g <= %g: %.6g (utilization %.4g)\n",
		    q * 100, slo, rate, rate / (c * mu));
	return 0;
}

/* ---- slo ---------------------------------------------------------------------- */

static int slo_counts(const opts_t *o, double target)
{
	static const char *const vname[] = { "met", "missed", "uncertain" };
	uint64_t total, glo, ghi;
	pwf_model_slo_t s;
	int rc;
	if (!to_u64(opt(o, "--total"), &total) || !to_u64(opt(o, "--good"), &glo))
		return 2;
	ghi = glo;
	if (opt(o, "--good-hi") != NULL && !to_u64(opt(o, "--good-hi"), &ghi))
		return 2;
	memset(&s, 0, sizeof s);
	s.size = sizeof s;
	if ((rc = pwf_model_slo_evaluate(total, glo, ghi, target, &s)) != PWF_OK)
		return fail("slo", rc);
	if (o->json) {
		printf("{");
		jnum("target", target, ", ");
		jinterval("compliance", s.compliance, ", ");
		jnum("budget_allowed", s.budget_allowed, ", ");
		jinterval("budget_consumed", s.budget_consumed, ", ");
		jinterval("budget_remaining", s.budget_remaining, ", ");
		jinterval("burn_rate", s.burn_rate, ", ");
		printf("\"verdict\": \"%s\"}\n", vname[s.verdict]);
		return 0;
	}
	printf("compliance %.6f%% (bounds %.6f%% .. %.6f%%), target %g%%: %s\n",
	    s.compliance.estimate * 100, s.compliance.lo * 100,
	    s.compliance.hi * 100, target * 100, vname[s.verdict]);
	printf("error budget: %.6g bad requests allowed, %.6g consumed, "
	       "%.2f%% remaining\nburn rate: %.4g\n", s.budget_allowed,
	    s.budget_consumed.estimate, s.budget_remaining.estimate * 100,
	    s.burn_rate.estimate);
	return 0;
}

static int slo_series(const opts_t *o, double target)
{
	pwf_model_burn_rule_t rules[PWF_MODEL_BURN_DEFAULT_RULES];
	pwf_model_burn_alert_t alerts[PWF_MODEL_BURN_DEFAULT_RULES];
	pwf_model_counts_t *series = NULL;
	double interval, *v;
	size_t nv, nr, i;
	int rc;
	if (!to_double(opt(o, "--interval"), &interval))
		return 2;
	if ((v = read_values(opt(o, "--series"), &nv)) == NULL)
		return 2;
	if (nv == 0 || nv % 2 != 0) {
		fprintf(stderr, "%s: --series wants lines of 'total good'\n", prog);
		free(v);
		return 2;
	}
	series = malloc(nv / 2 * sizeof *series);
	for (i = 0; series != NULL && i < nv / 2; i++) {
		if (!(v[2 * i] >= 0 && v[2 * i] < 1.8e19 && v[2 * i + 1] >= 0 &&
		        v[2 * i + 1] < 1.8e19)) {
			fprintf(stderr, "%s: bad counts on line %zu\n", prog, i + 1);
			free(v);
			free(series);
			return 2;
		}
		series[i].total = (uint64_t)v[2 * i];
		series[i].good = (uint64_t)v[2 * i + 1];
	}
	free(v);
	if (series == NULL)
		return fail("slo", PWF_ENOMEM);
	rc = pwf_model_burn_default_rules(rules, PWF_MODEL_BURN_DEFAULT_RULES, &nr);
	if (rc == PWF_OK)
		rc = pwf_model_burn_alerts(series, nv / 2, interval, target, rules, nr,
		    alerts);
	free(series);
	if (rc != PWF_OK)
		return fail("slo", rc);
	if (o->json)
		printf("{\"alerts\": [");
	for (i = 0; i < nr; i++) {
		if (o->json) {
			printf("%s{", i ? ", " : "");
			jnum("long_window", rules[i].long_window, ", ");
			jnum("short_window", rules[i].short_window, ", ");
			jnum("threshold", rules[i].burn_rate, ", ");
			jnum("long_burn", alerts[i].long_burn, ", ");
			jnum("short_burn", alerts[i].short_burn, ", ");
			printf("\"complete\": %s, \"fired\": %s}",
			    alerts[i].complete ? "true" : "false",
			    alerts[i].fired ? "true" : "false");
		} else {
			printf("%5.1fx over %gh and %gmin: burn %.4g and %.4g%s -> %s\n",
			    rules[i].burn_rate, rules[i].long_window / 3600,
			    rules[i].short_window / 60, alerts[i].long_burn,
			    alerts[i].short_burn,
			    alerts[i].complete ? "" : " (series shorter than window)",
			    alerts[i].fired ? "FIRES" : "quiet");
		}
	}
	if (o->json)
		printf("]}\n");
	return 0;
}

static int slo_budgets(const opts_t *o)
{
	double comp[64], slo, q = 0.99;
	size_t n = 0;
	pwf_model_latency_budget_t b;
	const char *s = opt(o, "--budgets");
	char buf[1024], *tok;
	int rc;
	if (!to_double(opt(o, "--slo"), &slo) || !opt_double(o, "--quantile", &q) ||
	    strlen(s) >= sizeof buf)
		return 2;
	strcpy(buf, s);
	for (tok = strtok(buf, ","); tok != NULL; tok = strtok(NULL, ",")) {
		if (n == 64 || !to_double(tok, &comp[n++]))
			return 2;
	}
	memset(&b, 0, sizeof b);
	b.size = sizeof b;
	if ((rc = pwf_model_check_latency_budget(comp, n, q, slo, &b)) != PWF_OK)
		return fail("slo", rc);
	if (o->json) {
		printf("{");
		jnum("sum", b.sum, ", ");
		jnum("slo", slo, ", ");
		jnum("slack", b.slack, ", ");
		printf("\"fits\": %s, \"largest\": %zu, ", b.fits ? "true" : "false",
		    b.largest);
		jnum("bound_level", b.bound_level, "}\n");
		return 0;
	}
	printf("sum of component budgets %.6g against SLO %.6g: %s (slack %.6g); "
	       "largest is component %zu\n", b.sum, slo,
	    b.fits ? "fits" : "over budget", b.slack, b.largest + 1);
	printf("note: percentiles do not add.  The sum bounds the end-to-end "
	       "p%g only if each\ncomponent figure is its p%.6g (union bound, any "
	       "dependence); a sum of p%g\nfigures is exact only when all "
	       "components are slow together.\n", q * 100,
	    b.bound_level * 100, q * 100);
	return 0;
}

static int cmd_slo(const opts_t *o)
{
	static const char *const allowed[] = { "--total", "--good", "--good-hi",
		"--target", "--series", "--interval", "--budgets", "--slo",
		"--quantile", NULL };
	double target = 0;
	if (!only(o, allowed) || o->npos != 0) {
		usage();
		return 2;
	}
	if (opt(o, "--budgets") != NULL)
		return slo_budgets(o);
	if (!to_double(opt(o, "--target"), &target)) {
		usage();
		return 2;
	}
	if (opt(o, "--series") != NULL)
		return slo_series(o, target);
	if (opt(o, "--total") != NULL)
		return slo_counts(o, target);
	usage();
	return 2;
}

int main(int argc, char **argv)
{
	opts_t o;
	int rc;
	if (argc < 2 || parse_opts(argc - 2, argv + 2, &o) != 0) {
		usage();
		return 2;
	}
	if (strcmp(argv[1], "amdahl") == 0)
		rc = cmd_amdahl(&o);
	else if (strcmp(argv[1], "usl") == 0)
		rc = cmd_usl(&o);
	else if (strcmp(argv[1], "queue") == 0)
		rc = cmd_queue(&o);
	else if (strcmp(argv[1], "slo") == 0)
		rc = cmd_slo(&o);
	else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage();
		return 0;
	} else {
		usage();
		return 2;
	}
	return rc;
}
