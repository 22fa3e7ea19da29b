/* fuzz-config: the config.env parser and writer on any bytes.
 *
 * Invariants (abort() on a violation, so that the fuzzer reports it):
 * - parse then write gives back the input byte for byte;
 * - parsing that output again gives the same keys and values;
 * - after rc_config_set() of a key (an unknown key with a value taken from
 *   the input, and a schema key with legacy aliases), writing and parsing
 *   again reads back exactly that value, and every other key keeps its value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rc-config.h"

#define FUZZ_KEY "FUZZ_VALUE"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static RcConfig *
reparse(RcConfig *config)
{
	gsize len = 0;
	g_autofree gchar *text = rc_config_to_data(config, &len);
	return rc_config_parse(text, len, "fuzz");
}

/* Every key of @a has the same raw value in @b, except @skip. */
static void
check_same_values(RcConfig *a, RcConfig *b, const char *skip)
{
	g_autoptr(GPtrArray) keys = rc_config_list_keys(a);

	for (guint i = 0; i < keys->len; i++) {
		const char *key = g_ptr_array_index(keys, i);
		if (skip != NULL && strcmp(key, skip) == 0)
			continue;
		if (g_strcmp0(rc_config_get_raw(a, key), rc_config_get_raw(b, key)) != 0)
			abort();
	}
}

static void
check_set(RcConfig *config, const char *key, const char *value)
{
	g_autoptr(RcConfig) again = NULL;
	g_autoptr(RcConfig) before = reparse(config);
	const RcConfigKey *schema = rc_config_schema_lookup(key);

	if (!rc_config_set(config, key, value, NULL))
		return;
	again = reparse(config);
	/* what we set is what a reader gets back: exactly, for unknown keys;
	 * normalized for schema keys */
	if (schema == NULL && g_strcmp0(rc_config_get_raw(again, key), value) != 0)
		abort();
	if (g_strcmp0(rc_config_get(again, key), rc_config_get(config, key)) != 0)
		abort();
	if (schema != NULL && schema->alias_of == NULL && rc_config_get_raw(again, key) == NULL)
		abort();
	check_same_values(again, config, NULL);
	check_same_values(config, again, NULL);
	/* a rewritten line never adds a parse problem */
	if (rc_config_get_diagnostics(again)->len > rc_config_get_diagnostics(before)->len)
		abort();
	/* unrelated keys keep their values; aliases of @key may change */
	{
		g_autoptr(GPtrArray) keys = rc_config_list_keys(before);
		for (guint i = 0; i < keys->len; i++) {
			const char *other = g_ptr_array_index(keys, i);
			const RcConfigKey *os = rc_config_schema_lookup(other);
			if (strcmp(other, key) == 0)
				continue;
			if (schema != NULL && os != NULL &&
			    (g_strcmp0(os->alias_of, key) == 0 ||
			     g_strcmp0(schema->alias_of, other) == 0 ||
			     (schema->alias_of != NULL &&
			      g_strcmp0(os->alias_of, schema->alias_of) == 0)))
				continue;
			if (g_strcmp0(rc_config_get_raw(before, other),
				      rc_config_get_raw(again, other)) != 0)
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(RcConfig) config = NULL;
	g_autoptr(RcConfig) second = NULL;
	g_autofree gchar *text = NULL;
	g_autofree gchar *value = NULL;
	gsize len = 0;

	if (size > RC_CONFIG_MAX_FILE_SIZE + 16)
		return 0;
	config = rc_config_parse((const char *)data, size, "fuzz");
	text = rc_config_to_data(config, &len);
	if (len != size || memcmp(text, data, size) != 0)
		abort();
	second = rc_config_parse(text, len, "fuzz");
	check_same_values(config, second, NULL);
	check_same_values(second, config, NULL);
	if (rc_config_get_diagnostics(config)->len != rc_config_get_diagnostics(second)->len)
		abort();

	/* a value from the input: its first line, up to 200 bytes */
	value = g_strndup((const char *)data, MIN(size, 200));
	value[strcspn(value, "\n")] = '\0';
	check_set(config, FUZZ_KEY, value);
	check_set(config, "VIDEOIN_WIDTH", "1280");
	check_set(config, "VIDEO_WIDTH", "640");
	check_set(config, "RTSP_USER", value);
	return 0;
}
