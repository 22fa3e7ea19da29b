/* rc-pipeline: builds the gst-rtsp-server media description.
 *
 * Pure: (RcPipelineConfig, RcHwInfo) -> RcPipeline. The shape follows the
 * reference launcher (spec §1.5, §1.6) with its bugs fixed: the H.264
 * passthrough is only used when that format was chosen, scaling is never
 * put after a passthrough source, SPS/PPS go out before every keyframe
 * (config-interval=-1), H264_KEYINT reaches every encoder, and every value is
 * quoted. Audio is in rc-pipeline-audio.c.
 */
#include "rc-pipeline-private.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

void
rc_pipeline_note(RcPipelineBuild *b, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	g_ptr_array_add(b->out->decisions, g_strdup_vprintf(format, args));
	va_end(args);
}

void
rc_pipeline_warn(RcPipelineBuild *b, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	g_ptr_array_add(b->out->warnings, g_strdup_vprintf(format, args));
	va_end(args);
}

static gboolean
has(RcPipelineBuild *b, const char *element)
{
	return rc_hw_info_has_element(b->hw, element);
}

static void
append_quoted(GString *s, const char *prop, const char *value, gsize max_len)
{
	g_autofree gchar *q = rc_pipeline_quote(value, max_len);
	g_string_append_printf(s, " %s=%s", prop, q);
}

/* --- camera selection --- */

static gboolean
is_usb_camera(const RcHwCamera *camera)
{
	static const char *const not_usb[] = { "unicam", "bcm2835-isp", "bcm2835-codec", "rp1-cfe",
					       "pispbe" };
	if (camera->type != RC_HW_CAMERA_V4L2)
		return FALSE;
	for (gsize i = 0; i < G_N_ELEMENTS(not_usb); i++) {
		if (g_strcmp0(camera->driver, not_usb[i]) == 0)
			return FALSE;
	}
	if (g_strcmp0(camera->driver, "uvcvideo") == 0 || g_strcmp0(camera->driver, "pwc") == 0 ||
	    (camera->driver != NULL && g_str_has_prefix(camera->driver, "gspca")))
		return TRUE;
	/* Other drivers: a USB bus says it is a USB camera (the reference asked lsusb). */
	return camera->bus != NULL && g_str_has_prefix(camera->bus, "usb-");
}

static const RcHwCamera *
first_camera(RcPipelineBuild *b, gboolean usb)
{
	for (guint i = 0; i < b->hw->cameras->len; i++) {
		const RcHwCamera *camera = g_ptr_array_index(b->hw->cameras, i);
		if (usb ? is_usb_camera(camera) : camera->type == RC_HW_CAMERA_LIBCAMERA)
			return camera;
	}
	return NULL;
}

static gboolean
device_is_auto(const char *device)
{
	return device == NULL || *device == '\0' || g_ascii_strcasecmp(device, "auto") == 0;
}

/* VIDEOIN_DEVICE when it is a probed USB camera, else the first USB camera. */
static const RcHwCamera *
find_usb_camera(RcPipelineBuild *b)
{
	const char *wanted = b->cfg->video_device;
	const RcHwCamera *first = first_camera(b, TRUE);
	if (!device_is_auto(wanted)) {
		for (guint i = 0; i < b->hw->cameras->len; i++) {
			const RcHwCamera *camera = g_ptr_array_index(b->hw->cameras, i);
			if (is_usb_camera(camera) && g_strcmp0(camera->device, wanted) == 0)
				return camera;
		}
		if (first != NULL)
			rc_pipeline_warn(
				b, "VIDEOIN_DEVICE %s is not a USB camera here; using %s (%s)",
				wanted, first->device,
				first->card != NULL ? first->card : "unknown");
	}
	return first;
}

/* --- capture mode choice --- */

typedef struct {
	guint width, height;
	RcHwRate rate;
	gboolean exact;
} Mode;

static gboolean
rate_is(const RcHwRate *rate, guint fps)
{
	return rate->den != 0 && ABS((gdouble)rate->num / rate->den - fps) <= 0.01 * fps;
}

