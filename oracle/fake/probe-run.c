// SPDX-License-Identifier: GPL-2.0
/*
 * probe-run fake platform drivers.
 *
 * One generic platform driver family, configured from the device tree that
 * `probe-run export-dts` writes: each /probe-run-drivers/<name> node is a
 * driver (match list, initcall level, built in or module). probe() gets every
 * supplier its node references, checks the nodes it waits for, returns the
 * next injected result and then registers the providers its node declares
 * (#clock-cells, #reset-cells, #power-domain-cells, #iommu-cells, #phy-cells,
 * #regulator-cells, #dma-cells, #interconnect-cells, #pinctrl-cells) and adds
 * its children. Hot-plug and module-style registration go through debugfs.
 */

#define pr_fmt(fmt) "probe-run: " fmt

#include <linux/clk.h>
#include <linux/clk-provider.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/interconnect.h>
#include <linux/interconnect-provider.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_dma.h>
#include <linux/of_platform.h>
#include <linux/phy/phy.h>
#include <linux/pinctrl/pinctrl.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/driver.h>
#include <linux/reset.h>
#include <linux/reset-controller.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/version.h>

#include "probe-run.h"

/*
 * The one place that knows kernel versions: 6.1 and 6.12 (oracle-notes.md).
 * PR_IOMMU_V2: iommu_ops with an identity domain and no fwspec->ops; const
 * of_phandle_args in the xlate callbacks. PR_REMOVE: the void .remove field.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define PR_IOMMU_V2 1
#define PR_CONST_ARGS const
#else
#define PR_IOMMU_V2 0
#define PR_CONST_ARGS
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define PR_REMOVE remove
#else
#define PR_REMOVE remove_new
#endif

#define PR_MAX_RESULTS 64
#define PR_MAX_DOMAINS 16

/* One driver of the scenario (a /probe-run-drivers child); its match table is built at run time. */
struct pr_driver {
	struct list_head list;
	struct platform_driver pdrv;
	struct of_device_id *ids;
	const char *name;
	bool registered;
	/* 6.12: each IOMMU driver its own ops, so a fwspec tells drivers apart (K5.3, K5.4). */
	struct iommu_ops *iommu_ops;
};

/* What probe-run keeps per device-tree node: fault counters and providers. */
struct pr_node {
	struct list_head list;
	struct device_node *np;
	unsigned int results_used;
	unsigned int power_ons;
	struct clk_hw *clk;
	struct generic_pm_domain genpd;
	struct generic_pm_domain *domains[1];
	struct genpd_onecell_data pd_data;
	bool genpd_init;
	bool pd_provider;
	struct iommu_device iommu;
	bool iommu_registered;
	bool dma_registered;
	struct icc_provider icc;
	struct icc_node *icc_node;
	bool icc_registered;
	struct device *pd_devs[PR_MAX_DOMAINS];
	int n_pd_devs;
};

static LIST_HEAD(pr_drivers);
static LIST_HEAD(pr_nodes);
static DEFINE_MUTEX(pr_lock);
static int pr_icc_next_id = 1;

static struct pr_node *pr_node_get(struct device_node *np)
{
	struct pr_node *n;

	mutex_lock(&pr_lock);
	list_for_each_entry(n, &pr_nodes, list) {
		if (n->np == np)
			goto out;
	}
	n = kzalloc(sizeof(*n), GFP_KERNEL);
	if (n) {
		n->np = of_node_get(np);
		list_add_tail(&n->list, &pr_nodes);
	}
out:
	mutex_unlock(&pr_lock);
	return n;
}

/* The next of an injected result list, or 0 once it has run out. */
static int pr_next_result(struct device_node *np, const char *prop,
			  unsigned int *used, bool repeat)
{
	u32 values[PR_MAX_RESULTS];
	int count = of_property_count_u32_elems(np, prop);

	if (count <= 0)
		return 0;
	if (count > PR_MAX_RESULTS)
		count = PR_MAX_RESULTS;
	if (of_property_read_u32_array(np, prop, values, count))
		return 0;
	if (repeat)
		return (s32)values[0];
	if (*used >= count)
		return 0;
	return (s32)values[(*used)++];
}

