// SPDX-License-Identifier: GPL-2.0
/*
 * probe-run oracle /init: a static aarch64 program that mounts the kernel's
 * file systems, performs the scenario's timeline (the device tree's
 * /probe-run-timeline node) at its times, waits for the kernel to settle,
 * then writes a board dump (SPEC section 7) to the console, base64 encoded
 * between markers, and powers the guest off.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define DT "/proc/device-tree"
#define DEBUGFS "/sys/kernel/debug"
#define MAX_FILE (4 << 20)
#define MAX_ENTRIES 512
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static struct timespec start;
static FILE *console;

/* A line in the kernel log (and so in dmesg), with the kernel's timestamp. */
static void klog(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int fd, len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (len > (int)sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	fd = open("/dev/kmsg", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, line, len) < 0)
			perror("kmsg");
		close(fd);
	}
}

/* A whole file (sysfs, procfs, debugfs) into a malloc'd buffer, or NULL. */
static char *read_file(const char *path, size_t *size)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap + 1);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len)) > 0) {
		len += n;
		if (len == cap && cap < MAX_FILE) {
			char *bigger = realloc(buf, cap * 2 + 1);

			if (!bigger)
				break;
			buf = bigger;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	if (size)
		*size = len;
	return buf;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* A device-tree cell property as a host number, or -1. */
static long dt_u32(const char *path)
{
	size_t size;
	unsigned char *p = (unsigned char *)read_file(path, &size);
	long value = -1;

	if (p && size == 4)
		value = ((long)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
	free(p);
	return value;
}

static double elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9;
}

static void sleep_until(double seconds)
{
	double left = seconds - elapsed();
	struct timespec ts;

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)left;
	ts.tv_nsec = (long)((left - ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* The platform device whose of_node is `path`; its name into `name`. */
static int device_of_node(const char *path, char *name, size_t size)
{
	DIR *dir = opendir("/sys/bus/platform/devices");
	struct dirent *e;
	char link[512], target[512];
	const char *base;
	ssize_t n;
	int found = 0;

	if (!dir)
		return 0;
	while (!found && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "/sys/bus/platform/devices/%s/of_node", e->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		base = strstr(target, "/devicetree/base");
		if (base && !strcmp(base + strlen("/devicetree/base"), path)) {
			snprintf(name, size, "%s", e->d_name);
			found = 1;
		}
	}
	closedir(dir);
	return found;
}

/* Whether a NUL-separated string list holds `s`. */
static int list_has(const char *list, size_t size, const char *s)
{
	size_t at = 0;

	while (at < size) {
		if (!strcmp(list + at, s))
			return 1;
		at += strlen(list + at) + 1;
	}
	return 0;
}

/* A timeline bind: the first scenario driver that matches and is registered. */
static int bind_node(const char *path, const char *dev)
{
	char p[512], *names, *compat, *match;
	size_t names_size, compat_size, match_size, at;
	DIR *dir;
	struct dirent *e;
	int ret = -ENODEV;

	snprintf(p, sizeof(p), DT "%s/compatible", path);
	compat = read_file(p, &compat_size);
	dir = opendir(DT "/probe-run-drivers");
	if (!compat || !dir)
		goto out;
	while (ret == -ENODEV && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), DT "/probe-run-drivers/%s/probe-run,name", e->d_name);
		names = read_file(p, &names_size);
		snprintf(p, sizeof(p), DT "/probe-run-drivers/%s/probe-run,match", e->d_name);
		match = read_file(p, &match_size);
		for (at = 0; names && match && at < match_size; at += strlen(match + at) + 1) {
			if (!list_has(compat, compat_size, match + at))
				continue;
			snprintf(p, sizeof(p), "/sys/bus/platform/drivers/%s/bind", names);
			if (access(p, W_OK) == 0)
				ret = write_file(p, dev);
			break;
		}
		free(names);
		free(match);
	}
out:
	if (dir)
		closedir(dir);
	free(compat);
	return ret;
}

static int modprobe(const char *driver, int *loaded)
{
	char path[64], params[256];
	int fd, ret;

	snprintf(path, sizeof(path), "/lib/modules/probe-run-m%02d.ko", *loaded);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return write_file(DEBUGFS "/probe-run/register", driver);
	(*loaded)++;
	snprintf(params, sizeof(params), "drivers=%s", driver);
	ret = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	return ret;
}

static void run_step(const char *step, int *loaded)
{
	char p[512], dev[256], *action, *target;
	int ret = -EINVAL;

	snprintf(p, sizeof(p), "%s/probe-run,action", step);
	action = read_file(p, NULL);
	snprintf(p, sizeof(p), "%s/probe-run,%s", step,
		 action && !strcmp(action, "modprobe") ? "driver" : "node");
	target = read_file(p, NULL);
	if (!action || !target)
		goto out;
	klog("probe-run-init: %s %s", action, target);
	if (!strcmp(action, "modprobe")) {
		ret = modprobe(target, loaded);
	} else if (!strcmp(action, "add")) {
		ret = write_file(DEBUGFS "/probe-run/add", target);
	} else if (!strcmp(action, "remove")) {
		ret = write_file(DEBUGFS "/probe-run/remove", target);
	} else if (!device_of_node(target, dev, sizeof(dev))) {
		ret = -ENODEV;
	} else if (!strcmp(action, "unbind")) {
		snprintf(p, sizeof(p), "/sys/bus/platform/devices/%s/driver/unbind", dev);
		ret = access(p, W_OK) ? 0 : write_file(p, dev);
	} else if (!strcmp(action, "bind")) {
		ret = bind_node(target, dev);
	}
	klog("probe-run-init: %s %s: %d", action, target, ret);
out:
	free(action);
	free(target);
}

/* The timeline; returns the time of its last step in seconds. */
static double run_timeline(void)
{
	char step[128];
	double last = 0, at;
	int i, loaded = 0;
	long ms;

	for (i = 0;; i++) {
		snprintf(step, sizeof(step), DT "/probe-run-timeline/step-%d", i);
		snprintf(step + strlen(step), sizeof(step) - strlen(step), "/probe-run,at-ms");
		ms = dt_u32(step);
		if (ms < 0)
			break;
		at = ms / 1000.0;
		sleep_until(at);
		step[strlen(step) - strlen("/probe-run,at-ms")] = '\0';
		run_step(step, &loaded);
		if (at > last)
			last = at;
	}
	return last;
}

/* The deferred probe timeout from the command line (10 s, the default with modules). */
static long probe_timeout(void)
{
	char *cmdline = read_file("/proc/cmdline", NULL);
	char *p = cmdline ? strstr(cmdline, "deferred_probe_timeout=") : NULL;
	long value = 10;

	if (p)
		value = strtol(p + strlen("deferred_probe_timeout="), NULL, 10);
	free(cmdline);
	return value < 0 ? 0 : value;
}

/* Dump output: each file base64 encoded between markers on the console. */

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void emit(const char *name, const char *data, size_t size)
{
	const unsigned char *p = (const unsigned char *)data;
	char line[80];
	size_t i, n = 0;
	unsigned long v;

	fprintf(console, "@@probe-run-file %s %zu@@\n", name, size);
	for (i = 0; i < size; i += 3) {
		v = (unsigned long)p[i] << 16;
		if (i + 1 < size)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < size)
			v |= p[i + 2];
		line[n++] = b64[(v >> 18) & 63];
		line[n++] = b64[(v >> 12) & 63];
		line[n++] = i + 1 < size ? b64[(v >> 6) & 63] : '=';
		line[n++] = i + 2 < size ? b64[v & 63] : '=';
		if (n >= 76) {
			fprintf(console, "%.*s\n", (int)n, line);
			n = 0;
		}
	}
	if (n)
		fprintf(console, "%.*s\n", (int)n, line);
	fprintf(console, "@@probe-run-end %s@@\n", name);
}

static void emit_file(const char *name, const char *path)
{
	size_t size;
	char *data = read_file(path, &size);

	if (data)
		emit(name, data, size);
	free(data);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entry names of a folder (no dot entries); returns the count. */
static int list_dir(const char *path, char **names)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!dir)
		return 0;
	while (n < MAX_ENTRIES && (e = readdir(dir)))
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(dir);
	qsort(names, n, sizeof(*names), compare_names);
	return n;
}

