/* test-onvif-media: Media (ver10) and Media2 handlers on real SOAP requests,
 * checked with XPath: profiles (create/delete persisted), configurations and
 * options from config.env, stream and snapshot URIs, and
 * SetVideoEncoderConfiguration writing config.env (or nothing, on a fault). */
#include <string.h>

#include "onvif-test-util.h"

#define MEDIA      "/onvif/media_service"
#define MEDIA2     "/onvif/media2_service"
#define CREDS      "RTSP_USER=admin\nRTSP_PASSWORD=secret\n"
#define TRT(x)     "<trt:" x " xmlns:trt=\"" RC_SOAP_NS_TRT "\" xmlns:tt=\"" RC_SOAP_NS_TT "\">"
#define TRT_END(x) "</trt:" x ">"
#define TR2(x)     "<tr2:" x " xmlns:tr2=\"" RC_SOAP_NS_TR2 "\" xmlns:tt=\"" RC_SOAP_NS_TT "\">"
#define TR2_END(x) "</tr2:" x ">"
#define FAULT_SUB2 "string(//env:Fault/env:Code/env:Subcode/env:Subcode/env:Value)"

static void
assert_xpath(RcTestDevice *dev, const char *expr, const char *expected)
{
	g_autofree gchar *value = rc_test_device_xpath(dev, expr);

	g_assert_cmpstr(value, ==, expected);
}

static void
test_get_profiles(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(
		CREDS "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\nVIDEOOUT_FPS=20\n"
		      "H264_BITRATE_KBPS=2500\nH264_KEYINT=40\nH264_PROFILE=high\n");
	const char *vec = "//trt:Profiles[@token='MainProfile']/tt:VideoEncoderConfiguration";

	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, TRT("GetProfiles") TRT_END("GetProfiles")),
		==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//trt:GetProfilesResponse/trt:Profiles"), ==,
			 1);
	assert_xpath(dev, "string(//trt:Profiles/@fixed)", "true");
	assert_xpath(dev, "string(//trt:Profiles/tt:VideoSourceConfiguration/tt:SourceToken)",
		     "VideoSource");
	assert_xpath(dev, "string(//tt:VideoSourceConfiguration/tt:Bounds/@width)", "1280");
	{
		g_autofree gchar *e = g_strconcat("string(", vec, "/tt:Resolution/tt:Width)", NULL);
		g_autofree gchar *fps = g_strconcat("string(", vec,
						    "/tt:RateControl/"
						    "tt:FrameRateLimit)",
						    NULL);
		g_autofree gchar *bitrate =
			g_strconcat("string(", vec, "/tt:RateControl/tt:BitrateLimit)", NULL);
		g_autofree gchar *gov = g_strconcat("string(", vec, "/tt:H264/tt:GovLength)", NULL);
		g_autofree gchar *profile =
			g_strconcat("string(", vec, "/tt:H264/tt:H264Profile)", NULL);

		assert_xpath(dev, e, "1280");
		assert_xpath(dev, fps, "20");
		assert_xpath(dev, bitrate, "2500");
		assert_xpath(dev, gov, "40");
		assert_xpath(dev, profile, "High");
	}
	/* tt:Profile order: Name, VideoSource, VideoEncoder; encoder fields in
	 * schema order. */
	assert_xpath(dev, "name(//trt:Profiles/*[2])", "tt:VideoSourceConfiguration");
	assert_xpath(dev, "name(//trt:Profiles/*[3])", "tt:VideoEncoderConfiguration");
	assert_xpath(dev,
		     "concat(name(//tt:VideoEncoderConfiguration/*[3]),' ',"
		     "name(//tt:VideoEncoderConfiguration/*[6]),' ',"
		     "name(//tt:VideoEncoderConfiguration/*[9]))",
		     "tt:Encoding tt:RateControl tt:SessionTimeout");
}

