// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: how a path's remote endpoint follows its peer (roaming) and when
 * it may. Included at the end of path.c in the test build.
 */

#include <kunit/test.h>

static void roam_needs_a_quiet_endpoint(struct kunit *test)
{
	unsigned long quiet = msecs_to_jiffies(100);
	unsigned long heard = jiffies;

	/* A listening path learns its first endpoint at once. */
	KUNIT_EXPECT_TRUE(test, mpvpn_roam_allowed(false, heard, quiet, heard));
	/* A peer still heard from where it was keeps its endpoint... */
	KUNIT_EXPECT_FALSE(test, mpvpn_roam_allowed(true, heard, quiet, heard));
	KUNIT_EXPECT_FALSE(test, mpvpn_roam_allowed(true, heard, quiet,
						    heard + quiet - 1));
	/* ...until it has been quiet for the interval. */
	KUNIT_EXPECT_TRUE(test, mpvpn_roam_allowed(true, heard, quiet,
						   heard + quiet));
	/* Across the wrap of jiffies too. */
	heard = ULONG_MAX - quiet / 2;
	KUNIT_EXPECT_FALSE(test, mpvpn_roam_allowed(true, heard, quiet,
						    heard + quiet / 4));
	KUNIT_EXPECT_TRUE(test, mpvpn_roam_allowed(true, heard, quiet,
						   heard + quiet));
}

static void endpoint_is_its_source(struct kunit *test)
{
	struct mpvpn_endpoint ep = {
		.family = AF_INET, .has_remote = true,
		.remote.ip4 = htonl(0xc0000207), .remote_port = htons(5555),
	};
	union mpvpn_addr same = { .ip4 = htonl(0xc0000207) };
	union mpvpn_addr other = { .ip4 = htonl(0xc0000208) };

	KUNIT_EXPECT_TRUE(test, mpvpn_endpoint_is(&ep, AF_INET, &same,
						  htons(5555)));
	KUNIT_EXPECT_FALSE(test, mpvpn_endpoint_is(&ep, AF_INET, &same,
						   htons(5556)));
	KUNIT_EXPECT_FALSE(test, mpvpn_endpoint_is(&ep, AF_INET, &other,
						   htons(5555)));
	KUNIT_EXPECT_FALSE(test, mpvpn_endpoint_is(&ep, AF_INET6, &same,
						   htons(5555)));
	ep.has_remote = false;
	KUNIT_EXPECT_FALSE(test, mpvpn_endpoint_is(&ep, AF_INET, &same,
						   htons(5555)));
}

/* A path with just what roaming touches, and @ep as its endpoint. */
static struct mpvpn_path *roam_path(struct kunit *test,
				    const struct mpvpn_endpoint *want)
{
	struct mpvpn_path *path = kunit_kzalloc(test, sizeof(*path),
						GFP_KERNEL);
	struct mpvpn_endpoint *ep = endpoint_alloc(want, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, path);
	KUNIT_ASSERT_NOT_NULL(test, ep);
	spin_lock_init(&path->endpoint_lock);
	RCU_INIT_POINTER(path->endpoint, ep);
	return path;
}

static void roam_path_free(struct mpvpn_path *path)
{
	call_rcu(&rcu_access_pointer(path->endpoint)->rcu, endpoint_free_rcu);
	rcu_barrier();
}

static void roam_moves_and_tells_from_where(struct kunit *test)
{
	const struct mpvpn_endpoint want = {
		.family = AF_INET, .has_remote = true,
		.remote.ip4 = htonl(0xc6336407), .remote_port = htons(4500),
	};
	union mpvpn_addr nat = { .ip4 = htonl(0xc6336407) };
	struct mpvpn_path *path = roam_path(test, &want);
	struct mpvpn_endpoint_addr from;
	struct mpvpn_endpoint now;

	KUNIT_EXPECT_FALSE(test, mpvpn_path_take_roam(path, &from));
	/* NAT rebinding: same address, new port. */
	KUNIT_EXPECT_TRUE(test, mpvpn_path_roam(path, AF_INET, &nat,
						htons(61002)));
	mpvpn_path_endpoint_get(path, &now);
	KUNIT_EXPECT_TRUE(test, mpvpn_endpoint_is(&now, AF_INET, &nat,
						  htons(61002)));
	KUNIT_EXPECT_TRUE(test, now.remote_learned);
	/* Already there: nothing moves, nothing more to announce. */
	KUNIT_EXPECT_FALSE(test, mpvpn_path_roam(path, AF_INET, &nat,
						 htons(61002)));
	KUNIT_ASSERT_TRUE(test, mpvpn_path_take_roam(path, &from));
	KUNIT_EXPECT_TRUE(test, from.has_remote);
	KUNIT_EXPECT_EQ(test, ntohs(from.port), 4500);
	KUNIT_EXPECT_FALSE(test, mpvpn_path_take_roam(path, &from));
	roam_path_free(path);
}

static void listening_path_learns(struct kunit *test)
{
	const struct mpvpn_endpoint want = { .family = AF_UNSPEC };
	union mpvpn_addr peer = { .ip6 = IN6ADDR_LOOPBACK_INIT };
	struct mpvpn_path *path = roam_path(test, &want);
	struct mpvpn_endpoint_addr from;
	struct mpvpn_endpoint now;

	KUNIT_EXPECT_TRUE(test, mpvpn_path_roam(path, AF_INET6, &peer,
						htons(5555)));
	mpvpn_path_endpoint_get(path, &now);
	KUNIT_EXPECT_TRUE(test, now.has_remote);
	KUNIT_EXPECT_EQ(test, now.family, AF_INET6);
	KUNIT_ASSERT_TRUE(test, mpvpn_path_take_roam(path, &from));
	KUNIT_EXPECT_FALSE(test, from.has_remote);
	roam_path_free(path);
}

static struct kunit_case mpvpn_path_cases[] = {
	KUNIT_CASE(roam_needs_a_quiet_endpoint),
	KUNIT_CASE(endpoint_is_its_source),
	KUNIT_CASE(roam_moves_and_tells_from_where),
	KUNIT_CASE(listening_path_learns),
	{}
};

static struct kunit_suite mpvpn_path_suite = {
	.name = "mpvpn_path",
	.test_cases = mpvpn_path_cases,
};

kunit_test_suite(mpvpn_path_suite);
