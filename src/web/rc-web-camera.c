/* rc-web-camera: detection answers from the RTSP daemon's hardware
 * description. See rc-web-camera.h. */
#include "rc-web-camera.h"

#include <string.h>

/* Device nodes of the Pi's own media blocks: not cameras. */
static const char *const rc_web_camera_internal_drivers[] = {
	"bcm2835-isp", "bcm2835-codec", "unicam", "rpivid", "pispbe", "rp1-cfe", NULL,
};

static const char *
rc_web_str(JsonObject *o, const char *member)
{
	JsonNode *n = o != NULL ? json_object_get_member(o, member) : NULL;

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

static gint64
rc_web_int(JsonObject *o, const char *member)
{
	JsonNode *n = o != NULL ? json_object_get_member(o, member) : NULL;

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) || json_node_get_value_type(n) != G_TYPE_INT64)
		return -1;
	return json_node_get_int(n);
}

static JsonArray *
rc_web_array(JsonObject *o, const char *member)
{
	JsonNode *n = o != NULL ? json_object_get_member(o, member) : NULL;

	return n != NULL && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

static JsonObject *
rc_web_element_object(JsonArray *a, guint i)
{
	JsonNode *n = json_array_get_element(a, i);

	return n != NULL && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : NULL;
}

static gboolean
rc_web_camera_is_csi(JsonObject *cam)
{
	return g_strcmp0(rc_web_str(cam, "type"), "libcamera") == 0;
}

static gboolean
rc_web_camera_is_internal(JsonObject *cam)
{
	const char *driver = rc_web_str(cam, "driver");

	return driver != NULL && g_strv_contains(rc_web_camera_internal_drivers, driver);
}

static const char *
rc_web_camera_name(JsonObject *cam)
{
	const char *name = rc_web_str(cam, "card");

	if (name == NULL)
		name = rc_web_str(cam, "model");
	return name != NULL ? name : rc_web_str(cam, "device");
}

JsonArray *
rc_web_camera_list(JsonObject *hw)
{
	JsonArray *out = json_array_new();
	JsonArray *cams = rc_web_array(hw, "cameras");

	for (guint i = 0; cams != NULL && i < json_array_get_length(cams); i++) {
		JsonObject *cam = rc_web_element_object(cams, i);
		JsonObject *o;
		const char *device;

		if (cam == NULL || rc_web_camera_is_internal(cam))
			continue;
		device = rc_web_str(cam, "device");
		o = json_object_new();
		if (rc_web_camera_is_csi(cam)) {
			/* the reference named CSI cameras "CSI", not a /dev node */
			json_object_set_string_member(o, "device", "CSI");
			json_object_set_string_member(o, "type", "CSI");
			if (device != NULL)
				json_object_set_string_member(o, "id", device);
		} else {
			json_object_set_string_member(o, "device", device != NULL ? device : "");
			json_object_set_string_member(o, "type", "USB");
		}
		json_object_set_string_member(o, "name", rc_web_camera_name(cam));
		if (rc_web_str(cam, "driver") != NULL)
			json_object_set_string_member(o, "driver", rc_web_str(cam, "driver"));
		json_array_add_object_element(out, o);
	}
	return out;
}

JsonArray *
rc_web_camera_audio(JsonObject *hw)
{
	JsonArray *out = json_array_new();
	JsonArray *audio = rc_web_array(hw, "audio");

	for (guint i = 0; audio != NULL && i < json_array_get_length(audio); i++) {
		JsonObject *a = rc_web_element_object(audio, i);
		gint64 card = rc_web_int(a, "card");
		gint64 dev = rc_web_int(a, "device");
		JsonObject *o;
		g_autofree gchar *id = NULL;
		JsonNode *usb;

		if (a == NULL || card < 0 || card > 255 || dev < 0 || dev > 255)
			continue;
		id = g_strdup_printf("plughw:%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, card, dev);
		o = json_object_new();
		json_object_set_string_member(o, "device", id);
		json_object_set_string_member(
			o, "name", rc_web_str(a, "name") != NULL ? rc_web_str(a, "name") : id);
		usb = json_object_get_member(a, "usb");
		json_object_set_boolean_member(o, "usb",
					       usb != NULL && JSON_NODE_HOLDS_VALUE(usb) &&
						       json_node_get_value_type(usb) ==
							       G_TYPE_BOOLEAN &&
						       json_node_get_boolean(usb));
		json_array_add_object_element(out, o);
	}
	return out;
}

/* 30 or "15/2" as a number; 0 when it is neither. */
static gdouble
rc_web_rate(JsonNode *n)
{
	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n))
		return 0;
	if (json_node_get_value_type(n) == G_TYPE_INT64)
		return (gdouble)json_node_get_int(n);
	if (json_node_get_value_type(n) == G_TYPE_DOUBLE)
		return json_node_get_double(n);
	if (json_node_get_value_type(n) == G_TYPE_STRING) {
		guint64 num = 0, den = 0;
		g_auto(GStrv) parts = g_strsplit(json_node_get_string(n), "/", 3);
		if (g_strv_length(parts) == 2 &&
		    g_ascii_string_to_unsigned(parts[0], 10, 1, 100000, &num, NULL) &&
		    g_ascii_string_to_unsigned(parts[1], 10, 1, 100000, &den, NULL))
			return (gdouble)num / (gdouble)den;
	}
	return 0;
}

