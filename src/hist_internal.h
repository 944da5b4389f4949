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

/* pwf_hist_record_many() for the single writer thread that owns h, under
 * the same rules as pwf__hist_record_shared(): the pages of the values'
 * binades are allocated first, so that on PWF_ENOMEM nothing is counted
 * (empty pages may remain) and no count ever goes down.  Statuses as
 * pwf_hist_record_many(). */
int pwf__hist_record_many_shared(pwf_hist_t *h, const uint64_t *values,
                                 size_t n);

/* Reader side: copy the shard src (being written by its owner) into dst,
 * a reader-owned histogram of the same scale.  Bucket counts are read
 * word by word (each exactly once per snapshot), the scalar sums under
 * src's sequence pair; if a writer stays inside a multi-word update, the
 * scalars of `prev` (the previous snapshot of src) are used, deferring
 * that update to the next snapshot.  PWF_OK or PWF_ENOMEM. */
int pwf__hist_read_shared(const pwf_hist_t *src, pwf_hist_t *dst,
                          const pwf_hist_t *prev);

/* out += cur - prev, where cur and prev are snapshots of one shard (cur
 * later) at the same scale as each other, out at that scale or coarser.
 * Interval extremes are the delta's bucket range clamped to cur's
 * cumulative extremes.  PWF_OK or PWF_ENOMEM (out unchanged). */
int pwf__hist_add_delta(pwf_hist_t *out, const pwf_hist_t *cur,
                        const pwf_hist_t *prev);

#endif
