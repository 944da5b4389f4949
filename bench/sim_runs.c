/*
 * sim_runs -- why the run (process) must be the unit of analysis.
 *
 * Both sides come from the same distribution (no real change).  Each side
 * is R runs of M repetitions; every run has its own level, drawn from
 * N(1, sigma_run) (address-space layout, CPU frequency, page placement of
 * that process), and the repetitions inside a run add N(0, sigma_rep).
 * pwf_compare_runs() is called on each simulated pair twice: with the runs
 * ignored (PWF_COMPARE_RUNS_OFF: 2 x R x M samples) and with the runs as
 * the unit (PWF_COMPARE_RUNS_AUTO: R run medians a side).  A false alarm is
 * a significant difference (p < alpha).  The printed rates, with their
 * ratio to alpha: ungrouped far above alpha, grouped at or below it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <perfwf.h>

/* A standard normal by the Box-Muller transform. */
static double normal(pwf_rng_t *r)
{
	double u = pwf_rng_double(r), v = pwf_rng_double(r);
	while (u <= 0)
		u = pwf_rng_double(r);
	return sqrt(-2 * log(u)) * cos(2 * 3.14159265358979323846 * v);
}

static void side(pwf_rng_t *g, size_t runs, size_t reps, double s_run,
    double s_rep, double *x, size_t *lab, size_t first_label)
{
	size_t i, j;
	for (i = 0; i < runs; i++) {
		double level = 1 + s_run * normal(g);
		for (j = 0; j < reps; j++) {
			x[i * reps + j] = 100 * (level + s_rep * normal(g));
			lab[i * reps + j] = first_label + i;
		}
	}
}

int main(void)
{
	static const struct { size_t runs, reps; double s_run, s_rep; } cfg[] = {
		{ 5, 20, 0.010, 0.002 },
		{ 8, 10, 0.010, 0.002 },
		{ 10, 5, 0.005, 0.005 },
		{ 8, 10, 0.000, 0.005 }, /* control: no run-to-run variance */
	};
	enum { TRIALS = 2000 };
	static double xb[200], xc[200];
	static size_t lb[200], lc[200];
	pwf_compare_options_t o;
	pwf_compare_result_t r;
	pwf_rng_t g;
	size_t c, t;

	o.size = sizeof o;
	r.size = sizeof r;
	if (pwf_compare_options_init(&o) != PWF_OK)
		return 1;
	pwf_rng_seed(&g, 20261121);
	printf("false alarms of a no-change comparison at alpha = %.2f, %d "
	       "trials each\n", o.alpha, TRIALS);
	for (c = 0; c < sizeof cfg / sizeof cfg[0]; c++) {
		size_t n = cfg[c].runs * cfg[c].reps, fa_off = 0, fa_runs = 0;
		for (t = 0; t < TRIALS; t++) {
			side(&g, cfg[c].runs, cfg[c].reps, cfg[c].s_run, cfg[c].s_rep,
			    xb, lb, 0);
			side(&g, cfg[c].runs, cfg[c].reps, cfg[c].s_run, cfg[c].s_rep,
			    xc, lc, 1000);
			o.runs = PWF_COMPARE_RUNS_OFF;
			if (pwf_compare_runs(xb, lb, n, xc, lc, n, &o, &r) != PWF_OK)
				return 1;
			fa_off += r.significant;
			o.runs = PWF_COMPARE_RUNS_AUTO;
			if (pwf_compare_runs(xb, lb, n, xc, lc, n, &o, &r) != PWF_OK ||
			    !r.grouped)
				return 1;
			fa_runs += r.significant;
		}
		printf("%2zu runs x %2zu reps, run sd %.1f%%, rep sd %.1f%%: "
		       "ungrouped %.3f (%.1fx alpha), grouped by run %.3f "
		       "(%.2fx alpha)\n", cfg[c].runs, cfg[c].reps,
		    100 * cfg[c].s_run, 100 * cfg[c].s_rep,
		    (double)fa_off / TRIALS, (double)fa_off / TRIALS / o.alpha,
		    (double)fa_runs / TRIALS, (double)fa_runs / TRIALS / o.alpha);
	}
	return 0;
}
