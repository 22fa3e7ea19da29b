/* rc-cli-check: `rpi-cam check`, the job of the reference's
 * `install.sh --check`: GStreamer elements, directories, config validity,
 * ports, executables and the service manager. One line per check,
 * OK/WARN/FAIL, with a fix for what is not OK; exit 1 on any FAIL.
 *
 * GStreamer is linked here (and only here in the CLI) so the element check
 * asks the registry the daemons will use, instead of running gst-inspect.
 */
#include "rc-cli.h"

#include <errno.h>
#include <gst/gst.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rc-paths.h"
#include "rc-service.h"
#include "rc-state.h"
#include "rc-supervisor.h"

typedef enum {
	RC_CHECK_OK,
	RC_CHECK_WARN,
	RC_CHECK_FAIL,
	RC_CHECK_MAX,
} RcCheckLevel;

typedef struct {
	guint counts[RC_CHECK_MAX];
	RcServiceBackend backend;
} RcCheck;

typedef struct {
	const char *elements; /* alternatives, '|'-separated */
	const char *package;
	RcCheckLevel missing;
	const char *purpose;
} RcCheckElement;

static const RcCheckElement rc_check_elements[] = {
	{ "videotestsrc", "gstreamer1.0-plugins-base", RC_CHECK_FAIL, "demo video source" },
	{ "audiotestsrc", "gstreamer1.0-plugins-base", RC_CHECK_FAIL, "demo audio source" },
	{ "videoconvert", "gstreamer1.0-plugins-base", RC_CHECK_FAIL, "video conversion" },
	{ "textoverlay", "gstreamer1.0-plugins-base", RC_CHECK_FAIL, "text overlay" },
	{ "clockoverlay", "gstreamer1.0-plugins-base", RC_CHECK_FAIL, "clock overlay" },
	{ "audioconvert", "gstreamer1.0-plugins-base", RC_CHECK_FAIL, "audio conversion" },
	{ "x264enc|v4l2h264enc", "gstreamer1.0-plugins-ugly", RC_CHECK_FAIL, "H.264 encoder" },
	{ "h264parse", "gstreamer1.0-plugins-bad", RC_CHECK_FAIL, "H.264 parser" },
	{ "rtph264pay", "gstreamer1.0-plugins-good", RC_CHECK_FAIL, "RTP payloader" },
	{ "rtspsrc", "gstreamer1.0-plugins-good", RC_CHECK_FAIL, "RTSP client (recorder)" },
	{ "mpegtsmux", "gstreamer1.0-plugins-bad", RC_CHECK_FAIL, "MPEG-TS muxer (recorder)" },
	{ "splitmuxsink", "gstreamer1.0-plugins-good", RC_CHECK_FAIL, "segmenter (recorder)" },
	{ "avenc_aac|voaacenc|fdkaacenc", "gstreamer1.0-libav", RC_CHECK_WARN,
	  "AAC encoder (audio)" },
	{ "jpegdec", "gstreamer1.0-plugins-good", RC_CHECK_WARN, "MJPEG cameras" },
	{ "v4l2src", "gstreamer1.0-plugins-good", RC_CHECK_WARN, "USB cameras" },
	{ "alsasrc", "gstreamer1.0-alsa", RC_CHECK_WARN, "microphones" },
	{ "libcamerasrc", "gstreamer1.0-libcamera", RC_CHECK_WARN, "CSI cameras (Raspberry Pi)" },
};

static void
rc_check_line(RcCheck *c, RcCheckLevel level, const char *what, const char *fix)
{
	static const char *const names[RC_CHECK_MAX] = { "OK  ", "WARN", "FAIL" };

	c->counts[level]++;
	g_print("%s  %s\n", names[level], what);
	if (level != RC_CHECK_OK && fix != NULL)
		g_print("      fix: %s\n", fix);
}

static void
rc_check_gstreamer(RcCheck *c)
{
	g_autoptr(GError) error = NULL;

	if (!gst_init_check(NULL, NULL, &error)) {
		g_autofree gchar *what = g_strdup_printf("GStreamer: %s", error->message);
		rc_check_line(c, RC_CHECK_FAIL, what, "install GStreamer: scripts/deps.sh");
		return;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(rc_check_elements); i++) {
		const RcCheckElement *e = &rc_check_elements[i];
		g_auto(GStrv) alts = g_strsplit(e->elements, "|", -1);
		const char *found = NULL;
		g_autofree gchar *what = NULL;
		g_autofree gchar *fix = NULL;

		for (gsize j = 0; alts[j] != NULL && found == NULL; j++) {
			g_autoptr(GstElementFactory) f = gst_element_factory_find(alts[j]);
			if (f != NULL)
				found = alts[j];
		}
		what = g_strdup_printf("GStreamer element %s (%s)",
				       found != NULL ? found : e->elements, e->purpose);
		fix = g_strdup_printf("apt-get install %s", e->package);
		rc_check_line(c, found != NULL ? RC_CHECK_OK : e->missing, what, fix);
	}
}

