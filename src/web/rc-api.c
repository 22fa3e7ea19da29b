/* rc-api: registration of every API area. See rc-api.h. */
#include "rc-api.h"

void
rc_api_register_all(RcWebServer *server)
{
	rc_api_auth_register(server);
	rc_api_status_register(server);
	rc_api_config_register(server);
	rc_api_services_register(server);
	rc_api_logs_register(server);
	rc_api_system_register(server);
	rc_api_camera_register(server);
}