/* The last path component of a symbolic link's target, or "-". */
static void link_base(const char *path, char *out, size_t size)
{
	char target[512];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *slash;

	if (n < 0) {
		snprintf(out, size, "-");
		return;
	}
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(out, size, "%s", slash ? slash + 1 : target);
}

static void append(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(*buf + *len, *cap - *len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < *cap - *len)
			break;
		*cap *= 2;
		*buf = realloc(*buf, *cap);
	}
	*len += n;
}

static void emit_devices(void)
{
	static const char *const buses[] = { "platform", "amba" };
	char *names[MAX_ENTRIES], p[512], target[512], drv[256], group[64];
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *node;
	unsigned int b;
	ssize_t n;
	int i, count;

	buf[0] = '\0';
	for (b = 0; b < ARRAY_SIZE(buses); b++) {
		snprintf(p, sizeof(p), "/sys/bus/%s/devices", buses[b]);
		count = list_dir(p, names);
		for (i = 0; i < count; i++) {
			snprintf(p, sizeof(p), "/sys/bus/%s/devices/%s/of_node", buses[b], names[i]);
			n = readlink(p, target, sizeof(target) - 1);
			target[n < 0 ? 0 : n] = '\0';
			node = strstr(target, "/devicetree/base");
			node = node ? node + strlen("/devicetree/base") : NULL;
			snprintf(p, sizeof(p), "/sys/bus/%s/devices/%s/driver", buses[b], names[i]);
			link_base(p, drv, sizeof(drv));
			snprintf(p, sizeof(p), "/sys/bus/%s/devices/%s/iommu_group", buses[b], names[i]);
			link_base(p, group, sizeof(group));
			append(&buf, &len, &cap, "%s\t%s\t%s\t%s\t%s\n", buses[b], names[i],
			       !node ? "-" : *node ? node : "/", drv, group);
			free(names[i]);
		}
	}
	emit("devices.tsv", buf, len);
	free(buf);
}

