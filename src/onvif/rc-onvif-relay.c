/* rc-onvif-relay: relay output on a GPIO line through the kernel uAPI v2.
 *
 * The reference shelled out to libgpiod v1 tools (gone in Debian 13) with a
 * sysfs fallback using raw pin numbers; the character device needs neither.
 */
#include "rc-onvif-relay.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <linux/gpio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "rc-paths.h"

struct _RcOnvifRelay {
	gboolean enabled;
	gchar *chip;
	guint pin;
	gboolean active_high;
	gchar *token;
	gboolean active;
	gboolean simulated;
	int line_fd; /* -1 until requested */
};

RcOnvifRelay *
rc_onvif_relay_new(void)
{
	RcOnvifRelay *self = g_new0(RcOnvifRelay, 1);

	self->line_fd = -1;
	self->chip = g_strdup("gpiochip0");
	self->token = g_strdup("RelayOutput1");
	self->active_high = TRUE;
	return self;
}

static void
rc_onvif_relay_release(RcOnvifRelay *self)
{
	if (self->line_fd >= 0)
		close(self->line_fd);
	self->line_fd = -1;
}

void
rc_onvif_relay_free(RcOnvifRelay *self)
{
	if (self == NULL)
		return;
	rc_onvif_relay_release(self);
	g_free(self->chip);
	g_free(self->token);
	g_free(self);
}

gboolean
rc_onvif_relay_chip_name_is_valid(const char *chip)
{
	if (chip == NULL || chip[0] == '\0' || strlen(chip) > 32 || chip[0] == '.')
		return FALSE;
	for (const char *p = chip; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_')
			return FALSE;
	}
	return TRUE;
}

void
rc_onvif_relay_configure(RcOnvifRelay *self, RcConfig *config)
{
	const char *chip = rc_config_get(config, "RELAY_GPIO_CHIP");
	const char *token = rc_config_get(config, "RELAY_OUTPUT_TOKEN");
	guint pin = (guint)CLAMP(rc_config_get_int(config, "RELAY_GPIO_PIN", 0), 0, 1023);
	gboolean active_high = rc_config_get_bool(config, "RELAY_ACTIVE_HIGH", TRUE);

	if (!rc_onvif_relay_chip_name_is_valid(chip))
		chip = "gpiochip0";
	if (g_strcmp0(chip, self->chip) != 0 || pin != self->pin ||
	    active_high != self->active_high)
		rc_onvif_relay_release(self);
	self->enabled = rc_config_get_bool(config, "RELAY_ENABLE", FALSE);
	g_free(self->chip);
	self->chip = g_strdup(chip);
	self->pin = pin;
	self->active_high = active_high;
	g_free(self->token);
	self->token = g_strdup(token != NULL && token[0] != '\0' ? token : "RelayOutput1");
	if (!self->enabled) {
		rc_onvif_relay_release(self);
	} else if (self->line_fd < 0) {
		g_autofree gchar *dev = g_strconcat("/dev/", self->chip, NULL);
		g_autofree gchar *path = rc_paths_resolve(dev);

		self->simulated =
			rc_paths_root()[0] != '\0' && !g_file_test(path, G_FILE_TEST_EXISTS);
	}
}

gboolean
rc_onvif_relay_is_enabled(RcOnvifRelay *self)
{
	return self->enabled;
}

const char *
rc_onvif_relay_get_token(RcOnvifRelay *self)
{
	return self->token;
}

gboolean
rc_onvif_relay_get_active(RcOnvifRelay *self)
{
	return self->active;
}

gboolean
rc_onvif_relay_is_simulated(RcOnvifRelay *self)
{
	return self->simulated;
}

/* Requests the line as an output at level @level. */
static gboolean
rc_onvif_relay_request(RcOnvifRelay *self, gboolean level, GError **error)
{
	g_autofree gchar *dev = g_strconcat("/dev/", self->chip, NULL);
	g_autofree gchar *path = rc_paths_resolve(dev);
	struct gpio_v2_line_request req;
	int chip_fd;
	int saved;

	chip_fd = open(path, O_RDWR | O_CLOEXEC);
	if (chip_fd < 0) {
		saved = errno;
		if (saved == ENOENT && rc_paths_root()[0] != '\0') {
			/* No such chip under a root prefix (demo, tests): simulate.
			 * In production a missing chip is a configuration error. */
			self->simulated = TRUE;
			return TRUE;
		}
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved), "opening '%s': %s",
			    path, g_strerror(saved));
		return FALSE;
	}
	memset(&req, 0, sizeof(req));
	req.offsets[0] = self->pin;
	req.num_lines = 1;
	g_strlcpy(req.consumer, "rpi-cam-onvif relay", sizeof(req.consumer));
	req.config.flags = GPIO_V2_LINE_FLAG_OUTPUT;
	req.config.num_attrs = 1;
	req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
	req.config.attrs[0].attr.values = level ? 1 : 0;
	req.config.attrs[0].mask = 1;
	if (ioctl(chip_fd, GPIO_V2_GET_LINE_IOCTL, &req) < 0) {
		saved = errno;
		close(chip_fd);
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved),
			    "requesting line %u of '%s': %s", self->pin, path, g_strerror(saved));
		return FALSE;
	}
	close(chip_fd);
	self->line_fd = req.fd;
	self->simulated = FALSE;
	return TRUE;
}

gboolean
rc_onvif_relay_set_active(RcOnvifRelay *self, gboolean active, GError **error)
{
	gboolean level = self->active_high ? active : !active;
	struct gpio_v2_line_values values = { 0 };

	if (self->line_fd < 0) {
		if (!rc_onvif_relay_request(self, level, error))
			return FALSE;
		self->active = active;
		return TRUE;
	}
	values.bits = level ? 1 : 0;
	values.mask = 1;
	if (ioctl(self->line_fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &values) < 0) {
		int saved = errno;

		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(saved),
			    "setting line %u of %s: %s", self->pin, self->chip, g_strerror(saved));
		return FALSE;
	}
	self->active = active;
	return TRUE;
}
