/*
 * perfwf.h -- libperfwf, performance measurement and regression statistics.
 *
 * The umbrella header: include it and link with -lperfwf (pkg-config
 * perfwf).  Each module has its own header under perfwf/; see perfwf(7).
 *
 * Copyright (c) 2026 The libperfwf authors.  MIT licence (see LICENSE).
 */
#ifndef PERFWF_H
#define PERFWF_H

#include "perfwf/common.h"
#include "perfwf/version.h"
#include "perfwf/error.h"
#include "perfwf/clock.h"
#include "perfwf/perfctr.h"
#include "perfwf/model.h"
#include "perfwf/rng.h"
#include "perfwf/stats.h"
#include "perfwf/boot.h"
#include "perfwf/rank.h"
#include "perfwf/benchfmt.h"
#include "perfwf/compare.h"
#include "perfwf/bench.h"
#include "perfwf/export.h"
#include "perfwf/hist.h"
#include "perfwf/recorder.h"

#endif /* PERFWF_H */
