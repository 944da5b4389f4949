/*
 * hist_internal.h -- what recorder.c needs from hist.c.  Never installed.
 */
#ifndef PERFWF_HIST_INTERNAL_H
#define PERFWF_HIST_INTERNAL_H

#include "perfwf/hist.h"

/* Record one value from the single writer thread that owns h, while one
 * reader may run pwf__hist_read_shared() on h: relaxed atomic stores only,
 * no read-modify-write. */
int pwf__hist_record_shared(pwf_hist_t *h, uint64_t v);

#endif