static void
test_stream_and_snapshot_uri(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS "RTSP_PORT=8555\nRTSP_PATH=/live\n");

	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA, TRUE,
				 TRT("GetStreamUri") "<trt:StreamSetup><tt:Stream>RTP-Unicast"
						     "</tt:Stream><tt:Transport><tt:Protocol>RTSP</"
						     "tt:Protocol>"
						     "</tt:Transport></"
						     "trt:StreamSetup><trt:ProfileToken>MainProfile"
						     "</trt:ProfileToken>" TRT_END("GetStreamUri")),
			 ==, 200);
	/* The address the request came in on, never the credentials. */
	assert_xpath(dev, "string(//trt:MediaUri/tt:Uri)", "rtsp://192.0.2.10:8555/live");
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA, TRUE,
				 TRT("GetStreamUri") "<trt:StreamSetup><tt:Stream>RTP-Multicast"
						     "</tt:Stream><tt:Transport><tt:Protocol>UDP</"
						     "tt:Protocol>"
						     "</tt:Transport></"
						     "trt:StreamSetup><trt:ProfileToken>MainProfile"
						     "</trt:ProfileToken>" TRT_END("GetStreamUri")),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:InvalidStreamSetup");
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA, TRUE,
				 TRT("GetStreamUri") "<trt:ProfileToken>Nope"
						     "</trt:ProfileToken>" TRT_END("GetStreamUri")),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:NoProfile");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("GetSnapshotUri") "<trt:ProfileToken>MainProfile"
								   "</trt:ProfileToken>" TRT_END(
									   "GetSnapshotUri")),
			 ==, 200);
	assert_xpath(dev, "string(//trt:MediaUri/tt:Uri)",
		     "http://192.0.2.10:8080/onvif/snapshot.jpg");
	/* Media needs a user. */
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA, FALSE,
				 TRT("GetStreamUri") "<trt:ProfileToken>MainProfile"
						     "</trt:ProfileToken>" TRT_END("GetStreamUri")),
			 ==, 401);
}

static void
test_create_delete_profile(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *stored = NULL;

	/* Synology's adoption sequence. */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE,
				    TRT("CreateProfile") "<trt:Name>SynoProfile</trt:Name>"
							 "<trt:Token>SynoToken</trt:Token>" TRT_END(
								 "CreateProfile")),
		==, 200);
	assert_xpath(dev, "string(//trt:CreateProfileResponse/trt:Profile/@token)", "SynoToken");
	assert_xpath(dev, "string(//trt:CreateProfileResponse/trt:Profile/@fixed)", "false");
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("AddVideoSourceConfiguration") "<trt:ProfileToken>SynoToken"
							   "</"
							   "trt:ProfileToken><trt:"
							   "ConfigurationToken>VideoSourceConfig"
							   "</trt:ConfigurationToken>" TRT_END(
								   "AddVideoSourceConfiguration")),
		==, 200);
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("AddVideoEncoderConfiguration") "<trt:ProfileToken>SynoToken"
							    "</"
							    "trt:ProfileToken><trt:"
							    "ConfigurationToken>VideoEncoderConfig"
							    "</trt:ConfigurationToken>" TRT_END(
								    "AddVideoEncoderConfiguratio"
								    "n")),
		==, 200);
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("AddVideoEncoderConfiguration") "<trt:ProfileToken>SynoToken"
							    "</"
							    "trt:ProfileToken><trt:"
							    "ConfigurationToken>Other"
							    "</trt:ConfigurationToken>" TRT_END(
								    "AddVideoEncoderConfiguratio"
								    "n")),
		==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:NoConfig");

	/* Persisted, and seen by a fresh device reading the same root. */
	stored = rc_test_device_read(dev, "onvif_profiles.json");
	g_assert_nonnull(stored);
	g_assert_nonnull(strstr(stored, "SynoToken"));
	{
		g_autoptr(RcOnvif) again = rc_onvif_new();
		const RcOnvifProfile *p;

		g_assert_true(rc_onvif_load(again, NULL));
		p = rc_onvif_profiles_lookup(rc_onvif_get_profiles(again), "SynoToken");
		g_assert_nonnull(p);
		g_assert_cmpstr(p->name, ==, "SynoProfile");
		g_assert_cmpstr(p->conf[RC_ONVIF_CONF_VIDEO_ENCODER], ==, "VideoEncoderConfig");
	}
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, TRT("GetProfiles") TRT_END("GetProfiles")),
		==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//trt:Profiles"), ==, 2);
	/* The encoder is shared: UseCount 2. */
	assert_xpath(dev,
		     "string(//trt:Profiles[@token='SynoToken']/"
		     "tt:VideoEncoderConfiguration/tt:UseCount)",
		     "2");

	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE,
				    TRT("CreateProfile") "<trt:Name>x</trt:Name>"
							 "<trt:Token>SynoToken</trt:Token>" TRT_END(
								 "CreateProfile")),
		==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:ProfileExists");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("DeleteProfile") "<trt:ProfileToken>MainProfile"
								  "</trt:ProfileToken>" TRT_END(
									  "DeleteProfile")),
			 ==, 500);
	assert_xpath(dev, FAULT_SUB2, "ter:DeletionOfFixedProfile");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("DeleteProfile") "<trt:ProfileToken>SynoToken"
								  "</trt:ProfileToken>" TRT_END(
									  "DeleteProfile")),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("DeleteProfile") "<trt:ProfileToken>SynoToken"
								  "</trt:ProfileToken>" TRT_END(
									  "DeleteProfile")),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:NoProfile");
}

