/* rc-cli-config: `rpi-cam config get|set|unset|list|validate`.
 *
 * Every write goes through rc-config (schema validation, comments and
 * unknown keys kept, atomic save). `set` validates every pair first and saves
 * nothing when one is refused, so the file is never half-updated.
 */
#include "rc-cli.h"

#include <stdio.h>

#include "rc-paths.h"
#include "rc-service.h"

#define RC_CLI_MASK "********"

typedef struct {
	gboolean all;
	gboolean json;
	gboolean apply;
} RcCliConfigOpts;

static gboolean
rc_cli_key_is_secret(const char *name)
{
	const RcConfigKey *key = rc_config_schema_lookup(name);

	return key != NULL &&
	       (key->type == RC_KEY_TYPE_PASSWORD || (key->flags & RC_KEY_FLAG_SECRET) != 0);
}

static RcConfig *
rc_cli_config_load(const char *path, GError **error)
{
	g_autofree gchar *def = rc_paths_get(RC_PATH_CONFIG_ENV);

	return rc_config_load(path != NULL ? path : def, error);
}

/* Restarts the running units that read a changed key (--apply), or says
 * which ones need it. */
static int
rc_cli_config_apply(guint mask, gboolean apply)
{
	g_auto(GStrv) units = NULL;
	g_autofree gchar *list = NULL;
	int ret = RC_CLI_EXIT_OK;

	if (mask == 0)
		return RC_CLI_EXIT_OK;
	units = rc_component_mask_to_units(mask);
	if (units == NULL || units[0] == NULL)
		return RC_CLI_EXIT_OK;
	if (!apply) {
		list = g_strjoinv(" ", units);
		g_print("Restart to apply: %s\n  (rpi-cam service restart SERVICE, or add "
			"--apply)\n",
			list);
		return RC_CLI_EXIT_OK;
	}
	for (gsize i = 0; units[i] != NULL; i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(RcServiceStatus) status = rc_service_get_status(units[i], &error);
		if (status == NULL) {
			g_printerr("rpi-cam config: %s: %s\n", units[i], error->message);
			ret = RC_CLI_EXIT_FAILURE;
			continue;
		}
		if (g_strcmp0(status->active_state, "active") != 0 &&
		    g_strcmp0(status->active_state, "activating") != 0) {
			g_print("%s is not running: it reads the new value when started\n",
				units[i]);
			continue;
		}
		if (!rc_service_action(units[i], RC_SERVICE_ACTION_RESTART, &error)) {
			g_printerr("rpi-cam config: restarting %s: %s\n", units[i], error->message);
			ret = RC_CLI_EXIT_FAILURE;
			continue;
		}
		g_print("Restarted %s\n", units[i]);
	}
	return ret;
}

static int
rc_cli_config_get(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	const char *value;

	if (argc != 3)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE, "usage: rpi-cam config get KEY");
	config = rc_cli_config_load(NULL, &error);
	if (config == NULL)
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	value = rc_config_get(config, argv[2]);
	if (value == NULL)
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE,
				   "%s is not set and is not a known key (see `rpi-cam config "
				   "list --all`)",
				   argv[2]);
	g_print("%s\n", value);
	return RC_CLI_EXIT_OK;
}

static int
rc_cli_config_set(int argc, char **argv, const RcCliConfigOpts *opts)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autofree gchar *path = rc_paths_get(RC_PATH_CONFIG_ENV);
	guint mask = 0;
	gboolean refused = FALSE;

	if (argc < 4 || (argc - 2) % 2 != 0)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE,
				   "usage: rpi-cam config set KEY VALUE [KEY VALUE...]");
	config = rc_cli_config_load(path, &error);
	if (config == NULL)
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	for (int i = 2; i + 1 < argc; i += 2) {
		const char *name = argv[i];
		const RcConfigKey *key = rc_config_schema_lookup(name);
		g_autofree gchar *old = g_strdup(rc_config_get(config, name));
		g_autoptr(GError) set_error = NULL;

		if (!rc_config_set(config, name, argv[i + 1], &set_error)) {
			g_printerr("rpi-cam config: %s\n", set_error->message);
			refused = TRUE;
			continue;
		}
		if (key == NULL)
			g_printerr("rpi-cam config: note: %s is not a known key, stored as is\n",
				   name);
		else if (g_strcmp0(old, rc_config_get(config, name)) != 0)
			mask |= key->components;
	}
	if (refused)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE, "nothing was changed in %s", path);
	if (!rc_config_save(config, path, &error))
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	return rc_cli_config_apply(mask, opts->apply);
}

static int
rc_cli_config_unset(int argc, char **argv, const RcCliConfigOpts *opts)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autofree gchar *path = rc_paths_get(RC_PATH_CONFIG_ENV);
	const RcConfigKey *key;

	if (argc != 3)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE, "usage: rpi-cam config unset KEY");
	config = rc_cli_config_load(path, &error);
	if (config == NULL)
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	if (!rc_config_unset(config, argv[2])) {
		g_print("%s was not set in %s\n", argv[2], path);
		return RC_CLI_EXIT_OK;
	}
	if (!rc_config_save(config, path, &error))
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	key = rc_config_schema_lookup(argv[2]);
	return rc_cli_config_apply(key != NULL ? key->components : 0, opts->apply);
}