/* Clocks */

static int pr_get_clocks(struct device *dev)
{
	struct device_node *np = dev->of_node;
	int i, count = of_count_phandle_with_args(np, "clocks", "#clock-cells");
	struct clk *clk;

	for (i = 0; i < count; i++) {
		clk = of_clk_get(np, i);
		if (IS_ERR(clk))
			return dev_err_probe(dev, PTR_ERR(clk), "clock %d\n", i);
		clk_put(clk);
	}
	return 0;
}

static int pr_add_clock_provider(struct device_node *np, struct pr_node *n)
{
	char *name = kasprintf(GFP_KERNEL, "pr-%pOF", np);
	int ret;

	if (!name)
		return -ENOMEM;
	n->clk = clk_hw_register_fixed_rate(NULL, name, NULL, 0, 1000000);
	kfree(name);
	if (IS_ERR(n->clk)) {
		ret = PTR_ERR(n->clk);
		n->clk = NULL;
		return ret;
	}
	ret = of_clk_add_hw_provider(np, of_clk_hw_simple_get, n->clk);
	if (ret) {
		clk_hw_unregister_fixed_rate(n->clk);
		n->clk = NULL;
	}
	return ret;
}

static void pr_del_clock_provider(struct device_node *np, struct pr_node *n)
{
	if (!n->clk)
		return;
	of_clk_del_provider(np);
	clk_hw_unregister_fixed_rate(n->clk);
	n->clk = NULL;
}

/* An early clock provider at time 0 (CLK_OF_DECLARE, K1.3): no device. */
static void __init pr_early_clock_init(struct device_node *np)
{
	struct pr_node *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return;
	n->np = of_node_get(np);
	list_add_tail(&n->list, &pr_nodes);
	if (of_property_present(np, "#clock-cells") &&
	    pr_add_clock_provider(np, n))
		pr_err("early clock %pOF failed\n", np);
	else
		pr_info("early clock %pOF registered\n", np);
}
CLK_OF_DECLARE(probe_run_early, "probe-run,early-clock", pr_early_clock_init);

/* Resets */

static int pr_reset_noop(struct reset_controller_dev *rcdev, unsigned long id)
{
	return 0;
}

static const struct reset_control_ops pr_reset_ops = {
	.reset = pr_reset_noop,
	.assert = pr_reset_noop,
	.deassert = pr_reset_noop,
};

static int pr_reset_xlate(struct reset_controller_dev *rcdev,
			  const struct of_phandle_args *spec)
{
	return 0;
}

static int pr_get_resets(struct device *dev)
{
	struct device_node *np = dev->of_node;
	int i, count = of_count_phandle_with_args(np, "resets", "#reset-cells");
	struct reset_control *rst;

	for (i = 0; i < count; i++) {
		rst = of_reset_control_get_shared_by_index(np, i);
		if (IS_ERR(rst))
			return dev_err_probe(dev, PTR_ERR(rst), "reset %d\n", i);
		reset_control_put(rst);
	}
	return 0;
}

static int pr_add_reset_provider(struct device *dev, u32 cells)
{
	struct reset_controller_dev *rcdev;

	rcdev = devm_kzalloc(dev, sizeof(*rcdev), GFP_KERNEL);
	if (!rcdev)
		return -ENOMEM;
	rcdev->ops = &pr_reset_ops;
	rcdev->owner = THIS_MODULE;
	rcdev->of_node = dev->of_node;
	rcdev->of_reset_n_cells = cells;
	rcdev->of_xlate = pr_reset_xlate;
	rcdev->nr_resets = 1;
	return devm_reset_controller_register(dev, rcdev);
}

/* Power domains (K6) */

