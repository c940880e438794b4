// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The plan from the kernel's view, the previous and the wanted
 * configuration. The kernel's view is made here from a configuration the
 * way the kernel reports it (thresholds in force, paths with the fields
 * they were given), then changed where a case needs it.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "unit.h"
#include "diff.h"
#include "fake_resolve.h"

#define PATH_HAS(attr)	MPVPN_PATH_HAS(MPVPN_PATH_A_##attr)

static const char base_text[] =
	"{\"devices\": {\"mpvpn0\": {\n"
	"  \"encryption\": \"none\", \"tunnel_id\": 7, \"revert_delay_ms\": 1000, \"addresses\": [\"10.99.0.1/30\"],\n"
	"  \"health\": {\"hold_ms\": 500},\n"
	"  \"paths\": {\n"
	"    \"fiber\": {\"local\": \"10.1.0.1\", \"remote\": \"10.1.0.2:5555\", \"priority\": 1},\n"
	"    \"lte\": {\"local\": \"10.2.0.1\", \"remote\": \"10.2.0.2:5555\", \"priority\": 2},\n"
	"    \"dsl\": {\"dev\": \"wan3\", \"remote\": \"10.3.0.2:5555\", \"priority\": 3}\n"
	"  }}}}\n";

/* The ifindex wan3 has in these tests. */
#define WAN3_IFINDEX	33

static void load(const char *text, struct config *config)
{
	struct jsonpos_error error;

	if (config_load_text("t.json", text, strlen(text), fake_resolve, config,
			     &error) < 0) {
		printf("# fixture refused: %s\n", error.text);
		exit(1);
	}
	for (size_t d = 0; d < config->device_count; d++)
		for (size_t i = 0; i < config->devices[d].path_count; i++) {
			struct config_path *path = &config->devices[d].paths[i];

			if (path->local_dev[0])
				path->local_ifindex = WAN3_IFINDEX;
		}
}

/* The base text with @from replaced by @to (once). */
static void load_edited(const char *from, const char *to,
			struct config *config)
{
	char text[sizeof(base_text) + 256];
	const char *at = strstr(base_text, from);

	if (!at) {
		printf("# fixture has no '%s'\n", from);
		exit(1);
	}
	snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - base_text),
		 base_text, to, at + strlen(from));
	load(text, config);
}

/* What the kernel would report after applying @config from scratch. */
static void view_of(const struct config *config, struct view *view)
{
	view->device_count = config->device_count;
	view->devices = calloc(config->device_count, sizeof(*view->devices));
	for (size_t d = 0; d < config->device_count; d++) {
		const struct config_device *cd = &config->devices[d];
		struct view_device *vd = &view->devices[d];
		struct mpvpn_device_info *k = &vd->device;

		snprintf(k->ifname, sizeof(k->ifname), "%s", cd->name);
		k->present = MPVPN_DEV_HAS(MPVPN_A_MODE) |
			     MPVPN_DEV_HAS(MPVPN_A_FAILBACK) |
			     MPVPN_DEV_HAS(MPVPN_A_REVERT_DELAY_MS) |
			     MPVPN_DEV_HAS(MPVPN_A_HEALTH) |
			     MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY) |
			     MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS) |
			     MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT);
		k->ifindex = (uint32_t)(10 + d);
		k->port = cd->port;
		k->tunnel_id = cd->tunnel_id ? cd->tunnel_id : 1;
		k->mode = cd->mode;
		k->failback = cd->failback;
		k->tos_inherit = cd->tos_inherit;
		k->revert_delay_ms = cd->revert_delay_ms;
		k->redundancy = cd->redundancy;
		k->reorder_wait_ms = cd->reorder_wait_ms;
		config_health_in_force(cd, NULL, &k->health);
		vd->path_count = cd->path_count;
		vd->paths = calloc(cd->path_count + 1, sizeof(*vd->paths));
		for (size_t i = 0; i < cd->path_count; i++) {
			const struct config_path *cp = &cd->paths[i];
			struct mpvpn_path_info *kp = &vd->paths[i];

			kp->present = PATH_HAS(ID) | PATH_HAS(NAME) |
				      PATH_HAS(REMOTE_FIXED) |
				      PATH_HAS(REMOTE_LEARNED) |
				      PATH_HAS(PRIORITY) | PATH_HAS(WEIGHT) |
				      PATH_HAS(ADMIN_UP) | PATH_HAS(HEALTH) |
				      PATH_HAS(STATE) | PATH_HAS(BANDWIDTH_KBPS);
			kp->id = cp->id ? cp->id : (uint32_t)(i + 1);
			snprintf(kp->name, sizeof(kp->name), "%s", cp->name);
			if (cp->local.family != AF_UNSPEC) {
				kp->present |= PATH_HAS(LOCAL_ADDR);
				kp->local = cp->local;
			}
			if (cp->local_dev[0]) {
				kp->present |= PATH_HAS(LOCAL_IFINDEX);
				kp->local_ifindex = cp->local_ifindex;
			}
			/* A listening path has no remote until it learns one. */
			if (cp->remote.family != AF_UNSPEC)
				kp->present |= PATH_HAS(REMOTE_ADDR) |
					       PATH_HAS(REMOTE_PORT);
			kp->remote = cp->remote;
			kp->remote_port = cp->remote_port;
			kp->remote_fixed = cp->remote_fixed;
			kp->priority = cp->priority;
			kp->weight = cp->weight;
			kp->bandwidth_kbps = cp->bandwidth_kbps;
			kp->admin_up = cp->admin_up;
			kp->state = MPVPN_PATH_STATE_UP;
			config_health_in_force(cd, cp, &kp->health);
		}
	}
}

static struct mpvpn_path_info *view_path(struct view *view, const char *name)
{
	for (size_t i = 0; i < view->devices[0].path_count; i++)
		if (!strcmp(view->devices[0].paths[i].name, name))
			return &view->devices[0].paths[i];
	return NULL;
}

