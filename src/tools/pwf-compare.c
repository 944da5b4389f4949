/*
 * pwf-compare -- compare benchmark results of a baseline with a candidate
 * and fail a CI job on a real regression.  A thin driver: options, reading
 * through benchfmt, printing; every decision is pwf_compare_sets()'s.
 *
 *   pwf-compare [options] OLD NEW
 *   pwf-compare [options] OLD1 OLD2 ... -- NEW1 NEW2 ...
 *   pwf-compare [options] --old F [--old F ...] --new F [--new F ...]
 *
 * Exit status: 0 no gate violated, 1 a benchmark regressed beyond its
 * threshold, 2 usage or input error.  See pwf-compare(1).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <perfwf.h>

#define MAX_FILES 256
#define MAX_KEYS 32

struct args {
	const char *old[MAX_FILES], *new_[MAX_FILES];
	size_t nold, nnew;
	const char *keys[MAX_KEYS];
	size_t nkeys;
	pwf_benchfmt_format_t in_format;
	pwf_compare_format_t out_format;
};

static void usage(FILE *fp)
{
	fprintf(fp,
	    "usage: pwf-compare [options] OLD NEW\n"
	    "       pwf-compare [options] OLD... -- NEW...\n"
	    "       pwf-compare [options] --old FILE... --new FILE...\n"
	    "options:\n"
	    "  --alpha A               significance level (default 0.05)\n"
	    "  --confidence C          interval confidence, 0.95 or 95 (default)\n"
	    "  --threshold [PAT=]PCT   regression threshold in %% (repeatable;\n"
	    "                          PAT is an fnmatch glob on benchmark names)\n"
	    "  --gate FILE             gate file of 'PATTERN [UNIT] < PCT%%' rules\n"
	    "  --holm | --fdr          multiplicity control (Holm / Benjamini-Hochberg)\n"
	    "  --exact                 units without a Unit line are exact\n"
	    "                          (as assume=exact)\n"
	    "  --runs auto|on|off      runs (processes) as the unit of analysis\n"
	    "  --ignore-key KEY        leave a config key out of the grouping\n"
	    "                          (default: run, pid); repeatable\n"
	    "  --power P               power of the sample-size advice (0.8)\n"
	    "  --format text|markdown|csv|json   output (default text)\n"
	    "  --input-format go|values|csv|json input (default go)\n"
	    "  --threads N             threads for large samples (default 0:\n"
	    "                          one per processor; 1: none besides main)\n"
	    "exit status: 0 no regression, 1 regression beyond a threshold, "
	    "2 error\n");
}

static int die(const char *msg, const char *arg)
{
	fprintf(stderr, "pwf-compare: %s%s%s\n", msg, arg ? ": " : "",
	    arg ? arg : "");
	return 2;
}

/* A number, or a percentage when above 1 (for --confidence 95). */
static int parse_level(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end != '\0')
		return -1;
	*out = v > 1 ? v / 100 : v;
	return 0;
}