/* The listed mode closest to what was asked: the exact one, else the smallest
 * size that covers the request (else the largest), at the wanted rate, else
 * the slowest rate above it, else the fastest. */
static Mode
choose_mode(const RcHwFormat *format, guint width, guint height, guint fps)
{
	Mode mode = { width, height, { fps, 1 }, FALSE };
	const RcHwSize *best = NULL;
	if (format == NULL || format->sizes->len == 0) {
		mode.exact = TRUE; /* nothing listed: ask for it and let the driver decide */
		return mode;
	}
	for (guint i = 0; i < format->sizes->len; i++) {
		const RcHwSize *size = g_ptr_array_index(format->sizes, i);
		guint64 area = (guint64)size->width * size->height;
		if (size->width == width && size->height == height) {
			best = size;
			break;
		}
		if (best == NULL) {
			best = size;
			continue;
		}
		guint64 best_area = (guint64)best->width * best->height;
		gboolean covers = size->width >= width && size->height >= height;
		gboolean best_covers = best->width >= width && best->height >= height;
		if ((covers && (!best_covers || area < best_area)) ||
		    (!covers && !best_covers && area > best_area))
			best = size;
	}
	mode.width = best->width;
	mode.height = best->height;
	const RcHwRate *above = NULL, *fastest = NULL, *same = NULL;
	for (guint i = 0; i < best->rates->len; i++) {
		const RcHwRate *r = &g_array_index(best->rates, RcHwRate, i);
		gdouble v = (gdouble)r->num / r->den;
		if (rate_is(r, fps))
			same = r;
		if (v > fps && (above == NULL || v < (gdouble)above->num / above->den))
			above = r;
		if (fastest == NULL || v > (gdouble)fastest->num / fastest->den)
			fastest = r;
	}
	if (same != NULL)
		mode.rate = (RcHwRate){ fps, 1 };
	else if (above != NULL)
		mode.rate = *above;
	else if (fastest != NULL)
		mode.rate = *fastest;
	mode.exact = mode.width == width && mode.height == height &&
		     (same != NULL || best->rates->len == 0);
	return mode;
}