/*
 * Action @i of @plan, or an empty one past its end, so that a wrong plan
 * fails its checks instead of crashing the test.
 */
static const struct action *nth(const struct plan *plan, size_t i)
{
	static const struct action none = { .type = ACTION_ADDR_ADD };

	return i < plan->count ? &plan->actions[i] : &none;
}

/* "path set lte; path add dsl": the plan in one line, to compare. */
static const char *plan_text(const struct plan *plan, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < plan->count && used < len; i++) {
		const struct action *a = &plan->actions[i];
		const char *object = "";

		if (a->type == ACTION_PATH_ADD || a->type == ACTION_PATH_SET ||
		    a->type == ACTION_PATH_DEL)
			object = a->path.name;
		else
			object = a->device;
		used += (size_t)snprintf(buf + used, len - used, "%s%s %s",
					 i ? "; " : "",
					 action_type_name(a->type), object);
	}
	return buf;
}

#define CHECK_PLAN(name, plan, want)					\
	do {								\
		char text_[1024];					\
		if (!CHECK_STR(name, plan_text((plan), text_, sizeof(text_)), want)) \
			printf("#   plan: %s\n", text_);			\
	} while (0)

/* What most cases start from: the base file, as the kernel runs it. */
struct fixture {
	struct config before;
	struct view view;
	struct plan plan;
};

static void fixture_start(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	load(base_text, &f->before);
	view_of(&f->before, &f->view);
}

static void fixture_end(struct fixture *f)
{
	plan_free(&f->plan);
	view_free(&f->view);
	config_free(&f->before);
}

static void test_start_from_nothing(void)
{
	struct config wanted;
	struct view empty = { 0 };
	struct plan plan = { 0 };
	const struct action *add;

	load(base_text, &wanted);
	CHECK("plan from nothing", diff_plan(&empty, NULL, &wanted, &plan) == 0);
	CHECK_PLAN("creates the device, its settings, paths and address", &plan,
		   "device create mpvpn0; device set mpvpn0; path add fiber; path add lte; path add dsl; address add mpvpn0");
	CHECK("link: port, tunnel id and mode",
	      nth(&plan, 0)->link.port == 5555 &&
	      nth(&plan, 0)->link.tunnel_id == 7 &&
	      (nth(&plan, 0)->link.present & MPVPN_LINK_HAS(IFLA_MPVPN_TUNNEL_ID)));
	CHECK("device set: only what differs from the kernel's defaults",
	      nth(&plan, 1)->settings.present ==
		      (MPVPN_DEV_HAS(MPVPN_A_REVERT_DELAY_MS) |
		       MPVPN_DEV_HAS(MPVPN_A_HEALTH) |
		       MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)) &&
	      nth(&plan, 1)->settings.encryption == MPVPN_ENCRYPTION_NONE &&
	      !nth(&plan, 1)->identity_from &&
	      nth(&plan, 1)->settings.revert_delay_ms == 1000 &&
	      nth(&plan, 1)->settings.health.value[MPVPN_HEALTH_A_HOLD_MS] == 500);
	add = nth(&plan, 4);
	CHECK("a path bound to a device is added with its ifindex",
	      (add->path.present & PATH_HAS(LOCAL_IFINDEX)) &&
	      !(add->path.present & PATH_HAS(LOCAL_ADDR)) &&
	      add->path.local_ifindex == WAN3_IFINDEX &&
	      !strcmp(add->local_dev, "wan3"));
	CHECK("a path without overrides sends no health, no bandwidth, no pin",
	      !(nth(&plan, 2)->path.present & (PATH_HAS(HEALTH) |
					       PATH_HAS(BANDWIDTH_KBPS) |
					       PATH_HAS(REMOTE_FIXED))));
	CHECK("every path is added with the id of its place in the file",
	      (nth(&plan, 2)->path.present & PATH_HAS(ID)) &&
	      nth(&plan, 2)->path.id == 1 && nth(&plan, 3)->path.id == 2 &&
	      nth(&plan, 4)->path.id == 3);
	plan_free(&plan);
	config_free(&wanted);

	/* A new device is ecn: only inherit is sent. */
	load_edited("\"tunnel_id\": 7", "\"tunnel_id\": 7, \"tos\": \"inherit\"", &wanted);
	diff_plan(&empty, NULL, &wanted, &plan);
	CHECK("a new device of tos inherit is set so",
	      (nth(&plan, 1)->settings.present &
	       MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT)) &&
	      nth(&plan, 1)->settings.tos_inherit);
	plan_free(&plan);
	config_free(&wanted);
}

static void test_adopt_unchanged(void)
{
	struct config wanted;
	struct view view = { 0 };
	struct plan plan = { 0 };

	load(base_text, &wanted);
	view_of(&wanted, &view);
	/* Start-up over a running tunnel: the address is asked for again. */
	diff_plan(&view, NULL, &wanted, &plan);
	CHECK_PLAN("start-up adopts a matching device: address only", &plan,
		   "address add mpvpn0");
	/* A reload of the same file: nothing at all. */
	diff_plan(&view, &wanted, &wanted, &plan);
	CHECK("reload of the same file: no action", plan.count == 0);
	plan_free(&plan);
	view_free(&view);
	config_free(&wanted);
}