static void
test_profile_limit(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);

	for (guint i = 1; i < RC_ONVIF_MAX_PROFILES; i++)
		g_assert_cmpuint(
			rc_test_device_call(dev, MEDIA, TRUE,
					    TRT("CreateProfile") "<trt:Name>p</trt:Name>" TRT_END(
						    "CreateProfile")),
			==, 200);
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("CreateProfile") "<trt:Name>p</trt:Name>" TRT_END(
						     "CreateProfile")),
			 ==, 500);
	assert_xpath(dev, FAULT_SUB2, "ter:MaxNVTProfiles");
	/* A name that is not a tt:Name. */
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("CreateProfile") "<trt:Name></trt:Name>" TRT_END(
						     "CreateProfile")),
			 ==, 400);
}

static void
test_encoder_options(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(
		CREDS "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=25\n");

	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("GetVideoEncoderConfigurationOptions") "<trt:ConfigurationToken>"
								   "VideoEncoderConfig"
								   "</"
								   "trt:"
								   "ConfigurationToken>" TRT_END(
									   "GetVideoEncoderConfigur"
									   "ationOptions")),
		==, 200);
	assert_xpath(dev, "string(//trt:Options/tt:H264/tt:ResolutionsAvailable[1]/tt:Width)",
		     "1280");
	g_assert_cmpuint(rc_test_device_count(dev, "//trt:Options/tt:H264/tt:ResolutionsAvailable"
						   "[tt:Width=1920]"),
			 ==, 0);
	g_assert_cmpuint(rc_test_device_count(dev, "//trt:Options/tt:H264/tt:ResolutionsAvailable"
						   "[tt:Width=640][tt:Height=360]"),
			 ==, 1);
	assert_xpath(dev, "string(//trt:Options/tt:H264/tt:FrameRateRange/tt:Max)", "25");
	assert_xpath(dev, "string(//trt:Options/tt:Extension/tt:H264/tt:BitrateRange/tt:Min)",
		     "100");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("GetVideoSources") TRT_END("GetVideoSources")),
			 ==, 200);
	assert_xpath(dev, "string(//trt:VideoSources/@token)", "VideoSource");
	assert_xpath(dev, "string(//trt:VideoSources/tt:Framerate)", "25");
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("GetGuaranteedNumberOfVideoEncoderInstances") "<trt:ConfigurationToken>"
									  "VideoSourceConfig"
									  "</"
									  "trt:"
									  "ConfigurationToken"
									  ">" TRT_END(
										  "GetGuaranteedNum"
										  "berOfVideoEncode"
										  "rInstances")),
		==, 200);
	assert_xpath(dev, "string(//trt:TotalNumber)", "1");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("GetAudioEncoderConfigurations")
						     TRT_END("GetAudioEncoderConfigurations")),
			 ==, 200);
	assert_xpath(dev, "string(//trt:Configurations/tt:Encoding)", "AAC");
	assert_xpath(dev, "string(//trt:Configurations/tt:SampleRate)", "48");
}

