/* rc-hw-probe: V4L2 and ALSA probing (the GStreamer part is in
 * rc-hw-probe-gst.c).
 *
 * Drivers are trusted no more than files: every string from an ioctl is
 * bounded and made valid UTF-8, and every enumeration is capped, so a broken
 * driver that never returns EINVAL cannot loop us forever.
 */
#include "rc-hw-probe.h"

#include <errno.h>
#include <gio/gio.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define ASOUND_MAX_FILE (64 * 1024)

static int
xioctl(int fd, unsigned long request, void *arg)
{
	int r;
	do {
		r = ioctl(fd, request, arg);
	} while (r == -1 && errno == EINTR);
	return r;
}

/* A fixed-size driver string as valid UTF-8. (transfer full) */
static gchar *
driver_string(const __u8 *data, gsize size)
{
	g_autofree gchar *s = g_strndup((const char *)data, size);
	return g_strstrip(g_utf8_make_valid(s, -1));
}

static gchar *
fourcc_to_string(guint32 fourcc)
{
	char s[5] = { (char)(fourcc & 0xff), (char)((fourcc >> 8) & 0xff),
		      (char)((fourcc >> 16) & 0xff), (char)((fourcc >> 24) & 0xff), 0 };
	for (int i = 0; i < 4; i++) {
		if (!g_ascii_isprint(s[i]))
			s[i] = '?';
	}
	return g_strstrip(g_strdup(s));
}

static void
add_rate(RcHwSize *size, guint32 interval_num, guint32 interval_den)
{
	/* An interval of num/den seconds is den/num frames per second. */
	if (interval_num == 0 || interval_den == 0 || size->rates->len >= RC_HW_MAX_RATES)
		return;
	guint a = interval_den, b = interval_num;
	while (b != 0) {
		guint t = a % b;
		a = b;
		b = t;
	}
	rc_hw_size_add_rate(size, interval_den / a, interval_num / a);
}

static void
probe_intervals(int fd, guint32 pixelformat, RcHwSize *size)
{
	for (guint index = 0; index < RC_HW_MAX_RATES; index++) {
		struct v4l2_frmivalenum iv = { .index = index,
					       .pixel_format = pixelformat,
					       .width = size->width,
					       .height = size->height };
		if (xioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &iv) < 0)
			break;
		if (iv.type == V4L2_FRMIVAL_TYPE_DISCRETE) {
			add_rate(size, iv.discrete.numerator, iv.discrete.denominator);
			continue;
		}
		/* Stepwise/continuous: the fastest and the slowest. */
		add_rate(size, iv.stepwise.min.numerator, iv.stepwise.min.denominator);
		add_rate(size, iv.stepwise.max.numerator, iv.stepwise.max.denominator);
		break;
	}
}

static void
add_size(int fd, RcHwFormat *format, guint32 pixelformat, guint width, guint height)
{
	if (width == 0 || height == 0 || width > RC_HW_MAX_DIMENSION ||
	    height > RC_HW_MAX_DIMENSION || format->sizes->len >= RC_HW_MAX_SIZES)
		return;
	RcHwSize *size = rc_hw_size_new(width, height);
	probe_intervals(fd, pixelformat, size);
	g_ptr_array_add(format->sizes, size);
}

static void
probe_sizes(int fd, RcHwFormat *format, guint32 pixelformat)
{
	/* Common sizes recorded when a device gives a range instead of a list. */
	static const guint common[][2] = { { 640, 480 },   { 1280, 720 }, { 1920, 1080 },
					   { 320, 240 },   { 800, 600 },  { 1024, 768 },
					   { 2560, 1440 }, { 3840, 2160 } };
	for (guint index = 0; index < RC_HW_MAX_SIZES; index++) {
		struct v4l2_frmsizeenum fs = { .index = index, .pixel_format = pixelformat };
		if (xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &fs) < 0)
			break;
		if (fs.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
			add_size(fd, format, pixelformat, fs.discrete.width, fs.discrete.height);
			continue;
		}
		const struct v4l2_frmsize_stepwise *sw = &fs.stepwise;
		guint sw_w = MAX(sw->step_width, 1), sw_h = MAX(sw->step_height, 1);
		add_size(fd, format, pixelformat, sw->max_width, sw->max_height);
		for (gsize i = 0; i < G_N_ELEMENTS(common); i++) {
			guint w = common[i][0], h = common[i][1];
			if (w >= sw->min_width && w < sw->max_width && h >= sw->min_height &&
			    h <= sw->max_height && (w - sw->min_width) % sw_w == 0 &&
			    (h - sw->min_height) % sw_h == 0)
				add_size(fd, format, pixelformat, w, h);
		}
		break;
	}
}