/* gst raw format name for a V4L2 fourcc, NULL when we do not know it. */
static const char *
raw_format_for_fourcc(const char *fourcc)
{
	static const char *const map[][2] = {
		{ "YUYV", "YUY2" }, { "UYVY", "UYVY" }, { "NV12", "NV12" },
		{ "NV21", "NV21" }, { "YU12", "I420" }, { "YV12", "YV12" },
		{ "RGB3", "RGB" },  { "BGR3", "BGR" },  { "GREY", "GRAY8" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(map); i++) {
		if (g_strcmp0(fourcc, map[i][0]) == 0)
			return map[i][1];
	}
	return NULL;
}

static void
append_rate(GString *s, const RcHwRate *rate)
{
	g_string_append_printf(s, ",framerate=%u/%u", rate->num, rate->den);
}

/* --- USB camera --- */

static gboolean
overlay_wanted(const RcPipelineConfig *cfg)
{
	return cfg->overlay_enable &&
	       (cfg->overlay_datetime || (cfg->overlay_text != NULL && *cfg->overlay_text));
}

static gboolean
scaling_wanted(RcPipelineBuild *b)
{
	return b->out_width != b->cfg->in_width || b->out_height != b->cfg->in_height ||
	       b->out_fps != b->cfg->in_fps;
}

static const RcHwFormat *
choose_usb_format(RcPipelineBuild *b, const RcHwCamera *camera)
{
	const RcPipelineConfig *cfg = b->cfg;
	g_autofree gchar *forced = NULL;
	if (cfg->video_format != NULL && *cfg->video_format != '\0' &&
	    g_ascii_strcasecmp(cfg->video_format, "auto") != 0)
		forced = rc_hw_fourcc_normalize(cfg->video_format);
	if (forced != NULL) {
		const RcHwFormat *format = rc_hw_camera_find_format(camera, forced);
		if (format != NULL) {
			rc_pipeline_note(b, "VIDEOIN_FORMAT=%s: offered by the camera", forced);
			return format;
		}
		rc_pipeline_warn(b,
				 "VIDEOIN_FORMAT=%s is not offered by %s; choosing automatically",
				 forced, camera->device);
	}

	/* H.264 passthrough costs no CPU, but nothing can be drawn on it or
	 * scaled without re-encoding: use it when nothing of that is asked. */
	gboolean h264_ok = !overlay_wanted(cfg) && !scaling_wanted(b);
	const char *order[] = { "H264", "MJPG", "YUYV", "NV12", "YU12", "UYVY" };
	for (gsize i = 0; i < G_N_ELEMENTS(order); i++) {
		const RcHwFormat *format = rc_hw_camera_find_format(camera, order[i]);
		if (format == NULL)
			continue;
		if (i == 0 && !h264_ok) {
			rc_pipeline_note(b, "H264 from the camera not used: overlay or scaling "
					    "needs raw video");
			continue;
		}
		if (rc_hw_format_supports(format, cfg->in_width, cfg->in_height, cfg->in_fps)) {
			rc_pipeline_note(b, "format %s: offers %ux%u@%u", order[i], cfg->in_width,
					 cfg->in_height, cfg->in_fps);
			return format;
		}
	}
	for (gsize i = 1; i < G_N_ELEMENTS(order); i++) {
		const RcHwFormat *format = rc_hw_camera_find_format(camera, order[i]);
		if (format != NULL) {
			rc_pipeline_note(b, "format %s: closest to %ux%u@%u", order[i],
					 cfg->in_width, cfg->in_height, cfg->in_fps);
			return format;
		}
	}
	/* Only H.264 (and no other known format): use it even if it costs the overlay. */
	return rc_hw_camera_find_format(camera, "H264");
}

static gboolean
build_usb(RcPipelineBuild *b, const RcHwCamera *camera, const char *device)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = b->video;
	const RcHwFormat *format = camera != NULL ? choose_usb_format(b, camera) : NULL;
	g_autofree gchar *fourcc = format != NULL ? rc_hw_fourcc_normalize(format->fourcc) : NULL;
	Mode mode = choose_mode(format, cfg->in_width, cfg->in_height, cfg->in_fps);

	b->out->source = g_strdup("usb");
	b->out->device = g_strdup(device);
	g_string_append(v, "v4l2src");
	append_quoted(v, "device", device, RC_PIPELINE_MAX_TEXT);
	if (format != NULL && !mode.exact)
		rc_pipeline_warn(b, "%s does not offer %s %ux%u@%u; capturing %ux%u@%u/%u", device,
				 fourcc, cfg->in_width, cfg->in_height, cfg->in_fps, mode.width,
				 mode.height, mode.rate.num, mode.rate.den);
	b->cap_width = mode.width;
	b->cap_height = mode.height;
	b->cap_rate = mode.rate;

	if (format == NULL) {
		rc_pipeline_warn(b, "no known format listed for %s: letting the driver choose",
				 device);
		b->out->input_format = g_strdup("unknown");
		g_string_append(v, " ! videoconvert ! videoscale ! videorate");
		g_string_append_printf(v, " ! video/x-raw,width=%u,height=%u,framerate=%u/1",
				       cfg->in_width, cfg->in_height, cfg->in_fps);
		b->cap_rate = (RcHwRate){ cfg->in_fps, 1 };
		b->raw = TRUE;
		return TRUE;
	}
	b->out->input_format = g_strdup(fourcc);
	if (g_strcmp0(fourcc, "H264") == 0) {
		g_string_append_printf(v, " ! video/x-h264,width=%u,height=%u", mode.width,
				       mode.height);
		append_rate(v, &mode.rate);
		b->raw = FALSE;
		rc_pipeline_note(b, "H264 passthrough: no encoder, the camera's H.264 is sent "
				    "as is (H264_BITRATE_KBPS/H264_KEYINT do not apply)");
		return TRUE;
	}
	if (g_strcmp0(fourcc, "MJPG") == 0) {
		g_string_append_printf(v, " ! image/jpeg,width=%u,height=%u", mode.width,
				       mode.height);
		append_rate(v, &mode.rate);
		const char *dec = has(b, "avdec_mjpeg") ? "avdec_mjpeg"
				  : has(b, "jpegdec")   ? "jpegdec"
							: NULL;
		if (dec == NULL) {
			g_set_error(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
				    "MJPEG camera but no JPEG decoder (avdec_mjpeg, jpegdec)");
			return FALSE;
		}
		g_string_append_printf(v, " ! %s", dec);
	} else {
		const char *raw = raw_format_for_fourcc(fourcc);
		if (raw != NULL)
			g_string_append_printf(v, " ! video/x-raw,format=%s,width=%u,height=%u",
					       raw, mode.width, mode.height);
		else
			g_string_append_printf(v, " ! video/x-raw,width=%u,height=%u", mode.width,
					       mode.height);
		append_rate(v, &mode.rate);
	}
	b->raw = TRUE;
	return TRUE;
}

