/* Unit tests for the pure pipeline builder (rc-pipeline*.c): a table of
 * (recorded hardware, config.env text) -> what the launch description must
 * and must not contain, which warning it gives or which error it fails with.
 * Hardware comes from tests/fixtures/hw/ (real cameras' V4L2/libcamera lists). */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rc-build-config.h"
#include "rc-config.h"
#include "rc-pipeline-config.h"
#include "rc-pipeline.h"

#define S(...) ((const char *const[]){ __VA_ARGS__, NULL })

typedef struct {
	const char *name;
	const char *fixtures; /* comma list of tests/fixtures/hw/<name>.json, merged */
	const char *drop;     /* comma list of elements to remove from the hardware */
	const char *config;   /* config.env text */
	const char *const *must;
	const char *const *must_not;
	const char *warning;  /* substring of one warning */
	const char *decision; /* substring of one decision */
	const char *error;    /* substring of the error: the build must fail */
	const char *encoder;  /* expected encoder, "-" for none */
	const char *audio;    /* expected audio codec, "-" for none */
} Case;

static const Case cases[] = {
	/* --- USB: Logitech C920 (H264 + MJPG + YUYV) --- */
	{ "usb/c920-auto-passthrough", "c920", NULL, "VIDEOIN_WIDTH=640\nVIDEOIN_HEIGHT=480\n",
	  S("v4l2src device=\"/dev/video0\" ! video/x-h264,width=640,height=480,framerate=15/1 ! "
	    "h264parse config-interval=-1 ! rtph264pay name=pay0 pt=96 config-interval=-1",
	    "alsasrc device=\"plughw:1,0\""),
	  S("x264enc", "videoscale", "avdec_mjpeg"), NULL, "H264 passthrough", NULL, "-", "aac" },
	{ "usb/c920-overlay-uses-mjpeg", "c920", NULL,
	  "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\nVIDEO_OVERLAY_ENABLE=yes\n"
	  "VIDEO_OVERLAY_TEXT=Door\n",
	  S("image/jpeg,width=1280,height=720,framerate=30/1 ! avdec_mjpeg", "textoverlay",
	    "x264enc name=venc", "key-int-max=30", "bitrate=1200"),
	  S("video/x-h264,width"), NULL, "H264 from the camera not used", NULL, "x264enc", "aac" },
	{ "usb/c920-scaling-uses-mjpeg", "c920", NULL,
	  "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOOUT_WIDTH=640\nVIDEOOUT_HEIGHT=360\n",
	  S("image/jpeg,width=1280,height=720,framerate=15/1",
	    "videoscale ! video/x-raw,width=640,height=360"),
	  S("videorate", "video/x-h264,width"), NULL, "scaling 1280x720", NULL, "x264enc", "aac" },
	{ "usb/c920-forced-yuyv-closest-rate", "c920", NULL,
	  "VIDEOIN_FORMAT=YUYV\nVIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\n",
	  S("video/x-raw,format=YUY2,width=1280,height=720,framerate=10/1",
	    "videorate ! video/x-raw,framerate=30/1"),
	  S("videoscale", "image/jpeg"), "capturing 1280x720@10/1", "VIDEOIN_FORMAT=YUYV", NULL,
	  "x264enc", "aac" },
	{ "usb/c920-forced-yuyv-fractional-rate", "c920", NULL,
	  "VIDEO_FORMAT=yuy2\nVIDEOIN_WIDTH=1600\nVIDEOIN_HEIGHT=896\nVIDEOIN_FPS=5\n",
	  S("format=YUY2,width=1600,height=896,framerate=5/1"), S("videorate"), NULL, NULL, NULL,
	  "x264enc", "aac" },
	{ "usb/c920-forced-h264-scaling-refused", "c920", NULL,
	  "VIDEOIN_FORMAT=H264\nVIDEOOUT_WIDTH=320\nVIDEOOUT_HEIGHT=240\n",
	  S("video/x-h264,width=640,height=480,framerate=15/1 ! h264parse config-interval=-1"),
	  S("videoscale", "x264enc"), "VIDEOOUT 320x240@15 ignored", NULL, NULL, "-", "aac" },
	{ "usb/c920-forced-h264-overlay-refused", "c920", NULL,
	  "VIDEOIN_FORMAT=H264\nVIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_SHOW_DATETIME=yes\n",
	  S("video/x-h264"), S("clockoverlay", "textoverlay"), "H264 passthrough: overlay disabled",
	  NULL, NULL, "-", "aac" },
	{ "usb/c920-openh264-when-no-x264", "c920", "x264enc", "VIDEOIN_FORMAT=MJPG\n",
	  S("openh264enc name=venc bitrate=1200000 gop-size=30"), NULL, NULL, NULL, NULL,
	  "openh264enc", "aac" },
	{ "usb/c920-no-encoder", "c920", "x264enc,openh264enc", "VIDEOIN_FORMAT=MJPG\n", NULL, NULL,
	  NULL, NULL, "no H.264 encoder", NULL, NULL },
	{ "usb/c920-jpegdec-fallback", "c920", "avdec_mjpeg", "VIDEOIN_FORMAT=MJPG\n",
	  S("image/jpeg,width=640,height=480,framerate=15/1 ! jpegdec"), NULL, NULL, NULL, NULL,
	  "x264enc", "aac" },
	{ "usb/c920-wrong-device-falls-back", "c920", NULL, "VIDEOIN_DEVICE=/dev/video4\n",
	  S("v4l2src device=\"/dev/video0\""), NULL, "VIDEOIN_DEVICE /dev/video4 is not", NULL,
	  NULL, "-", "aac" },
	{ "usb/x264-qp-and-profile", "c920", NULL,
	  "VIDEOIN_FORMAT=MJPG\nH264_QP=25\nH264_PROFILE=main\nH264_KEYINT=60\n",
	  S("key-int-max=60", "pass=quant quantizer=25", "! video/x-h264,profile=main"), NULL, NULL,
	  "H264_QP=25", NULL, "x264enc", "aac" },
	{ "usb/x264-vbr", "c920", NULL, "VIDEOIN_FORMAT=MJPG\nH264_BITRATE_MODE=vbr\n",
	  S("pass=qual"), S("pass=quant"), NULL, NULL, NULL, "x264enc", "aac" },

	/* --- USB: Microsoft LifeCam HD-3000 (MJPG + YUYV) on a Pi 4 --- */
	{ "usb/lifecam-mjpeg-hw-encoder", "lifecam-hd3000", NULL,
	  "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\n",
	  S("image/jpeg,width=1280,height=720,framerate=30/1 ! avdec_mjpeg",
	    "video/x-raw,format=I420 ! v4l2h264enc name=venc extra-controls=\"controls,"
	    "repeat_sequence_header=1,video_bitrate=1200000,video_bitrate_mode=1,"
	    "h264_i_frame_period=30\" ! video/x-h264,level=(string)4",
	    "alsasrc device=\"plughw:2,0\""),
	  S("x264enc"), NULL, "v4l2h264enc (hardware)", NULL, "v4l2h264enc", "aac" },
	{ "usb/lifecam-h264-not-offered", "lifecam-hd3000", NULL, "VIDEOIN_FORMAT=H264\n",
	  S("image/jpeg,width=640,height=480"), S("video/x-h264,width"),
	  "VIDEOIN_FORMAT=H264 is not offered", NULL, NULL, "v4l2h264enc", "aac" },
	{ "usb/lifecam-hw-encoder-keys", "lifecam-hd3000", NULL,
	  "H264_BITRATE_MODE=vbr\nH264_KEYINT=60\nH264_PROFILE=high\nH264_QP=25\n"
	  "H264_BITRATE_KBPS=2000\n",
	  S("video_bitrate=2000000", "video_bitrate_mode=0", "h264_i_frame_period=60",
	    "h264_minimum_qp_value=25,h264_maximum_qp_value=25", "profile=(string)high"),
	  NULL, NULL, NULL, NULL, "v4l2h264enc", "aac" },
	{ "usb/lifecam-1080p60-closest-and-level", "lifecam-hd3000", NULL,
	  "VIDEOIN_WIDTH=1920\nVIDEOIN_HEIGHT=1080\nVIDEOIN_FPS=60\n",
	  S("image/jpeg,width=1280,height=720,framerate=30/1",
	    "videoscale ! videorate ! video/x-raw,width=1920,height=1080,framerate=60/1",
	    "level=(string)4.2"),
	  NULL, "does not offer MJPG 1920x1080@60", NULL, NULL, "v4l2h264enc", "aac" },
	{ "usb/lifecam-overlay-tokens", "lifecam-hd3000", NULL,
	  "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\nVIDEO_OVERLAY_ENABLE=yes\n"
	  "VIDEO_OVERLAY_TEXT=\"{CAMERA_TYPE} {VIDEO_DEVICE} {VIDEO_RESOLUTION} {VIDEO_FPS} "
	  "{VIDEO_FORMAT} {UNKNOWN}\"\nVIDEO_OVERLAY_POSITION=bottom-left\n",
	  S("textoverlay text=\"usb /dev/video0 1280x720 30 MJPG {UNKNOWN}\" valignment=bottom "
	    "halignment=left shaded-background=true font-desc=\"Sans 24\""),
	  S("clockoverlay"), NULL, NULL, NULL, "v4l2h264enc", "aac" },
	{ "usb/lifecam-hw-encoder-broken", "lifecam-hd3000", "v4l2h264enc_usable", "", S("x264enc"),
	  S("v4l2h264enc name"), NULL, "v4l2h264enc present but not usable", NULL, "x264enc",
	  "aac" },

	/* --- CSI through libcamera --- */
	{ "csi/v1-auto", "picam-v1", NULL,
	  "VIDEOIN_WIDTH=1296\nVIDEOIN_HEIGHT=972\nVIDEOIN_FPS=20\n",
	  S("libcamerasrc camera-name=\"/base/soc/i2c0mux/i2c@1/ov5647@36\" ! "
	    "video/x-raw,width=1296,height=972,framerate=20/1",
	    "v4l2h264enc name=venc"),
	  S("v4l2src", "alsasrc"), NULL, "CSI camera", NULL, "v4l2h264enc", "-" },
	{ "csi/v2-auto", "picam-v2", NULL, "", S("imx219@10", "v4l2h264enc"), S("v4l2src"), NULL,
	  NULL, NULL, "v4l2h264enc", "-" },
	{ "csi/v3-pi5-software-encoder", "picam-v3-pi5", NULL,
	  "VIDEOIN_WIDTH=1536\nVIDEOIN_HEIGHT=864\nVIDEOIN_FPS=30\n",
	  S("libcamerasrc camera-name=\"/base/axi/pcie@120000/rp1/i2c@88000/imx708@1a\"",
	    "x264enc name=venc"),
	  S("v4l2h264enc", "v4l2src"), NULL, NULL, NULL, "x264enc", "-" },
	{ "csi/forced-on-usb-only", "c920", NULL, "CAMERA_TYPE=csi\n", NULL, NULL, NULL, NULL,
	  "CAMERA_TYPE=csi but no CSI camera", NULL, NULL },
	{ "csi/libcamera-synonym", "c920,picam-v2", NULL, "CAMERA_TYPE=libcamera\n",
	  S("libcamerasrc"), S("v4l2src"), NULL, "CAMERA_TYPE=csi", NULL, NULL, NULL },
	{ "csi/usb-first-in-auto", "c920,picam-v2", NULL, "", S("v4l2src"), S("libcamerasrc"), NULL,
	  NULL, NULL, NULL, NULL },
	{ "csi/usb-disabled-legacy", "c920,picam-v2", NULL, "USB_ENABLE=no\n", S("libcamerasrc"),
	  S("v4l2src"), NULL, NULL, NULL, NULL, NULL },
	{ "csi/csi-disabled-no-camera", "picam-v2", NULL, "CSI_ENABLE=no\n", NULL, NULL, NULL, NULL,
	  "no camera detected", NULL, NULL },
	{ "csi/usb-yes-without-probe", "picam-v2", NULL, "USB_ENABLE=yes\n",
	  S("v4l2src device=\"/dev/video0\" ! videoconvert"), S("libcamerasrc"),
	  "no USB camera detected; trying /dev/video0", NULL, NULL, NULL, NULL },
	{ "csi/overlay-libcamera-mode", "picam-v2", NULL,
	  "VIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_SHOW_DATETIME=yes\nCSI_OVERLAY_MODE=libcamera\n",
	  S("clockoverlay"), NULL, NULL, "CSI_OVERLAY_MODE=libcamera", NULL, NULL, NULL },
	{ "csi/overlay-device-token", "picam-v2", NULL,
	  "VIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_TEXT=\"{CAMERA_TYPE}:{VIDEO_DEVICE}\"\n",
	  S("text=\"csi:CSI\""), NULL, NULL, NULL, NULL, NULL, NULL },
	{ "csi/no-libcamerasrc", "picam-v2", "libcamerasrc", "", NULL, NULL, NULL, NULL,
	  "libcamerasrc is not installed", NULL, NULL },
	{ "camera/nothing", NULL, NULL, "", NULL, NULL, NULL, NULL, "no camera detected", NULL,
	  NULL },

	/* --- audio --- */
	{ "audio/usb-before-onboard", "picam-v2,i2s-mic-pi4,usb-mic", NULL, "",
	  S("alsasrc device=\"plughw:1,0\""), NULL, NULL, "USB card 1", NULL, NULL, "aac" },
	{ "audio/name-pattern", "picam-v2,i2s-mic-pi4,usb-mic", NULL, "AUDIO_DEVICE_NAME=I2S\n",
	  S("alsasrc device=\"plughw:0,0\""), NULL, NULL, "matches AUDIO_DEVICE_NAME", NULL, NULL,
	  "aac" },
	{ "audio/explicit-missing-card", "picam-v2,usb-mic", NULL, "AUDIO_DEVICE=plughw:5,0\n",
	  S("alsasrc device=\"plughw:1,0\""), NULL, "no such capture card", NULL, NULL, NULL,
	  "aac" },
	{ "audio/explicit-by-id", "picam-v2,usb-mic", NULL, "AUDIO_DEVICE=hw:CARD=Device,DEV=0\n",
	  S("alsasrc device=\"hw:CARD=Device,DEV=0\""), NULL, NULL, NULL, NULL, NULL, "aac" },
	{ "audio/explicit-virtual", "picam-v2,usb-mic", NULL, "AUDIO_DEVICE=default\n",
	  S("alsasrc device=\"default\""), NULL, NULL, "used as configured", NULL, NULL, "aac" },
	{ "audio/explicit-unsafe", "picam-v2,usb-mic", NULL, "AUDIO_DEVICE='hw:1 ! fakesink'\n",
	  S("alsasrc device=\"plughw:1,0\""), S("fakesink"), "not an ALSA device name", NULL, NULL,
	  NULL, "aac" },
	{ "audio/required-but-absent", "picam-v1", NULL, "AUDIO_ENABLE=yes\n", NULL, S("alsasrc"),
	  "AUDIO_ENABLE=yes but no microphone", NULL, NULL, NULL, "-" },
	{ "audio/disabled", "c920", NULL, "AUDIO_ENABLE=no\n", NULL, S("alsasrc", "pay1"), NULL,
	  "AUDIO_ENABLE=no", NULL, NULL, "-" },
	{ "audio/settings", "c920", NULL,
	  "AUDIO_RATE=44100\nAUDIO_CHANNELS=2\nAUDIO_BITRATE_KBPS=128\nAUDIO_GAIN=2.5\n",
	  S("volume volume=2.500 ! audioresample ! audio/x-raw,rate=44100,channels=2 ! voaacenc "
	    "bitrate=128000 ! aacparse ! rtpmp4gpay name=pay1 pt=97"),
	  NULL, NULL, NULL, NULL, NULL, "aac" },
	{ "audio/unity-gain-no-volume", "c920", NULL, "AUDIO_GAIN=1.0\n", NULL, S("volume volume"),
	  NULL, NULL, NULL, NULL, "aac" },
	{ "audio/pcmu", "c920", NULL, "AUDIO_CODEC=pcmu\n",
	  S("audio/x-raw,rate=8000,channels=1 ! mulawenc ! rtppcmupay name=pay1 pt=0"),
	  S("voaacenc"), NULL, "PCMU", NULL, NULL, "pcmu" },
	{ "audio/pcma", "c920", NULL, "AUDIO_CODEC=PCMA\n",
	  S("alawenc ! rtppcmapay name=pay1 pt=8"), NULL, NULL, NULL, NULL, NULL, "pcma" },
	{ "audio/aac-fallback-avenc", "c920", "voaacenc", "", S("avenc_aac bitrate=64000"), NULL,
	  NULL, NULL, NULL, NULL, "aac" },
	{ "audio/no-aac-encoder-pcmu", "c920", "voaacenc,avenc_aac", "", S("mulawenc"), NULL,
	  "no aac encoder installed: using pcmu", NULL, NULL, NULL, "pcmu" },
	{ "audio/no-encoder-at-all", "c920", "voaacenc,avenc_aac,mulawenc", "", NULL, S("pay1"),
	  "streaming video only", NULL, NULL, NULL, "-" },

	/* --- demo --- */
	{ "demo/defaults", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\n",
	  S("( videotestsrc is-live=true pattern=smpte ! video/x-raw,width=1280,height=720,"
	    "framerate=30/1 ! videoconvert ! clockoverlay time-format=\"%Y-%m-%d %H:%M:%S\" "
	    "valignment=bottom halignment=right",
	    "x264enc name=venc", "audiotestsrc is-live=true",
	    "voaacenc bitrate=64000 ! aacparse ! rtpmp4gpay name=pay1 pt=97 )"),
	  S("alsasrc", "videoscale", "videorate"), NULL, NULL, NULL, "x264enc", "aac" },
	{ "demo/videoout-size", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEOOUT_WIDTH=320\nVIDEOOUT_HEIGHT=240\nVIDEOOUT_FPS=10\n",
	  S("video/x-raw,width=320,height=240,framerate=10/1"), S("videoscale"), NULL, NULL, NULL,
	  "x264enc", "aac" },
	{ "demo/no-audio", "usb-mic", NULL, "STREAM_SOURCE_MODE=demo\nAUDIO_ENABLE=no\n", NULL,
	  S("audiotestsrc"), NULL, NULL, NULL, "x264enc", "-" },
	{ "demo/pcma", "usb-mic", NULL, "STREAM_SOURCE_MODE=demo\nAUDIO_CODEC=pcma\n",
	  S("audiotestsrc", "alawenc"), NULL, NULL, NULL, NULL, "x264enc", "pcma" },
	{ "demo/no-encoder", NULL, NULL, "STREAM_SOURCE_MODE=demo\n", NULL, NULL, NULL, NULL,
	  "no H.264 encoder", NULL, NULL },
	{ "demo/no-clockoverlay", "usb-mic", "clockoverlay", "STREAM_SOURCE_MODE=demo\n", NULL,
	  S("clockoverlay"), "clockoverlay is not installed", NULL, NULL, "x264enc", "aac" },

	/* --- substream --- */
	{ "substream/demo", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nSUBSTREAM_ENABLE=yes\n"
	  "SUBSTREAM_WIDTH=320\nSUBSTREAM_HEIGHT=180\nSUBSTREAM_FPS=5\n",
	  S("clockoverlay", "! tee name=subtee ! queue", "subtee. ! queue max-size-buffers=2",
	    "videoscale ! videorate ! video/x-raw,width=320,height=180,framerate=5/1 ! "
	    "intervideosink channel=rc-substream"),
	  S("avdec_h264"), NULL, "substream 320x180@5", NULL, "x264enc", "aac" },
	{ "substream/passthrough-decoded", "c920", NULL,
	  "SUBSTREAM_ENABLE=yes\nSUBSTREAM_BITRATE_KBPS=200\n",
	  S("h264parse config-interval=-1 ! tee name=subtee ! rtph264pay",
	    "subtee. ! queue max-size-buffers=2 max-size-time=0 max-size-bytes=0 leaky=downstream "
	    "! avdec_h264 ! videoconvert ! videoscale"),
	  S("x264enc name=venc tune"), NULL, "H264 passthrough", NULL, "-", "aac" },
	{ "substream/no-inter-elements", "usb-mic", "intervideosink",
	  "STREAM_SOURCE_MODE=demo\nSUBSTREAM_ENABLE=yes\n", NULL, S("tee name=subtee"),
	  "substream off", NULL, NULL, "x264enc", "aac" },
	{ "substream/off-by-default", "usb-mic", NULL, "STREAM_SOURCE_MODE=demo\n", NULL,
	  S("subtee", "intervideosink"), NULL, NULL, NULL, "x264enc", "aac" },

	/* --- overlay --- */
	{ "overlay/clock-format-position-font", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_SHOW_DATETIME=yes\n"
	  "VIDEO_OVERLAY_DATETIME_FORMAT=\"%d/%m/%Y "
	  "%H:%M\"\nVIDEO_OVERLAY_CLOCK_POSITION=top-right\n"
	  "VIDEO_OVERLAY_FONT_SIZE=18\n",
	  S("clockoverlay time-format=\"%d/%m/%Y %H:%M\" valignment=top halignment=right "
	    "shaded-background=true font-desc=\"Sans 18\""),
	  S("textoverlay"), NULL, NULL, NULL, NULL, NULL },
	{ "overlay/text-and-clock-same-corner", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_SHOW_DATETIME=yes\n"
	  "VIDEO_OVERLAY_TEXT=Gate\nVIDEO_OVERLAY_POSITION=bottom-right\n",
	  S("clockoverlay time-format=\"%Y-%m-%d %H:%M:%S\" text=\"Gate\" valignment=bottom"),
	  S("textoverlay"), NULL, NULL, NULL, NULL, NULL },
	{ "overlay/text-and-clock-two-corners", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_SHOW_DATETIME=yes\n"
	  "VIDEO_OVERLAY_TEXT=Gate\n",
	  S("clockoverlay time-format", "textoverlay text=\"Gate\" valignment=top halignment=left"),
	  NULL, NULL, NULL, NULL, NULL, NULL },
	{ "overlay/injection-quoted", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEO_OVERLAY_ENABLE=yes\n"
	  "VIDEO_OVERLAY_TEXT='a\" ! fakesink name=evil t=\"\\'\n"
	  "VIDEO_OVERLAY_DATETIME_FORMAT='%H\" ! identity \"'\nVIDEO_OVERLAY_SHOW_DATETIME=yes\n",
	  S("text=\"a\\\" ! fakesink name=evil t=\\\"\\\\ \"",
	    "time-format=\"%H\\\" ! identity \\\"\""),
	  NULL, NULL, NULL, NULL, NULL, NULL },
	{ "overlay/disabled-ignores-text", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=demo\nVIDEO_OVERLAY_ENABLE=no\nVIDEO_OVERLAY_TEXT=Gate\n", NULL,
	  S("textoverlay", "Gate"), NULL, NULL, NULL, NULL, NULL },

	/* --- RTSP proxy --- */
	{ "rtsp/proxy-tcp-masked", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=rtsp\nSTREAM_SOURCE_URL=rtsp://admin:s3cret@10.0.0.2:554/live\n"
	  "RTSP_PROXY_TRANSPORT=tcp\nRTSP_PROXY_LATENCY_MS=200\n",
	  S("rtspsrc location=\"rtsp://admin:s3cret@10.0.0.2:554/live\" latency=200 protocols=tcp "
	    "name=src src. ! application/x-rtp,media=video ! queue ! rtph264depay ! h264parse "
	    "config-interval=-1 ! rtph264pay name=pay0 pt=96 config-interval=-1 )"),
	  S("x264enc", "alsasrc", "rtpmp4gdepay"), NULL, "without re-encoding", NULL, "-", "-" },
	{ "rtsp/proxy-audio-yes", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=rtsp\nSTREAM_SOURCE_URL=rtsp://10.0.0.2/live\nRTSP_PROXY_AUDIO=yes\n",
	  S("src. ! application/x-rtp,media=audio ! queue ! rtpmp4gdepay ! aacparse ! rtpmp4gpay "
	    "name=pay1 pt=97"),
	  S("protocols="), NULL, NULL, NULL, "-", "aac" },
	{ "rtsp/proxy-overlay-and-scale-refused", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=rtsp\nSTREAM_SOURCE_URL=rtsp://10.0.0.2/live\n"
	  "VIDEO_OVERLAY_ENABLE=yes\nVIDEO_OVERLAY_TEXT=x\nVIDEOOUT_WIDTH=320\n",
	  NULL, S("textoverlay", "videoscale"), "RTSP proxy: overlay disabled", NULL, NULL, "-",
	  "-" },
	{ "rtsp/proxy-no-url", "usb-mic", NULL, "STREAM_SOURCE_MODE=rtsp\n", NULL, NULL, NULL, NULL,
	  "needs STREAM_SOURCE_URL", NULL, NULL },
	{ "rtsp/proxy-bad-url", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=rtsp\nSTREAM_SOURCE_URL=http://10.0.0.2/x\n", NULL, NULL, NULL, NULL,
	  "not a valid rtsp:// URL", NULL, NULL },

	/* --- MJPEG over HTTP, screen --- */
	{ "mjpeg/http", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=mjpeg\nSTREAM_SOURCE_URL=http://10.0.0.3/video.mjpg\n"
	  "VIDEOOUT_WIDTH=800\nVIDEOOUT_HEIGHT=600\n",
	  S("souphttpsrc location=\"http://10.0.0.3/video.mjpg\" is-live=true do-timestamp=true ! "
	    "multipartdemux ! image/jpeg ! jpegdec ! videoconvert ! videoscale ! videorate ! "
	    "video/x-raw,width=800,height=600,framerate=15/1",
	    "x264enc", "alsasrc device=\"plughw:1,0\""),
	  NULL, NULL, NULL, NULL, "x264enc", "aac" },
	{ "mjpeg/not-http", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=mjpeg\nSTREAM_SOURCE_URL=file:///etc/passwd\n", NULL, NULL, NULL,
	  NULL, "not a valid http:// URL", NULL, NULL },
	{ "screen/display", "usb-mic", NULL, "STREAM_SOURCE_MODE=screen\nSCREEN_DISPLAY=:1\n",
	  S("ximagesrc display-name=\":1\" use-damage=false ! video/x-raw,framerate=15/1"), NULL,
	  NULL, NULL, NULL, "x264enc", "aac" },
	{ "screen/unsafe-display", "usb-mic", NULL,
	  "STREAM_SOURCE_MODE=screen\nSCREEN_DISPLAY=':0 ! fakesink'\n", NULL, NULL, NULL, NULL,
	  "SCREEN_DISPLAY", NULL, NULL },
};