static int pr_power_on(struct generic_pm_domain *genpd)
{
	struct pr_node *n = container_of(genpd, struct pr_node, genpd);
	bool repeat = of_property_read_bool(n->np, "probe-run,power-on-repeat");
	int ret = pr_next_result(n->np, "probe-run,power-on-results",
				 &n->power_ons, repeat);

	pr_info("power on %pOF: %d\n", n->np, ret);
	return ret;
}

static int pr_power_off(struct generic_pm_domain *genpd)
{
	return 0;
}

static struct generic_pm_domain *pr_pd_xlate(PR_CONST_ARGS struct of_phandle_args *args,
					     void *data)
{
	struct genpd_onecell_data *pd_data = data;

	return pd_data->domains[0];
}

static int pr_add_pd_provider(struct device_node *np, struct pr_node *n,
			      u32 cells)
{
	int ret;

	if (!n->genpd_init) {
		n->genpd.name = kasprintf(GFP_KERNEL, "pr-%pOF", np);
		n->genpd.power_on = pr_power_on;
		n->genpd.power_off = pr_power_off;
		ret = pm_genpd_init(&n->genpd, NULL, true);
		if (ret)
			return ret;
		n->genpd_init = true;
	}
	if (cells == 0) {
		ret = of_genpd_add_provider_simple(np, &n->genpd);
	} else {
		n->domains[0] = &n->genpd;
		n->pd_data.domains = n->domains;
		n->pd_data.num_domains = 1;
		n->pd_data.xlate = pr_pd_xlate;
		ret = of_genpd_add_provider_onecell(np, &n->pd_data);
	}
	n->pd_provider = !ret;
	return ret;
}

/* K6.3: several power domains are attached by the driver, by index. */
static int pr_attach_power_domains(struct device *dev, struct pr_node *n)
{
	int i, count = of_count_phandle_with_args(dev->of_node, "power-domains",
						  "#power-domain-cells");
	struct device *pd;

	if (count <= 1)
		return 0;
	for (i = 0; i < count && i < PR_MAX_DOMAINS; i++) {
		pd = dev_pm_domain_attach_by_id(dev, i);
		if (IS_ERR(pd))
			return dev_err_probe(dev, PTR_ERR(pd), "power domain %d\n", i);
		if (pd)
			n->pd_devs[n->n_pd_devs++] = pd;
	}
	return 0;
}

static void pr_detach_power_domains(struct pr_node *n)
{
	while (n->n_pd_devs > 0)
		dev_pm_domain_detach(n->pd_devs[--n->n_pd_devs], false);
}

/* IOMMUs (K5): one ops for every instance (6.1 allows a single iommu_ops). */

static const struct iommu_ops pr_iommu_ops;

static struct iommu_device *pr_iommu_probe_device(struct device *dev)
{
	struct iommu_fwspec *fwspec = dev_iommu_fwspec_get(dev);
	struct iommu_device *found = ERR_PTR(-ENODEV);
	struct pr_node *n;

	/* No IDs: an of_xlate that deferred left the fwspec empty (K5.4); like arm-smmu, refuse it. */
	if (!fwspec || !fwspec->num_ids)
		return ERR_PTR(-ENODEV);
#if !PR_IOMMU_V2
	/* 6.1: the bus's one ops sees every fwspec; reject those of others. */
	if (fwspec->ops != &pr_iommu_ops)
		return ERR_PTR(-ENODEV);
#endif
	mutex_lock(&pr_lock);
	list_for_each_entry(n, &pr_nodes, list) {
		if (n->iommu_registered &&
		    of_fwnode_handle(n->np) == fwspec->iommu_fwnode) {
			found = &n->iommu;
			break;
		}
	}
	mutex_unlock(&pr_lock);
	return found;
}

static void pr_iommu_release_device(struct device *dev)
{
}

static int pr_iommu_of_xlate(struct device *dev,
			     PR_CONST_ARGS struct of_phandle_args *args)
{
	u32 result;

	if (!of_property_read_u32(dev->of_node, "probe-run,xlate-result", &result) &&
	    result) {
		dev_info(dev, "probe-run: of_xlate %pOF: %d\n", args->np, (s32)result);
		return (s32)result;
	}
	return iommu_fwspec_add_ids(dev, (u32 *)args->args, args->args_count);
}