static void
probe_formats(int fd, RcHwCamera *camera, guint32 buf_type)
{
	for (guint index = 0; index < RC_HW_MAX_FORMATS; index++) {
		struct v4l2_fmtdesc fd_desc = { .index = index, .type = buf_type };
		if (xioctl(fd, VIDIOC_ENUM_FMT, &fd_desc) < 0)
			break;
		g_autofree gchar *fourcc = fourcc_to_string(fd_desc.pixelformat);
		RcHwFormat *format = rc_hw_format_new(fourcc);
		format->description =
			driver_string(fd_desc.description, sizeof(fd_desc.description));
		probe_sizes(fd, format, fd_desc.pixelformat);
		g_ptr_array_add(camera->formats, format);
	}
}

/* Does this M2M device encode to H.264 (H264 on its capture queue)? */
static gboolean
m2m_encodes_h264(int fd, guint32 caps)
{
	guint32 type = (caps & V4L2_CAP_VIDEO_M2M_MPLANE) ? V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE
							  : V4L2_BUF_TYPE_VIDEO_CAPTURE;
	for (guint index = 0; index < RC_HW_MAX_FORMATS; index++) {
		struct v4l2_fmtdesc desc = { .index = index, .type = type };
		if (xioctl(fd, VIDIOC_ENUM_FMT, &desc) < 0)
			break;
		if (desc.pixelformat == V4L2_PIX_FMT_H264)
			return TRUE;
	}
	return FALSE;
}

static void
probe_node(RcHwInfo *hw, const char *path)
{
	int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		g_debug("probe: cannot open %s: %s, skipping", path, g_strerror(errno));
		return;
	}
	struct v4l2_capability cap = { 0 };
	if (xioctl(fd, VIDIOC_QUERYCAP, &cap) < 0) {
		close(fd);
		return;
	}
	guint32 caps =
		(cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
	g_autofree gchar *driver = driver_string(cap.driver, sizeof(cap.driver));
	if (caps & (V4L2_CAP_VIDEO_M2M | V4L2_CAP_VIDEO_M2M_MPLANE)) {
		/* The Pi's encoder (bcm2835-codec on Pi <= 4) is what v4l2h264enc drives;
		 * it is usable only when the kernel exposes it as an H.264 encoder. */
		if (m2m_encodes_h264(fd, caps)) {
			g_debug("probe: %s (%s) is an H.264 encoder", path, driver);
			hw->v4l2h264enc_usable = TRUE;
		}
		close(fd);
		return;
	}
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || hw->cameras->len >= RC_HW_MAX_CAMERAS) {
		close(fd);
		return;
	}
	RcHwCamera *camera = rc_hw_camera_new(RC_HW_CAMERA_V4L2, path);
	camera->driver = g_steal_pointer(&driver);
	camera->card = driver_string(cap.card, sizeof(cap.card));
	camera->bus = driver_string(cap.bus_info, sizeof(cap.bus_info));
	probe_formats(fd, camera, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	close(fd);
	g_ptr_array_add(hw->cameras, camera);
}

static gint
compare_video_nodes(gconstpointer a, gconstpointer b)
{
	const char *sa = *(const char *const *)a, *sb = *(const char *const *)b;
	guint64 na = g_ascii_strtoull(sa + strlen("video"), NULL, 10);
	guint64 nb = g_ascii_strtoull(sb + strlen("video"), NULL, 10);
	return na < nb ? -1 : na > nb ? 1 : 0;
}

void
rc_hw_probe_v4l2(RcHwInfo *hw, const char *dev_dir)
{
	g_autoptr(GDir) dir = g_dir_open(dev_dir, 0, NULL);
	g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	if (dir == NULL)
		return;
	while ((name = g_dir_read_name(dir)) != NULL && nodes->len < 256) {
		const char *digits = name + strlen("video");
		if (!g_str_has_prefix(name, "video") || *digits == '\0' ||
		    strspn(digits, "0123456789") != strlen(digits) || strlen(digits) > 4)
			continue;
		g_ptr_array_add(nodes, g_strdup(name));
	}
	g_ptr_array_sort(nodes, compare_video_nodes);
	for (guint i = 0; i < nodes->len; i++) {
		g_autofree gchar *path =
			g_build_filename(dev_dir, g_ptr_array_index(nodes, i), NULL);
		probe_node(hw, path);
	}
}