#define SET_VEC(width, height, fps, bitrate, gov)                                               \
	TRT("SetVideoEncoderConfiguration")                                                     \
	"<trt:Configuration token=\"VideoEncoderConfig\"><tt:Name>VideoEncoderConfig</tt:Name>" \
	"<tt:UseCount>1</tt:UseCount><tt:Encoding>H264</"                                       \
	"tt:Encoding><tt:Resolution><tt:Width>" width "</tt:Width><tt:Height>" height           \
	"</tt:Height></tt:Resolution>"                                                          \
	"<tt:Quality>3</tt:Quality><tt:RateControl><tt:FrameRateLimit>" fps                     \
	"</tt:FrameRateLimit><tt:EncodingInterval>1</"                                          \
	"tt:EncodingInterval><tt:BitrateLimit>" bitrate                                         \
	"</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>" gov                        \
	"</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264></trt:Configuration>"    \
	"<trt:ForcePersistence>true</trt:ForcePersistence>" TRT_END(                            \
		"SetVideoEncoderConfiguration")

static void
count_restart(gpointer user_data)
{
	guint *restarts = user_data;

	(*restarts)++;
}

static void
test_set_video_encoder(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(
		"# my settings\n" CREDS "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\n");
	const RcOnvifHooks hooks = { .restart_stream = count_restart };
	g_autofree gchar *before = NULL;
	g_autofree gchar *after_fault = NULL;
	g_autofree gchar *written = NULL;
	guint restarts = 0;
	g_autoptr(RcConfig) config = NULL;

	rc_onvif_set_hooks(dev->onvif, &hooks, &restarts);
	before = rc_test_device_read(dev, "config.env");

	/* Out of range values: a fault, and config.env untouched. */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("1920", "1080", "15", "2000", "30")),
		==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:ConfigModify");
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("640", "360", "60", "2000", "30")),
		==, 400);
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("640", "360", "15", "99999", "30")),
		==, 400);
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("640", "360", "15", "800", "0")), ==,
		400);
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("640", "abc", "15", "800", "30")), ==,
		400);
	after_fault = rc_test_device_read(dev, "config.env");
	g_assert_cmpstr(after_fault, ==, before);
	g_assert_cmpuint(restarts, ==, 0);

	/* 640x360@15: written to VIDEOOUT_* and H264_*, stream restarted. */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("640", "360", "15", "800", "45")), ==,
		200);
	g_assert_cmpuint(restarts, ==, 1);
	written = rc_test_device_read(dev, "config.env");
	g_assert_true(g_str_has_prefix(written, "# my settings\n"));
	config = rc_config_parse(written, strlen(written), "config.env");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOOUT_WIDTH"), ==, "640");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOOUT_HEIGHT"), ==, "360");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOOUT_FPS"), ==, "15");
	g_assert_cmpstr(rc_config_get_raw(config, "H264_BITRATE_KBPS"), ==, "800");
	g_assert_cmpstr(rc_config_get_raw(config, "H264_KEYINT"), ==, "45");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOIN_WIDTH"), ==, "1280");

	/* Get* now report the stream, not the capture. */
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("GetVideoEncoderConfiguration") "<trt:ConfigurationToken>"
							    "VideoEncoderConfig"
							    "</trt:ConfigurationToken>" TRT_END(
								    "GetVideoEncoderConfiguratio"
								    "n")),
		==, 200);
	assert_xpath(dev, "string(//trt:Configuration/tt:Resolution/tt:Width)", "640");
	assert_xpath(dev, "string(//trt:Configuration/tt:RateControl/tt:FrameRateLimit)", "15");

	/* The same again changes nothing: no restart. */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("640", "360", "15", "800", "45")), ==,
		200);
	g_assert_cmpuint(restarts, ==, 1);
	/* Back to the capture size: VIDEOOUT_* emptied (follow the capture). */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, SET_VEC("1280", "720", "30", "800", "45")),
		==, 200);
	g_clear_pointer(&written, g_free);
	g_clear_pointer(&config, rc_config_free);
	written = rc_test_device_read(dev, "config.env");
	config = rc_config_parse(written, strlen(written), "config.env");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOOUT_WIDTH"), ==, "");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOOUT_FPS"), ==, "");
}

