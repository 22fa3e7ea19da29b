/* rc-config-schema-table: every config.env key, in documentation order.
 *
 * Names and defaults are the reference's ("Default (W)" in
 * reference-config.md, i.e. what its web UI showed). Where the reference's
 * daemons assumed something else, or its ranges were buggy, the row says
 * what we chose and docs/configuration.md explains it. Keys flagged
 * RC_KEY_FLAG_NEW do not exist in the reference.
 */
#include "rc-config-schema-private.h"

#define C_RTSP       RC_COMPONENT_RTSP
#define C_REC        RC_COMPONENT_RECORDER
#define C_ONVIF      RC_COMPONENT_ONVIF
#define C_WEB        RC_COMPONENT_WEB
#define C_WD         RC_COMPONENT_WATCHDOG
#define C_TUN        RC_COMPONENT_TUNNEL
#define F_EMPTY      RC_KEY_FLAG_ALLOW_EMPTY
#define F_SECRET     RC_KEY_FLAG_SECRET
#define F_LEGACY     RC_KEY_FLAG_LEGACY
#define F_NEW        RC_KEY_FLAG_NEW
#define CHOICES(...) ((const char *const[]){ __VA_ARGS__, NULL })

#define YESNO     CHOICES("yes", "no")
#define AUTOYESNO CHOICES("auto", "yes", "no")
#define POSITIONS CHOICES("top-left", "top-right", "bottom-left", "bottom-right")
#define TRUEFALSE CHOICES("true", "false")