static void test_path_settings(void)
{
	struct config after;
	struct fixture f;
	const struct action *a;

	fixture_start(&f);

	load_edited("\"priority\": 2}", "\"priority\": 2, \"weight\": 5}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("weight change: one path set", &f.plan, "path set lte");
	a = nth(&f.plan, 0);
	CHECK("the path set carries the name and the weight alone",
	      a->path.present == (PATH_HAS(NAME) | PATH_HAS(WEIGHT)) &&
	      a->path.weight == 5);
	CHECK_STR("why: the weight", a->why, "weight 1 -> 5");
	config_free(&after);

	load_edited("\"priority\": 1}", "\"priority\": 4}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("priority change: one path set of the priority",
	      f.plan.count == 1 && nth(&f.plan, 0)->type == ACTION_PATH_SET &&
	      nth(&f.plan, 0)->path.present == (PATH_HAS(NAME) | PATH_HAS(PRIORITY)));
	config_free(&after);

	load_edited("10.2.0.2:5555", "10.2.0.9:6000", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("remote change: a path set of the endpoint",
	      f.plan.count == 1 && nth(&f.plan, 0)->type == ACTION_PATH_SET &&
	      nth(&f.plan, 0)->path.present ==
		      (PATH_HAS(NAME) | PATH_HAS(REMOTE_ADDR) | PATH_HAS(REMOTE_PORT)) &&
	      nth(&f.plan, 0)->path.remote_port == 6000);
	CHECK_STR("why: the endpoint", nth(&f.plan, 0)->why,
		  "remote 10.2.0.2:5555 -> 10.2.0.9:6000 (configuration changed)");
	config_free(&after);

	load_edited("\"priority\": 3}", "\"priority\": 3, \"admin_up\": false}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("admin down: a path set",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->path.present == (PATH_HAS(NAME) | PATH_HAS(ADMIN_UP)) &&
	      !nth(&f.plan, 0)->path.admin_up &&
	      !strcmp(nth(&f.plan, 0)->path.name, "dsl"));
	config_free(&after);

	fixture_end(&f);
}

static void test_path_replaced(void)
{
	struct config after;
	struct fixture f;

	fixture_start(&f);

	load_edited("10.2.0.1", "10.2.0.7", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("local address change: delete and add", &f.plan,
		   "path delete lte; path add lte");
	CHECK_STR("why: the local address", nth(&f.plan, 0)->why,
		  "local address changed");
	config_free(&after);

	load(base_text, &after);
	view_path(&f.view, "dsl")->local_ifindex = WAN3_IFINDEX + 1;
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("bound to another device: delete and add", &f.plan,
		   "path delete dsl; path add dsl");
	view_path(&f.view, "dsl")->local_ifindex = WAN3_IFINDEX;
	config_free(&after);

	load_edited("\"priority\": 3}", "\"priority\": 3, \"id\": 9}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("id change: delete and add", &f.plan,
		   "path delete dsl; path add dsl");
	CHECK_STR("why: the id", nth(&f.plan, 0)->why, "id 3 -> 9");
	CHECK("the new path carries its id",
	      (nth(&f.plan, 1)->path.present & PATH_HAS(ID)) &&
	      nth(&f.plan, 1)->path.id == 9);
	config_free(&after);

	/* Ids come from the file: a path taken out renumbers those after it. */
	load_edited("    \"fiber\": {\"local\": \"10.1.0.1\", \"remote\": \"10.1.0.2:5555\", \"priority\": 1},\n",
		    "", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("the first path taken out: the others move up", &f.plan,
		   "path delete fiber; path delete lte; path delete dsl; path add lte; path add dsl");
	CHECK_STR("why: the id of its place", nth(&f.plan, 1)->why,
		  "id 2 -> 1");
	config_free(&after);

	/* A local address the file no longer gives cannot be dropped in place. */
	load_edited("\"local\": \"10.1.0.1\", ", "", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("local address dropped: delete and add", &f.plan,
		   "path delete fiber; path add fiber");
	config_free(&after);

	fixture_end(&f);
}

static void test_paths_added_and_removed(void)
{
	struct config after;
	struct fixture f;
	struct mpvpn_path_info *extra;

	fixture_start(&f);

	load_edited("    \"dsl\": {\"dev\": \"wan3\", \"remote\": \"10.3.0.2:5555\", \"priority\": 3}\n",
		    "    \"sat\": {\"remote\": \"10.4.0.2:5555\", \"priority\": 9,"
		    " \"health\": {\"latency_fail_ms\": 900, \"latency_recover_ms\": 800}}\n",
		    &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("dsl out, sat in: delete first, then add", &f.plan,
		   "path delete dsl; path add sat");
	CHECK("the new path carries its overrides, no reset",
	      (nth(&f.plan, 1)->path.present & PATH_HAS(HEALTH)) &&
	      nth(&f.plan, 1)->path.health.present ==
		      (MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_LATENCY_FAIL_MS) |
		       MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_LATENCY_RECOVER_MS)));
	config_free(&after);

	/* A path added by hand to a configured device is not the file's. */
	f.view.devices[0].paths = realloc(f.view.devices[0].paths,
					4 * sizeof(*f.view.devices[0].paths));
	extra = &f.view.devices[0].paths[f.view.devices[0].path_count++];
	*extra = f.view.devices[0].paths[0];
	snprintf(extra->name, sizeof(extra->name), "manual");
	extra->id = 20;
	load(base_text, &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("a path the file does not have is deleted", &f.plan,
		   "path delete manual");
	config_free(&after);

	fixture_end(&f);
}

static void test_health(void)
{
	struct config after;
	struct fixture f;
	struct mpvpn_path_info *lte;

	fixture_start(&f);

	load_edited("{\"hold_ms\": 500}", "{\"hold_ms\": 800}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("device threshold change: one device set, paths follow", &f.plan,
		   "device set mpvpn0");
	CHECK("the device set sends every threshold in force",
	      nth(&f.plan, 0)->settings.present == MPVPN_DEV_HAS(MPVPN_A_HEALTH) &&
	      nth(&f.plan, 0)->settings.health.value[MPVPN_HEALTH_A_HOLD_MS] == 800 &&
	      nth(&f.plan, 0)->settings.health.value[MPVPN_HEALTH_A_MISS_COUNT] ==
		      MPVPN_MISS_COUNT_DEFAULT);
	CHECK_STR("why: the threshold", nth(&f.plan, 0)->why, "hold_ms 500 -> 800");
	config_free(&after);

	/* Left out of the file: back to the kernel's default. */
	load_edited("\"health\": {\"hold_ms\": 500},", "", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("threshold left out: back to the default",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->settings.health.value[MPVPN_HEALTH_A_HOLD_MS] ==
		      MPVPN_HOLD_MS_DEFAULT);
	config_free(&after);

	load_edited("\"priority\": 2}",
		    "\"priority\": 2, \"health\": {\"miss_count\": 5}}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("path override: one path set", &f.plan, "path set lte");
	CHECK("the path set resets and sends the overrides",
	      nth(&f.plan, 0)->path.present == (PATH_HAS(NAME) | PATH_HAS(HEALTH)) &&
	      nth(&f.plan, 0)->path.health.present ==
		      (MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_MISS_COUNT) |
		       MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_RESET)) &&
	      nth(&f.plan, 0)->path.health.value[MPVPN_HEALTH_A_MISS_COUNT] == 5);

	/* The same override already in the kernel: nothing to do. */
	lte = view_path(&f.view, "lte");
	lte->health.value[MPVPN_HEALTH_A_MISS_COUNT] = 5;
	diff_plan(&f.view, &after, &after, &f.plan);
	CHECK("override already in force: no action", f.plan.count == 0);
	config_free(&after);

	/* An override set by hand, none in the file: reset. */
	load(base_text, &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("stale override: one path set", &f.plan, "path set lte");
	CHECK("reset alone",
	      nth(&f.plan, 0)->path.health.present ==
		      MPVPN_HEALTH_HAS(MPVPN_HEALTH_A_RESET));
	config_free(&after);

	fixture_end(&f);
}

static void test_devices(void)
{
	struct config after;
	struct fixture f;

	fixture_start(&f);

	load_edited("\"tunnel_id\": 7", "\"tunnel_id\": 8", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("tunnel id change: the device is made again", &f.plan,
		   "device delete mpvpn0; device create mpvpn0; device set mpvpn0; path add fiber; path add lte; path add dsl; address add mpvpn0");
	config_free(&after);

	load_edited("\"tunnel_id\": 7", "\"tunnel_id\": 7, \"port\": 6000", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("port change: the device is made again",
	      f.plan.count == 7 && nth(&f.plan, 0)->type == ACTION_LINK_DEL &&
	      nth(&f.plan, 1)->link.port == 6000);
	config_free(&after);

	load_edited("\"revert_delay_ms\": 1000", "\"revert_delay_ms\": 1000, \"failback\": \"sticky\"", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("failback change: a device set of the failback alone",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->settings.present == MPVPN_DEV_HAS(MPVPN_A_FAILBACK) &&
	      nth(&f.plan, 0)->settings.failback == MPVPN_FAILBACK_STICKY);
	config_free(&after);

	load_edited("\"revert_delay_ms\": 1000", "\"revert_delay_ms\": 1000, \"tos\": \"inherit\"", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("tos change: a device set of the tos alone",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->settings.present == MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT) &&
	      nth(&f.plan, 0)->settings.tos_inherit &&
	      strstr(nth(&f.plan, 0)->why, "tos ecn -> inherit"));
	config_free(&after);

	/* Set by hand, left out of the file: back to the default. */
	f.view.devices[0].device.tos_inherit = true;
	load(base_text, &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("tos inherit set by hand goes back to ecn",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->settings.present == MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT) &&
	      !nth(&f.plan, 0)->settings.tos_inherit);
	/* A module that predates tos-inherit reports none: nothing to send. */
	f.view.devices[0].device.present &= ~MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("a module without tos-inherit is not sent it", f.plan.count == 0);
	f.view.devices[0].device.present |= MPVPN_DEV_HAS(MPVPN_A_TOS_INHERIT);
	f.view.devices[0].device.tos_inherit = false;
	config_free(&after);

	/* The device dropped from the file it was configured by: deleted. */
	load("{}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("device dropped from the file: deleted", &f.plan,
		   "device delete mpvpn0");
	/* Never configured by the daemon (start-up): left alone. */
	diff_plan(&f.view, NULL, &after, &f.plan);
	CHECK("a device the daemon never configured is left alone",
	      f.plan.count == 0);
	config_free(&after);

	fixture_end(&f);
}

/* Key files of the encryption cases; a directory of their own. */
static char key_dir[] = "/tmp/mpvpnd-diff-XXXXXX";

/* Private keys, the pre-shared key and the peer's public key of the cases. */
#define KEY_ONE		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define KEY_TWO		"ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="
#define KEY_PSK		"QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="
#define PEER		"YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8="

/* Key files hold secrets: mode 0600, or the daemon refuses them. */
static void write_key(const char *name, const char *base64)
{
	char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", key_dir, name);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%s\n", base64);
		fclose(f);
	}
	chmod(path, 0600);
}

/*
 * The base text with the private key file @name of @key_dir and the
 * peer's public key @peer instead of plaintext, then @rest.
 */
static void load_keyed(const char *name, const char *peer, const char *rest,
		       struct config *config)
{
	char with_key[320];

	snprintf(with_key, sizeof(with_key),
		 "\"private_key_file\": \"%s/%s\", \"peer_public_key\": \"%s\"%s,",
		 key_dir, name, peer, rest);
	load_edited("\"encryption\": \"none\",", with_key, config);
}

/* The kernel's device as it is once @config's keys are installed. */
static void keys_installed(const struct config *config, struct view *view)
{
	struct mpvpn_device_info *k = &view->devices[0].device;

	k->present |= MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION) |
		      MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS) |
		      MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY) |
		      MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY);
	k->encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;
	k->rekey_seconds = MPVPN_REKEY_SECONDS_DEFAULT;
	memcpy(k->public_key, config->devices[0].public_key, MPVPN_KEY_LEN);
	memcpy(k->peer_public_key, config->devices[0].peer_public_key,
	       MPVPN_KEY_LEN);
}

/* Whether @plan is one DEV_SET that installs keys, for @reason. */
static bool installs_keys(const struct plan *plan, const char *reason)
{
	const struct action *set = nth(plan, 0);

	if (plan->count != 1 || set->type != ACTION_DEV_SET ||
	    !set->identity_from || !strstr(set->why, reason)) {
		printf("#   %zu actions, first: %s\n", plan->count, set->why);
		return false;
	}
	return true;
}

static void test_encryption(void)
{
	static const uint8_t zero[MPVPN_KEY_LEN];
	struct config keyed, same, other_key, with_psk, other_psk, rekey;
	struct view empty = { 0 };
	struct plan plan = { 0 };
	struct view view;
	const struct action *set;

	if (!mkdtemp(key_dir)) {
		perror("mkdtemp");
		exit(1);
	}
	write_key("one.key", KEY_ONE);
	write_key("two.key", KEY_TWO);
	write_key("q.psk", KEY_PSK);
	write_key("r.psk", KEY_TWO);
	load_keyed("one.key", PEER, "", &keyed);
	load_keyed("one.key", PEER, "", &same);
	load_keyed("two.key", PEER, "", &other_key);
	{
		char rest[160];

		snprintf(rest, sizeof(rest), ", \"psk_file\": \"%s/q.psk\"",
			 key_dir);
		load_keyed("one.key", PEER, rest, &with_psk);
		snprintf(rest, sizeof(rest), ", \"psk_file\": \"%s/r.psk\"",
			 key_dir);
		load_keyed("one.key", PEER, rest, &other_psk);
	}
	load_keyed("one.key", PEER, ", \"rekey_seconds\": 600", &rekey);

	diff_plan(&empty, NULL, &keyed, &plan);
	set = nth(&plan, 1);
	CHECK("a new device gets its keys in its device set",
	      set->type == ACTION_DEV_SET &&
	      (set->settings.present & MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY)) &&
	      (set->settings.present & MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY)) &&
	      !(set->settings.present & MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY)) &&
	      !(set->settings.present & MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION)) &&
	      set->identity_from == &keyed.devices[0] &&
	      strstr(set->why, "(new device)"));
	CHECK("the plan holds no key, and its log line only the peer's public one",
	      !memcmp(set->settings.identity.private_key, zero, MPVPN_KEY_LEN) &&
	      !memcmp(set->settings.identity.peer_public_key, zero,
		      MPVPN_KEY_LEN) &&
	      strstr(set->why, "keys from /tmp/mpvpnd-diff-") &&
	      strstr(set->why, "/one.key, peer " PEER " (new device)") &&
	      !strstr(set->why, KEY_ONE));
	diff_plan(&empty, NULL, &with_psk, &plan);
	set = nth(&plan, 1);
	CHECK("with a pre-shared key file: marked too, and named in the log",
	      (set->settings.present & MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY)) &&
	      !memcmp(set->settings.identity.preshared_key, zero,
		      MPVPN_KEY_LEN) &&
	      strstr(set->why, "/one.key and /tmp/mpvpnd-diff-") &&
	      strstr(set->why, "/q.psk, peer ") && !strstr(set->why, KEY_PSK));

	/* The kernel as it is once the keyed configuration is applied. */
	view_of(&keyed, &view);
	keys_installed(&keyed, &view);

	diff_plan(&view, &keyed, &same, &plan);
	CHECK("the same public keys and fingerprint on a reload: nothing to do",
	      plan.count == 0);
	diff_plan(&view, NULL, &same, &plan);
	/* The address is re-added at start-up too; it is no error to. */
	CHECK("at start-up the keys are installed: the kernel hides the pre-shared key",
	      plan.count >= 1 && nth(&plan, 0)->type == ACTION_DEV_SET &&
	      nth(&plan, 0)->identity_from &&
	      strstr(nth(&plan, 0)->why, "(start-up)"));
	diff_plan(&view, &keyed, &other_key, &plan);
	CHECK("another private key on a reload: the keys changed, they alone are installed",
	      installs_keys(&plan, "(the keys changed)") &&
	      nth(&plan, 0)->settings.present ==
		      (MPVPN_DEV_HAS(MPVPN_A_PRIVATE_KEY) |
		       MPVPN_DEV_HAS(MPVPN_A_PEER_PUBLIC_KEY)));
	view.devices[0].device.peer_public_key[0] ^= 1;
	diff_plan(&view, &keyed, &same, &plan);
	CHECK("another peer in the kernel (set by hand): the file's keys are installed",
	      installs_keys(&plan, "(the kernel has other keys)"));
	view.devices[0].device.peer_public_key[0] ^= 1;
	diff_plan(&view, NULL, &other_key, &plan);
	/* The address is re-added at start-up too. */
	CHECK("another private key at start-up: the kernel has other keys",
	      plan.count >= 1 && nth(&plan, 0)->type == ACTION_DEV_SET &&
	      nth(&plan, 0)->identity_from &&
	      strstr(nth(&plan, 0)->why, "(the kernel has other keys)"));

	diff_plan(&view, &keyed, &with_psk, &plan);
	CHECK("a pre-shared key added: the same public keys, another fingerprint",
	      installs_keys(&plan, "(the keys changed)") &&
	      (nth(&plan, 0)->settings.present &
	       MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY)));
	diff_plan(&view, &with_psk, &other_psk, &plan);
	CHECK("another pre-shared key: the keys changed",
	      installs_keys(&plan, "(the keys changed)"));
	diff_plan(&view, &with_psk, &with_psk, &plan);
	CHECK("the same pre-shared key: nothing to do", plan.count == 0);
	diff_plan(&view, &with_psk, &same, &plan);
	CHECK("the pre-shared key dropped: installed without it",
	      installs_keys(&plan, "(the keys changed)") &&
	      !(nth(&plan, 0)->settings.present &
		MPVPN_DEV_HAS(MPVPN_A_PRESHARED_KEY)));

	diff_plan(&view, &keyed, &rekey, &plan);
	CHECK("another rekey age: that alone is set",
	      plan.count == 1 && !nth(&plan, 0)->identity_from &&
	      nth(&plan, 0)->settings.present ==
		      MPVPN_DEV_HAS(MPVPN_A_REKEY_SECONDS) &&
	      nth(&plan, 0)->settings.rekey_seconds == 600);

	view.devices[0].device.present &= ~MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY);
	diff_plan(&view, &keyed, &same, &plan);
	CHECK("no public key in the kernel's dump: it has no keys",
	      installs_keys(&plan, "(the kernel has no keys)"));
	view.devices[0].device.present |= MPVPN_DEV_HAS(MPVPN_A_PUBLIC_KEY);
	view.devices[0].device.encryption = MPVPN_ENCRYPTION_UNSET;
	diff_plan(&view, &keyed, &same, &plan);
	CHECK("a device without encryption in the kernel gets the keys",
	      installs_keys(&plan, "(the kernel has no keys)"));
	view.devices[0].device.encryption = MPVPN_ENCRYPTION_CHACHA20_POLY1305;

	/* Keys the kernel has (by hand), after a plaintext configuration. */
	config_free(&same);
	load(base_text, &same);
	diff_plan(&view, &same, &keyed, &plan);
	CHECK("from plaintext to keys: installed",
	      installs_keys(&plan, "(was plaintext)"));

	/* From keys to plaintext, by a reload. */
	diff_plan(&view, &keyed, &same, &plan);
	CHECK("keys replaced by encryption none: plaintext is set",
	      plan.count == 1 && !nth(&plan, 0)->identity_from &&
	      nth(&plan, 0)->settings.present ==
		      MPVPN_DEV_HAS(MPVPN_A_ENCRYPTION) &&
	      nth(&plan, 0)->settings.encryption == MPVPN_ENCRYPTION_NONE);

	plan_free(&plan);
	view_free(&view);
	config_free(&keyed);
	config_free(&same);
	config_free(&other_key);
	config_free(&with_psk);
	config_free(&other_psk);
	config_free(&rekey);
	{
		char cmd[64];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", key_dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", key_dir);
	}
}