static int pr_identity_attach(struct iommu_domain *domain, struct device *dev)
{
	return 0;
}

#if PR_IOMMU_V2
static const struct iommu_domain_ops pr_identity_ops = {
	.attach_dev = pr_identity_attach,
};

static struct iommu_domain pr_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &pr_identity_ops,
};

static const struct iommu_ops pr_iommu_ops = {
	.identity_domain = &pr_identity_domain,
	.default_domain = &pr_identity_domain,
	.probe_device = pr_iommu_probe_device,
	.release_device = pr_iommu_release_device,
	.device_group = generic_device_group,
	.of_xlate = pr_iommu_of_xlate,
	.pgsize_bitmap = SZ_4K,
	.owner = THIS_MODULE,
};
#else
static struct iommu_domain *pr_domain_alloc(unsigned int type)
{
	return kzalloc(sizeof(struct iommu_domain), GFP_KERNEL);
}

static void pr_domain_free(struct iommu_domain *domain)
{
	kfree(domain);
}

static int pr_def_domain_type(struct device *dev)
{
	return IOMMU_DOMAIN_IDENTITY;
}

static const struct iommu_ops pr_iommu_ops = {
	.domain_alloc = pr_domain_alloc,
	.def_domain_type = pr_def_domain_type,
	.probe_device = pr_iommu_probe_device,
	.release_device = pr_iommu_release_device,
	.device_group = generic_device_group,
	.of_xlate = pr_iommu_of_xlate,
	.pgsize_bitmap = SZ_4K,
	.owner = THIS_MODULE,
	.default_domain_ops = &(const struct iommu_domain_ops) {
		.attach_dev = pr_identity_attach,
		.free = pr_domain_free,
	},
};
#endif

/* Phys, regulators, DMA controllers, interconnects, pin controllers */

static const struct phy_ops pr_phy_ops = {
	.owner = THIS_MODULE,
};

static int pr_get_phys(struct device *dev)
{
	int i, count = of_count_phandle_with_args(dev->of_node, "phys", "#phy-cells");
	struct phy *phy;

	for (i = 0; i < count; i++) {
		phy = devm_of_phy_get_by_index(dev, dev->of_node, i);
		if (IS_ERR(phy))
			return dev_err_probe(dev, PTR_ERR(phy), "phy %d\n", i);
		devm_phy_put(dev, phy);
	}
	return 0;
}

static int pr_add_phy_provider(struct device *dev)
{
	struct phy_provider *provider;
	struct phy *phy = devm_phy_create(dev, dev->of_node, &pr_phy_ops);

	if (IS_ERR(phy))
		return PTR_ERR(phy);
	provider = devm_of_phy_provider_register(dev, of_phy_simple_xlate);
	return PTR_ERR_OR_ZERO(provider);
}

static const struct regulator_ops pr_regulator_ops;

static int pr_get_supplies(struct device *dev)
{
	struct property *prop;
	struct regulator *reg;
	char name[32];
	size_t len;

	for_each_property_of_node(dev->of_node, prop) {
		len = strlen(prop->name);
		if (len <= 7 || len - 7 >= sizeof(name) ||
		    strcmp(prop->name + len - 7, "-supply"))
			continue;
		strscpy(name, prop->name, len - 7 + 1);
		reg = regulator_get(dev, name);
		if (IS_ERR(reg))
			return dev_err_probe(dev, PTR_ERR(reg), "supply %s\n", name);
		regulator_put(reg);
	}
	return 0;
}

static int pr_add_regulator(struct device *dev)
{
	struct regulator_config config = { .dev = dev, .of_node = dev->of_node };
	struct regulator_desc *desc;
	struct regulator_dev *rdev;

	desc = devm_kzalloc(dev, sizeof(*desc), GFP_KERNEL);
	if (!desc)
		return -ENOMEM;
	desc->name = devm_kasprintf(dev, GFP_KERNEL, "pr-%pOF", dev->of_node);
	desc->type = REGULATOR_VOLTAGE;
	desc->owner = THIS_MODULE;
	desc->ops = &pr_regulator_ops;
	rdev = devm_regulator_register(dev, desc, &config);
	return PTR_ERR_OR_ZERO(rdev);
}