static int parse_number(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* A thread count, 0..64 (0: one per processor). */
static int parse_count(const char *s, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (end == s || *end != '\0' || s[0] == '-' || v > 64)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* --threshold [PATTERN=]PCT: a rule of the gate, or the default. */
static int add_threshold(const char *spec, pwf_compare_gate_t *gate,
    pwf_compare_options_t *opt)
{
	const char *eq = strrchr(spec, '=');
	char pat[512];
	double pct;
	if (parse_number(eq ? eq + 1 : spec, &pct) != 0)
		return die("bad --threshold (want [PATTERN=]PERCENT)", spec);
	if (eq == NULL) {
		opt->threshold = pct / 100;
		return pct >= 0 ? 0 : die("negative --threshold", spec);
	}
	if ((size_t)(eq - spec) >= sizeof pat || eq == spec)
		return die("bad --threshold pattern", spec);
	memcpy(pat, spec, (size_t)(eq - spec));
	pat[eq - spec] = '\0';
	if (pwf_compare_gate_add(gate, pat, NULL, pct / 100) != PWF_OK)
		return die("bad --threshold", spec);
	return 0;
}

static int load_gate(const char *path, pwf_compare_gate_t *gate)
{
	pwf_compare_gate_error_t e;
	if (pwf_compare_gate_load(gate, path) == PWF_OK)
		return 0;
	e.size = sizeof e;
	if (pwf_compare_gate_error(gate, &e) != PWF_OK)
		return die("cannot read gate file", path);
	fprintf(stderr, "pwf-compare: %s:%llu: %s\n", e.file ? e.file : path,
	    (unsigned long long)e.line, e.msg);
	return 2;
}

static int parse_args(int argc, char **argv, struct args *a,
    pwf_compare_options_t *opt, pwf_compare_gate_t *gate)
{
	const char *pos[MAX_FILES * 2];
	size_t npos = 0, dashes = (size_t)-1, i;
	int k, rc;

	for (k = 1; k < argc; k++) {
		const char *s = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
#define NEED_ARG() do { if (v == NULL) return die("missing value for", s); \
	k++; } while (0)
		if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(s, "--") == 0) {
			if (dashes != (size_t)-1)
				return die("'--' given twice", NULL);
			dashes = npos;
		} else if (strcmp(s, "--old") == 0 || strcmp(s, "--new") == 0) {
			NEED_ARG();
			if ((s[2] == 'o' ? a->nold : a->nnew) >= MAX_FILES)
				return die("too many files", v);
			if (s[2] == 'o')
				a->old[a->nold++] = v;
			else
				a->new_[a->nnew++] = v;
		} else if (strcmp(s, "--alpha") == 0) {
			NEED_ARG();
			if (parse_number(v, &opt->alpha) != 0)
				return die("bad --alpha", v);
		} else if (strcmp(s, "--confidence") == 0) {
			NEED_ARG();
			if (parse_level(v, &opt->conf_level) != 0)
				return die("bad --confidence", v);
		} else if (strcmp(s, "--power") == 0) {
			NEED_ARG();
			if (parse_level(v, &opt->power) != 0)
				return die("bad --power", v);
		} else if (strcmp(s, "--threshold") == 0) {
			NEED_ARG();
			if ((rc = add_threshold(v, gate, opt)) != 0)
				return rc;
		} else if (strcmp(s, "--gate") == 0) {
			NEED_ARG();
			if ((rc = load_gate(v, gate)) != 0)
				return rc;
		} else if (strcmp(s, "--holm") == 0) {
			opt->adjust = PWF_COMPARE_ADJUST_HOLM;
		} else if (strcmp(s, "--fdr") == 0) {
			opt->adjust = PWF_COMPARE_ADJUST_BH;
		} else if (strcmp(s, "--exact") == 0) {
			opt->exact = 1;
		} else if (strcmp(s, "--threads") == 0) {
			NEED_ARG();
			if (parse_count(v, &opt->threads) != 0)
				return die("bad --threads (want 0 to 64)", v);
		} else if (strcmp(s, "--runs") == 0) {
			NEED_ARG();
			if (strcmp(v, "auto") == 0)
				opt->runs = PWF_COMPARE_RUNS_AUTO;
			else if (strcmp(v, "on") == 0)
				opt->runs = PWF_COMPARE_RUNS_ON;
			else if (strcmp(v, "off") == 0)
				opt->runs = PWF_COMPARE_RUNS_OFF;
			else
				return die("bad --runs (auto, on, off)", v);
		} else if (strcmp(s, "--ignore-key") == 0) {
			NEED_ARG();
			if (a->nkeys >= MAX_KEYS)
				return die("too many --ignore-key", v);
			a->keys[a->nkeys++] = v;
		} else if (strcmp(s, "--format") == 0) {
			NEED_ARG();
			if (pwf_compare_format_parse(v, &a->out_format) != PWF_OK)
				return die("bad --format (text, markdown, csv, json)", v);
		} else if (strcmp(s, "--input-format") == 0) {
			NEED_ARG();
			if (pwf_benchfmt_format_parse(v, &a->in_format) != PWF_OK)
				return die("bad --input-format (go, values, csv, json)", v);
		} else if (s[0] == '-' && s[1] != '\0') {
			return die("unknown option", s);
		} else {
			if (npos >= sizeof pos / sizeof pos[0])
				return die("too many files", s);
			pos[npos++] = s;
		}
#undef NEED_ARG
	}
	if (npos > 0 && (a->nold > 0 || a->nnew > 0))
		return die("give files either as --old/--new or as arguments", NULL);
	if (npos > 0 && dashes == (size_t)-1) {
		if (npos != 2)
			return die("want OLD NEW, or OLD... -- NEW...", NULL);
		dashes = 1;
	}
	for (i = 0; i < npos; i++) {
		if (i < dashes)
			a->old[a->nold++] = pos[i];
		else
			a->new_[a->nnew++] = pos[i];
	}
	if (a->nold == 0 || a->nnew == 0) {
		usage(stderr);
		return 2;
	}
	return 0;
}

/* One side to read: its files, then the set or the message to print. */
struct side {
	const struct args *a;
	const char *const *files;
	size_t n;
	pwf_benchfmt_set_t *set;
	char msg[1024];
};

/* Read the files of one side into a new set; on failure s->set is NULL
 * and s->msg says why (printed by the caller, so the two sides can be
 * read at once and still report in order). */