typedef struct {
	gint64 width, height;
	GArray *rates; /* gdouble, descending */
} RcRes;

static gint
rc_res_cmp(gconstpointer a, gconstpointer b)
{
	const RcRes *ra = *(RcRes *const *)a;
	const RcRes *rb = *(RcRes *const *)b;
	gint64 aa = ra->width * ra->height, ab = rb->width * rb->height;
	gdouble fa = ra->rates->len > 0 ? g_array_index(ra->rates, gdouble, 0) : 0;
	gdouble fb = rb->rates->len > 0 ? g_array_index(rb->rates, gdouble, 0) : 0;

	if (aa != ab)
		return aa > ab ? -1 : 1;
	if (fa != fb)
		return fa > fb ? -1 : 1;
	return 0;
}

static gint
rc_rate_cmp(gconstpointer a, gconstpointer b)
{
	gdouble x = *(const gdouble *)a, y = *(const gdouble *)b;
	return x > y ? -1 : x < y ? 1 : 0;
}

static void
rc_res_free(gpointer p)
{
	RcRes *r = p;

	g_array_unref(r->rates);
	g_free(r);
}

static JsonArray *
rc_web_camera_resolutions(JsonObject *format)
{
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(rc_res_free);
	JsonArray *sizes = rc_web_array(format, "sizes");
	JsonArray *out = json_array_new();

	for (guint i = 0; sizes != NULL && i < json_array_get_length(sizes); i++) {
		JsonObject *s = rc_web_element_object(sizes, i);
		JsonArray *fps = rc_web_array(s, "fps");
		RcRes *r;

		if (s == NULL || rc_web_int(s, "width") < RC_WEB_CAMERA_MIN_SIZE ||
		    rc_web_int(s, "height") < RC_WEB_CAMERA_MIN_SIZE)
			continue;
		r = g_new0(RcRes, 1);
		r->width = rc_web_int(s, "width");
		r->height = rc_web_int(s, "height");
		r->rates = g_array_new(FALSE, FALSE, sizeof(gdouble));
		for (guint j = 0; fps != NULL && j < json_array_get_length(fps); j++) {
			gdouble v = rc_web_rate(json_array_get_element(fps, j));
			if (v > 0)
				g_array_append_val(r->rates, v);
		}
		g_array_sort(r->rates, rc_rate_cmp);
		g_ptr_array_add(list, r);
	}
	g_ptr_array_sort(list, rc_res_cmp);
	for (guint i = 0; i < list->len; i++) {
		RcRes *r = g_ptr_array_index(list, i);
		JsonObject *o = json_object_new();
		JsonArray *rates = json_array_new();

		json_object_set_int_member(o, "width", r->width);
		json_object_set_int_member(o, "height", r->height);
		for (guint j = 0; j < r->rates->len; j++)
			json_array_add_double_element(rates, g_array_index(r->rates, gdouble, j));
		json_object_set_array_member(o, "framerates", rates);
		json_array_add_object_element(out, o);
	}
	return out;
}

static JsonObject *
rc_web_camera_find(JsonArray *cams, const char *device)
{
	JsonObject *first = NULL;

	for (guint i = 0; cams != NULL && i < json_array_get_length(cams); i++) {
		JsonObject *cam = rc_web_element_object(cams, i);
		if (cam == NULL || rc_web_camera_is_internal(cam))
			continue;
		if (first == NULL)
			first = cam;
		if (device == NULL)
			continue;
		if (g_strcmp0(rc_web_str(cam, "device"), device) == 0)
			return cam;
		if (g_ascii_strcasecmp(device, "CSI") == 0 && rc_web_camera_is_csi(cam))
			return cam;
	}
	return device == NULL ? first : NULL;
}