/* --- CSI camera --- */

static void
append_number(GString *s, gdouble value)
{
	if (value == floor(value) && fabs(value) < 1e9) {
		g_string_append_printf(s, "%" G_GINT64_FORMAT, (gint64)value);
	} else {
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		g_string_append(s, g_ascii_formatd(buf, sizeof(buf), "%.6g", value));
	}
}

static gboolean
build_csi(RcPipelineBuild *b, const RcHwCamera *camera)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = b->video;
	if (!has(b, "libcamerasrc")) {
		g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
				    "CSI camera selected but libcamerasrc is not installed");
		return FALSE;
	}
	b->out->source = g_strdup("csi");
	b->out->device = g_strdup(camera != NULL ? camera->device : NULL);
	b->out->input_format = g_strdup("raw");
	g_string_append(v, "libcamerasrc");
	if (camera != NULL)
		append_quoted(v, "camera-name", camera->device, RC_PIPELINE_MAX_TEXT);
	for (guint i = 0; i < cfg->csi_tuning->len && i < RC_PIPELINE_MAX_CONTROLS; i++) {
		const RcPipelineControl *control = g_ptr_array_index(cfg->csi_tuning, i);
		const char *prop = rc_pipeline_csi_control_property(control->name);
		if (prop == NULL || !isfinite(control->value)) {
			rc_pipeline_warn(b, "CSI control %s cannot be applied at start, ignoring",
					 control->name);
			continue;
		}
		g_string_append_printf(v, " %s=", prop);
		append_number(v, control->value);
	}
	if (cfg->csi_tuning->len > 0)
		rc_pipeline_note(b, "CSI controls from csi_tuning.json applied as libcamerasrc "
				    "properties");
	/* libcamera scales in the ISP: ask for the wanted size directly. */
	g_string_append_printf(v, " ! video/x-raw,width=%u,height=%u,framerate=%u/1", cfg->in_width,
			       cfg->in_height, cfg->in_fps);
	b->cap_width = cfg->in_width;
	b->cap_height = cfg->in_height;
	b->cap_rate = (RcHwRate){ cfg->in_fps, 1 };
	b->raw = TRUE;
	if (cfg->csi_overlay_libcamera && overlay_wanted(cfg))
		rc_pipeline_note(b, "CSI_OVERLAY_MODE=libcamera: overlay drawn by GStreamer "
				    "(same result, clock supported)");
	return TRUE;
}