static gchar *
fixture_path(const char *name)
{
	const char *srcdir = g_getenv("RC_SOURCE_DIR");
	return g_build_filename(srcdir != NULL ? srcdir : RC_SOURCE_DIR, "tests", "fixtures", "hw",
				name, NULL);
}

/* Loads and merges the fixtures named in @list (NULL: no hardware at all). */
static RcHwInfo *
load_hw(const char *list, const char *drop)
{
	RcHwInfo *hw = rc_hw_info_new();
	g_auto(GStrv) names = g_strsplit(list != NULL ? list : "", ",", -1);
	for (guint i = 0; names[i] != NULL && *names[i] != '\0'; i++) {
		g_autofree gchar *file = g_strdup_printf("%s.json", names[i]);
		g_autofree gchar *path = fixture_path(file);
		g_autoptr(GError) error = NULL;
		g_autoptr(RcHwInfo) part = rc_hw_info_load(path, &error);
		g_assert_no_error(error);
		while (part->cameras->len > 0)
			g_ptr_array_add(hw->cameras, g_ptr_array_steal_index(part->cameras, 0));
		while (part->audio->len > 0)
			g_ptr_array_add(hw->audio, g_ptr_array_steal_index(part->audio, 0));
		GHashTableIter iter;
		gpointer key;
		g_hash_table_iter_init(&iter, part->elements);
		while (g_hash_table_iter_next(&iter, &key, NULL))
			rc_hw_info_add_element(hw, key);
		hw->v4l2h264enc_usable |= part->v4l2h264enc_usable;
	}
	g_auto(GStrv) dropped = g_strsplit(drop != NULL ? drop : "", ",", -1);
	for (guint i = 0; dropped[i] != NULL; i++) {
		/* Not an element: the hardware encoder exists but does not work. */
		if (g_strcmp0(dropped[i], "v4l2h264enc_usable") == 0)
			hw->v4l2h264enc_usable = FALSE;
		g_hash_table_remove(hw->elements, dropped[i]);
	}
	return hw;
}