static void
rc_check_dir(RcCheck *c, const char *label, const char *path)
{
	g_autofree gchar *what = NULL;
	g_autofree gchar *fix = NULL;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		what = g_strdup_printf("%s %s is missing", label, path);
		fix = g_strdup_printf("mkdir -p %s (`rpi-cam run` creates it)", path);
		rc_check_line(c, RC_CHECK_FAIL, what, fix);
		return;
	}
	if (access(path, W_OK | X_OK) != 0) {
		what = g_strdup_printf("%s %s is not writable by uid %u", label, path,
				       (guint)getuid());
		fix = g_strdup_printf("the daemons run as root; as another user: chown %u %s",
				      (guint)getuid(), path);
		rc_check_line(c, getuid() == 0 ? RC_CHECK_FAIL : RC_CHECK_WARN, what, fix);
		return;
	}
	what = g_strdup_printf("%s %s", label, path);
	rc_check_line(c, RC_CHECK_OK, what, NULL);
}

static void
rc_check_dirs(RcCheck *c, RcConfig *config)
{
	static const RcPathId ids[] = { RC_PATH_CONFIG_DIR, RC_PATH_STATE_DIR, RC_PATH_CACHE_DIR,
					RC_PATH_THUMBNAILS_DIR, RC_PATH_RUN_DIR };
	const char *record = rc_config_get(config, "RECORD_DIR");
	g_autofree gchar *record_dir = record != NULL && g_path_is_absolute(record)
					       ? rc_paths_resolve(record)
					       : rc_paths_get(RC_PATH_RECORDINGS_DIR);
	g_autofree gchar *log_dir = rc_cli_log_dir(config);

	for (gsize i = 0; i < G_N_ELEMENTS(ids); i++) {
		g_autofree gchar *path = rc_paths_get(ids[i]);
		rc_check_dir(c, rc_paths_id_to_name(ids[i]), path);
	}
	rc_check_dir(c, "RECORD_DIR", record_dir);
	rc_check_dir(c, "LOG_DIR", log_dir);
}

static void
rc_check_config(RcCheck *c, RcConfig *config)
{
	g_autoptr(GError) error = NULL;
	const char *path = rc_config_get_path(config);
	g_autofree gchar *what = NULL;

	if (path == NULL || !g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_autofree gchar *def = rc_paths_get(RC_PATH_CONFIG_ENV);
		what = g_strdup_printf("config %s does not exist: defaults apply", def);
		rc_check_line(c, RC_CHECK_WARN, what, "rpi-cam config set KEY VALUE creates it");
		return;
	}
	if (!rc_config_validate(config, &error)) {
		what = g_strdup_printf("config %s:\n%s", path, error->message);
		rc_check_line(c, RC_CHECK_FAIL, what,
			      "rpi-cam config set KEY VALUE (or edit the file), then "
			      "rpi-cam config validate");
		return;
	}
	what = g_strdup_printf("config %s is valid", path);
	rc_check_line(c, RC_CHECK_OK, what, NULL);
}

/* 0 when @port can be bound, else errno. */
static int
rc_check_bind(guint16 port)
{
	struct sockaddr_in sa = { 0 };
	int one = 1;
	int err = 0;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return errno;
	/* as a server would: a port in TIME_WAIT is free */
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(fd, (const struct sockaddr *)&sa, sizeof(sa)) != 0)
		err = errno;
	close(fd);
	return err;
}

static gboolean
rc_check_unit_active(RcCheck *c, const char *unit)
{
	g_autoptr(RcServiceStatus) status = NULL;

	if (c->backend == RC_SERVICE_BACKEND_NONE)
		return FALSE;
	status = rc_service_get_status(unit, NULL);
	return status != NULL && status->pid > 0;
}

static void
rc_check_port(RcCheck *c, gint64 port, const char *setting, const char *unit)
{
	g_autofree gchar *what = NULL;
	g_autofree gchar *fix = NULL;
	int err;

	if (port <= 0 || port > 65535) {
		what = g_strdup_printf("port %s=%" G_GINT64_FORMAT " is invalid", setting, port);
		rc_check_line(c, RC_CHECK_FAIL, what, "use a port between 1 and 65535");
		return;
	}
	err = rc_check_bind((guint16)port);
	if (err == 0) {
		what = g_strdup_printf("port %" G_GINT64_FORMAT " (%s) is free", port, setting);
		rc_check_line(c, RC_CHECK_OK, what, NULL);
	} else if (err == EADDRINUSE && rc_check_unit_active(c, unit)) {
		what = g_strdup_printf("port %" G_GINT64_FORMAT " (%s) is in use by %s (running)",
				       port, setting, unit);
		rc_check_line(c, RC_CHECK_OK, what, NULL);
	} else if (err == EADDRINUSE) {
		what = g_strdup_printf("port %" G_GINT64_FORMAT
				       " (%s) is in use by another program",
				       port, setting);
		fix = g_strdup_printf("stop that program (ss -ltnp 'sport = :%" G_GINT64_FORMAT
				      "' shows it) or change %s",
				      port, setting);
		rc_check_line(c, RC_CHECK_FAIL, what, fix);
	} else {
		what = g_strdup_printf("port %" G_GINT64_FORMAT " (%s): cannot test: %s", port,
				       setting, g_strerror(err));
		rc_check_line(c, RC_CHECK_WARN, what, "ports below 1024 need root");
	}
}