static void
rc_cli_config_list_one(RcConfig *config, const char *name, JsonBuilder *b)
{
	const RcConfigKey *key = rc_config_schema_lookup(name);
	const char *value = rc_config_get(config, name);
	gboolean in_file = rc_config_get_raw(config, name) != NULL;
	g_autofree gchar *quoted = NULL;

	if (value == NULL)
		value = "";
	if (rc_cli_key_is_secret(name) && value[0] != '\0')
		value = RC_CLI_MASK;
	if (b != NULL) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "key");
		json_builder_add_string_value(b, name);
		json_builder_set_member_name(b, "value");
		json_builder_add_string_value(b, value);
		json_builder_set_member_name(b, "in_file");
		json_builder_add_boolean_value(b, in_file);
		json_builder_set_member_name(b, "known");
		json_builder_add_boolean_value(b, key != NULL);
		json_builder_end_object(b);
		return;
	}
	quoted = rc_config_quote_value(value);
	g_print("%s=%s%s\n", name, quoted, in_file ? "" : "  # default");
}

static int
rc_cli_config_list(int argc, char **argv, const RcCliConfigOpts *opts)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autoptr(GPtrArray) keys = NULL;
	g_autoptr(JsonBuilder) b = opts->json ? json_builder_new() : NULL;

	if (argc != 2)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE,
				   "usage: rpi-cam config list [--all] [--json]");
	config = rc_cli_config_load(NULL, &error);
	if (config == NULL)
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	keys = rc_config_list_keys(config);
	if (opts->all) {
		gsize n = 0;
		const RcConfigKey *schema = rc_config_schema_keys(&n);
		for (gsize i = 0; i < n; i++) {
			if ((schema[i].flags & RC_KEY_FLAG_LEGACY) != 0)
				continue;
			if (!g_ptr_array_find_with_equal_func(keys, schema[i].name, g_str_equal,
							      NULL))
				g_ptr_array_add(keys, (gpointer)schema[i].name);
		}
	}
	if (b != NULL)
		json_builder_begin_array(b);
	for (guint i = 0; i < keys->len; i++)
		rc_cli_config_list_one(config, g_ptr_array_index(keys, i), b);
	if (b != NULL) {
		g_autoptr(JsonNode) root = NULL;
		g_autofree gchar *text = NULL;
		json_builder_end_array(b);
		root = json_builder_get_root(b);
		text = json_to_string(root, TRUE);
		g_print("%s\n", text);
	}
	return RC_CLI_EXIT_OK;
}

static int
rc_cli_config_validate(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autoptr(GPtrArray) keys = NULL;
	g_autofree gchar *path = NULL;

	if (argc > 3)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE,
				   "usage: rpi-cam config validate [FILE]");
	path = argc == 3 ? g_strdup(argv[2]) : rc_paths_get(RC_PATH_CONFIG_ENV);
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s: no such file", path);
	config = rc_config_load(path, &error);
	if (config == NULL)
		return rc_cli_fail("config", RC_CLI_EXIT_FAILURE, "%s", error->message);
	keys = rc_config_list_keys(config);
	for (guint i = 0; i < keys->len; i++) {
		const char *name = g_ptr_array_index(keys, i);
		if (rc_config_schema_lookup(name) == NULL)
			g_print("note: %s is not a known key (kept as is)\n", name);
	}
	if (!rc_config_validate(config, &error)) {
		g_printerr("%s\n", error->message);
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE, "%s is not valid", path);
	}
	g_print("%s: valid (%u keys)\n", path, keys->len);
	return RC_CLI_EXIT_OK;
}

int
rc_cli_config(int argc, char **argv)
{
	RcCliConfigOpts opts = { 0 };
	const GOptionEntry entries[] = {
		{ "all", 0, 0, G_OPTION_ARG_NONE, &opts.all,
		  "list: every known key, with its default when not set", NULL },
		{ "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, "list: JSON output", NULL },
		{ "apply", 0, 0, G_OPTION_ARG_NONE, &opts.apply,
		  "set/unset: restart the running services that read the changed keys", NULL },
		{ NULL },
	};

	if (!rc_cli_parse_full("config",
			       "get KEY | set KEY VALUE... | unset KEY | list | validate [FILE]",
			       "Reads and changes config.env. Values are checked against the\n"
			       "schema (docs/configuration.md); a refused value changes nothing.\n"
			       "Passwords are masked in `list`.",
			       entries, TRUE, &argc, &argv))
		return RC_CLI_EXIT_USAGE;
	if (argc < 2)
		return rc_cli_fail("config", RC_CLI_EXIT_USAGE,
				   "missing subcommand (try 'rpi-cam config --help')");
	if (g_strcmp0(argv[1], "get") == 0)
		return rc_cli_config_get(argc, argv);
	if (g_strcmp0(argv[1], "set") == 0)
		return rc_cli_config_set(argc, argv, &opts);
	if (g_strcmp0(argv[1], "unset") == 0)
		return rc_cli_config_unset(argc, argv, &opts);
	if (g_strcmp0(argv[1], "list") == 0)
		return rc_cli_config_list(argc, argv, &opts);
	if (g_strcmp0(argv[1], "validate") == 0)
		return rc_cli_config_validate(argc, argv);
	return rc_cli_fail("config", RC_CLI_EXIT_USAGE,
			   "unknown subcommand '%s' (try 'rpi-cam config --help')", argv[1]);
}