JsonObject *
rc_web_camera_formats(JsonObject *hw, const char *device, RcConfig *config)
{
	JsonArray *cams = rc_web_array(hw, "cameras");
	JsonObject *cam = NULL;
	JsonObject *o, *type, *encoder, *current;
	JsonArray *formats, *out_formats = json_array_new();
	JsonNode *usable = hw != NULL ? json_object_get_member(hw, "v4l2h264enc_usable") : NULL;
	gboolean hw_enc = usable != NULL && JSON_NODE_HOLDS_VALUE(usable) &&
			  json_node_get_value_type(usable) == G_TYPE_BOOLEAN &&
			  json_node_get_boolean(usable);

	if (device == NULL || device[0] == '\0' || g_strcmp0(device, "auto") == 0) {
		const char *configured =
			config != NULL ? rc_config_get(config, "VIDEOIN_DEVICE") : NULL;
		cam = rc_web_camera_find(cams, configured);
		if (cam == NULL)
			cam = rc_web_camera_find(cams, NULL);
	} else {
		cam = rc_web_camera_find(cams, device);
	}
	if (cam == NULL) {
		json_array_unref(out_formats);
		return NULL;
	}
	formats = rc_web_array(cam, "formats");
	for (guint i = 0; formats != NULL && i < json_array_get_length(formats); i++) {
		JsonObject *f = rc_web_element_object(formats, i);
		JsonObject *fo;
		if (f == NULL || rc_web_str(f, "fourcc") == NULL)
			continue;
		fo = json_object_new();
		json_object_set_string_member(fo, "format", rc_web_str(f, "fourcc"));
		json_object_set_string_member(fo, "description",
					      rc_web_str(f, "description") != NULL
						      ? rc_web_str(f, "description")
						      : rc_web_str(f, "fourcc"));
		json_object_set_array_member(fo, "resolutions", rc_web_camera_resolutions(f));
		json_array_add_object_element(out_formats, fo);
	}

	o = json_object_new();
	json_object_set_boolean_member(o, "success", TRUE);
	json_object_set_string_member(
		o, "device", rc_web_str(cam, "device") != NULL ? rc_web_str(cam, "device") : "");
	json_object_set_array_member(o, "formats", out_formats);

	type = json_object_new();
	json_object_set_string_member(type, "type",
				      rc_web_camera_is_csi(cam) ? "libcamera" : "usb");
	json_object_set_string_member(
		type, "device", rc_web_str(cam, "device") != NULL ? rc_web_str(cam, "device") : "");
	json_object_set_string_member(type, "name", rc_web_camera_name(cam));
	if (rc_web_str(cam, "driver") != NULL)
		json_object_set_string_member(type, "driver", rc_web_str(cam, "driver"));
	else
		json_object_set_null_member(type, "driver");
	json_object_set_object_member(o, "camera_type", type);

	/* the Pi's H.264 block (bcm2835-codec) encodes up to 1080p */
	encoder = json_object_new();
	json_object_set_boolean_member(encoder, "available", hw_enc);
	if (hw_enc) {
		json_object_set_string_member(encoder, "type", "v4l2h264enc");
		json_object_set_string_member(encoder, "device", "/dev/video11");
		json_object_set_int_member(encoder, "max_width", 1920);
		json_object_set_int_member(encoder, "max_height", 1080);
	} else {
		json_object_set_null_member(encoder, "type");
		json_object_set_null_member(encoder, "device");
		json_object_set_null_member(encoder, "max_width");
		json_object_set_null_member(encoder, "max_height");
	}
	json_object_set_object_member(o, "encoder", encoder);

	current = json_object_new();
	json_object_set_int_member(current, "width",
				   config != NULL ? rc_config_get_int(config, "VIDEOIN_WIDTH", 0)
						  : 0);
	json_object_set_int_member(current, "height",
				   config != NULL ? rc_config_get_int(config, "VIDEOIN_HEIGHT", 0)
						  : 0);
	json_object_set_int_member(
		current, "fps", config != NULL ? rc_config_get_int(config, "VIDEOIN_FPS", 0) : 0);
	json_object_set_string_member(current, "format",
				      config != NULL ? rc_config_get(config, "VIDEOIN_FORMAT")
						     : "auto");
	json_object_set_object_member(o, "current", current);
	return o;
}