static void
rc_check_ports(RcCheck *c, RcConfig *config)
{
	g_autofree gchar *onvif_path = rc_paths_get(RC_PATH_ONVIF_CONF);
	g_autoptr(JsonObject) onvif = rc_state_load_json_object(onvif_path, NULL);
	gint64 onvif_port = 8080;

	if (onvif != NULL && json_object_has_member(onvif, "port")) {
		JsonNode *node = json_object_get_member(onvif, "port");
		if (JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_INT64)
			onvif_port = json_node_get_int(node);
	}
	rc_check_port(c, rc_config_get_int(config, "RTSP_PORT", 8554), "RTSP_PORT",
		      "rpi-av-rtsp-recorder");
	rc_check_port(c, 5000, "web manager", "rpi-cam-webmanager");
	rc_check_port(c, onvif_port, "onvif.conf port", "rpi-cam-onvif");
}

static void
rc_check_binaries(RcCheck *c)
{
	g_auto(GStrv) dirs = rc_cli_binary_dirs();
	gsize n = 0;
	const RcUnit *units = rc_units_all(&n);

	for (gsize i = 0; i < n; i++) {
		g_autofree gchar *path =
			rc_supervisor_find_binary((const char *const *)dirs, units[i].binary);
		g_autofree gchar *what = NULL;
		if (path != NULL) {
			what = g_strdup_printf("%s: %s", units[i].unit, path);
			rc_check_line(c, RC_CHECK_OK, what, NULL);
			continue;
		}
		what = g_strdup_printf("%s: executable %s not found", units[i].unit,
				       units[i].binary);
		/* nothing works without the RTSP daemon; the others are features */
		rc_check_line(c,
			      g_strcmp0(units[i].binary, "rpi-cam-rtsp") == 0 ? RC_CHECK_FAIL
									      : RC_CHECK_WARN,
			      what,
			      "build it (meson compile -C BUILDDIR) or install the package; "
			      "RPI_CAM_BIN_DIR points elsewhere");
	}
}

int
rc_cli_check(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(RcConfig) config = NULL;
	g_autofree gchar *config_path = NULL;
	RcCheck c = { 0 };

	if (!rc_cli_parse("check", "",
			  "Checks what the system needs: GStreamer elements, directories and\n"
			  "permissions, config.env validity, free ports, daemon executables and\n"
			  "the service manager. Exit status 1 when a check FAILs.",
			  NULL, &argc, &argv))
		return RC_CLI_EXIT_USAGE;
	if (argc > 1)
		return rc_cli_fail("check", RC_CLI_EXIT_USAGE, "unexpected argument '%s'", argv[1]);
	config_path = rc_paths_get(RC_PATH_CONFIG_ENV);
	config = rc_config_load(config_path, &error);
	if (config == NULL) {
		g_autofree gchar *what = g_strdup_printf("config: %s", error->message);
		rc_check_line(&c, RC_CHECK_FAIL, what, "fix the file permissions or size");
		config = rc_config_new();
	} else {
		rc_check_config(&c, config);
	}
	c.backend = rc_service_detect_backend(NULL);
	if (c.backend == RC_SERVICE_BACKEND_NONE)
		rc_check_line(&c, RC_CHECK_WARN, "service manager: none answers",
			      "start the services with `rpi-cam run` (or boot with systemd)");
	else {
		g_autofree gchar *what = g_strdup_printf("service manager: %s",
							 rc_service_backend_to_string(c.backend));
		rc_check_line(&c, RC_CHECK_OK, what, NULL);
	}
	rc_check_gstreamer(&c);
	rc_check_dirs(&c, config);
	rc_check_ports(&c, config);
	rc_check_binaries(&c);
	g_print("\n%u ok, %u warnings, %u failures\n", c.counts[RC_CHECK_OK],
		c.counts[RC_CHECK_WARN], c.counts[RC_CHECK_FAIL]);
	if (gst_is_initialized())
		gst_deinit();
	return c.counts[RC_CHECK_FAIL] > 0 ? RC_CLI_EXIT_FAILURE : RC_CLI_EXIT_OK;
}
