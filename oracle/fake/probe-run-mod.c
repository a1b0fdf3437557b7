// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
static int __init probe_run_mod_init(void)
{
	return 0;
}
module_init(probe_run_mod_init);
MODULE_LICENSE("GPL");