static struct dma_chan *pr_dma_xlate(struct of_phandle_args *spec,
				     struct of_dma *ofdma)
{
	return NULL;
}

/* A registered DMA controller answers -ENODEV (no channel): the consumer takes that as present. */
static int pr_get_dmas(struct device *dev)
{
	int i, count = of_count_phandle_with_args(dev->of_node, "dmas", "#dma-cells");
	struct dma_chan *chan;
	char name[16];

	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "dma%d", i);
		chan = of_dma_request_slave_channel(dev->of_node, name);
		if (PTR_ERR(chan) == -EPROBE_DEFER)
			return dev_err_probe(dev, -EPROBE_DEFER, "dma %d\n", i);
		if (!IS_ERR(chan))
			dma_release_channel(chan);
	}
	return 0;
}

static struct icc_node *pr_icc_xlate(PR_CONST_ARGS struct of_phandle_args *spec,
				     void *data)
{
	struct pr_node *n = data;

	return n->icc_node;
}

static int pr_icc_set(struct icc_node *src, struct icc_node *dst)
{
	return 0;
}

static int pr_get_interconnects(struct device *dev)
{
	struct device_node *np = dev->of_node;
	int i, count = of_count_phandle_with_args(np, "interconnects",
						  "#interconnect-cells");
	struct of_phandle_args args;
	struct icc_node_data *data;

	for (i = 0; i < count; i++) {
		if (of_parse_phandle_with_args(np, "interconnects",
					       "#interconnect-cells", i, &args))
			continue;
		data = of_icc_get_from_provider(&args);
		of_node_put(args.np);
		if (IS_ERR(data))
			return dev_err_probe(dev, PTR_ERR(data), "interconnect %d\n", i);
		kfree(data);
	}
	return 0;
}

static int pr_add_icc_provider(struct device *dev, struct pr_node *n)
{
	int ret;

	if (n->icc_registered)
		return 0;
	icc_provider_init(&n->icc);
	n->icc.dev = dev;
	n->icc.set = pr_icc_set;
	n->icc.xlate = pr_icc_xlate;
	n->icc.data = n;
	mutex_lock(&pr_lock);
	n->icc_node = icc_node_create(pr_icc_next_id++);
	mutex_unlock(&pr_lock);
	if (IS_ERR(n->icc_node))
		return PTR_ERR(n->icc_node);
	icc_node_add(n->icc_node, &n->icc);
	ret = icc_provider_register(&n->icc);
	n->icc_registered = !ret;
	return ret;
}

static void pr_del_icc_provider(struct pr_node *n)
{
	if (!n->icc_registered)
		return;
	icc_provider_deregister(&n->icc);
	icc_nodes_remove(&n->icc);
	n->icc_registered = false;
}

static int pr_pctl_groups_count(struct pinctrl_dev *pctldev)
{
	return 0;
}

static const char *pr_pctl_group_name(struct pinctrl_dev *pctldev,
				      unsigned int selector)
{
	return NULL;
}

static int pr_pctl_dt_node_to_map(struct pinctrl_dev *pctldev,
				  struct device_node *np,
				  struct pinctrl_map **map, unsigned int *num_maps)
{
	*map = NULL;
	*num_maps = 0;
	return 0;
}

static void pr_pctl_dt_free_map(struct pinctrl_dev *pctldev,
				struct pinctrl_map *map, unsigned int num_maps)
{
}

static const struct pinctrl_ops pr_pctl_ops = {
	.get_groups_count = pr_pctl_groups_count,
	.get_group_name = pr_pctl_group_name,
	.dt_node_to_map = pr_pctl_dt_node_to_map,
	.dt_free_map = pr_pctl_dt_free_map,
};

