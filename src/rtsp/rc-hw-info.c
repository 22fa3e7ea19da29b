/* rc-hw-info: the hardware description and its JSON form.
 *
 * Pure data: the probe builds it, the pipeline builder reads it, tests load it
 * from recorded fixtures. Every JSON input is treated as hostile: sizes,
 * counts, string lengths and numeric ranges are bounded.
 */
#include "rc-hw-info.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

static const char *const camera_type_names[RC_HW_CAMERA_MAX] = {
	[RC_HW_CAMERA_V4L2] = "v4l2",
	[RC_HW_CAMERA_LIBCAMERA] = "libcamera",
};

const char *
rc_hw_camera_type_to_string(RcHwCameraType type)
{
	if (type < 0 || type >= RC_HW_CAMERA_MAX)
		return "invalid";
	return camera_type_names[type];
}

RcHwCameraType
rc_hw_camera_type_from_string(const char *str)
{
	for (int i = 0; i < RC_HW_CAMERA_MAX; i++) {
		if (str != NULL && g_ascii_strcasecmp(str, camera_type_names[i]) == 0)
			return (RcHwCameraType)i;
	}
	return RC_HW_CAMERA_INVALID;
}

RcHwSize *
rc_hw_size_new(guint width, guint height)
{
	RcHwSize *size = g_new0(RcHwSize, 1);
	size->width = width;
	size->height = height;
	size->rates = g_array_new(FALSE, FALSE, sizeof(RcHwRate));
	return size;
}

void
rc_hw_size_free(RcHwSize *size)
{
	if (size == NULL)
		return;
	g_array_unref(size->rates);
	g_free(size);
}

void
rc_hw_size_add_rate(RcHwSize *size, guint num, guint den)
{
	RcHwRate rate = { num, den == 0 ? 1 : den };
	g_array_append_val(size->rates, rate);
}

RcHwFormat *
rc_hw_format_new(const char *fourcc)
{
	RcHwFormat *format = g_new0(RcHwFormat, 1);
	format->fourcc = g_strdup(fourcc);
	format->sizes = g_ptr_array_new_with_free_func((GDestroyNotify)rc_hw_size_free);
	return format;
}

void
rc_hw_format_free(RcHwFormat *format)
{
	if (format == NULL)
		return;
	g_free(format->fourcc);
	g_free(format->description);
	g_ptr_array_unref(format->sizes);
	g_free(format);
}

RcHwCamera *
rc_hw_camera_new(RcHwCameraType type, const char *device)
{
	RcHwCamera *camera = g_new0(RcHwCamera, 1);
	camera->type = type;
	camera->device = g_strdup(device);
	camera->formats = g_ptr_array_new_with_free_func((GDestroyNotify)rc_hw_format_free);
	return camera;
}

void
rc_hw_camera_free(RcHwCamera *camera)
{
	if (camera == NULL)
		return;
	g_free(camera->device);
	g_free(camera->card);
	g_free(camera->driver);
	g_free(camera->bus);
	g_free(camera->model);
	g_ptr_array_unref(camera->formats);
	g_free(camera);
}

RcHwAudio *
rc_hw_audio_new(guint card, guint device, const char *id, const char *name, gboolean usb)
{
	RcHwAudio *audio = g_new0(RcHwAudio, 1);
	audio->card = card;
	audio->device = device;
	audio->id = g_strdup(id);
	audio->name = g_strdup(name);
	audio->usb = usb;
	return audio;
}

void
rc_hw_audio_free(RcHwAudio *audio)
{
	if (audio == NULL)
		return;
	g_free(audio->id);
	g_free(audio->name);
	g_free(audio);
}

RcHwInfo *
rc_hw_info_new(void)
{
	RcHwInfo *self = g_new0(RcHwInfo, 1);
	self->cameras = g_ptr_array_new_with_free_func((GDestroyNotify)rc_hw_camera_free);
	self->audio = g_ptr_array_new_with_free_func((GDestroyNotify)rc_hw_audio_free);
	self->elements = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return self;
}

void
rc_hw_info_free(RcHwInfo *self)
{
	if (self == NULL)
		return;
	g_ptr_array_unref(self->cameras);
	g_ptr_array_unref(self->audio);
	g_hash_table_unref(self->elements);
	g_free(self);
}

void
rc_hw_info_add_element(RcHwInfo *self, const char *element)
{
	g_hash_table_add(self->elements, g_strdup(element));
}

gboolean
rc_hw_info_has_element(const RcHwInfo *self, const char *element)
{
	return g_hash_table_contains(self->elements, element);
}