static gboolean
array_contains(GPtrArray *array, const char *needle)
{
	for (guint i = 0; i < array->len; i++) {
		if (strstr(g_ptr_array_index(array, i), needle) != NULL)
			return TRUE;
	}
	return FALSE;
}

static void
dump(const RcPipeline *p)
{
	g_test_message("launch: %s", p->launch);
	for (guint i = 0; i < p->decisions->len; i++)
		g_test_message("decision: %s", (char *)g_ptr_array_index(p->decisions, i));
	for (guint i = 0; i < p->warnings->len; i++)
		g_test_message("warning: %s", (char *)g_ptr_array_index(p->warnings, i));
}

/* Quotes must pair up once escapes are skipped, or text escaped its string. */
static void
assert_quotes_balanced(const char *launch)
{
	gboolean in = FALSE;
	for (const char *p = launch; *p; p++) {
		if (in && *p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '"')
			in = !in;
	}
	g_assert_false(in);
}

static void
run_case(gconstpointer data)
{
	const Case *c = data;
	g_autoptr(RcHwInfo) hw = load_hw(c->fixtures, c->drop);
	g_autoptr(RcConfig) config = rc_config_parse(c->config, strlen(c->config), "config.env");
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_from_config(config, &error);
	g_assert_no_error(error);
	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, &error);

	if (c->error != NULL) {
		g_assert_null(p);
		g_assert_nonnull(error);
		g_test_message("error: %s", error->message);
		g_assert_nonnull(strstr(error->message, c->error));
		return;
	}
	g_assert_no_error(error);
	g_assert_nonnull(p);
	dump(p);
	g_assert_true(g_str_has_prefix(p->launch, "( "));
	g_assert_true(g_str_has_suffix(p->launch, " )"));
	/* Every client decodes: SPS/PPS before every keyframe. */
	g_assert_nonnull(strstr(p->launch, "rtph264pay name=pay0 pt=96 config-interval=-1"));
	g_assert_nonnull(strstr(p->launch, "h264parse config-interval=-1"));
	assert_quotes_balanced(p->launch);
	for (guint i = 0; c->must != NULL && c->must[i] != NULL; i++) {
		if (strstr(p->launch, c->must[i]) == NULL)
			g_error("launch lacks: %s", c->must[i]);
	}
	for (guint i = 0; c->must_not != NULL && c->must_not[i] != NULL; i++) {
		if (strstr(p->launch, c->must_not[i]) != NULL)
			g_error("launch has: %s", c->must_not[i]);
	}
	if (c->warning != NULL && !array_contains(p->warnings, c->warning))
		g_error("no warning: %s", c->warning);
	if (c->warning == NULL && p->warnings->len > 0)
		g_error("unexpected warning: %s", (char *)g_ptr_array_index(p->warnings, 0));
	if (c->decision != NULL && !array_contains(p->decisions, c->decision))
		g_error("no decision: %s", c->decision);
	if (c->encoder != NULL)
		g_assert_cmpstr(p->encoder != NULL ? p->encoder : "-", ==, c->encoder);
	if (c->audio != NULL)
		g_assert_cmpstr(p->audio_codec != NULL ? p->audio_codec : "-", ==, c->audio);
	if (strstr(p->launch, "s3cret") == NULL)
		g_assert_cmpstr(p->description, ==, p->launch);
}

