/* SPDX-License-Identifier: GPL-2.0 */
/* probe-run fake drivers: what the modprobe module calls in the built-in core. */
#ifndef _PROBE_RUN_H
#define _PROBE_RUN_H

int probe_run_register_driver(const char *name);

#endif
