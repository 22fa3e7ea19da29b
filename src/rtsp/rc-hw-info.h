/* rc-hw-info: a plain description of the streaming hardware.
 *
 * The probe (rc-hw-probe.c) fills it from V4L2 ioctls, /proc/asound and the
 * GStreamer registry; the pipeline builder (rc-pipeline.c) only reads it.
 * It round-trips through JSON, so tests feed recorded descriptions of real
 * cameras (the JSON files in tests/fixtures/hw/) and `status` can show what was found.
 * Pure: no GStreamer, no device access.
 *
 * JSON shape (every member optional):
 *   { "cameras": [ { "type": "v4l2" | "libcamera", "device": "/dev/video0",
 *                    "card": "HD Pro Webcam C920", "driver": "uvcvideo",
 *                    "bus": "usb-0000:00:14.0-1", "model": "imx708",
 *                    "formats": [ { "fourcc": "MJPG", "description": "Motion-JPEG",
 *                                   "sizes": [ { "width": 1280, "height": 720,
 *                                                "fps": [30, 24, "15/2"] } ] } ] } ],
 *     "audio": [ { "card": 1, "device": 0, "id": "C920", "name": "HD Pro Webcam C920",
 *                  "usb": true } ],
 *     "elements": [ "x264enc", "voaacenc", ... ],
 *     "v4l2h264enc_usable": false }
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Limits on hostile descriptions (a file, or a misbehaving driver). */
#define RC_HW_MAX_JSON_SIZE  (1024 * 1024)
#define RC_HW_MAX_CAMERAS    32
#define RC_HW_MAX_FORMATS    32
#define RC_HW_MAX_SIZES      128
#define RC_HW_MAX_RATES      64
#define RC_HW_MAX_AUDIO      32
#define RC_HW_MAX_ELEMENTS   256
#define RC_HW_MAX_STRING     256
#define RC_HW_MAX_DIMENSION  16384
#define RC_HW_MAX_FPS_NUMDEN 1000000

typedef enum {
	RC_HW_CAMERA_V4L2,      /* a V4L2 capture device (USB/UVC, legacy bcm2835 driver) */
	RC_HW_CAMERA_LIBCAMERA, /* a camera enumerated by libcamera (CSI) */
	RC_HW_CAMERA_MAX,
	RC_HW_CAMERA_INVALID = -1,
} RcHwCameraType;

/* A frame rate as a fraction (frames per second = num / den). */
typedef struct {
	guint num;
	guint den;
} RcHwRate;

typedef struct {
	guint width;
	guint height;
	GArray *rates; /* RcHwRate, as the device lists them */
} RcHwSize;

typedef struct {
	gchar *fourcc;      /* "MJPG", "YUYV", "H264", "NV12", ... */
	gchar *description; /* driver's description, may be NULL */
	GPtrArray *sizes;   /* RcHwSize */
} RcHwFormat;

typedef struct {
	RcHwCameraType type;
	gchar *device;      /* "/dev/video0", or the libcamera id */
	gchar *card;        /* V4L2 card name / libcamera model, may be NULL */
	gchar *driver;      /* "uvcvideo", "unicam", "libcamera", may be NULL */
	gchar *bus;         /* V4L2 bus_info, may be NULL */
	gchar *model;       /* sensor model for libcamera ("imx708"), may be NULL */
	GPtrArray *formats; /* RcHwFormat */
} RcHwCamera;

typedef struct {
	guint card;   /* ALSA card index */
	guint device; /* first capture PCM device on that card */
	gchar *id;    /* short id ("Device", "C920") */
	gchar *name;  /* long name */
	gboolean usb; /* a USB audio device */
} RcHwAudio;

typedef struct {
	GPtrArray *cameras;   /* RcHwCamera, in probe order */
	GPtrArray *audio;     /* RcHwAudio: capture-capable cards only */
	GHashTable *elements; /* set of available GStreamer element names */
	/* The Pi's hardware encoder exists AND works (its M2M device is there;
	 * on some kernels the element exists but fails, see spec §5.3). */
	gboolean v4l2h264enc_usable;
} RcHwInfo;

RcHwInfo *rc_hw_info_new(void);
void rc_hw_info_free(RcHwInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcHwInfo, rc_hw_info_free)

RcHwCamera *rc_hw_camera_new(RcHwCameraType type, const char *device);
void rc_hw_camera_free(RcHwCamera *camera);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcHwCamera, rc_hw_camera_free)

RcHwFormat *rc_hw_format_new(const char *fourcc);
void rc_hw_format_free(RcHwFormat *format);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcHwFormat, rc_hw_format_free)

RcHwSize *rc_hw_size_new(guint width, guint height);
void rc_hw_size_free(RcHwSize *size);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcHwSize, rc_hw_size_free)

RcHwAudio *
rc_hw_audio_new(guint card, guint device, const char *id, const char *name, gboolean usb);
void rc_hw_audio_free(RcHwAudio *audio);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcHwAudio, rc_hw_audio_free)

void rc_hw_size_add_rate(RcHwSize *size, guint num, guint den);

void rc_hw_info_add_element(RcHwInfo *self, const char *element);
gboolean rc_hw_info_has_element(const RcHwInfo *self, const char *element);

/* Finds a format by fourcc (case-insensitive; "MJPEG" matches "MJPG",
 * "YUY2" matches "YUYV"). (transfer none) */
RcHwFormat *rc_hw_camera_find_format(const RcHwCamera *camera, const char *fourcc);

/* Does @format offer @width x @height at @fps (a listed interval within
 * 1%)? Stepwise/continuous ranges are recorded as their listed points. */
gboolean rc_hw_format_supports(const RcHwFormat *format, guint width, guint height, guint fps);

/* Canonical fourcc for user spellings: MJPEG/MOTION-JPEG -> MJPG, YUY2 -> YUYV,
 * H.264 -> H264; anything else upper-cased. (transfer full) */
gchar *rc_hw_fourcc_normalize(const char *fourcc);

/* JSON (see the top of this file). Unknown members are ignored; wrong types,
 * out-of-range numbers and oversized arrays are errors (G_IO_ERROR_INVALID_DATA)
 * naming the member. (transfer full) */
RcHwInfo *rc_hw_info_from_json(JsonNode *node, GError **error);
RcHwInfo *rc_hw_info_from_data(const char *data, gsize len, GError **error);
RcHwInfo *rc_hw_info_load(const char *path, GError **error);
JsonNode *rc_hw_info_to_json(const RcHwInfo *self);

const char *rc_hw_camera_type_to_string(RcHwCameraType type);
RcHwCameraType rc_hw_camera_type_from_string(const char *str);

G_END_DECLS