static int pr_add_pinctrl(struct device *dev)
{
	struct pinctrl_desc *desc = devm_kzalloc(dev, sizeof(*desc), GFP_KERNEL);
	struct pinctrl_dev *pctl;

	if (!desc)
		return -ENOMEM;
	desc->name = dev_name(dev);
	desc->pctlops = &pr_pctl_ops;
	desc->owner = THIS_MODULE;
	pctl = devm_pinctrl_register(dev, desc, NULL);
	return PTR_ERR_OR_ZERO(pctl);
}

/* probe and remove */

/* K3.4: every probe() step of a scenario driver. */
static int pr_check_waits(struct device *dev)
{
	struct device_node *np = dev->of_node, *sup;
	struct platform_device *pdev;
	bool bound;
	int i;

	for (i = 0; (sup = of_parse_phandle(np, "probe-run,waits-for", i)); i++) {
		pdev = of_find_device_by_node(sup);
		bound = pdev && device_is_bound(&pdev->dev);
		if (pdev)
			put_device(&pdev->dev);
		if (!bound) {
			dev_info(dev, "probe-run: waits for %pOF\n", sup);
			of_node_put(sup);
			return -EPROBE_DEFER;
		}
		of_node_put(sup);
	}
	return 0;
}

/*
 * The iommu_ops of the driver bound to dev. 6.1 allows one iommu_ops in the
 * whole system (iommu_device_register answers -EBUSY otherwise), so there all
 * fake IOMMU drivers share it; 6.12 gets a copy per driver.
 */
static const struct iommu_ops *pr_iommu_ops_of(struct device *dev)
{
#if PR_IOMMU_V2
	struct pr_driver *d = container_of(to_platform_driver(dev->driver),
					   struct pr_driver, pdrv);

	if (!d->iommu_ops)
		d->iommu_ops = kmemdup(&pr_iommu_ops, sizeof(pr_iommu_ops),
				       GFP_KERNEL);
	if (d->iommu_ops)
		return d->iommu_ops;
#endif
	return &pr_iommu_ops;
}

static int pr_register_providers(struct device *dev, struct pr_node *n)
{
	struct device_node *np = dev->of_node;
	int ret = 0;
	u32 cells;

	if (!of_property_read_u32(np, "#clock-cells", &cells) && !n->clk)
		ret = pr_add_clock_provider(np, n);
	if (!ret && !of_property_read_u32(np, "#reset-cells", &cells))
		ret = pr_add_reset_provider(dev, cells);
	if (!ret && !of_property_read_u32(np, "#power-domain-cells", &cells) &&
	    !n->pd_provider)
		ret = pr_add_pd_provider(np, n, cells);
	if (!ret && of_property_present(np, "#iommu-cells") &&
	    !n->iommu_registered) {
		ret = iommu_device_sysfs_add(&n->iommu, dev, NULL, "%s",
					     dev_name(dev));
		n->iommu_registered = !ret;
		if (!ret)
			ret = iommu_device_register(&n->iommu, pr_iommu_ops_of(dev), dev);
		if (ret && n->iommu_registered) {
			iommu_device_sysfs_remove(&n->iommu);
			n->iommu_registered = false;
		}
	}
	if (!ret && of_property_present(np, "#phy-cells"))
		ret = pr_add_phy_provider(dev);
	if (!ret && of_property_present(np, "#regulator-cells"))
		ret = pr_add_regulator(dev);
	if (!ret && of_property_present(np, "#dma-cells") && !n->dma_registered) {
		ret = of_dma_controller_register(np, pr_dma_xlate, n);
		n->dma_registered = !ret;
	}
	if (!ret && of_property_present(np, "#interconnect-cells"))
		ret = pr_add_icc_provider(dev, n);
	if (!ret && of_property_present(np, "#pinctrl-cells"))
		ret = pr_add_pinctrl(dev);
	return ret;
}