static void test_redundancy_and_reorder_wait(void)
{
	struct config after;
	struct fixture f;
	struct mpvpn_device_info *kd;

	fixture_start(&f);
	kd = &f.view.devices[0].device;

	load_edited("\"tunnel_id\": 7,", "\"tunnel_id\": 7, \"mode\": \"redundant\", \"redundancy\": 3,", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("mode and redundancy: one device set", &f.plan, "device set mpvpn0");
	CHECK("the device set carries the mode and the redundancy alone",
	      nth(&f.plan, 0)->settings.present ==
		      (MPVPN_DEV_HAS(MPVPN_A_MODE) | MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY)) &&
	      nth(&f.plan, 0)->settings.redundancy == 3 &&
	      nth(&f.plan, 0)->settings.mode == MPVPN_MODE_REDUNDANT);
	CHECK_STR("why: mode and redundancy", nth(&f.plan, 0)->why,
		  "mode failover -> redundant, redundancy 2 -> 3");
	config_free(&after);

	load_edited("\"tunnel_id\": 7,", "\"tunnel_id\": 7, \"reorder_wait_ms\": 40,", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("reorder wait: a device set of the reorder wait alone",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->settings.present == MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS) &&
	      nth(&f.plan, 0)->settings.reorder_wait_ms == 40);
	CHECK_STR("why: the reorder wait", nth(&f.plan, 0)->why,
		  "reorder_wait_ms 100 -> 40");

	/* Already in force: nothing to do. */
	kd->reorder_wait_ms = 40;
	diff_plan(&f.view, &after, &after, &f.plan);
	CHECK("reorder wait already in force: no action", f.plan.count == 0);
	config_free(&after);

	/* Set by hand, left out of the file: back to the defaults. */
	kd->redundancy = 4;
	load(base_text, &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("set by hand, not in the file: one device set back to the defaults",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->settings.present ==
		      (MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY) |
		       MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS)) &&
	      nth(&f.plan, 0)->settings.redundancy == MPVPN_REDUNDANCY_DEFAULT &&
	      nth(&f.plan, 0)->settings.reorder_wait_ms == MPVPN_REORDER_WAIT_MS_DEFAULT);

	/* A module that predates them reports neither: they are not sent. */
	kd->present &= ~(MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY) |
			 MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS));
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("not reported by the module: no action", f.plan.count == 0);
	config_free(&after);

	/* A new device: set after creation when not the kernel's default. */
	load_edited("\"tunnel_id\": 7,", "\"tunnel_id\": 7, \"redundancy\": 4,", &after);
	diff_plan(&(struct view){ 0 }, NULL, &after, &f.plan);
	CHECK("new device: the device set brings the redundancy",
	      nth(&f.plan, 1)->type == ACTION_DEV_SET &&
	      (nth(&f.plan, 1)->settings.present & MPVPN_DEV_HAS(MPVPN_A_REDUNDANCY)) &&
	      !(nth(&f.plan, 1)->settings.present & MPVPN_DEV_HAS(MPVPN_A_REORDER_WAIT_MS)) &&
	      nth(&f.plan, 1)->settings.redundancy == 4);
	config_free(&after);

	fixture_end(&f);
}