static void
test_substream_launch(void)
{
	const char *text = "STREAM_SOURCE_MODE=demo\nSUBSTREAM_ENABLE=yes\nSUBSTREAM_WIDTH=320\n"
			   "SUBSTREAM_HEIGHT=180\nSUBSTREAM_FPS=5\nSUBSTREAM_BITRATE_KBPS=250\n";
	g_autoptr(RcHwInfo) hw = load_hw("lifecam-hd3000", NULL);
	g_autoptr(RcConfig) config = rc_config_parse(text, strlen(text), "config.env");
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_from_config(config, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, &error);
	g_assert_no_error(error);
	g_assert_nonnull(p->sub_launch);
	g_test_message("sub: %s", p->sub_launch);
	/* one-second GOP at the substream's rate, its own bitrate, the Pi encoder */
	g_assert_nonnull(strstr(p->sub_launch,
				"( intervideosrc channel=rc-substream timeout=2000000000 ! "
				"video/x-raw,width=320,height=180,framerate=5/1"));
	g_assert_nonnull(strstr(p->sub_launch, "video_bitrate=250000"));
	g_assert_nonnull(strstr(p->sub_launch, "h264_i_frame_period=5"));
	g_assert_nonnull(strstr(p->sub_launch, "rtph264pay name=pay0 pt=96 config-interval=-1 )"));
	g_assert_cmpstr(p->sub_encoder, ==, "v4l2h264enc");
	g_assert_cmpuint(p->sub_width, ==, 320);
	g_assert_cmpuint(p->sub_fps, ==, 5);
}

