/* fuzz-locks: the locked_recordings.json parser (rc-locks) on any bytes.
 * What parses must serialise and parse back to the same set; abort() on a
 * mismatch so that the fuzzer reports it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rc-locks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autoptr(GHashTable) set = NULL;
	g_autoptr(GHashTable) back = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree gchar *text = NULL;
	GHashTableIter iter;
	gpointer key;
	gsize len = 0;

	set = rc_locks_parse((const char *)data, size, NULL, &error);
	if (set == NULL) {
		if (error == NULL)
			abort();
		return 0;
	}
	text = rc_locks_to_data(set, &len);
	back = rc_locks_parse(text, len, NULL, NULL);
	if (back == NULL || g_hash_table_size(back) != g_hash_table_size(set))
		abort();
	g_hash_table_iter_init(&iter, set);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		if (!rc_locks_is_valid_name(key) || !g_hash_table_contains(back, key))
			abort();
	}
	return 0;
}
