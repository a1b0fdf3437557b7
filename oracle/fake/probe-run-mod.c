// SPDX-License-Identifier: GPL-2.0
/*
 * probe-run modprobe module: loading it registers the scenario drivers named
 * in its drivers= parameter (comma separated), as a scenario's modprobe does.
 * /init loads copies of it renamed probe_run_m00, probe_run_m01, ... so one
 * boot can modprobe several times.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "probe-run.h"

static char *drivers;
module_param(drivers, charp, 0444);
MODULE_PARM_DESC(drivers, "scenario drivers to register, comma separated");

static int __init probe_run_mod_init(void)
{
	char *list, *cursor, *name;
	int ret = 0;

	if (!drivers)
		return -EINVAL;
	list = kstrdup(drivers, GFP_KERNEL);
	if (!list)
		return -ENOMEM;
	cursor = list;
	while (!ret && (name = strsep(&cursor, ",")))
		if (*name)
			ret = probe_run_register_driver(name);
	kfree(list);
	return ret;
}
module_init(probe_run_mod_init);

MODULE_DESCRIPTION("probe-run: register scenario drivers at modprobe time");
MODULE_LICENSE("GPL");