static void
test_media2_profiles_and_uris(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);

	g_assert_cmpuint(rc_test_device_call(dev, MEDIA2, TRUE,
					     TR2("GetProfiles") "<tr2:Type>All</tr2:Type>" TR2_END(
						     "GetProfiles")),
			 ==, 200);
	assert_xpath(dev, "string(//tr2:Profiles/@token)", "MainProfile");
	assert_xpath(dev, "string(//tr2:Profiles/tr2:Name)", "MainProfile");
	assert_xpath(dev, "string(//tr2:Profiles/tr2:Configurations/tr2:VideoEncoder/tt:Encoding)",
		     "H264");
	assert_xpath(dev, "string(//tr2:Configurations/tr2:VideoEncoder/@GovLength)", "30");
	assert_xpath(dev, "name(//tr2:Configurations/*[1])", "tr2:VideoSource");
	/* VideoEncoder2Configuration order: ..., RateControl, Multicast, Quality. */
	assert_xpath(dev, "name(//tr2:VideoEncoder/*[last()])", "tt:Quality");
	/* Without Type: names and tokens only. */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA2, TRUE, TR2("GetProfiles") TR2_END("GetProfiles")),
		==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//tr2:Configurations/*"), ==, 0);

	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA2, TRUE,
				    TR2("GetStreamUri") "<tr2:Protocol>RtspUnicast"
							"</tr2:Protocol><tr2:ProfileToken>"
							"MainProfile</tr2:ProfileToken>" TR2_END(
								"GetStreamUri")),
		==, 200);
	assert_xpath(dev, "string(//tr2:GetStreamUriResponse/tr2:Uri)",
		     "rtsp://192.0.2.10:8554/stream");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA2, TRUE,
					     TR2("GetSnapshotUri") "<tr2:ProfileToken>MainProfile"
								   "</tr2:ProfileToken>" TR2_END(
									   "GetSnapshotUri")),
			 ==, 200);
	assert_xpath(dev, "string(//tr2:GetSnapshotUriResponse/tr2:Uri)",
		     "http://192.0.2.10:8080/onvif/snapshot.jpg");
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA2, TRUE,
				    TR2("GetStreamUri") "<tr2:Protocol>RtspsUnicast"
							"</tr2:Protocol><tr2:ProfileToken>"
							"MainProfile</tr2:ProfileToken>" TR2_END(
								"GetStreamUri")),
		==, 400);
}

static void
test_media2_edit_profiles(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(CREDS);
	g_autofree gchar *token = NULL;
	g_autofree gchar *add = NULL;
	g_autofree gchar *del = NULL;

	g_assert_cmpuint(rc_test_device_call(dev, MEDIA2, TRUE,
					     TR2("CreateProfile") "<tr2:Name>T</tr2:Name>"
								  "<tr2:Configuration><tr2:Type>"
								  "VideoSource</tr2:Type>"
								  "</tr2:Configuration>" TR2_END(
									  "CreateProfile")),
			 ==, 200);
	token = rc_test_device_xpath(dev, "string(//tr2:CreateProfileResponse/tr2:Token)");
	g_assert_cmpstr(token, !=, "");
	add = g_strdup_printf(TR2("AddConfiguration") "<tr2:ProfileToken>%s</tr2:ProfileToken>"
						      "<tr2:Configuration><tr2:Type>VideoEncoder"
						      "</tr2:Type><tr2:Token>VideoEncoderConfig"
						      "</tr2:Token></tr2:Configuration>" TR2_END(
							      "AddConfiguration"),
			      token);
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA2, TRUE, add), ==, 200);
	{
		const RcOnvifProfile *p =
			rc_onvif_profiles_lookup(rc_onvif_get_profiles(dev->onvif), token);

		g_assert_nonnull(p);
		g_assert_cmpstr(p->conf[RC_ONVIF_CONF_VIDEO_SOURCE], ==, "VideoSourceConfig");
		g_assert_cmpstr(p->conf[RC_ONVIF_CONF_VIDEO_ENCODER], ==, "VideoEncoderConfig");
	}
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA2, TRUE,
			TR2("AddConfiguration") "<tr2:ProfileToken>MainProfile"
						"</"
						"tr2:ProfileToken><tr2:Configuration><tr2:Type>PTZ"
						"</tr2:Type></tr2:Configuration>" TR2_END(
							"AddConfiguration")),
		==, 400);
	del = g_strdup_printf(
		TR2("DeleteProfile") "<tr2:Token>%s</tr2:Token>" TR2_END("DeleteProfile"), token);
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA2, TRUE, del), ==, 200);
	g_assert_null(rc_onvif_profiles_lookup(rc_onvif_get_profiles(dev->onvif), token));
}

