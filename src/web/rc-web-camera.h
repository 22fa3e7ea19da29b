/* rc-web-camera: the reference's camera/audio detection answers, built from
 * the hardware description the RTSP daemon probed (its ipc "hardware":
 * V4L2 ioctls, libcamera, /proc/asound, no process spawned).
 *
 * Pure: JSON in, JSON out, unit-tested with the recorded fixtures of real
 * cameras (tests/fixtures/hw).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

/* Frames smaller than this are no use for a camera stream (reference). */
#define RC_WEB_CAMERA_MIN_SIZE 32

/* /api/detect/cameras: [{device, type:"USB"|"CSI", name, driver}]; the
 * Pi's ISP/codec/unicam nodes are left out. (transfer full) */
JsonArray *rc_web_camera_list(JsonObject *hw);

/* /api/detect/audio: [{device:"plughw:<card>,<device>", name, usb}].
 * (transfer full) */
JsonArray *rc_web_camera_audio(JsonObject *hw);

/* /api/camera/formats for @device (NULL, "" or "auto": VIDEOIN_DEVICE, else
 * the first camera): {device, formats:[{format, description, resolutions:
 * [{width, height, framerates:[…]}]}], camera_type:{type, device, name,
 * driver}, encoder:{available, type, device, max_width, max_height},
 * current:{width, height, fps, format}}; resolutions by area then frame rate,
 * both descending. NULL when there is no such camera. (transfer full) */
JsonObject *rc_web_camera_formats(JsonObject *hw, const char *device, RcConfig *config);

G_END_DECLS
