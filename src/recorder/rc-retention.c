/* rc-retention: the pure retention policy (see rc-retention.h). Data in,
 * data out; the recorder's disk watcher does the I/O around it. */
#include "rc-retention.h"

#include <string.h>

static void
deletion_free(gpointer data)
{
	RcRetentionDeletion *del = data;

	g_free(del->name);
	g_free(del);
}

void
rc_retention_plan_free(RcRetentionPlan *plan)
{
	if (plan == NULL)
		return;
	g_clear_pointer(&plan->deletions, g_ptr_array_unref);
	g_free(plan);
}

/* Saturating helpers: sizes come from the filesystem and a hostile or odd
 * input (huge sizes) must not wrap around into "lots of room". */
static guint64
sat_add(guint64 a, guint64 b)
{
	return (a > G_MAXUINT64 - b) ? G_MAXUINT64 : a + b;
}

static guint64
sat_sub(guint64 a, guint64 b)
{
	return (b > a) ? 0 : a - b;
}

static guint64
mb_to_bytes(guint64 mb)
{
	return (mb > G_MAXUINT64 / RC_RETENTION_MIB) ? G_MAXUINT64 : mb * RC_RETENTION_MIB;
}

guint
rc_retention_check(guint64 free_bytes, guint64 used_bytes, guint64 min_free_mb, guint64 max_disk_mb)
{
	guint unmet = RC_RETENTION_REASON_NONE;

	if (min_free_mb > 0 && free_bytes < mb_to_bytes(min_free_mb))
		unmet |= RC_RETENTION_REASON_MIN_FREE;
	if (max_disk_mb > 0 && used_bytes > mb_to_bytes(max_disk_mb))
		unmet |= RC_RETENTION_REASON_MAX_DISK;
	return unmet;
}

const char *
rc_retention_reason_to_string(guint reasons)
{
	switch (reasons & (RC_RETENTION_REASON_MIN_FREE | RC_RETENTION_REASON_MAX_DISK)) {
	case RC_RETENTION_REASON_MIN_FREE:
		return "min-free";
	case RC_RETENTION_REASON_MAX_DISK:
		return "max-disk";
	case RC_RETENTION_REASON_MIN_FREE | RC_RETENTION_REASON_MAX_DISK:
		return "min-free+max-disk";
	default:
		return "none";
	}
}

gboolean
rc_retention_is_recording_name(const char *name)
{
	if (name == NULL || name[0] == '\0' || name[0] == '.')
		return FALSE;
	return g_str_has_suffix(name, ".ts") || g_str_has_suffix(name, ".mp4") ||
	       g_str_has_suffix(name, ".mkv");
}

static gint
compare_oldest_first(gconstpointer a, gconstpointer b)
{
	const RcRetentionFile *fa = *(const RcRetentionFile *const *)a;
	const RcRetentionFile *fb = *(const RcRetentionFile *const *)b;

	if (fa->mtime != fb->mtime)
		return fa->mtime < fb->mtime ? -1 : 1;
	return strcmp(fa->name, fb->name);
}

static gboolean
is_protected(const RcRetentionInput *input, const char *name)
{
	if (input->current != NULL && strcmp(input->current, name) == 0)
		return TRUE;
	return input->locked != NULL && g_hash_table_contains(input->locked, name);
}

RcRetentionPlan *
rc_retention_plan(const RcRetentionInput *input)
{
	g_autoptr(GPtrArray) order = g_ptr_array_new();
	RcRetentionPlan *plan = g_new0(RcRetentionPlan, 1);
	guint64 used = 0;
	guint64 free_bytes = input->free_bytes;
	guint unmet;

	plan->deletions = g_ptr_array_new_with_free_func(deletion_free);
	for (gsize i = 0; i < input->n_files; i++) {
		const RcRetentionFile *file = &input->files[i];

		if (file->name == NULL)
			continue;
		used = sat_add(used, file->size);
		if (is_protected(input, file->name)) {
			plan->n_protected++;
			continue;
		}
		g_ptr_array_add(order, (gpointer)file);
	}
	plan->used_bytes_before = used;
	g_ptr_array_sort(order, compare_oldest_first);

	unmet = rc_retention_check(free_bytes, used, input->min_free_mb, input->max_disk_mb);
	for (guint i = 0; i < order->len && unmet != RC_RETENTION_REASON_NONE; i++) {
		const RcRetentionFile *file = g_ptr_array_index(order, i);
		RcRetentionDeletion *del = g_new0(RcRetentionDeletion, 1);

		del->name = g_strdup(file->name);
		del->size = file->size;
		del->reason = unmet;
		g_ptr_array_add(plan->deletions, del);
		/* Deleting a file frees its size on the filesystem and in the
		 * directory total alike. */
		used = sat_sub(used, file->size);
		free_bytes = sat_add(free_bytes, file->size);
		plan->freed_bytes = sat_add(plan->freed_bytes, file->size);
		unmet = rc_retention_check(free_bytes, used, input->min_free_mb,
					   input->max_disk_mb);
	}
	plan->used_bytes_after = used;
	plan->free_bytes_after = free_bytes;
	plan->unmet = unmet;
	plan->satisfied = (unmet == RC_RETENTION_REASON_NONE);
	return plan;
}
