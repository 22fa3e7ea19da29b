/* fuzz-segment-name: the segment-name parser and the recording-name
 * validator (rc-segment-name) on any bytes. Names reach them from HTTP
 * requests. A parsed name must format back to itself and be a safe
 * recording name; abort() on a mismatch so that the fuzzer reports it. */
#include <gio/gio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rc-segment-name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	g_autofree gchar *name = NULL;
	g_autofree gchar *again = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GDateTime) dt = NULL;
	RcSegmentTime t;

	/* names are C strings: cut at the first NUL, as a path would be */
	if (size > 4096)
		return 0;
	name = g_strndup((const char *)data, size);
	(void)rc_segment_name_is_safe_recording(name);
	if (!rc_segment_name_parse(name, &t, &error)) {
		if (error == NULL ||
		    !g_error_matches(error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME))
			abort();
		if (rc_segment_name_to_datetime(name, NULL) != NULL)
			abort();
		return 0;
	}
	again = rc_segment_name_format(&t);
	if (again == NULL || strcmp(again, name) != 0)
		abort();
	if (!rc_segment_name_is_safe_recording(name))
		abort();
	dt = rc_segment_name_to_datetime(name, NULL);
	(void)dt; /* NULL is allowed: a time in a DST gap */
	return 0;
}
