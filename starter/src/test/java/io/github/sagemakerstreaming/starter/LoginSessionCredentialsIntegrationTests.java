package io.github.sagemakerstreaming.starter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A developer's machine signed in with {@code aws login}: the profile names a
 * {@code login_session}, and the AWS CLI keeps that session's temporary keys in its login
 * cache, which the AWS SDK's profile provider reads through its {@code signin} module.
 * The starter's dependencies alone make it work. The settings are JVM system properties,
 * which every test in the JVM sees: the class runs isolated and puts them back.
 */
@Isolated("sets the AWS SDK's system properties")
class LoginSessionCredentialsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String LOGIN_SESSION = "arn:aws:iam::123456789012:user/developer";

	private static final String ACCESS_KEY_ID = "ASIALOGINSESSION0001";

	private static final String SESSION_TOKEN = "login-session-token";

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final SystemProperties systemProperties = new SystemProperties();

	@TempDir
	Path home;

	@AfterEach
	void putBackSystemProperties() {
		this.systemProperties.close();
	}

	@Test
	void signsTheCallWithTheKeysOfTheLoginSession() throws Exception {
		sagemaker.emulator().register("aws-login", Dialect.TGI).tokens("Hello", " from aws login");
		Path config = Files.writeString(this.home.resolve("config"),
				"[profile developer]\nlogin_session = " + LOGIN_SESSION + "\nregion = us-east-1\n");
		Path credentials = Files.writeString(this.home.resolve("credentials"), "");
		Path cache = Files.createDirectories(this.home.resolve("login").resolve("cache"));
		Files.writeString(cache.resolve(sha256(LOGIN_SESSION) + ".json"), cachedSession());
		this.systemProperties.set("aws.configFile", config.toString())
			.set("aws.sharedCredentialsFile", credentials.toString())
			.set("aws.profile", "developer")
			.set("aws.region", "us-east-1")
			.set("aws.loginCacheDirectory", cache.toString());
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=aws-login")
			.run((context) -> {
				assertThat(context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
					.containsExactly("Hello", " from aws login");
				RecordedInvocation invocation = sagemaker.emulator().invocations("aws-login").get(0);
				assertThat(invocation.accessKeyId()).isEqualTo(ACCESS_KEY_ID);
				assertThat(invocation.header("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
			});
	}

	/**
	 * A session as {@code aws login} caches it, with keys that are valid for an hour, so
	 * that the SDK uses them without asking AWS Sign-In to refresh them.
	 */
	private static String cachedSession() {
		Instant expiresAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
		return """
				{"accessToken": {"accessKeyId": "%s", "secretAccessKey": "login-session-secret",
				"sessionToken": "%s", "accountId": "123456789012", "expiresAt": "%s"},
				"tokenType": "urn:aws:params:oauth:token-type:access_token_sigv4", "refreshToken": "refresh",
				"clientId": "arn:aws:signin:::devtools/same-device", "dpopKey": "unused until a refresh"}
				""".formatted(ACCESS_KEY_ID, SESSION_TOKEN, expiresAt);
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
