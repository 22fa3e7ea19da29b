/* Unit tests for rc-log: level names, the threshold, and the stderr line
 * format, checked in subprocesses (a log writer can be installed only once
 * per process, and we need the child's stderr). */
#define G_LOG_DOMAIN "rc-test"

#include "rc-log.h"

/* glob for "2026-11-25 12:00:00.123" (escaped: "??-" is a trigraph) */
#define TS "\?\?\?\?-\?\?-\?\? \?\?:\?\?:\?\?.\?\?\?"

/* Warnings and criticals are fatal under GTest: the children log them on
 * purpose. */
static void
child_init(RcLogLevel level)
{
	g_log_set_always_fatal(G_LOG_FATAL_MASK);
	g_unsetenv("G_MESSAGES_DEBUG");
	rc_log_init("test-ident");
	rc_log_set_level(level);
}

static void
test_level_strings(void)
{
	for (gint i = 0; i < RC_LOG_LEVEL_MAX; i++) {
		const char *name = rc_log_level_to_string((RcLogLevel)i);
		g_assert_nonnull(name);
		g_assert_cmpint(rc_log_level_from_string(name), ==, i);
	}
	g_assert_cmpint(rc_log_level_from_string("error"), ==, RC_LOG_LEVEL_ERROR);
	g_assert_cmpint(rc_log_level_from_string("WARNING"), ==, RC_LOG_LEVEL_WARNING);
	g_assert_cmpint(rc_log_level_from_string("Info"), ==, RC_LOG_LEVEL_INFO);
	g_assert_cmpint(rc_log_level_from_string("debug"), ==, RC_LOG_LEVEL_DEBUG);
	g_assert_cmpint(rc_log_level_from_string("verbose"), ==, RC_LOG_LEVEL_INVALID);
	g_assert_cmpint(rc_log_level_from_string(""), ==, RC_LOG_LEVEL_INVALID);
	g_assert_cmpint(rc_log_level_from_string(" info"), ==, RC_LOG_LEVEL_INVALID);
	g_assert_cmpint(rc_log_level_from_string(NULL), ==, RC_LOG_LEVEL_INVALID);
	g_assert_null(rc_log_level_to_string(RC_LOG_LEVEL_INVALID));
	g_assert_null(rc_log_level_to_string(RC_LOG_LEVEL_MAX));
}

static void
test_set_level(void)
{
	RcLogLevel saved = rc_log_get_level();

	rc_log_set_level(RC_LOG_LEVEL_DEBUG);
	g_assert_cmpint(rc_log_get_level(), ==, RC_LOG_LEVEL_DEBUG);
	rc_log_set_level(RC_LOG_LEVEL_ERROR);
	g_assert_cmpint(rc_log_get_level(), ==, RC_LOG_LEVEL_ERROR);
	rc_log_set_level(saved);
}

static void
test_default_level(void)
{
	if (g_test_subprocess()) {
		g_assert_cmpint(rc_log_get_level(), ==, RC_LOG_LEVEL_INFO);
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
}

static void
test_format(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_INFO);
		g_message("hello %d", 1);
		g_info("an info");
		g_debug("hidden debug");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	/* 2026-11-25 12:00:00.123 test-ident[1234] INFO: message */
	g_test_trap_assert_stderr(TS " test-ident[*] INFO: hello 1\n" TS
				     " test-ident[*] INFO: an info\n");
	g_test_trap_assert_stderr_unmatched("*hidden*");
}

static void
test_filter_warning(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_WARNING);
		g_message("not shown");
		g_warning("a warning");
		g_critical("a critical");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*] WARNING: a warning\n*] CRITICAL: a critical\n");
	g_test_trap_assert_stderr_unmatched("*not shown*");
}

static void
test_filter_error(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_ERROR);
		g_warning("quiet warning");
		g_critical("loud critical");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*] CRITICAL: loud critical\n");
	g_test_trap_assert_stderr_unmatched("*quiet warning*");
}

static void
test_filter_debug(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_INFO);
		g_debug("before");
		rc_log_set_level(RC_LOG_LEVEL_DEBUG);
		g_debug("after %s", "switch");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	/* debug lines name the domain */
	g_test_trap_assert_stderr("*test-ident[*] DEBUG: rc-test: after switch\n");
	g_test_trap_assert_stderr_unmatched("*before*");
}

static void
test_messages_debug(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_WARNING);
		g_setenv("G_MESSAGES_DEBUG", "rc-test", TRUE);
		g_debug("domain debug");
		g_log_structured("other-domain", G_LOG_LEVEL_DEBUG, "MESSAGE", "other debug");
		g_message("a message");
		g_setenv("G_MESSAGES_DEBUG", "all", TRUE);
		g_log_structured("other-domain", G_LOG_LEVEL_DEBUG, "MESSAGE", "all debug");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr(
		"*DEBUG: rc-test: domain debug\n*DEBUG: other-domain: all debug\n");
	g_test_trap_assert_stderr_unmatched("*other debug*");
	/* G_MESSAGES_DEBUG widens debug, not the threshold of other levels */
	g_test_trap_assert_stderr_unmatched("*a message*");
}

static void
test_escape(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_INFO);
		g_message("line1\n2026-01-01 00:00:00.000 fake[1] ERROR: forged\r\x1b[31m\tok");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*INFO: line1\\n2026-01-01 00:00:00.000 fake[1] ERROR: "
				  "forged\\r\\x1b[31m\tok\n");
	g_test_trap_assert_stderr_unmatched("*\nfake*");
}

static void
test_init_twice(void)
{
	if (g_test_subprocess()) {
		child_init(RC_LOG_LEVEL_INFO);
		rc_log_init("second-ident");
		g_message("still here");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
	g_test_trap_assert_stderr("*test-ident[*] INFO: still here\n");
}

static void
test_not_journal(void)
{
	if (g_test_subprocess()) {
		/* stderr is a pipe to the parent here */
		g_assert_false(rc_log_is_journal());
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/common/log/level-strings", test_level_strings);
	g_test_add_func("/common/log/set-level", test_set_level);
	g_test_add_func("/common/log/default-level", test_default_level);
	g_test_add_func("/common/log/format", test_format);
	g_test_add_func("/common/log/filter-warning", test_filter_warning);
	g_test_add_func("/common/log/filter-error", test_filter_error);
	g_test_add_func("/common/log/filter-debug", test_filter_debug);
	g_test_add_func("/common/log/messages-debug", test_messages_debug);
	g_test_add_func("/common/log/escape", test_escape);
	g_test_add_func("/common/log/init-twice", test_init_twice);
	g_test_add_func("/common/log/not-journal", test_not_journal);
	return g_test_run();
}