static void pr_unregister_providers(struct device *dev, struct pr_node *n)
{
	struct device_node *np = dev->of_node;

	pr_del_clock_provider(np, n);
	if (n->pd_provider) {
		of_genpd_del_provider(np);
		n->pd_provider = false;
	}
	if (n->iommu_registered) {
		iommu_device_unregister(&n->iommu);
		iommu_device_sysfs_remove(&n->iommu);
		n->iommu_registered = false;
	}
	if (n->dma_registered) {
		of_dma_controller_free(np);
		n->dma_registered = false;
	}
	pr_del_icc_provider(n);
}

static int pr_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pr_node *n = pr_node_get(dev->of_node);
	int ret;

	if (!n)
		return -ENOMEM;
	ret = pr_attach_power_domains(dev, n);
	if (!ret)
		ret = pr_get_clocks(dev);
	if (!ret)
		ret = pr_get_resets(dev);
	if (!ret)
		ret = pr_get_phys(dev);
	if (!ret)
		ret = pr_get_interconnects(dev);
	if (!ret)
		ret = pr_get_supplies(dev);
	if (!ret)
		ret = pr_get_dmas(dev);
	if (!ret)
		ret = pr_check_waits(dev);
	if (!ret)
		ret = pr_next_result(dev->of_node, "probe-run,probe-results",
				     &n->results_used, false);
	if (!ret)
		ret = pr_register_providers(dev, n);
	if (!ret)
		ret = of_platform_populate(dev->of_node, NULL, NULL, dev);
	dev_info(dev, "probe-run: probe() returns %d\n", ret);
	if (ret) {
		pr_unregister_providers(dev, n);
		pr_detach_power_domains(n);
	}
	return ret;
}

static void pr_remove(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pr_node *n = pr_node_get(dev->of_node);

	dev_info(dev, "probe-run: remove()\n");
	of_platform_depopulate(dev);
	if (n) {
		pr_unregister_providers(dev, n);
		pr_detach_power_domains(n);
	}
}

/* Drivers from /probe-run-drivers */

static struct pr_driver *pr_driver_new(struct device_node *dnp)
{
	struct pr_driver *d;
	const char *name, *match;
	int i, count;

	if (of_property_read_string(dnp, "probe-run,name", &name))
		return NULL;
	count = of_property_count_strings(dnp, "probe-run,match");
	if (count < 0)
		count = 0;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return NULL;
	d->ids = kcalloc(count + 1, sizeof(*d->ids), GFP_KERNEL);
	if (!d->ids) {
		kfree(d);
		return NULL;
	}
	for (i = 0; i < count; i++) {
		if (!of_property_read_string_index(dnp, "probe-run,match", i, &match))
			strscpy(d->ids[i].compatible, match,
				sizeof(d->ids[i].compatible));
	}
	d->name = name;
	d->pdrv.probe = pr_probe;
	d->pdrv.PR_REMOVE = pr_remove;
	d->pdrv.driver.name = name;
	d->pdrv.driver.of_match_table = d->ids;
	d->pdrv.driver.probe_type = PROBE_FORCE_SYNCHRONOUS;
	return d;
}

static int pr_register(struct device_node *dnp)
{
	struct pr_driver *d = pr_driver_new(dnp);
	int ret;

	if (!d)
		return -ENOMEM;
	pr_info("register driver %s\n", d->name);
	ret = platform_driver_register(&d->pdrv);
	if (ret) {
		pr_err("driver %s: %d\n", d->name, ret);
		kfree(d->ids);
		kfree(d);
		return ret;
	}
	d->registered = true;
	mutex_lock(&pr_lock);
	list_add_tail(&d->list, &pr_drivers);
	mutex_unlock(&pr_lock);
	return 0;
}

/**
 * probe_run_register_driver() - register one scenario driver by its name
 * @name: the driver's probe-run,name in /probe-run-drivers
 *
 * What a scenario's modprobe does (the probe-run-mod module calls it).
 * Return: 0, -ENOENT for an unknown driver or the registration's error.
 */