static void
test_proxy_password_masked(void)
{
	const char *text = "STREAM_SOURCE_MODE=rtsp\n"
			   "STREAM_SOURCE_URL=rtsp://admin:s3cret@10.0.0.2:554/live\n";
	g_autoptr(RcHwInfo) hw = load_hw("usb-mic", NULL);
	g_autoptr(RcConfig) config = rc_config_parse(text, strlen(text), "config.env");
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_from_config(config, NULL);
	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, NULL);

	g_assert_nonnull(strstr(p->launch, "s3cret"));
	g_assert_null(strstr(p->description, "s3cret"));
	g_assert_null(strstr(p->device, "s3cret"));
	g_assert_nonnull(strstr(p->description, "rtsp://admin:***@10.0.0.2:554/live"));
}

static void
test_csi_tuning(void)
{
	g_autoptr(RcHwInfo) hw = load_hw("picam-v2", NULL);
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_new();
	g_autofree gchar *dir = g_dir_make_tmp("rc-pipeline-XXXXXX", NULL);
	g_autofree gchar *path = g_build_filename(dir, "csi_tuning.json", NULL);
	g_autoptr(GPtrArray) skipped = NULL;
	g_autoptr(GError) error = NULL;
	const char *json = "{\"Brightness\": 0.25, \"AeEnable\": true, \"AwbMode\": 3,"
			   " \"ColourGains\": [1.5, 2.0], \"LensPosition\": 2.0,"
			   " \"Contrast\": \"1.2\"}";

	g_assert_true(g_file_set_contents(path, json, -1, NULL));
	g_assert_true(rc_pipeline_config_load_csi_tuning(cfg, path, &skipped, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(cfg->csi_tuning->len, ==, 4);
	g_assert_cmpuint(skipped->len, ==, 2); /* array and string values */

	g_autoptr(RcPipeline) p = rc_pipeline_build(cfg, hw, &error);
	g_assert_no_error(error);
	dump(p);
	g_assert_nonnull(
		strstr(p->launch, " brightness=0.25 ae-enable=1 awb-mode=3 ! video/x-raw"));
	g_assert_true(array_contains(p->warnings, "LensPosition cannot be applied at start"));

	/* Missing file: nothing added, no error. Bad JSON and huge files: errors. */
	g_autoptr(RcPipelineConfig) cfg2 = rc_pipeline_config_new();
	g_autofree gchar *missing = g_build_filename(dir, "nope.json", NULL);
	g_assert_true(rc_pipeline_config_load_csi_tuning(cfg2, missing, NULL, &error));
	g_assert_cmpuint(cfg2->csi_tuning->len, ==, 0);
	g_assert_true(g_file_set_contents(path, "[1,2]", -1, NULL));
	g_assert_false(rc_pipeline_config_load_csi_tuning(cfg2, path, NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_autofree gchar *huge = g_strnfill(RC_PIPELINE_MAX_TUNING_SIZE + 10, ' ');
	g_assert_true(g_file_set_contents(path, huge, -1, NULL));
	g_assert_false(rc_pipeline_config_load_csi_tuning(cfg2, path, NULL, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_clear_error(&error);
	g_assert_true(g_file_set_contents(path, "{\"Brightness\": ", -1, NULL));
	g_assert_false(rc_pipeline_config_load_csi_tuning(cfg2, path, NULL, &error));
	g_assert_nonnull(error);

	g_assert_cmpint(g_unlink(path), ==, 0);
	g_assert_cmpint(g_rmdir(dir), ==, 0);
}

static void
test_config_defaults_and_aliases(void)
{
	const char *text = "VIDEO_WIDTH=1296\nVIDEO_HEIGHT=972\nVIDEO_FPS=20\nOUTPUT_WIDTH=648\n"
			   "OUTPUT_HEIGHT=486\n";
	g_autoptr(RcConfig) config = rc_config_parse(text, strlen(text), "config.env");
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_from_config(config, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(cfg->in_width, ==, 1296);
	g_assert_cmpuint(cfg->in_height, ==, 972);
	g_assert_cmpuint(cfg->in_fps, ==, 20);
	g_assert_cmpuint(cfg->out_width, ==, 648);
	g_assert_cmpuint(cfg->out_height, ==, 486);
	g_assert_cmpuint(cfg->out_fps, ==, 0);
	g_assert_cmpint(cfg->source_mode, ==, RC_SOURCE_MODE_CAMERA);
	g_assert_cmpint(cfg->audio_codec, ==, RC_AUDIO_CODEC_AAC);
	g_assert_cmpuint(cfg->bitrate_kbps, ==, 1200);
	g_assert_cmpuint(cfg->keyint, ==, 30);
	g_assert_cmpuint(cfg->qp, ==, 0);
	g_assert_cmpstr(cfg->overlay_datetime_format, ==, "%Y-%m-%d %H:%M:%S");
	g_assert_cmpint(cfg->overlay_clock_position, ==, RC_POSITION_BOTTOM_RIGHT);
}

static void
test_config_errors(void)
{
	const char *text = "STREAM_SOURCE_MODE=bogus\nVIDEOIN_FPS=0\nH264_QP=77\n"
			   "AUDIO_GAIN=9\nAUDIO_CODEC=opus\nVIDEO_OVERLAY_POSITION=middle\n";
	g_autoptr(RcConfig) config = rc_config_parse(text, strlen(text), "config.env");
	g_autoptr(GError) error = NULL;
	g_autoptr(RcPipelineConfig) cfg = rc_pipeline_config_from_config(config, &error);

	g_assert_null(cfg);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
	g_test_message("%s", error->message);
	const char *expected[] = { "STREAM_SOURCE_MODE: 'bogus'",
				   "VIDEOIN_FPS: '0'",
				   "H264_QP: '77'",
				   "AUDIO_GAIN: '9'",
				   "AUDIO_CODEC: 'opus'",
				   "VIDEO_OVERLAY_POSITION: 'middle'" };
	for (gsize i = 0; i < G_N_ELEMENTS(expected); i++)
		g_assert_nonnull(strstr(error->message, expected[i]));
}

static void
test_quote(void)
{
	struct {
		const char *in;
		gsize max;
		const char *out;
	} q[] = {
		{ "plain", 100, "\"plain\"" },
		{ "a\"b", 100, "\"a\\\"b\"" },
		{ "back\\slash", 100, "\"back\\\\slash\"" },
		{ "end\\", 100, "\"end\\\\ \"" },
		{ "new\nline\ttab", 100, "\"new line tab\"" },
		{ "abcdef", 3, "\"abc\"" },
		{ "\xc3\xa9t\xc3\xa9", 2, "\"\xc3\xa9t\"" },
		{ "bad\xff", 100, "\"bad\xef\xbf\xbd\"" },
		{ NULL, 100, "\"\"" },
	};
	for (gsize i = 0; i < G_N_ELEMENTS(q); i++) {
		g_autofree gchar *out = rc_pipeline_quote(q[i].in, q[i].max);
		g_assert_cmpstr(out, ==, q[i].out);
	}
}

static void
test_enums(void)
{
	g_assert_cmpint(rc_source_mode_from_string(" Demo "), ==, RC_SOURCE_MODE_DEMO);
	g_assert_cmpint(rc_source_mode_from_string("x"), ==, RC_SOURCE_MODE_INVALID);
	g_assert_cmpstr(rc_source_mode_to_string(RC_SOURCE_MODE_RTSP), ==, "rtsp");
	g_assert_cmpint(rc_tristate_from_string(""), ==, RC_TRISTATE_AUTO);
	g_assert_cmpint(rc_tristate_from_string("TRUE"), ==, RC_TRISTATE_YES);
	g_assert_cmpint(rc_tristate_from_string("maybe"), ==, RC_TRISTATE_INVALID);
	g_assert_cmpint(rc_h264_profile_from_string("constrained baseline"), ==,
			RC_H264_PROFILE_CONSTRAINED_BASELINE);
	g_assert_cmpint(rc_h264_profile_from_string("extended"), ==, RC_H264_PROFILE_INVALID);
	g_assert_cmpint(rc_camera_type_from_string("libcamera"), ==, RC_CAMERA_TYPE_CSI);
	g_assert_cmpint(rc_camera_type_from_string("webcam"), ==, RC_CAMERA_TYPE_INVALID);
	g_assert_cmpstr(rc_pipeline_csi_control_property("AeEnable"), ==, "ae-enable");
	g_assert_null(rc_pipeline_csi_control_property("LensPosition"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree gchar *path = g_strdup_printf("/rtsp/pipeline/%s", cases[i].name);
		g_test_add_data_func(path, &cases[i], run_case);
	}
	g_test_add_func("/rtsp/pipeline/proxy-password-masked", test_proxy_password_masked);
	g_test_add_func("/rtsp/pipeline/substream-launch", test_substream_launch);
	g_test_add_func("/rtsp/pipeline/csi-tuning", test_csi_tuning);
	g_test_add_func("/rtsp/pipeline/config-defaults-aliases", test_config_defaults_and_aliases);
	g_test_add_func("/rtsp/pipeline/config-errors", test_config_errors);
	g_test_add_func("/rtsp/pipeline/quote", test_quote);
	g_test_add_func("/rtsp/pipeline/enums", test_enums);
	return g_test_run();
}