static gboolean
build_camera(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	const RcHwCamera *usb = find_usb_camera(b);
	const RcHwCamera *csi = first_camera(b, FALSE);
	gboolean use_usb, use_csi;

	switch (cfg->camera_type) {
	case RC_CAMERA_TYPE_USB:
		use_usb = TRUE;
		use_csi = FALSE;
		rc_pipeline_note(b, "CAMERA_TYPE=usb");
		break;
	case RC_CAMERA_TYPE_CSI:
		use_usb = FALSE;
		use_csi = TRUE;
		rc_pipeline_note(b, "CAMERA_TYPE=csi");
		break;
	case RC_CAMERA_TYPE_AUTO:
	case RC_CAMERA_TYPE_MAX:
	case RC_CAMERA_TYPE_INVALID:
	default:
		/* Spec §1.3: yes = present without probing, no = excluded, else
		 * probed; USB before CSI. */
		use_usb = cfg->usb_enable == RC_TRISTATE_YES ||
			  (cfg->usb_enable != RC_TRISTATE_NO && usb != NULL);
		use_csi = !use_usb && (cfg->csi_enable == RC_TRISTATE_YES ||
				       (cfg->csi_enable != RC_TRISTATE_NO && csi != NULL));
		break;
	}
	if (use_usb) {
		const char *device = usb != NULL ? usb->device : cfg->video_device;
		if (usb == NULL && device_is_auto(device)) {
			g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
					    "no USB camera detected");
			return FALSE;
		}
		if (usb == NULL)
			rc_pipeline_warn(b, "no USB camera detected; trying %s as configured",
					 device);
		else
			rc_pipeline_note(b, "USB camera %s (%s, %s)", usb->device,
					 usb->card != NULL ? usb->card : "unknown",
					 usb->driver != NULL ? usb->driver : "unknown driver");
		return build_usb(b, usb, device);
	}
	if (use_csi) {
		if (csi == NULL && cfg->camera_type == RC_CAMERA_TYPE_CSI) {
			g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
					    "CAMERA_TYPE=csi but no CSI camera detected");
			return FALSE;
		}
		if (csi != NULL)
			rc_pipeline_note(b, "CSI camera %s (%s)", csi->device,
					 csi->model != NULL ? csi->model : "libcamera");
		else
			rc_pipeline_warn(b, "no CSI camera detected; trying libcamerasrc as "
					    "CSI_ENABLE=yes says");
		return build_csi(b, csi);
	}
	g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no camera detected");
	return FALSE;
}

/* --- processing: scale, overlay, encode --- */

static void
append_scaling(RcPipelineBuild *b)
{
	GString *v = b->video;
	gboolean size = b->cap_width != b->out_width || b->cap_height != b->out_height;
	gboolean rate = !rate_is(&b->cap_rate, b->out_fps);
	if (!size && !rate)
		return;
	g_string_append(v, size ? " ! videoscale" : "");
	g_string_append(v, rate ? " ! videorate" : "");
	g_string_append(v, " ! video/x-raw");
	if (size)
		g_string_append_printf(v, ",width=%u,height=%u", b->out_width, b->out_height);
	if (rate)
		g_string_append_printf(v, ",framerate=%u/1", b->out_fps);
	rc_pipeline_note(b, "scaling %ux%u@%u/%u to %ux%u@%u", b->cap_width, b->cap_height,
			 b->cap_rate.num, b->cap_rate.den, b->out_width, b->out_height, b->out_fps);
}

static void
append_alignment(GString *s, RcPosition position, guint font_size)
{
	gboolean top = position != RC_POSITION_BOTTOM_LEFT && position != RC_POSITION_BOTTOM_RIGHT;
	gboolean left = position != RC_POSITION_TOP_RIGHT && position != RC_POSITION_BOTTOM_RIGHT;
	g_string_append_printf(s,
			       " valignment=%s halignment=%s shaded-background=true "
			       "font-desc=\"Sans %u\"",
			       top ? "top" : "bottom", left ? "left" : "right", font_size);
}