gchar *
rc_hw_fourcc_normalize(const char *fourcc)
{
	if (fourcc == NULL)
		return NULL;
	if (g_ascii_strcasecmp(fourcc, "MJPEG") == 0 ||
	    g_ascii_strcasecmp(fourcc, "MOTION-JPEG") == 0 ||
	    g_ascii_strcasecmp(fourcc, "JPEG") == 0)
		return g_strdup("MJPG");
	if (g_ascii_strcasecmp(fourcc, "YUY2") == 0)
		return g_strdup("YUYV");
	if (g_ascii_strcasecmp(fourcc, "H.264") == 0)
		return g_strdup("H264");
	return g_ascii_strup(fourcc, -1);
}

RcHwFormat *
rc_hw_camera_find_format(const RcHwCamera *camera, const char *fourcc)
{
	g_autofree gchar *want = rc_hw_fourcc_normalize(fourcc);
	if (want == NULL)
		return NULL;
	for (guint i = 0; i < camera->formats->len; i++) {
		RcHwFormat *format = g_ptr_array_index(camera->formats, i);
		g_autofree gchar *have = rc_hw_fourcc_normalize(format->fourcc);
		if (g_strcmp0(have, want) == 0)
			return format;
	}
	return NULL;
}

gboolean
rc_hw_format_supports(const RcHwFormat *format, guint width, guint height, guint fps)
{
	for (guint i = 0; i < format->sizes->len; i++) {
		const RcHwSize *size = g_ptr_array_index(format->sizes, i);
		if (size->width != width || size->height != height)
			continue;
		/* A size listed without intervals: the driver did not say, accept. */
		if (size->rates->len == 0)
			return TRUE;
		for (guint j = 0; j < size->rates->len; j++) {
			const RcHwRate *rate = &g_array_index(size->rates, RcHwRate, j);
			gdouble have = (gdouble)rate->num / (gdouble)rate->den;
			if (have > 0 && ABS(have - (gdouble)fps) <= 0.01 * (gdouble)fps)
				return TRUE;
		}
	}
	return FALSE;
}

/* --- JSON reading --- */

static gboolean
get_string(JsonObject *obj, const char *member, const char *where, gchar **ret, GError **error)
{
	JsonNode *node = json_object_get_member(obj, member);
	if (node == NULL || JSON_NODE_HOLDS_NULL(node))
		return TRUE;
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_STRING) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s.%s: expected a string",
			    where, member);
		return FALSE;
	}
	const char *value = json_node_get_string(node);
	if (strlen(value) > RC_HW_MAX_STRING || !g_utf8_validate(value, -1, NULL)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.%s: string too long or not UTF-8", where, member);
		return FALSE;
	}
	g_free(*ret);
	*ret = g_strdup(value);
	return TRUE;
}

static gboolean
get_uint(JsonObject *obj, const char *member, const char *where, guint max, guint *ret,
	 GError **error)
{
	JsonNode *node = json_object_get_member(obj, member);
	if (node == NULL || JSON_NODE_HOLDS_NULL(node))
		return TRUE;
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_INT64) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.%s: expected an integer", where, member);
		return FALSE;
	}
	gint64 value = json_node_get_int(node);
	if (value < 0 || value > (gint64)max) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.%s: %" G_GINT64_FORMAT " is out of range (0-%u)", where, member,
			    value, max);
		return FALSE;
	}
	*ret = (guint)value;
	return TRUE;
}

static gboolean
get_bool(JsonObject *obj, const char *member, const char *where, gboolean *ret, GError **error)
{
	JsonNode *node = json_object_get_member(obj, member);
	if (node == NULL || JSON_NODE_HOLDS_NULL(node))
		return TRUE;
	if (!JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_BOOLEAN) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.%s: expected true or false", where, member);
		return FALSE;
	}
	*ret = json_node_get_boolean(node);
	return TRUE;
}

/* Returns the array member (NULL when absent) or fails on a wrong type/size. */
static gboolean
get_array(JsonObject *obj, const char *member, const char *where, guint max, JsonArray **ret,
	  GError **error)
{
	JsonNode *node = json_object_get_member(obj, member);
	*ret = NULL;
	if (node == NULL || JSON_NODE_HOLDS_NULL(node))
		return TRUE;
	if (!JSON_NODE_HOLDS_ARRAY(node)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s.%s: expected an array",
			    where, member);
		return FALSE;
	}
	if (json_array_get_length(json_node_get_array(node)) > max) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.%s: more than %u entries", where, member, max);
		return FALSE;
	}
	*ret = json_node_get_array(node);
	return TRUE;
}

