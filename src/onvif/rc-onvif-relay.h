/* rc-onvif-relay: the relay output (RELAY_* in config.env) on a GPIO line.
 *
 * The line is driven through the kernel GPIO character device (uAPI v2:
 * GPIO_V2_GET_LINE_IOCTL / GPIO_V2_LINE_SET_VALUES_IOCTL on
 * /dev/<RELAY_GPIO_CHIP>), requested on first use and held while the daemon
 * runs, so the relay keeps its state. Under a root prefix (the demo, tests)
 * a chip that does not exist is simulated: the state is kept in memory and
 * reported as such in the daemon status. In production it is an error.
 */
#pragma once

#include <glib.h>

#include "rc-config.h"

G_BEGIN_DECLS

typedef struct _RcOnvifRelay RcOnvifRelay;

RcOnvifRelay *rc_onvif_relay_new(void);
/* Releases the line. */
void rc_onvif_relay_free(RcOnvifRelay *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RcOnvifRelay, rc_onvif_relay_free)

/* Takes RELAY_ENABLE, RELAY_GPIO_CHIP, RELAY_GPIO_PIN, RELAY_ACTIVE_HIGH and
 * RELAY_OUTPUT_TOKEN from @config. A changed chip, pin or polarity
 * releases the line (it is requested again on the next change). */
void rc_onvif_relay_configure(RcOnvifRelay *self, RcConfig *config);

gboolean rc_onvif_relay_is_enabled(RcOnvifRelay *self);
/* (transfer none) */
const char *rc_onvif_relay_get_token(RcOnvifRelay *self);
/* The logical state last set (inactive at start). */
gboolean rc_onvif_relay_get_active(RcOnvifRelay *self);
/* TRUE when no GPIO chip is driven (state only in memory). */
gboolean rc_onvif_relay_is_simulated(RcOnvifRelay *self);

/* Sets the logical state: the physical level is @active XOR active-low.
 * Fails (G_IO_ERROR) when the line cannot be requested or set. */
gboolean rc_onvif_relay_set_active(RcOnvifRelay *self, gboolean active, GError **error);

/* "gpiochip0" -> TRUE; anything with a path separator or odd characters
 * -> FALSE (the name is joined to /dev). */
gboolean rc_onvif_relay_chip_name_is_valid(const char *chip);

G_END_DECLS