int probe_run_register_driver(const char *name)
{
	struct device_node *drivers = of_find_node_by_path("/probe-run-drivers");
	struct device_node *dnp;
	const char *dname;
	int ret = -ENOENT;

	for_each_child_of_node(drivers, dnp) {
		if (of_property_read_string(dnp, "probe-run,name", &dname) ||
		    strcmp(dname, name))
			continue;
		ret = pr_register(dnp);
		of_node_put(dnp);
		break;
	}
	of_node_put(drivers);
	if (ret == -ENOENT)
		pr_err("no driver %s\n", name);
	return ret;
}
EXPORT_SYMBOL_GPL(probe_run_register_driver);

/* K1.1: the built-in drivers of one initcall level, in file order. */
static int pr_register_level(const char *level)
{
	struct device_node *drivers = of_find_node_by_path("/probe-run-drivers");
	struct device_node *dnp;
	const char *value;

	for_each_child_of_node(drivers, dnp) {
		if (of_property_read_string(dnp, "probe-run,build", &value) ||
		    strcmp(value, "builtin"))
			continue;
		if (of_property_read_string(dnp, "probe-run,initcall", &value) ||
		    strcmp(value, level))
			continue;
		pr_register(dnp);
	}
	of_node_put(drivers);
	return 0;
}

#define PR_LEVEL(level, initcall)					\
	static int __init pr_level_##level(void)			\
	{								\
		return pr_register_level(#level);			\
	}								\
	initcall(pr_level_##level)

PR_LEVEL(core, core_initcall);
PR_LEVEL(postcore, postcore_initcall);
PR_LEVEL(arch, arch_initcall);
PR_LEVEL(subsys, subsys_initcall);
PR_LEVEL(fs, fs_initcall);
PR_LEVEL(device, device_initcall);
PR_LEVEL(late, late_initcall);

/* debugfs: register, add and remove, for /init's timeline */

static ssize_t pr_read_arg(const char __user *ubuf, size_t len, char *buf,
			   size_t size)
{
	if (len == 0 || len >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	return len;
}

static ssize_t pr_register_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	char buf[128];
	ssize_t ret = pr_read_arg(ubuf, len, buf, sizeof(buf));

	if (ret < 0)
		return ret;
	ret = probe_run_register_driver(buf);
	return ret ? ret : len;
}

static ssize_t pr_add_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	struct platform_device *pdev;
	struct device_node *np;
	char buf[256];
	ssize_t ret = pr_read_arg(ubuf, len, buf, sizeof(buf));

	if (ret < 0)
		return ret;
	np = of_find_node_by_path(buf);
	if (!np)
		return -ENOENT;
	pr_info("add %pOF\n", np);
	pdev = of_platform_device_create(np, NULL, NULL);
	of_node_put(np);
	return pdev ? len : -EBUSY;
}

static ssize_t pr_remove_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct platform_device *pdev;
	struct device_node *np;
	char buf[256];
	ssize_t ret = pr_read_arg(ubuf, len, buf, sizeof(buf));

	if (ret < 0)
		return ret;
	np = of_find_node_by_path(buf);
	if (!np)
		return -ENOENT;
	pdev = of_find_device_by_node(np);
	pr_info("remove %pOF\n", np);
	of_node_put(np);
	if (!pdev)
		return -ENODEV;
	of_platform_device_destroy(&pdev->dev, NULL);
	put_device(&pdev->dev);
	return len;
}

static const struct file_operations pr_register_fops = {
	.write = pr_register_write,
};

static const struct file_operations pr_add_fops = {
	.write = pr_add_write,
};

static const struct file_operations pr_remove_fops = {
	.write = pr_remove_write,
};

static int __init pr_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("probe-run", NULL);

	debugfs_create_file("register", 0200, dir, NULL, &pr_register_fops);
	debugfs_create_file("add", 0200, dir, NULL, &pr_add_fops);
	debugfs_create_file("remove", 0200, dir, NULL, &pr_remove_fops);
	return 0;
}
late_initcall(pr_debugfs_init);