static JsonObject *
get_object_element(JsonArray *array, guint i, const char *where, GError **error)
{
	JsonNode *node = json_array_get_element(array, i);
	if (!JSON_NODE_HOLDS_OBJECT(node)) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s[%u]: expected an object", where, i);
		return NULL;
	}
	return json_node_get_object(node);
}

/* A rate is an integer (30), a decimal (7.5) or a "num/den" string ("15/2"). */
static gboolean
parse_rate(JsonNode *node, guint *ret_num, guint *ret_den)
{
	if (!JSON_NODE_HOLDS_VALUE(node))
		return FALSE;
	GType type = json_node_get_value_type(node);
	if (type == G_TYPE_INT64) {
		gint64 v = json_node_get_int(node);
		if (v <= 0 || v > RC_HW_MAX_FPS_NUMDEN)
			return FALSE;
		*ret_num = (guint)v;
		*ret_den = 1;
		return TRUE;
	}
	if (type == G_TYPE_DOUBLE) {
		gdouble v = json_node_get_double(node);
		if (!(v > 0 && v <= 1000))
			return FALSE;
		*ret_num = (guint)(v * 1000.0 + 0.5);
		*ret_den = 1000;
		guint a = *ret_num, b = *ret_den;
		while (b != 0) {
			guint t = a % b;
			a = b;
			b = t;
		}
		*ret_num /= a;
		*ret_den /= a;
		return *ret_num > 0;
	}
	if (type == G_TYPE_STRING) {
		const char *s = json_node_get_string(node);
		guint64 num = 0, den = 0;
		g_auto(GStrv) parts = g_strsplit(s, "/", 3);
		if (g_strv_length(parts) != 2 ||
		    !g_ascii_string_to_unsigned(parts[0], 10, 1, RC_HW_MAX_FPS_NUMDEN, &num,
						NULL) ||
		    !g_ascii_string_to_unsigned(parts[1], 10, 1, RC_HW_MAX_FPS_NUMDEN, &den, NULL))
			return FALSE;
		*ret_num = (guint)num;
		*ret_den = (guint)den;
		return TRUE;
	}
	return FALSE;
}

static RcHwSize *
size_from_json(JsonObject *obj, const char *where, GError **error)
{
	guint width = 0, height = 0;
	JsonArray *rates = NULL;
	if (!get_uint(obj, "width", where, RC_HW_MAX_DIMENSION, &width, error) ||
	    !get_uint(obj, "height", where, RC_HW_MAX_DIMENSION, &height, error) ||
	    !get_array(obj, "fps", where, RC_HW_MAX_RATES, &rates, error))
		return NULL;
	if (width == 0 || height == 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s: width and height are required", where);
		return NULL;
	}
	g_autoptr(RcHwSize) size = rc_hw_size_new(width, height);
	for (guint i = 0; rates != NULL && i < json_array_get_length(rates); i++) {
		guint num = 0, den = 0;
		if (!parse_rate(json_array_get_element(rates, i), &num, &den)) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "%s.fps[%u]: expected a positive number or \"num/den\"", where,
				    i);
			return NULL;
		}
		rc_hw_size_add_rate(size, num, den);
	}
	return g_steal_pointer(&size);
}

static RcHwFormat *
format_from_json(JsonObject *obj, const char *where, GError **error)
{
	g_autofree gchar *fourcc = NULL;
	JsonArray *sizes = NULL;
	if (!get_string(obj, "fourcc", where, &fourcc, error))
		return NULL;
	if (fourcc == NULL || *fourcc == '\0' || strlen(fourcc) > 16) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.fourcc: required, at most 16 characters", where);
		return NULL;
	}
	g_autoptr(RcHwFormat) format = rc_hw_format_new(fourcc);
	if (!get_string(obj, "description", where, &format->description, error) ||
	    !get_array(obj, "sizes", where, RC_HW_MAX_SIZES, &sizes, error))
		return NULL;
	for (guint i = 0; sizes != NULL && i < json_array_get_length(sizes); i++) {
		g_autofree gchar *sub = g_strdup_printf("%s.sizes[%u]", where, i);
		JsonObject *o = get_object_element(sizes, i, sub, error);
		RcHwSize *size = o != NULL ? size_from_json(o, sub, error) : NULL;
		if (size == NULL)
			return NULL;
		g_ptr_array_add(format->sizes, size);
	}
	return g_steal_pointer(&format);
}