static void test_bandwidth(void)
{
	struct config after;
	struct fixture f;
	struct mpvpn_path_info *lte;

	fixture_start(&f);
	lte = view_path(&f.view, "lte");

	load_edited("\"priority\": 2}", "\"priority\": 2, \"bandwidth\": \"40mbit\"}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("bandwidth given: one path set, the other paths untouched",
		   &f.plan, "path set lte");
	CHECK("the path set carries the name and the bandwidth alone",
	      nth(&f.plan, 0)->path.present == (PATH_HAS(NAME) | PATH_HAS(BANDWIDTH_KBPS)) &&
	      nth(&f.plan, 0)->path.bandwidth_kbps == 40000);
	CHECK_STR("why: the bandwidth, as mpvpnctl writes it", nth(&f.plan, 0)->why,
		  "bandwidth 0 -> 40mbit");

	lte->bandwidth_kbps = 40000;
	diff_plan(&f.view, &after, &after, &f.plan);
	CHECK("bandwidth already in force: no action", f.plan.count == 0);
	config_free(&after);

	load_edited("\"priority\": 2}", "\"priority\": 2, \"bandwidth\": 2500}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("bandwidth changed: one path set",
	      f.plan.count == 1 && nth(&f.plan, 0)->path.bandwidth_kbps == 2500);
	CHECK_STR("why: the change", nth(&f.plan, 0)->why,
		  "bandwidth 40mbit -> 2500kbit");
	config_free(&after);

	/* Dropped from the file: back to 0, unknown, the kernel's default. */
	load(base_text, &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("bandwidth dropped from the file: a path set to 0",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->path.present == (PATH_HAS(NAME) | PATH_HAS(BANDWIDTH_KBPS)) &&
	      nth(&f.plan, 0)->path.bandwidth_kbps == 0);

	/* A module that predates the bandwidth does not report it. */
	lte->present &= ~PATH_HAS(BANDWIDTH_KBPS);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("not reported by the module: no action", f.plan.count == 0);
	config_free(&after);

	/* A new path is added with its bandwidth. */
	load_edited("\"priority\": 3}", "\"priority\": 3, \"bandwidth\": \"1gbit\", \"id\": 9}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("replaced path: delete and add", &f.plan,
		   "path delete dsl; path add dsl");
	CHECK("the added path carries its bandwidth",
	      (nth(&f.plan, 1)->path.present & PATH_HAS(BANDWIDTH_KBPS)) &&
	      nth(&f.plan, 1)->path.bandwidth_kbps == 1000000);
	config_free(&after);

	fixture_end(&f);
}

static void test_addresses(void)
{
	struct config after;
	struct fixture f;

	fixture_start(&f);

	load_edited("[\"10.99.0.1/30\"]", "[\"10.99.0.1/30\", \"fd99::1/64\"]", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("address added: only the new one",
	      f.plan.count == 1 && nth(&f.plan, 0)->type == ACTION_ADDR_ADD &&
	      nth(&f.plan, 0)->address.addr.family == AF_INET6);
	config_free(&after);

	load_edited("[\"10.99.0.1/30\"]", "[\"10.99.0.5/30\"]", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("address changed: the old one deleted, the new one added",
		   &f.plan, "address delete mpvpn0; address add mpvpn0");
	CHECK("the deleted one is the old one",
	      nth(&f.plan, 0)->address.addr.bytes[3] == 1 &&
	      nth(&f.plan, 1)->address.addr.bytes[3] == 5);
	config_free(&after);

	fixture_end(&f);
}

/* The peer of @kp's path moved there; the kernel learned it. */
static void roam(struct mpvpn_path_info *kp, const char *addr, uint16_t port)
{
	kp->present |= PATH_HAS(REMOTE_ADDR) | PATH_HAS(REMOTE_PORT);
	mpvpn_addr_parse(addr, &kp->remote);
	kp->remote_port = port;
	kp->remote_learned = true;
}

static void test_roaming(void)
{
	struct mpvpn_path_info *lte;
	struct config after;
	struct fixture f;
	const struct action *a;

	fixture_start(&f);
	lte = view_path(&f.view, "lte");
	roam(lte, "198.51.100.9", 61002);

	diff_plan(&f.view, NULL, &f.before, &f.plan);
	CHECK_PLAN("start-up over a roamed path: the endpoint is in sync",
		   &f.plan, "address add mpvpn0");
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	CHECK("a reload of the same file leaves the learned endpoint",
	      f.plan.count == 0);

	load_edited("\"priority\": 2}", "\"priority\": 2, \"weight\": 5}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK("another change of the path leaves the endpoint alone",
	      f.plan.count == 1 &&
	      nth(&f.plan, 0)->path.present == (PATH_HAS(NAME) | PATH_HAS(WEIGHT)));
	config_free(&after);

	load_edited("10.2.0.2:5555", "10.2.0.9:6000", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("the file changed the remote: it is sent", &f.plan,
		   "path set lte");
	a = nth(&f.plan, 0);
	CHECK("the file's endpoint, not pinned",
	      a->path.present == (PATH_HAS(NAME) | PATH_HAS(REMOTE_ADDR) |
				  PATH_HAS(REMOTE_PORT)) &&
	      a->path.remote_port == 6000);
	CHECK_STR("why: the configuration changed", a->why,
		  "remote 198.51.100.9:61002 -> 10.2.0.9:6000 (configuration changed)");
	/* The retry after a failure compares the file with itself. */
	diff_plan(&f.view, &after, &after, &f.plan);
	CHECK_PLAN("the peer moved again after that: in sync", &f.plan, "");
	config_free(&after);

	lte->remote_learned = false;
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	CHECK_PLAN("an endpoint set by hand is drift", &f.plan, "path set lte");
	CHECK_STR("why: by hand", nth(&f.plan, 0)->why,
		  "remote 198.51.100.9:61002 -> 10.2.0.2:5555 (set by hand)");
	lte->remote_learned = true;

	load_edited("\"priority\": 2}", "\"priority\": 2, \"fixed\": true}", &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	a = nth(&f.plan, 0);
	CHECK("pinned in the file: its endpoint, pinned",
	      f.plan.count == 1 &&
	      a->path.present == (PATH_HAS(NAME) | PATH_HAS(REMOTE_ADDR) |
				  PATH_HAS(REMOTE_PORT) |
				  PATH_HAS(REMOTE_FIXED)) &&
	      a->path.remote_fixed && a->path.remote_port == 5555);
	CHECK_STR("why: pinned", a->why,
		  "remote 198.51.100.9:61002 -> 10.2.0.2:5555 (pinned), fixed");
	config_free(&after);

	lte->remote_fixed = true;
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	a = nth(&f.plan, 0);
	CHECK("pinned by hand, roaming in the file: let go, endpoint kept",
	      f.plan.count == 1 &&
	      a->path.present == (PATH_HAS(NAME) | PATH_HAS(REMOTE_FIXED)) &&
	      !a->path.remote_fixed && !strcmp(a->why, "roaming"));

	/* A module older than roaming reports no pin and learns nothing. */
	lte->present &= ~(PATH_HAS(REMOTE_FIXED) | PATH_HAS(REMOTE_LEARNED));
	lte->remote_fixed = false;
	lte->remote_learned = false;
	mpvpn_addr_parse("10.2.0.2", &lte->remote);
	lte->remote_port = 5555;
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	CHECK("an older module: nothing to say about pins", f.plan.count == 0);
	fixture_end(&f);
}

static void test_listening(void)
{
	struct config listening, after;
	struct view empty = { 0 };
	struct mpvpn_path_info *lte;
	struct fixture f;
	const struct action *a;

	memset(&f, 0, sizeof(f));
	load_edited("\"remote\": \"10.2.0.2:5555\", ", "", &listening);
	diff_plan(&empty, NULL, &listening, &f.plan);
	a = nth(&f.plan, 3);
	CHECK("a listening path is added without a remote",
	      a->type == ACTION_PATH_ADD && !strcmp(a->path.name, "lte") &&
	      !(a->path.present & (PATH_HAS(REMOTE_ADDR) |
				   PATH_HAS(REMOTE_PORT) |
				   PATH_HAS(REMOTE_FIXED))) &&
	      (a->path.present & PATH_HAS(LOCAL_ADDR)));
	plan_free(&f.plan);

	memset(&f, 0, sizeof(f));
	f.before = listening;
	view_of(&f.before, &f.view);
	lte = view_path(&f.view, "lte");
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	CHECK("still listening: in sync", f.plan.count == 0);
	roam(lte, "198.51.100.9", 61002);
	diff_plan(&f.view, NULL, &f.before, &f.plan);
	CHECK_PLAN("start-up over what it learned: in sync", &f.plan,
		   "address add mpvpn0");
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	CHECK("a reload leaves what it learned", f.plan.count == 0);

	load(base_text, &after);
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_PLAN("the file gives it a remote: sent", &f.plan, "path set lte");
	CHECK_STR("why: listening before", nth(&f.plan, 0)->why,
		  "remote 198.51.100.9:61002 -> 10.2.0.2:5555 (configuration changed)");
	memset(&lte->remote, 0, sizeof(lte->remote));
	lte->present &= ~(PATH_HAS(REMOTE_ADDR) | PATH_HAS(REMOTE_PORT));
	lte->remote_learned = false;
	diff_plan(&f.view, &f.before, &after, &f.plan);
	CHECK_STR("why: it had none", nth(&f.plan, 0)->why,
		  "remote none -> 10.2.0.2:5555 (was listening)");
	config_free(&after);
	view_free(&f.view);

	/* The kernel holds the remote the previous file gave. */
	load(base_text, &after);
	view_of(&after, &f.view);
	diff_plan(&f.view, &after, &f.before, &f.plan);
	CHECK_PLAN("the file drops the remote: delete and add", &f.plan,
		   "path delete lte; path add lte");
	CHECK_STR("why: it listens", nth(&f.plan, 0)->why,
		  "no remote: listens");
	roam(view_path(&f.view, "lte"), "198.51.100.9", 61002);
	diff_plan(&f.view, &after, &f.before, &f.plan);
	CHECK("but a remote it learned since is what it would learn listening",
	      f.plan.count == 0);
	config_free(&after);
	fixture_end(&f);
}

/* Names resolve at each load; what they stand for is the file's remote. */
static void test_remote_names(void)
{
	struct config named, moved;
	struct fixture f;

	fixture_start(&f);
	load_edited("10.2.0.2:5555", "hub.example.net:5555", &named);
	diff_plan(&f.view, &f.before, &named, &f.plan);
	CHECK_STR("a name in place of an address: its address is sent",
		  nth(&f.plan, 0)->why,
		  "remote 10.2.0.2:5555 -> 198.51.100.1:5555 (hub.example.net, configuration changed)");
	config_free(&f.before);
	f.before = named;
	view_free(&f.view);
	view_of(&f.before, &f.view);
	diff_plan(&f.view, &f.before, &f.before, &f.plan);
	CHECK("a name that resolves as before: nothing", f.plan.count == 0);
	load_edited("10.2.0.2:5555", "moved.example.net:5555", &moved);
	diff_plan(&f.view, &f.before, &moved, &f.plan);
	CHECK("the name's address changed: the new one is sent",
	      f.plan.count == 1 && nth(&f.plan, 0)->path.remote.bytes[3] == 7);
	config_free(&moved);
	fixture_end(&f);
}

int main(void)
{
	/* Every line out f.before a crash, if one comes. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_start_from_nothing();
	test_adopt_unchanged();
	test_path_settings();
	test_path_replaced();
	test_paths_added_and_removed();
	test_health();
	test_devices();
	test_encryption();
	test_redundancy_and_reorder_wait();
	test_bandwidth();
	test_addresses();
	test_roaming();
	test_listening();
	test_remote_names();
	return unit_finish();
}