/* name, section, type, default, min, max, choices, components, flags, alias_of, description */
const RcConfigKey rc_config_schema_table[] = {
	/* --- RTSP server --- */
	{ "RTSP_PORT", "rtsp", RC_KEY_TYPE_INT, "8554", 1, 65535, NULL,
	  C_RTSP | C_REC | C_ONVIF | C_WEB | C_WD, 0, NULL, "RTSP listen port (TCP)." },
	{ "RTSP_PATH", "rtsp", RC_KEY_TYPE_STRING, "stream", 0, 0, NULL,
	  C_RTSP | C_REC | C_ONVIF | C_WEB | C_WD, 0, NULL,
	  "Mount path of the stream, without the leading '/': rtsp://host:port/<path>." },
	{ "RTSP_PROTOCOLS", "rtsp", RC_KEY_TYPE_LIST, "udp,tcp", 0, 0,
	  CHOICES("udp", "tcp", "udp-mcast"), C_RTSP | C_ONVIF, 0, NULL,
	  "Allowed RTSP lower transports (comma list of udp, tcp, udp-mcast)." },
	{ "RTSP_USER", "rtsp", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_RTSP | C_REC | C_ONVIF | C_WEB,
	  F_EMPTY, NULL,
	  "RTSP user. Authentication is on when user and password are both set; also the "
	  "ONVIF user." },
	{ "RTSP_PASSWORD", "rtsp", RC_KEY_TYPE_PASSWORD, "", 0, 0, NULL,
	  C_RTSP | C_REC | C_ONVIF | C_WEB, F_EMPTY | F_SECRET, NULL, "RTSP password." },
	{ "RTSP_AUTH_METHOD", "rtsp", RC_KEY_TYPE_ENUM, "both", 0, 0,
	  CHOICES("basic", "digest", "both"), C_RTSP, F_NEW, NULL,
	  "RTSP authentication challenges offered: basic, digest, or both (the reference only "
	  "read it from test-launch's environment, so it never took effect)." },
	{ "RTSP_REALM", "rtsp", RC_KEY_TYPE_STRING, "RPi Camera", 0, 0, NULL, C_RTSP, F_NEW, NULL,
	  "Authentication realm (Digest)." },
	{ "RTSP_MULTICAST_BASE", "rtsp", RC_KEY_TYPE_STRING, "224.3.0.0", 0, 0, NULL,
	  C_RTSP | C_ONVIF, F_NEW, NULL,
	  "First address of the multicast pool used for udp-mcast (a /24 from this address)." },
	{ "RTSP_MULTICAST_PORT_MIN", "rtsp", RC_KEY_TYPE_INT, "5000", 1024, 65535, NULL,
	  C_RTSP | C_ONVIF, F_NEW, NULL, "Lowest UDP port for multicast RTP." },
	{ "RTSP_MULTICAST_PORT_MAX", "rtsp", RC_KEY_TYPE_INT, "5999", 1024, 65535, NULL,
	  C_RTSP | C_ONVIF, F_NEW, NULL, "Highest UDP port for multicast RTP." },
	{ "RTSP_MULTICAST_TTL", "rtsp", RC_KEY_TYPE_INT, "1", 1, 255, NULL, C_RTSP | C_ONVIF, F_NEW,
	  NULL, "Time-to-live of multicast packets (1 = local network only)." },

	/* --- Video input --- */
	{ "VIDEOIN_WIDTH", "video-input", RC_KEY_TYPE_INT, "640", 160, 4096, NULL,
	  C_RTSP | C_ONVIF | C_WEB, 0, NULL, "Capture width in pixels." },
	{ "VIDEOIN_HEIGHT", "video-input", RC_KEY_TYPE_INT, "480", 120, 2160, NULL,
	  C_RTSP | C_ONVIF | C_WEB, 0, NULL, "Capture height in pixels." },
	{ "VIDEOIN_FPS", "video-input", RC_KEY_TYPE_INT, "15", 1, 120, NULL,
	  C_RTSP | C_ONVIF | C_WEB, 0, NULL, "Capture frame rate." },
	{ "VIDEOIN_DEVICE", "video-input", RC_KEY_TYPE_PATH, "/dev/video0", 0, 0, NULL,
	  C_RTSP | C_ONVIF | C_WEB | C_WD, 0, NULL,
	  "USB (V4L2) capture device; \"auto\" picks the first USB camera." },
	{ "VIDEOIN_FORMAT", "video-input", RC_KEY_TYPE_ENUM, "auto", 0, 0,
	  CHOICES("auto", "MJPG", "YUYV", "H264"), C_RTSP | C_WEB, 0, NULL,
	  "Preferred USB pixel format; auto prefers H264 passthrough, then MJPG, then YUYV." },
	{ "CAMERA_TYPE", "video-input", RC_KEY_TYPE_ENUM, "auto", 0, 0,
	  CHOICES("auto", "usb", "csi", "libcamera"), C_RTSP | C_ONVIF | C_WEB, 0, NULL,
	  "Camera selector: usb, csi (libcamera is a synonym), or auto (USB_ENABLE/CSI_ENABLE, "
	  "then detection)." },
	{ "CSI_ENABLE", "video-input", RC_KEY_TYPE_ENUM, "auto", 0, 0, AUTOYESNO,
	  C_RTSP | C_ONVIF | C_WEB, 0, NULL, "Legacy selector consulted when CAMERA_TYPE=auto." },
	{ "USB_ENABLE", "video-input", RC_KEY_TYPE_ENUM, "auto", 0, 0, AUTOYESNO,
	  C_RTSP | C_ONVIF | C_WEB, 0, NULL, "Legacy selector consulted when CAMERA_TYPE=auto." },
	{ "VIDEO_WIDTH", "video-input", RC_KEY_TYPE_INT, "640", 160, 4096, NULL, C_RTSP | C_WEB,
	  F_LEGACY, "VIDEOIN_WIDTH", "Legacy alias of VIDEOIN_WIDTH." },
	{ "VIDEO_HEIGHT", "video-input", RC_KEY_TYPE_INT, "480", 120, 2160, NULL, C_RTSP | C_WEB,
	  F_LEGACY, "VIDEOIN_HEIGHT", "Legacy alias of VIDEOIN_HEIGHT." },
	{ "VIDEO_FPS", "video-input", RC_KEY_TYPE_INT, "15", 1, 120, NULL, C_RTSP | C_WEB, F_LEGACY,
	  "VIDEOIN_FPS", "Legacy alias of VIDEOIN_FPS." },
	{ "VIDEO_DEVICE", "video-input", RC_KEY_TYPE_PATH, "/dev/video0", 0, 0, NULL,
	  C_RTSP | C_WEB | C_WD, F_LEGACY, "VIDEOIN_DEVICE", "Legacy alias of VIDEOIN_DEVICE." },
	{ "VIDEO_FORMAT", "video-input", RC_KEY_TYPE_ENUM, "auto", 0, 0,
	  CHOICES("auto", "MJPG", "YUYV", "H264"), C_RTSP | C_WEB, F_LEGACY, "VIDEOIN_FORMAT",
	  "Legacy alias of VIDEOIN_FORMAT." },
	{ "CAMERA_DEVICE", "video-input", RC_KEY_TYPE_PATH, "/dev/video0", 0, 0, NULL,
	  C_RTSP | C_WEB, F_LEGACY, "VIDEOIN_DEVICE",
	  "Legacy alias of VIDEOIN_DEVICE (the reference saved it but no daemon read it)." },

	/* --- Video output --- */
	{ "VIDEOOUT_WIDTH", "video-output", RC_KEY_TYPE_INT, "", 160, 4096, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_EMPTY, NULL,
	  "Stream width; empty = capture width. A different value inserts a scaler." },
	{ "VIDEOOUT_HEIGHT", "video-output", RC_KEY_TYPE_INT, "", 120, 2160, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_EMPTY, NULL, "Stream height; empty = capture height." },
	{ "VIDEOOUT_FPS", "video-output", RC_KEY_TYPE_INT, "", 1, 120, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_EMPTY, NULL,
	  "Stream frame rate; empty = capture rate. A different value inserts videorate." },
	{ "OUTPUT_WIDTH", "video-output", RC_KEY_TYPE_INT, "", 160, 4096, NULL, C_RTSP | C_WEB,
	  F_EMPTY | F_LEGACY, "VIDEOOUT_WIDTH", "Legacy alias of VIDEOOUT_WIDTH." },
	{ "OUTPUT_HEIGHT", "video-output", RC_KEY_TYPE_INT, "", 120, 2160, NULL, C_RTSP | C_WEB,
	  F_EMPTY | F_LEGACY, "VIDEOOUT_HEIGHT", "Legacy alias of VIDEOOUT_HEIGHT." },
	{ "OUTPUT_FPS", "video-output", RC_KEY_TYPE_INT, "", 1, 120, NULL, C_RTSP | C_WEB,
	  F_EMPTY | F_LEGACY, "VIDEOOUT_FPS", "Legacy alias of VIDEOOUT_FPS." },

	/* --- Substream --- */
	{ "SUBSTREAM_ENABLE", "substream", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO,
	  C_RTSP | C_ONVIF | C_WEB, F_NEW, NULL,
	  "Serve a second, smaller stream from the same capture (NVR grid views, detectors)." },
	{ "SUBSTREAM_PATH", "substream", RC_KEY_TYPE_STRING, "substream", 0, 0, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_NEW, NULL,
	  "Mount path of the substream (must differ from RTSP_PATH)." },
	{ "SUBSTREAM_WIDTH", "substream", RC_KEY_TYPE_INT, "640", 16, 4096, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_NEW, NULL, "Substream width in pixels." },
	{ "SUBSTREAM_HEIGHT", "substream", RC_KEY_TYPE_INT, "360", 16, 2160, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_NEW, NULL, "Substream height in pixels." },
	{ "SUBSTREAM_FPS", "substream", RC_KEY_TYPE_INT, "5", 1, 60, NULL, C_RTSP | C_ONVIF | C_WEB,
	  F_NEW, NULL, "Substream frame rate (Frigate wants about 5 for detection)." },
	{ "SUBSTREAM_BITRATE_KBPS", "substream", RC_KEY_TYPE_INT, "300", 32, 20000, NULL,
	  C_RTSP | C_ONVIF | C_WEB, F_NEW, NULL, "Substream bitrate in kbit/s." },

	/* --- Stream source --- */
	{ "STREAM_SOURCE_MODE", "source", RC_KEY_TYPE_ENUM, "camera", 0, 0,
	  CHOICES("camera", "rtsp", "mjpeg", "screen", "demo"), C_RTSP | C_WEB, 0, NULL,
	  "Source: local camera, rtsp proxy (no re-encode), mjpeg over HTTP, X11 screen, or demo "
	  "(test pattern + tone + clock; new)." },
	{ "STREAM_SOURCE_URL", "source", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_RTSP | C_WEB,
	  F_EMPTY, NULL, "Upstream URL for the rtsp and mjpeg modes." },
	{ "RTSP_PROXY_TRANSPORT", "source", RC_KEY_TYPE_ENUM, "auto", 0, 0,
	  CHOICES("auto", "tcp", "udp"), C_RTSP | C_WEB, 0, NULL,
	  "Transport used to pull the upstream RTSP stream." },
	{ "RTSP_PROXY_AUDIO", "source", RC_KEY_TYPE_ENUM, "auto", 0, 0, AUTOYESNO, C_RTSP | C_WEB,
	  0, NULL, "Relay the upstream audio." },
	{ "RTSP_PROXY_LATENCY_MS", "source", RC_KEY_TYPE_INT, "100", 0, 5000, NULL, C_RTSP | C_WEB,
	  0, NULL, "Jitter buffer of the upstream RTSP client (ms)." },
	{ "SCREEN_DISPLAY", "source", RC_KEY_TYPE_STRING, ":0.0", 0, 0, NULL, C_RTSP | C_WEB, 0,
	  NULL, "X11 display captured in screen mode." },

	/* --- H.264 encoding --- */
	{ "H264_BITRATE_KBPS", "encoder", RC_KEY_TYPE_INT, "1200", 100, 25000, NULL,
	  C_RTSP | C_ONVIF | C_WEB, 0, NULL,
	  "Target bitrate in kbit/s (the reference refused < 500 although its own quality preset "
	  "1 is 400)." },
	{ "H264_BITRATE_MODE", "encoder", RC_KEY_TYPE_ENUM, "cbr", 0, 0, CHOICES("cbr", "vbr"),
	  C_RTSP | C_WEB, 0, NULL, "Rate control." },
	{ "H264_KEYINT", "encoder", RC_KEY_TYPE_INT, "30", 1, 600, NULL, C_RTSP | C_ONVIF | C_WEB,
	  0, NULL,
	  "Keyframe interval in frames (ONVIF GovLength); also applied to the hardware "
	  "encoder." },
	{ "H264_PROFILE", "encoder", RC_KEY_TYPE_ENUM, "", 0, 0,
	  CHOICES("baseline", "constrained baseline", "main", "high"), C_RTSP | C_ONVIF | C_WEB,
	  F_EMPTY, NULL, "H.264 profile; empty = encoder default." },
	{ "H264_QP", "encoder", RC_KEY_TYPE_INT, "", 1, 51, CHOICES("auto", "none"), C_RTSP | C_WEB,
	  F_EMPTY, NULL, "Fixed quantizer (1-51); empty, auto or none = rate control by bitrate." },
	{ "STREAM_QUALITY", "encoder", RC_KEY_TYPE_ENUM, "3", 0, 0,
	  CHOICES("1", "2", "3", "4", "5", "custom"), C_ONVIF | C_WEB, 0, NULL,
	  "UI quality preset: 1..5 = 400/700/1200/2000/3500 kbit/s, or custom." },
	{ "LOW_LATENCY", "encoder", RC_KEY_TYPE_BOOL, "1", 0, 0, CHOICES("1", "0"), C_RTSP | C_WEB,
	  0, NULL, "Latency-tuned encoding (stored only by the reference)." },

	/* --- Overlay --- */
	{ "VIDEO_OVERLAY_ENABLE", "overlay", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_RTSP | C_WEB, 0,
	  NULL, "Draw the text/clock overlay on the stream." },
	{ "VIDEO_OVERLAY_TEXT", "overlay", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_RTSP | C_WEB,
	  F_EMPTY, NULL,
	  "Overlay text; tokens {CAMERA_TYPE} {VIDEO_DEVICE} {VIDEO_RESOLUTION} {VIDEO_FPS} "
	  "{VIDEO_FORMAT}." },
	{ "VIDEO_OVERLAY_POSITION", "overlay", RC_KEY_TYPE_ENUM, "top-left", 0, 0, POSITIONS,
	  C_RTSP | C_WEB, 0, NULL, "Text position." },
	{ "VIDEO_OVERLAY_SHOW_DATETIME", "overlay", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO,
	  C_RTSP | C_WEB, 0, NULL, "Draw the date/time." },
	{ "VIDEO_OVERLAY_DATETIME_FORMAT", "overlay", RC_KEY_TYPE_STRING, "%Y-%m-%d %H:%M:%S", 0, 0,
	  NULL, C_RTSP | C_WEB, 0, NULL, "strftime format of the clock." },
	{ "VIDEO_OVERLAY_CLOCK_POSITION", "overlay", RC_KEY_TYPE_ENUM, "bottom-right", 0, 0,
	  POSITIONS, C_RTSP | C_WEB, 0, NULL, "Clock position." },
	{ "VIDEO_OVERLAY_FONT_SIZE", "overlay", RC_KEY_TYPE_INT, "24", 1, 64, NULL, C_RTSP | C_WEB,
	  0, NULL, "Font size (Sans) in points." },
	{ "CSI_OVERLAY_MODE", "overlay", RC_KEY_TYPE_ENUM, "software", 0, 0,
	  CHOICES("software", "libcamera"), C_RTSP | C_WEB, 0, NULL,
	  "CSI overlay implementation: software (GStreamer) or libcamera (no date/time)." },
	{ "CSI_RPICAM_UDP_PORT", "overlay", RC_KEY_TYPE_INT, "5000", 1, 65535, NULL, C_RTSP, 0,
	  NULL,
	  "Local UDP port of the reference's rpicam-vid bridge; accepted for compatibility, "
	  "unused (libcamerasrc runs in-process)." },

	/* --- Audio --- */
	{ "AUDIO_ENABLE", "audio", RC_KEY_TYPE_ENUM, "auto", 0, 0, AUTOYESNO, C_RTSP | C_WEB | C_WD,
	  0, NULL, "Microphone: auto (when present), yes (required), no." },
	{ "AUDIO_DEVICE", "audio", RC_KEY_TYPE_STRING, "auto", 0, 0, NULL, C_RTSP | C_WEB, 0, NULL,
	  "ALSA capture device (e.g. plughw:1,0) or auto." },
	{ "AUDIO_DEVICE_NAME", "audio", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_RTSP | C_WEB, F_EMPTY,
	  NULL, "With AUDIO_DEVICE=auto, prefer the ALSA card whose name contains this text." },
	{ "AUDIO_RATE", "audio", RC_KEY_TYPE_ENUM, "48000", 0, 0,
	  CHOICES("8000", "16000", "22050", "32000", "44100", "48000"), C_RTSP | C_WEB, 0, NULL,
	  "Sample rate in Hz (G.711 is always sent at 8000)." },
	{ "AUDIO_CHANNELS", "audio", RC_KEY_TYPE_ENUM, "1", 0, 0, CHOICES("1", "2"), C_RTSP | C_WEB,
	  0, NULL, "Channels." },
	{ "AUDIO_BITRATE_KBPS", "audio", RC_KEY_TYPE_INT, "64", 16, 320, NULL, C_RTSP | C_WEB, 0,
	  NULL, "AAC bitrate in kbit/s." },
	{ "AUDIO_GAIN", "audio", RC_KEY_TYPE_FLOAT, "1.0", 0.0, 3.0, NULL, C_RTSP | C_WEB, 0, NULL,
	  "Software gain (1.0 = unchanged)." },
	{ "AUDIO_CODEC", "audio", RC_KEY_TYPE_ENUM, "aac", 0, 0, CHOICES("aac", "pcmu", "pcma"),
	  C_RTSP | C_ONVIF | C_WEB, F_NEW, NULL,
	  "Audio codec: aac, or G.711 pcmu/pcma (8 kHz mono), which several NVRs expect." },

	/* --- Recording --- */
	{ "RECORD_ENABLE", "recording", RC_KEY_TYPE_BOOL, "yes", 0, 0, YESNO, C_REC | C_WEB, 0,
	  NULL,
	  "Record the stream to segments (the reference's daemons defaulted to yes, its UI "
	  "showed no)." },
	{ "RECORD_DIR", "recording", RC_KEY_TYPE_PATH, "/var/cache/rpi-cam/recordings", 0, 0, NULL,
	  C_REC | C_WEB, 0, NULL, "Segment directory (files rec_YYYYmmdd_HHMMSS.ts)." },
	{ "SEGMENT_SECONDS", "recording", RC_KEY_TYPE_INT, "300", 2, 3600, NULL, C_REC | C_WEB, 0,
	  NULL, "Segment length in seconds (cut on the next keyframe)." },
	{ "MIN_FREE_DISK_MB", "recording", RC_KEY_TYPE_INT, "1000", 0, 10000000, NULL,
	  C_REC | C_WEB, 0, NULL,
	  "Delete the oldest unlocked segments to keep this much free space (0 = off)." },
	{ "MAX_DISK_MB", "recording", RC_KEY_TYPE_INT, "0", 0, 100000000, NULL, C_REC | C_WEB, 0,
	  NULL, "Maximum size of RECORD_DIR in MB (0 = unlimited)." },
	{ "SNAPSHOTS_DIR", "recording", RC_KEY_TYPE_PATH, "/var/snapshots", 0, 0, NULL, C_WEB, 0,
	  NULL, "Where saved snapshots go." },
	{ "LOG_MAX_SIZE_MB", "recording", RC_KEY_TYPE_INT, "10", 1, 1000, NULL, C_REC | C_WEB, 0,
	  NULL, "Log files above this size are truncated to their last lines." },
	{ "PRUNE_CHECK_INTERVAL", "recording", RC_KEY_TYPE_INT, "60", 5, 3600, NULL, C_REC, 0, NULL,
	  "Seconds between disk-space checks." },
	{ "WEBMANAGER_PORT", "recording", RC_KEY_TYPE_INT, "5000", 1, 65535, NULL, C_REC | C_WEB, 0,
	  NULL, "Port of the web manager." },

	/* --- Camera behaviour --- */
	{ "CAMERA_AUTOFOCUS", "camera", RC_KEY_TYPE_ENUM, "yes", 0, 0, CHOICES("yes", "no", "auto"),
	  C_RTSP | C_WEB, 0, NULL, "Autofocus at start (cameras that have it)." },
	{ "CAMERA_PROFILES_ENABLED", "camera", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_WEB, 0, NULL,
	  "Run the day/night camera profile scheduler." },
	{ "CAMERA_PROFILES_FILE", "camera", RC_KEY_TYPE_PATH, "/etc/rpi-cam/camera_profiles.json",
	  0, 0, NULL, C_WEB, 0, NULL, "Camera profiles file." },

	/* --- Relay (ONVIF DeviceIO) --- */
	{ "RELAY_ENABLE", "relay", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_ONVIF | C_WEB, 0, NULL,
	  "Expose a relay output over ONVIF." },
	{ "RELAY_GPIO_PIN", "relay", RC_KEY_TYPE_INT, "0", 0, 53, NULL, C_ONVIF | C_WEB, 0, NULL,
	  "GPIO line (BCM numbering)." },
	{ "RELAY_GPIO_CHIP", "relay", RC_KEY_TYPE_STRING, "gpiochip0", 0, 0, NULL, C_ONVIF | C_WEB,
	  0, NULL, "GPIO chip." },
	{ "RELAY_ACTIVE_HIGH", "relay", RC_KEY_TYPE_BOOL, "true", 0, 0, TRUEFALSE, C_ONVIF | C_WEB,
	  0, NULL, "Relay polarity." },
	{ "RELAY_OUTPUT_NAME", "relay", RC_KEY_TYPE_STRING, "RelayOutput", 0, 0, NULL,
	  C_ONVIF | C_WEB, 0, NULL, "Display name of the relay." },
	{ "RELAY_OUTPUT_TOKEN", "relay", RC_KEY_TYPE_STRING, "RelayOutput1", 0, 0, NULL,
	  C_ONVIF | C_WEB, 0, NULL, "ONVIF token of the relay." },

	/* --- Meeting --- */
	{ "MEETING_ENABLED", "meeting", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_WEB | C_TUN, 0, NULL,
	  "Meeting heartbeat (used when meeting.json does not exist)." },
	{ "MEETING_API_URL", "meeting", RC_KEY_TYPE_STRING, "https://meeting.ygsoft.fr/api", 0, 0,
	  NULL, C_WEB | C_ONVIF | C_TUN, 0, NULL, "Meeting API base URL." },
	{ "MEETING_DEVICE_KEY", "meeting", RC_KEY_TYPE_STRING, "", 0, 0, NULL,
	  C_WEB | C_ONVIF | C_TUN, F_EMPTY, NULL, "Meeting device key." },
	{ "MEETING_TOKEN_CODE", "meeting", RC_KEY_TYPE_PASSWORD, "", 0, 0, NULL,
	  C_WEB | C_ONVIF | C_TUN, F_EMPTY | F_SECRET, NULL, "Meeting token." },
	{ "MEETING_HEARTBEAT_INTERVAL", "meeting", RC_KEY_TYPE_INT, "60", 10, 300, NULL, C_WEB, 0,
	  NULL, "Heartbeat period in seconds." },
	{ "MEETING_PROVISIONED", "meeting", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_WEB | C_ONVIF, 0,
	  NULL, "Device provisioned on Meeting." },

	/* --- Network and system --- */
	{ "NETWORK_MODE", "system", RC_KEY_TYPE_ENUM, "dhcp", 0, 0, CHOICES("dhcp", "static"),
	  C_WEB, 0, NULL, "Stored network mode (NetworkManager holds the real configuration)." },
	{ "NETWORK_STATIC_IP", "system", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_WEB, F_EMPTY, NULL,
	  "Stored static address a.b.c.d/nn." },
	{ "NETWORK_GATEWAY", "system", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_WEB, F_EMPTY, NULL,
	  "Stored gateway." },
	{ "NETWORK_DNS", "system", RC_KEY_TYPE_STRING, "8.8.8.8", 0, 0, NULL, C_WEB, F_EMPTY, NULL,
	  "Stored DNS server." },
	{ "NETWORK_INTERFACE_PRIORITY", "system", RC_KEY_TYPE_LIST, "eth0,wlan1,wlan0", 0, 0, NULL,
	  C_WEB | C_ONVIF, 0, NULL,
	  "Preferred interfaces, in order, for advertised URLs and route metrics." },
	{ "WIFI_MANUAL_OVERRIDE", "system", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_WEB, 0, NULL,
	  "Disable automatic WiFi/Ethernet failover." },
	{ "SNMP_ENABLED", "system", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_WEB, 0, NULL,
	  "SNMP traps." },
	{ "SNMP_SERVER_HOST", "system", RC_KEY_TYPE_STRING, "", 0, 0, NULL, C_WEB, F_EMPTY, NULL,
	  "SNMP trap receiver." },
	{ "SNMP_SERVER_PORT", "system", RC_KEY_TYPE_INT, "162", 1, 65535, NULL, C_WEB, 0, NULL,
	  "SNMP trap port." },
	{ "DEBUG_MODE", "system", RC_KEY_TYPE_BOOL, "no", 0, 0, YESNO, C_WEB, 0, NULL,
	  "Expose the debug tools." },
	{ "GST_DEBUG_LEVEL", "system", RC_KEY_TYPE_ENUM, "2", 0, 0,
	  CHOICES("0", "1", "2", "3", "4", "5", "6"), C_RTSP | C_REC | C_WEB, 0, NULL,
	  "GStreamer debug level (GST_DEBUG)." },
	{ "LOG_DIR", "system", RC_KEY_TYPE_PATH, "/var/log/rpi-cam", 0, 0, NULL, RC_COMPONENT_ALL,
	  0, NULL, "Log directory." },
	{ "LOG_FILE", "system", RC_KEY_TYPE_PATH, "", 0, 0, NULL, C_RTSP | C_WD, F_EMPTY, NULL,
	  "Log file of the RTSP service; empty = LOG_DIR/rpi_av_rtsp_recorder.log." },
	{ "LOG_LEVEL", "system", RC_KEY_TYPE_ENUM, "info", 0, 0,
	  CHOICES("error", "warning", "info", "debug"), RC_COMPONENT_ALL, F_NEW, NULL,
	  "Log level of every daemon." },

	/* --- Watchdog --- */
	{ "CHECK_INTERVAL", "watchdog", RC_KEY_TYPE_INT, "30", 5, 3600, NULL, C_WD, 0, NULL,
	  "Seconds between health checks." },
	{ "RTSP_SERVICE", "watchdog", RC_KEY_TYPE_STRING, "rpi-av-rtsp-recorder", 0, 0, NULL, C_WD,
	  0, NULL, "Unit restarted when the stream is unhealthy." },
	{ "RECORDER_SERVICE", "watchdog", RC_KEY_TYPE_STRING, "rtsp-recorder", 0, 0, NULL, C_WD, 0,
	  NULL, "Recorder unit." },
	{ "MAX_FAILURES", "watchdog", RC_KEY_TYPE_INT, "3", 1, 100, NULL, C_WD, 0, NULL,
	  "Consecutive failed checks before a restart." },
	{ "CAMERA_WAIT_TIME", "watchdog", RC_KEY_TYPE_INT, "10", 0, 600, NULL, C_WD, 0, NULL,
	  "Seconds to wait after a camera reappears." },
	{ "ALSA_ERROR_THRESHOLD", "watchdog", RC_KEY_TYPE_INT, "50", 1, 10000, NULL, C_WD, 0, NULL,
	  "ALSA errors in the recent log that trigger a restart." },
};

const gsize rc_config_schema_table_len = G_N_ELEMENTS(rc_config_schema_table);