static RcHwCamera *
camera_from_json(JsonObject *obj, const char *where, GError **error)
{
	g_autofree gchar *type = NULL;
	g_autofree gchar *device = NULL;
	JsonArray *formats = NULL;
	if (!get_string(obj, "type", where, &type, error) ||
	    !get_string(obj, "device", where, &device, error))
		return NULL;
	RcHwCameraType t = type == NULL ? RC_HW_CAMERA_V4L2 : rc_hw_camera_type_from_string(type);
	if (t == RC_HW_CAMERA_INVALID) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "%s.type: expected \"v4l2\" or \"libcamera\"", where);
		return NULL;
	}
	if (device == NULL || *device == '\0') {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s.device: required",
			    where);
		return NULL;
	}
	g_autoptr(RcHwCamera) camera = rc_hw_camera_new(t, device);
	if (!get_string(obj, "card", where, &camera->card, error) ||
	    !get_string(obj, "driver", where, &camera->driver, error) ||
	    !get_string(obj, "bus", where, &camera->bus, error) ||
	    !get_string(obj, "model", where, &camera->model, error) ||
	    !get_array(obj, "formats", where, RC_HW_MAX_FORMATS, &formats, error))
		return NULL;
	for (guint i = 0; formats != NULL && i < json_array_get_length(formats); i++) {
		g_autofree gchar *sub = g_strdup_printf("%s.formats[%u]", where, i);
		JsonObject *o = get_object_element(formats, i, sub, error);
		RcHwFormat *format = o != NULL ? format_from_json(o, sub, error) : NULL;
		if (format == NULL)
			return NULL;
		g_ptr_array_add(camera->formats, format);
	}
	return g_steal_pointer(&camera);
}

static RcHwAudio *
audio_from_json(JsonObject *obj, const char *where, GError **error)
{
	guint card = 0, device = 0;
	gboolean usb = FALSE;
	g_autofree gchar *id = NULL;
	g_autofree gchar *name = NULL;
	if (!get_uint(obj, "card", where, 255, &card, error) ||
	    !get_uint(obj, "device", where, 255, &device, error) ||
	    !get_string(obj, "id", where, &id, error) ||
	    !get_string(obj, "name", where, &name, error) ||
	    !get_bool(obj, "usb", where, &usb, error))
		return NULL;
	return rc_hw_audio_new(card, device, id, name, usb);
}

RcHwInfo *
rc_hw_info_from_json(JsonNode *node, GError **error)
{
	if (node == NULL || !JSON_NODE_HOLDS_OBJECT(node)) {
		g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "hardware description: expected a JSON object");
		return NULL;
	}
	JsonObject *obj = json_node_get_object(node);
	g_autoptr(RcHwInfo) self = rc_hw_info_new();
	JsonArray *cameras = NULL, *audio = NULL, *elements = NULL;
	if (!get_array(obj, "cameras", "hw", RC_HW_MAX_CAMERAS, &cameras, error) ||
	    !get_array(obj, "audio", "hw", RC_HW_MAX_AUDIO, &audio, error) ||
	    !get_array(obj, "elements", "hw", RC_HW_MAX_ELEMENTS, &elements, error) ||
	    !get_bool(obj, "v4l2h264enc_usable", "hw", &self->v4l2h264enc_usable, error))
		return NULL;
	for (guint i = 0; cameras != NULL && i < json_array_get_length(cameras); i++) {
		g_autofree gchar *sub = g_strdup_printf("hw.cameras[%u]", i);
		JsonObject *o = get_object_element(cameras, i, sub, error);
		RcHwCamera *camera = o != NULL ? camera_from_json(o, sub, error) : NULL;
		if (camera == NULL)
			return NULL;
		g_ptr_array_add(self->cameras, camera);
	}
	for (guint i = 0; audio != NULL && i < json_array_get_length(audio); i++) {
		g_autofree gchar *sub = g_strdup_printf("hw.audio[%u]", i);
		JsonObject *o = get_object_element(audio, i, sub, error);
		RcHwAudio *a = o != NULL ? audio_from_json(o, sub, error) : NULL;
		if (a == NULL)
			return NULL;
		g_ptr_array_add(self->audio, a);
	}
	for (guint i = 0; elements != NULL && i < json_array_get_length(elements); i++) {
		JsonNode *e = json_array_get_element(elements, i);
		const char *name =
			JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING
				? json_node_get_string(e)
				: NULL;
		if (name == NULL || *name == '\0' || strlen(name) > 64) {
			g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
				    "hw.elements[%u]: expected an element name", i);
			return NULL;
		}
		rc_hw_info_add_element(self, name);
	}
	return g_steal_pointer(&self);
}

