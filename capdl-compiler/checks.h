/* SPDX-License-Identifier: BSD-2-Clause */
/* checks.h: well-formedness checks over a built model. */
#ifndef CAPDLC_CHECKS_H
#define CAPDLC_CHECKS_H

#include "model.h"

enum check_level {
	CHECKS_CAPDL, /* what capDL-tool checks (its checkModel) */
	CHECKS_BOOT,  /* plus what the loader needs to boot the system */
};

void checks_run(struct model *m, enum check_level level);

#endif