static void
test_media2_encoder(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(
		CREDS "VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\n");
	g_autofree gchar *written = NULL;
	g_autoptr(RcConfig) config = NULL;

	g_assert_cmpuint(rc_test_device_call(dev, MEDIA2, TRUE,
					     TR2("GetVideoEncoderConfigurationOptions") TR2_END(
						     "GetVideoEncoderConfigurationOptions")),
			 ==, 200);
	assert_xpath(dev, "string(//tr2:Options/@GovLengthRange)", "1 600");
	assert_xpath(dev, "string(//tr2:Options/tt:Encoding)", "H264");
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA2, TRUE,
			TR2("SetVideoEncoderConfiguration") "<tr2:Configuration "
							    "token=\"VideoEncoderConfig\" "
							    "GovLength=\"15\" "
							    "Profile=\"Baseline\"><tt:Name>x</"
							    "tt:Name>"
							    "<tt:UseCount>1</"
							    "tt:UseCount><tt:Encoding>H264</"
							    "tt:Encoding>"
							    "<tt:Resolution><tt:Width>640</"
							    "tt:Width><tt:Height>360"
							    "</tt:Height></"
							    "tt:Resolution><tt:RateControl "
							    "ConstantBitRate=\"true\"><tt:"
							    "FrameRateLimit>15"
							    "</"
							    "tt:FrameRateLimit><tt:BitrateLimit>"
							    "700</tt:BitrateLimit>"
							    "</tt:RateControl><tt:Quality>3</"
							    "tt:Quality>"
							    "</tr2:Configuration>" TR2_END(
								    "SetVideoEncoderConfiguratio"
								    "n")),
		==, 200);
	written = rc_test_device_read(dev, "config.env");
	config = rc_config_parse(written, strlen(written), "config.env");
	g_assert_cmpstr(rc_config_get_raw(config, "VIDEOOUT_WIDTH"), ==, "640");
	g_assert_cmpstr(rc_config_get_raw(config, "H264_KEYINT"), ==, "15");
	g_assert_cmpstr(rc_config_get_raw(config, "H264_PROFILE"), ==, "baseline");
	g_assert_cmpstr(rc_config_get_raw(config, "H264_BITRATE_KBPS"), ==, "700");
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA2, TRUE,
				 TR2("SetVideoEncoderConfiguration") "<tr2:Configuration "
								     "token=\"VideoEncoderConfig\" "
								     "GovLength=\"15\"><tt:"
								     "Encoding>H265</tt:Encoding>"
								     "</tr2:Configuration>" TR2_END(
									     "SetVideoEncoderConfig"
									     "uration")),
			 ==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:ConfigModify");
}