static void *load_side(void *arg)
{
	static const char *const dflt[] = { "run", "pid" };
	struct side *sd = arg;
	const struct args *a = sd->a;
	pwf_benchfmt_set_t *s;
	pwf_benchfmt_error_t e;
	size_t i;
	int rc;

	sd->set = NULL;
	if (pwf_benchfmt_set_create(&s, NULL) != PWF_OK) {
		snprintf(sd->msg, sizeof sd->msg, "out of memory");
		return NULL;
	}
	for (i = 0; i < (a->nkeys ? a->nkeys : 2); i++)
		if (pwf_benchfmt_set_ignore_key(s, a->nkeys ? a->keys[i] :
		    dflt[i]) != PWF_OK) {
			pwf_benchfmt_set_destroy(s);
			snprintf(sd->msg, sizeof sd->msg, "bad --ignore-key: %s",
			    a->keys[i]);
			return NULL;
		}
	for (i = 0; i < sd->n; i++) {
		if ((rc = pwf_benchfmt_set_load(s, sd->files[i], a->in_format)) == 0)
			continue;
		e.size = sizeof e;
		if (pwf_benchfmt_set_error(s, &e) == PWF_OK && e.msg != NULL)
			snprintf(sd->msg, sizeof sd->msg, "%s:%llu: %s",
			    e.file ? e.file : sd->files[i],
			    (unsigned long long)e.line, e.msg);
		else
			snprintf(sd->msg, sizeof sd->msg, "%s: %s", sd->files[i],
			    pwf_strerror(rc));
		pwf_benchfmt_set_destroy(s);
		return NULL;
	}
	sd->set = s;
	return NULL;
}

/* Both sides, the new one in a second thread when one can be started
 * (reading is most of the time on large inputs); 0 or exit status 2. */
static int load_sides(const struct args *a, pwf_benchfmt_set_t **base,
    pwf_benchfmt_set_t **cand)
{
	struct side sd[2];
	pthread_t th;
	int threaded;
	memset(sd, 0, sizeof sd);
	sd[0].a = sd[1].a = a;
	sd[0].files = a->old;
	sd[0].n = a->nold;
	sd[1].files = a->new_;
	sd[1].n = a->nnew;
	threaded = pthread_create(&th, NULL, load_side, &sd[1]) == 0;
	load_side(&sd[0]);
	if (threaded)
		pthread_join(th, NULL);
	else
		load_side(&sd[1]);
	*base = sd[0].set;
	*cand = sd[1].set;
	if (sd[0].set != NULL && sd[1].set != NULL)
		return 0;
	/* the old side's error first, as reading them in turn would */
	fprintf(stderr, "pwf-compare: %s\n", sd[sd[0].set == NULL ? 0 : 1].msg);
	return 2;
}

int main(int argc, char **argv)
{
	pwf_compare_options_t opt;
	pwf_compare_gate_t *gate = NULL;
	pwf_benchfmt_set_t *base = NULL, *cand = NULL;
	pwf_compare_report_t *rep = NULL;
	pwf_compare_summary_t sum;
	static struct args a;
	int rc, status = 2;

	opt.size = sizeof opt;
	if (pwf_compare_options_init(&opt) != PWF_OK ||
	    pwf_compare_gate_create(&gate, NULL) != PWF_OK)
		return die("out of memory", NULL);
	a.in_format = PWF_BENCHFMT_GO;
	a.out_format = PWF_COMPARE_FORMAT_TEXT;
	opt.threads = 0; /* the library's default is 1; a tool may use all */
	if (parse_args(argc, argv, &a, &opt, gate) != 0)
		goto out;
	if (a.nold == 1 && a.nnew == 1) {
		opt.base_label = a.old[0];
		opt.cand_label = a.new_[0];
	}
	if (load_sides(&a, &base, &cand) != 0)
		goto out;
	rc = pwf_compare_sets(&rep, base, cand, gate, &opt);
	if (rc == PWF_EEMPTY) {
		die("no benchmark results in the input", NULL);
		goto out;
	}
	if (rc != PWF_OK) {
		die(rc == PWF_EINVAL ? "invalid option value" : pwf_strerror(rc),
		    NULL);
		goto out;
	}
	sum.size = sizeof sum;
	if (pwf_compare_report_write(rep, stdout, a.out_format) != PWF_OK ||
	    pwf_compare_report_summary(rep, &sum) != PWF_OK ||
	    fflush(stdout) != 0) {
		die("write error", NULL);
		goto out;
	}
	status = sum.gate_failed ? 1 : 0;
out:
	pwf_compare_report_destroy(rep);
	pwf_benchfmt_set_destroy(base);
	pwf_benchfmt_set_destroy(cand);
	pwf_compare_gate_destroy(gate);
	return status;
}