static void
append_overlays(RcPipelineBuild *b, gboolean force_clock)
{
	const RcPipelineConfig *cfg = b->cfg;
	GString *v = b->video;
	gboolean clock = force_clock || (cfg->overlay_enable && cfg->overlay_datetime);
	g_autofree gchar *text = NULL;
	guint font = CLAMP(cfg->overlay_font_size, 1, 64);
	RcPosition clock_pos = cfg->overlay_clock_position;
	RcPosition text_pos = cfg->overlay_position;

	if (cfg->overlay_enable && cfg->overlay_text != NULL && *cfg->overlay_text != '\0') {
		const char *type = g_strcmp0(b->out->source, "csi") == 0   ? "csi"
				   : g_strcmp0(b->out->source, "usb") == 0 ? "usb"
									   : b->out->source;
		const char *device = g_strcmp0(type, "csi") == 0 ? "CSI" : b->out->device;
		text = rc_pipeline_expand_overlay_text(cfg->overlay_text, type, device,
						       b->cap_width, b->cap_height, cfg->in_fps,
						       b->out->input_format);
	}
	if (clock && !has(b, "clockoverlay")) {
		rc_pipeline_warn(b, "clockoverlay is not installed: no date/time overlay");
		clock = FALSE;
	}
	if (text != NULL && !has(b, clock ? "clockoverlay" : "textoverlay")) {
		rc_pipeline_warn(b, "textoverlay is not installed: no text overlay");
		g_clear_pointer(&text, g_free);
	}
	if (clock) {
		g_string_append(v, " ! clockoverlay");
		append_quoted(v, "time-format",
			      cfg->overlay_datetime_format != NULL ? cfg->overlay_datetime_format
								   : "%Y-%m-%d %H:%M:%S",
			      RC_PIPELINE_MAX_TEXT);
		/* Same corner: one element draws "text time" instead of two overlapping. */
		if (text != NULL && text_pos == clock_pos) {
			append_quoted(v, "text", text, RC_PIPELINE_MAX_TEXT);
			g_clear_pointer(&text, g_free);
		}
		append_alignment(v, clock_pos, font);
	}
	if (text != NULL) {
		g_string_append(v, " ! textoverlay");
		append_quoted(v, "text", text, RC_PIPELINE_MAX_TEXT);
		append_alignment(v, text_pos, font);
	}
	gboolean has_text =
		cfg->overlay_enable && cfg->overlay_text != NULL && *cfg->overlay_text != '\0';
	if (clock || has_text)
		rc_pipeline_note(b, "overlay: %s",
				 clock && has_text ? "clock and text"
				 : clock           ? "clock"
						   : "text");
}

static gboolean
build_video(RcPipelineBuild *b)
{
	const RcPipelineConfig *cfg = b->cfg;
	gboolean ok = FALSE;
	switch (cfg->source_mode) {
	case RC_SOURCE_MODE_CAMERA:
		ok = build_camera(b);
		break;
	case RC_SOURCE_MODE_RTSP:
		ok = rc_pipeline_build_proxy(b);
		break;
	case RC_SOURCE_MODE_MJPEG:
		ok = rc_pipeline_build_mjpeg(b);
		break;
	case RC_SOURCE_MODE_SCREEN:
		ok = rc_pipeline_build_screen(b);
		break;
	case RC_SOURCE_MODE_DEMO:
		ok = rc_pipeline_build_demo(b);
		break;
	case RC_SOURCE_MODE_MAX:
	case RC_SOURCE_MODE_INVALID:
	default:
		g_set_error_literal(b->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
				    "unknown STREAM_SOURCE_MODE");
		return FALSE;
	}
	if (!ok)
		return FALSE;

	if (!b->raw) {
		/* Passthrough or proxy: the H.264 goes out as it came in. */
		if (overlay_wanted(cfg))
			rc_pipeline_warn(b, "%s: overlay disabled (drawing needs re-encoding)",
					 cfg->source_mode == RC_SOURCE_MODE_RTSP
						 ? "RTSP proxy"
						 : "H264 passthrough");
		if (cfg->source_mode == RC_SOURCE_MODE_RTSP) {
			if (cfg->out_width != 0 || cfg->out_height != 0 || cfg->out_fps != 0)
				rc_pipeline_warn(b, "RTSP proxy: VIDEOOUT_* ignored (no "
						    "re-encoding)");
			b->out_width = b->out_height = b->out_fps = 0;
		} else {
			if (b->out_width != b->cap_width || b->out_height != b->cap_height ||
			    !rate_is(&b->cap_rate, b->out_fps))
				rc_pipeline_warn(b,
						 "H264 passthrough: VIDEOOUT %ux%u@%u ignored, "
						 "the stream stays %ux%u (scaling needs "
						 "re-encoding; set VIDEOIN_FORMAT=MJPG)",
						 b->out_width, b->out_height, b->out_fps,
						 b->cap_width, b->cap_height);
			b->out_width = b->cap_width;
			b->out_height = b->cap_height;
			b->out_fps = b->cap_rate.den != 0 ? b->cap_rate.num / b->cap_rate.den : 0;
		}
		g_string_append(b->video, " ! h264parse config-interval=-1");
		rc_pipeline_append_sub_tee(b);
	} else {
		g_string_append(b->video, " ! videoconvert");
		append_scaling(b);
		append_overlays(b, cfg->source_mode == RC_SOURCE_MODE_DEMO);
		rc_pipeline_append_sub_tee(b);
		EncoderTarget main = { b->video,         cfg->bitrate_kbps, cfg->keyint,
				       b->out_width,     b->out_height,     b->out_fps,
				       &b->out->encoder, "encoder" };
		if (!rc_pipeline_append_encoder(b, &main))
			return FALSE;
		g_string_append(b->video, " ! h264parse config-interval=-1");
	}
	/* SPS/PPS before every keyframe, so a late viewer decodes at once. */
	g_string_append(b->video,
			" ! rtph264pay name=" RC_PIPELINE_VIDEO_PAY " pt=96 config-interval=-1");
	return TRUE;
}

