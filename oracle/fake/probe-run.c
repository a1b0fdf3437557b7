// SPDX-License-Identifier: GPL-2.0
/* stub, replaced below */
#include <linux/init.h>
#include <linux/platform_device.h>
#include <linux/iommu.h>
#include <linux/pm_domain.h>
#include <linux/clk-provider.h>
#include <linux/reset-controller.h>
#include <linux/phy/phy.h>
#include <linux/regulator/driver.h>
#include <linux/of_dma.h>
static int __init probe_run_init(void)
{
	return 0;
}
device_initcall(probe_run_init);
