package io.github.sagemakerstreaming.starter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.sagemakerstreaming.autoconfigure.SageMakerRuntimeAutoConfiguration;
import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.emulator.TemporaryCredentials;
import io.github.sagemakerstreaming.runtime.StreamingInferenceTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EKS's IAM roles for service accounts, as a pod sees them: a projected token file and a
 * role ARN, exchanged by the AWS SDK's own web identity provider for temporary keys at
 * STS (the emulator's, reached through the SDK's endpoint override for STS). The
 * starter's dependencies alone make it work. The settings are JVM system properties,
 * which every test in the JVM sees: the class runs isolated and puts them back.
 */
@Isolated("sets the AWS SDK's system properties")
class WebIdentityCredentialsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/inference-app";

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final SystemProperties systemProperties = new SystemProperties();

	@TempDir
	Path serviceAccount;

	@AfterEach
	void putBackSystemProperties() {
		this.systemProperties.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sdk", "direct" })
	void signsTheCallWithTheKeysStsIssuedForTheProjectedToken(String transport) throws Exception {
		String endpointName = "irsa-" + transport;
		sagemaker.emulator().register(endpointName, Dialect.TGI).tokens("Hello", " from EKS");
		String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDphcHAifQ.c2lnbmF0dXJl";
		TemporaryCredentials issued = sagemaker.emulator().trustWebIdentity(ROLE_ARN, token);
		Path tokenFile = Files.writeString(this.serviceAccount.resolve("token"), token);
		this.systemProperties.set("aws.webIdentityTokenFile", tokenFile.toString())
			.set("aws.roleArn", ROLE_ARN)
			.set("aws.roleSessionName", "inference-app-pod")
			.set("aws.region", "us-east-1")
			.set("aws.endpointUrlSts", sagemaker.emulator().endpointOverride().toString());
		contextRunner(endpointName, transport).run((context) -> {
			assertThat(context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
				.containsExactly("Hello", " from EKS");
			RecordedInvocation invocation = sagemaker.emulator().invocations(endpointName).get(0);
			assertThat(invocation.accessKeyId()).isEqualTo(issued.accessKeyId());
			assertThat(invocation.header("X-Amz-Security-Token")).isEqualTo(issued.sessionToken());
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "sdk", "direct" })
	void signsWithTheKeysOfTheTokenThatKubeletRotatedOnceTheirPredecessorsExpire(String transport) throws Exception {
		String endpointName = "irsa-rotated-" + transport;
		sagemaker.emulator().register(endpointName, Dialect.TGI).tokens("Hello");
		Duration expiringSoon = Duration.ofSeconds(30);
		TemporaryCredentials first = sagemaker.emulator().trustWebIdentity(ROLE_ARN, "first-token", expiringSoon);
		Path tokenFile = Files.writeString(this.serviceAccount.resolve("token"), "first-token");
		this.systemProperties.set("aws.webIdentityTokenFile", tokenFile.toString())
			.set("aws.roleArn", ROLE_ARN)
			.set("aws.region", "us-east-1")
			.set("aws.endpointUrlSts", sagemaker.emulator().endpointOverride().toString());
		contextRunner(endpointName, transport).run((context) -> {
			StreamingInferenceTemplate template = context.getBean(StreamingInferenceTemplate.class);
			assertThat(template.stream("hi").collectList().block(TIMEOUT)).containsExactly("Hello");
			TemporaryCredentials rotated = sagemaker.emulator()
				.trustWebIdentity(ROLE_ARN, "rotated-token", expiringSoon);
			Files.writeString(tokenFile, "rotated-token");
			assertThat(template.stream("hi").collectList().block(TIMEOUT)).containsExactly("Hello");
			assertThat(sagemaker.emulator().invocations(endpointName)).extracting(RecordedInvocation::accessKeyId)
				.containsExactly(first.accessKeyId(), rotated.accessKeyId());
		});
	}

	@Test
	void failsAtStartupWithStsReasonWhenStsRefusesTheToken() throws Exception {
		sagemaker.emulator().trustWebIdentity(ROLE_ARN, "the-token-the-role-trusts");
		Path tokenFile = Files.writeString(this.serviceAccount.resolve("token"), "a-token-the-role-does-not-trust");
		this.systemProperties.set("aws.webIdentityTokenFile", tokenFile.toString())
			.set("aws.roleArn", ROLE_ARN)
			.set("aws.region", "us-east-1")
			.set("aws.endpointUrlSts", sagemaker.emulator().endpointOverride().toString());
		contextRunner("irsa-refused", "sdk").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("WebIdentityTokenCredentialsProvider(): The web identity token that was passed "
					+ "could not be validated by AWS"));
	}

	private static ApplicationContextRunner contextRunner(String endpointName, String transport) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=" + endpointName, "sagemaker.runtime.transport=" + transport);
	}

}