/* --- ALSA --- */

static gboolean
card_has_capture(const char *pcm, guint card, guint *ret_device)
{
	g_auto(GStrv) lines = g_strsplit(pcm != NULL ? pcm : "", "\n", 1024);
	for (guint i = 0; lines[i] != NULL; i++) {
		/* "01-00: USB Audio : USB Audio : capture 1" */
		guint64 c = 0, d = 0;
		const char *line = lines[i];
		if (strlen(line) < 6 || line[2] != '-' || line[5] != ':')
			continue;
		g_autofree gchar *cs = g_strndup(line, 2);
		g_autofree gchar *ds = g_strndup(line + 3, 2);
		if (!g_ascii_string_to_unsigned(cs, 10, 0, 99, &c, NULL) ||
		    !g_ascii_string_to_unsigned(ds, 10, 0, 99, &d, NULL) || c != card)
			continue;
		if (strstr(line, ": capture ") != NULL) {
			*ret_device = (guint)d;
			return TRUE;
		}
	}
	return FALSE;
}

void
rc_hw_probe_parse_alsa(RcHwInfo *hw, const char *cards, const char *pcm)
{
	g_auto(GStrv) lines = g_strsplit(cards != NULL ? cards : "", "\n", 1024);
	for (guint i = 0; lines[i] != NULL && hw->audio->len < RC_HW_MAX_AUDIO; i++) {
		/* " 1 [Device         ]: USB-Audio - USB PnP Sound Device"
		 * "                      C-Media ... at usb-0000:01:00.0-1.3, full speed" */
		const char *p = lines[i];
		while (*p == ' ')
			p++;
		gchar *end = NULL;
		guint64 card = g_ascii_strtoull(p, &end, 10);
		if (end == p || card > 255)
			continue;
		p = end;
		while (*p == ' ')
			p++;
		const char *close = *p == '[' ? strstr(p, "]:") : NULL;
		if (close == NULL)
			continue;
		g_autofree gchar *id = g_strstrip(g_strndup(p + 1, (gsize)(close - p - 1)));
		const char *rest = close + 2;
		const char *dash = strstr(rest, " - ");
		g_autofree gchar *driver = g_strstrip(
			g_strndup(rest, dash != NULL ? (gsize)(dash - rest) : strlen(rest)));
		g_autofree gchar *longname = g_strstrip(g_strdup(dash != NULL ? dash + 3 : rest));
		const char *detail = lines[i + 1] != NULL ? lines[i + 1] : "";
		gboolean usb =
			g_strcmp0(driver, "USB-Audio") == 0 || strstr(detail, " at usb-") != NULL;
		guint device = 0;
		if (!card_has_capture(pcm, (guint)card, &device))
			continue;
		g_autofree gchar *vid = g_utf8_make_valid(id, -1);
		g_autofree gchar *vname = g_utf8_make_valid(longname, -1);
		g_ptr_array_add(hw->audio, rc_hw_audio_new((guint)card, device, vid, vname, usb));
	}
}

static gchar *
read_small(const char *path)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GFile) file = g_file_new_for_path(path);
	g_autoptr(GFileInputStream) in = g_file_read(file, NULL, &error);
	if (in == NULL)
		return NULL;
	/* procfs files report size 0: read at most the limit. */
	g_autofree gchar *buf = g_malloc(ASOUND_MAX_FILE + 1);
	gsize len = 0;
	if (!g_input_stream_read_all(G_INPUT_STREAM(in), buf, ASOUND_MAX_FILE, &len, NULL, &error))
		return NULL;
	buf[len] = '\0';
	return g_steal_pointer(&buf);
}

void
rc_hw_probe_alsa(RcHwInfo *hw, const char *asound_dir)
{
	g_autofree gchar *cards_path = g_build_filename(asound_dir, "cards", NULL);
	g_autofree gchar *pcm_path = g_build_filename(asound_dir, "pcm", NULL);
	g_autofree gchar *cards = read_small(cards_path);
	g_autofree gchar *pcm = read_small(pcm_path);
	if (cards != NULL)
		rc_hw_probe_parse_alsa(hw, cards, pcm);
}

RcHwInfo *
rc_hw_probe(const char *dev_dir, const char *asound_dir)
{
	RcHwInfo *hw = rc_hw_info_new();
	rc_hw_probe_v4l2(hw, dev_dir);
	rc_hw_probe_alsa(hw, asound_dir);
	rc_hw_probe_gst(hw);
	return hw;
}
