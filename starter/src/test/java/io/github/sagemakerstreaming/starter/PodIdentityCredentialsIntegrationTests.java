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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EKS Pod Identity, as a pod sees it: the agent's credentials URI and a token file, read
 * by the AWS SDK's own container credentials provider (the emulator stands in for the
 * agent). The settings are JVM system properties, which every test in the JVM sees: the
 * class runs isolated and puts them back.
 */
@Isolated("sets the AWS SDK's system properties")
class PodIdentityCredentialsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	private final SystemProperties systemProperties = new SystemProperties();

	@TempDir
	Path serviceAccount;

	@AfterEach
	void putBackSystemProperties() {
		this.systemProperties.close();
	}

	@Test
	void signsTheCallWithTheKeysTheAgentIssuedForThePodsToken() throws Exception {
		sagemaker.emulator().register("pod-identity", Dialect.TGI).tokens("Hello", " from a pod");
		String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDphcHAifQ.cG9k";
		TemporaryCredentials issued = sagemaker.emulator().trustContainerToken(token);
		podIdentity(token);
		contextRunner("pod-identity").run((context) -> {
			assertThat(context.getBean(StreamingInferenceTemplate.class).stream("hi").collectList().block(TIMEOUT))
				.containsExactly("Hello", " from a pod");
			RecordedInvocation invocation = sagemaker.emulator().invocations("pod-identity").get(0);
			assertThat(invocation.accessKeyId()).isEqualTo(issued.accessKeyId());
			assertThat(invocation.header("X-Amz-Security-Token")).isEqualTo(issued.sessionToken());
		});
	}

	@Test
	void failsAtStartupWhenTheAgentRefusesTheToken() throws Exception {
		sagemaker.emulator().trustContainerToken("the-token-of-another-pod");
		podIdentity("a-token-the-agent-does-not-know");
		contextRunner("pod-identity-refused").run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("ContainerCredentialsProvider(): Failed to load credentials from metadata service."));
	}

	private void podIdentity(String token) throws Exception {
		Path tokenFile = Files.writeString(this.serviceAccount.resolve("eks-pod-identity-token"), token);
		this.systemProperties
			.set("aws.containerCredentialsFullUri", sagemaker.emulator().containerCredentialsUri().toString())
			.set("aws.containerAuthorizationTokenFile", tokenFile.toString());
	}

	private static ApplicationContextRunner contextRunner(String endpointName) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SageMakerRuntimeAutoConfiguration.class))
			.withPropertyValues("sagemaker.runtime.region=us-east-1",
					"sagemaker.runtime.endpoint-override=" + sagemaker.emulator().endpointOverride(),
					"sagemaker.runtime.endpoint-name=" + endpointName);
	}

}