static void emit_devlinks(void)
{
	char *names[MAX_ENTRIES], p[512], sup[256], con[256], *status, *sync;
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	int i, count = list_dir("/sys/class/devlink", names);

	buf[0] = '\0';
	for (i = 0; i < count; i++) {
		snprintf(p, sizeof(p), "/sys/class/devlink/%s/supplier", names[i]);
		link_base(p, sup, sizeof(sup));
		snprintf(p, sizeof(p), "/sys/class/devlink/%s/consumer", names[i]);
		link_base(p, con, sizeof(con));
		snprintf(p, sizeof(p), "/sys/class/devlink/%s/status", names[i]);
		status = read_file(p, NULL);
		snprintf(p, sizeof(p), "/sys/class/devlink/%s/sync_state_only", names[i]);
		sync = read_file(p, NULL);
		append(&buf, &len, &cap, "%s\t%s\t%s\t%s\n", sup, con,
		       status ? strtok(status, "\n") : "-", sync ? strtok(sync, "\n") : "-");
		free(status);
		free(sync);
		free(names[i]);
	}
	emit("devlinks.tsv", buf, len);
	free(buf);
}

/* The kernel log as `dmesg` prints it: the <level> prefixes dropped. */
static void emit_dmesg(void)
{
	int size = klogctl(10, NULL, 0), n;
	char *raw, *out, *p, *q;

	if (size <= 0)
		return;
	raw = malloc(size + 1);
	out = malloc(size + 1);
	n = klogctl(3, raw, size);
	if (n < 0)
		n = 0;
	raw[n] = '\0';
	for (p = raw, q = out; *p;) {
		if (*p == '<') {
			char *close = strchr(p, '>');

			if (close && close - p <= 4)
				p = close + 1;
		}
		while (*p && *p != '\n')
			*q++ = *p++;
		if (*p)
			*q++ = *p++;
	}
	emit("dmesg", out, q - out);
	free(raw);
	free(out);
}

static void write_dump(void)
{
	struct utsname u;
	char release[128];

	/* The kernel's own console output would interleave with the dump. */
	klogctl(6, NULL, 0);
	fprintf(console, "\n@@probe-run-dump-begin@@\n");
	if (!uname(&u)) {
		snprintf(release, sizeof(release), "%s\n", u.release);
		emit("release", release, strlen(release));
	}
	emit_file("cmdline", "/proc/cmdline");
	emit_file("config.gz", "/proc/config.gz");
	emit_file("fdt", "/sys/firmware/fdt");
	emit_devices();
	emit_file("devices_deferred", DEBUGFS "/devices_deferred");
	emit_devlinks();
	emit_file("modules", "/proc/modules");
	emit_dmesg();
	fprintf(console, "@@probe-run-dump-end@@\n");
	fflush(console);
}

int main(void)
{
	double last;
	long settle;

	clock_gettime(CLOCK_MONOTONIC, &start);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("debugfs", DEBUGFS, "debugfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	console = fopen("/dev/console", "w");
	if (!console)
		console = stdout;
	klog("probe-run-init: start");
	last = run_timeline();
	/* K9: let a deferred probe timeout armed by the last step expire, then a margin. */
	settle = probe_timeout() + 3;
	sleep_until(last + settle);
	klog("probe-run-init: settled");
	write_dump();
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