RcPipeline *
rc_pipeline_build(const RcPipelineConfig *cfg, const RcHwInfo *hw, GError **error)
{
	g_autoptr(RcPipeline) out = g_new0(RcPipeline, 1);
	g_autoptr(GString) video = g_string_new(NULL);
	g_autoptr(GString) audio = g_string_new(NULL);
	g_autoptr(GString) sub = g_string_new(NULL);
	out->decisions = g_ptr_array_new_with_free_func(g_free);
	out->warnings = g_ptr_array_new_with_free_func(g_free);

	if (cfg->in_width == 0 || cfg->in_height == 0 || cfg->in_fps == 0 ||
	    cfg->in_width > RC_HW_MAX_DIMENSION || cfg->in_height > RC_HW_MAX_DIMENSION ||
	    cfg->in_fps > 240) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
			    "invalid video size %ux%u@%u", cfg->in_width, cfg->in_height,
			    cfg->in_fps);
		return NULL;
	}
	RcPipelineBuild b = {
		.cfg = cfg,
		.hw = hw,
		.out = out,
		.video = video,
		.audio = audio,
		.sub = sub,
		.error = error,
		.out_width = MIN(cfg->out_width != 0 ? cfg->out_width : cfg->in_width,
				 RC_HW_MAX_DIMENSION),
		.out_height = MIN(cfg->out_height != 0 ? cfg->out_height : cfg->in_height,
				  RC_HW_MAX_DIMENSION),
		.out_fps = MIN(cfg->out_fps != 0 ? cfg->out_fps : cfg->in_fps, 240),
	};
	if (!build_video(&b))
		return NULL;
	if (cfg->source_mode != RC_SOURCE_MODE_RTSP && !rc_pipeline_build_audio(&b))
		return NULL;

	out->width = b.out_width;
	out->height = b.out_height;
	out->fps = b.out_fps;
	if (!rc_pipeline_build_sub(&b))
		return NULL;
	out->launch = g_strdup_printf("( %s%s%s%s%s )", video->str, audio->len > 0 ? " " : "",
				      audio->str, sub->len > 0 ? " " : "", sub->str);

	/* Mask the URL's password in the copy meant for status and logs. */
	out->description = g_strdup(out->launch);
	if (b.secret_url) {
		g_autofree gchar *real = rc_pipeline_quote(cfg->source_url, RC_PIPELINE_MAX_URL);
		g_autofree gchar *masked_url = rc_pipeline_mask_url(cfg->source_url);
		g_autofree gchar *masked = rc_pipeline_quote(masked_url, RC_PIPELINE_MAX_URL);
		g_auto(GStrv) parts = g_strsplit(out->launch, real, -1);
		g_free(out->description);
		out->description = g_strjoinv(masked, parts);
	}
	return g_steal_pointer(&out);
}