RcHwInfo *
rc_hw_info_from_data(const char *data, gsize len, GError **error)
{
	if (len > RC_HW_MAX_JSON_SIZE) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
			    "hardware description larger than %d bytes", RC_HW_MAX_JSON_SIZE);
		return NULL;
	}
	g_autoptr(JsonParser) parser = json_parser_new();
	if (!json_parser_load_from_data(parser, data, (gssize)len, error))
		return NULL;
	return rc_hw_info_from_json(json_parser_get_root(parser), error);
}

RcHwInfo *
rc_hw_info_load(const char *path, GError **error)
{
	g_autofree gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &data, &len, error))
		return NULL;
	RcHwInfo *self = rc_hw_info_from_data(data, len, error);
	if (self == NULL)
		g_prefix_error(error, "loading '%s': ", path);
	return self;
}

/* --- JSON writing --- */

static void
add_string(JsonBuilder *b, const char *member, const char *value)
{
	if (value == NULL)
		return;
	json_builder_set_member_name(b, member);
	json_builder_add_string_value(b, value);
}

static gint
compare_strings(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

JsonNode *
rc_hw_info_to_json(const RcHwInfo *self)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "cameras");
	json_builder_begin_array(b);
	for (guint i = 0; i < self->cameras->len; i++) {
		const RcHwCamera *camera = g_ptr_array_index(self->cameras, i);
		json_builder_begin_object(b);
		add_string(b, "type", rc_hw_camera_type_to_string(camera->type));
		add_string(b, "device", camera->device);
		add_string(b, "card", camera->card);
		add_string(b, "driver", camera->driver);
		add_string(b, "bus", camera->bus);
		add_string(b, "model", camera->model);
		json_builder_set_member_name(b, "formats");
		json_builder_begin_array(b);
		for (guint j = 0; j < camera->formats->len; j++) {
			const RcHwFormat *format = g_ptr_array_index(camera->formats, j);
			json_builder_begin_object(b);
			add_string(b, "fourcc", format->fourcc);
			add_string(b, "description", format->description);
			json_builder_set_member_name(b, "sizes");
			json_builder_begin_array(b);
			for (guint k = 0; k < format->sizes->len; k++) {
				const RcHwSize *size = g_ptr_array_index(format->sizes, k);
				json_builder_begin_object(b);
				json_builder_set_member_name(b, "width");
				json_builder_add_int_value(b, size->width);
				json_builder_set_member_name(b, "height");
				json_builder_add_int_value(b, size->height);
				json_builder_set_member_name(b, "fps");
				json_builder_begin_array(b);
				for (guint r = 0; r < size->rates->len; r++) {
					const RcHwRate *rate =
						&g_array_index(size->rates, RcHwRate, r);
					if (rate->den == 1) {
						json_builder_add_int_value(b, rate->num);
					} else {
						g_autofree gchar *s = g_strdup_printf(
							"%u/%u", rate->num, rate->den);
						json_builder_add_string_value(b, s);
					}
				}
				json_builder_end_array(b);
				json_builder_end_object(b);
			}
			json_builder_end_array(b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);

	json_builder_set_member_name(b, "audio");
	json_builder_begin_array(b);
	for (guint i = 0; i < self->audio->len; i++) {
		const RcHwAudio *a = g_ptr_array_index(self->audio, i);
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "card");
		json_builder_add_int_value(b, a->card);
		json_builder_set_member_name(b, "device");
		json_builder_add_int_value(b, a->device);
		add_string(b, "id", a->id);
		add_string(b, "name", a->name);
		json_builder_set_member_name(b, "usb");
		json_builder_add_boolean_value(b, a->usb);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);

	/* Sorted, so the output is stable (hash table order is not). */
	g_autofree gpointer *keys = g_hash_table_get_keys_as_array(self->elements, NULL);
	guint n = g_hash_table_size(self->elements);
	qsort(keys, n, sizeof(gpointer), compare_strings);
	json_builder_set_member_name(b, "elements");
	json_builder_begin_array(b);
	for (guint i = 0; i < n; i++)
		json_builder_add_string_value(b, keys[i]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "v4l2h264enc_usable");
	json_builder_add_boolean_value(b, self->v4l2h264enc_usable);
	json_builder_end_object(b);
	return json_builder_get_root(b);
}
