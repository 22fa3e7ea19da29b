/* rc-hw-probe: fills an RcHwInfo from the machine.
 *
 * V4L2 capture devices through ioctls (QUERYCAP, ENUM_FMT, ENUM_FRAMESIZES,
 * ENUM_FRAMEINTERVALS), ALSA capture cards from /proc/asound/cards and
 * /proc/asound/pcm, GStreamer elements from the registry and libcamera
 * cameras from the libcamerasrc device provider. No v4l2-ctl, arecord or
 * rpicam-hello subprocesses. The directories are parameters so that tests
 * (and the root prefix) can point them elsewhere.
 */
#pragma once

#include "rc-hw-info.h"

G_BEGIN_DECLS

/* The elements the pipeline builder may use; the probe checks each. */
extern const char *const rc_hw_probe_elements[];

/* V4L2 capture devices (video<N> nodes of @dev_dir) and the Pi's M2M
 * encoder, into @hw. A missing or empty directory is no camera, not an
 * error; devices that cannot be opened are skipped. */
void rc_hw_probe_v4l2(RcHwInfo *hw, const char *dev_dir);

/* ALSA capture cards from the "cards" and "pcm" files of @asound_dir
 * (/proc/asound). Missing files: no audio. */
void rc_hw_probe_alsa(RcHwInfo *hw, const char *asound_dir);

/* Pure parser behind rc_hw_probe_alsa(): @cards and @pcm are the texts of
 * /proc/asound/cards and /proc/asound/pcm (either may be NULL). Cards without
 * a capture PCM are left out. */
void rc_hw_probe_parse_alsa(RcHwInfo *hw, const char *cards, const char *pcm);

/* Available GStreamer elements and libcamera cameras (needs gst_init()). */
void rc_hw_probe_gst(RcHwInfo *hw);

/* Everything: V4L2 under @dev_dir, ALSA under @asound_dir, GStreamer.
 * (transfer full) */
RcHwInfo *rc_hw_probe(const char *dev_dir, const char *asound_dir);

G_END_DECLS