static void
test_substream(void)
{
	g_autoptr(RcTestDevice) dev = rc_test_device_new(
		CREDS
		"VIDEOIN_WIDTH=1280\nVIDEOIN_HEIGHT=720\nVIDEOIN_FPS=30\nSUBSTREAM_ENABLE=yes\n"
		"SUBSTREAM_WIDTH=480\nSUBSTREAM_HEIGHT=270\nSUBSTREAM_FPS=5\n"
		"SUBSTREAM_BITRATE_KBPS=250\nSUBSTREAM_PATH=/sub\n");
	const char *sub = "//trt:Profiles[@token='SubProfile']/tt:VideoEncoderConfiguration";

	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, TRT("GetProfiles") TRT_END("GetProfiles")),
		==, 200);
	assert_xpath(dev, "string(//trt:Profiles[2]/@token)", "SubProfile");
	assert_xpath(dev, "string(//trt:Profiles[2]/@fixed)", "true");
	{
		g_autofree gchar *w = g_strconcat("string(", sub, "/tt:Resolution/tt:Width)", NULL);
		g_autofree gchar *fps = g_strconcat("string(", sub,
						    "/tt:RateControl/"
						    "tt:FrameRateLimit)",
						    NULL);
		g_autofree gchar *br =
			g_strconcat("string(", sub, "/tt:RateControl/tt:BitrateLimit)", NULL);
		g_autofree gchar *tok = g_strconcat("string(", sub, "/@token)", NULL);

		assert_xpath(dev, w, "480");
		assert_xpath(dev, fps, "5");
		assert_xpath(dev, br, "250");
		assert_xpath(dev, tok, "VideoEncoderConfigSub");
	}
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA, TRUE,
				 TRT("GetStreamUri") "<trt:ProfileToken>SubProfile"
						     "</trt:ProfileToken>" TRT_END("GetStreamUri")),
			 ==, 200);
	assert_xpath(dev, "string(//trt:MediaUri/tt:Uri)", "rtsp://192.0.2.10:8554/sub");
	g_assert_cmpuint(rc_test_device_call(dev, MEDIA, TRUE,
					     TRT("GetVideoEncoderConfigurations")
						     TRT_END("GetVideoEncoderConfigurations")),
			 ==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//trt:Configurations"), ==, 2);
	/* Media2 sees the same. */
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA2, TRUE,
				    TR2("GetProfiles") "<tr2:Type>VideoEncoder</tr2:Type>" TR2_END(
					    "GetProfiles")),
		==, 200);
	assert_xpath(dev,
		     "string(//tr2:Profiles[@token='SubProfile']/tr2:Configurations/"
		     "tr2:VideoEncoder/tt:Resolution/tt:Height)",
		     "270");
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA2, TRUE,
				 TR2("GetStreamUri") "<tr2:Protocol>RTSP</tr2:Protocol>"
						     "<tr2:ProfileToken>SubProfile</"
						     "tr2:ProfileToken>" TR2_END("GetStreamUri")),
			 ==, 200);
	assert_xpath(dev, "string(//tr2:Uri)", "rtsp://192.0.2.10:8554/sub");
	/* A created profile may use the substream's encoder. */
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("CreateProfile") "<trt:Name>nvr</trt:Name>"
					     "<trt:Token>Nvr</trt:Token>" TRT_END("CreateProfile")),
		==, 200);
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("AddVideoEncoderConfiguration") "<trt:ProfileToken>Nvr"
							    "</"
							    "trt:ProfileToken><trt:"
							    "ConfigurationToken>"
							    "VideoEncoderConfigSub</"
							    "trt:ConfigurationToken>" TRT_END(
								    "AddVideoEncoderConfiguratio"
								    "n")),
		==, 200);
	g_assert_cmpuint(rc_test_device_call(
				 dev, MEDIA, TRUE,
				 TRT("GetStreamUri") "<trt:ProfileToken>Nvr"
						     "</trt:ProfileToken>" TRT_END("GetStreamUri")),
			 ==, 200);
	assert_xpath(dev, "string(//trt:MediaUri/tt:Uri)", "rtsp://192.0.2.10:8554/sub");
	/* Its settings belong to the web UI for now. */
	g_assert_cmpuint(
		rc_test_device_call(
			dev, MEDIA, TRUE,
			TRT("SetVideoEncoderConfiguration") "<trt:Configuration "
							    "token=\"VideoEncoderConfigSub\">"
							    "<tt:Encoding>H264</tt:Encoding></"
							    "trt:Configuration>" TRT_END(
								    "SetVideoEncoderConfiguratio"
								    "n")),
		==, 400);
	assert_xpath(dev, FAULT_SUB2, "ter:ConfigModify");
	/* Substream off: the fixed profile goes away. */
	rc_test_device_write(dev, "config.env", CREDS "SUBSTREAM_ENABLE=no\n");
	g_assert_cmpuint(
		rc_test_device_call(dev, MEDIA, TRUE, TRT("GetProfiles") TRT_END("GetProfiles")),
		==, 200);
	g_assert_cmpuint(rc_test_device_count(dev, "//trt:Profiles[@token='SubProfile']"), ==, 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/onvif/media/get-profiles", test_get_profiles);
	g_test_add_func("/onvif/media/stream-and-snapshot-uri", test_stream_and_snapshot_uri);
	g_test_add_func("/onvif/media/create-delete-profile", test_create_delete_profile);
	g_test_add_func("/onvif/media/profile-limit", test_profile_limit);
	g_test_add_func("/onvif/media/encoder-options", test_encoder_options);
	g_test_add_func("/onvif/media/set-video-encoder", test_set_video_encoder);
	g_test_add_func("/onvif/media2/profiles-and-uris", test_media2_profiles_and_uris);
	g_test_add_func("/onvif/media2/edit-profiles", test_media2_edit_profiles);
	g_test_add_func("/onvif/media2/encoder", test_media2_encoder);
	g_test_add_func("/onvif/media/substream", test_substream);
	return g_test_run();
}
