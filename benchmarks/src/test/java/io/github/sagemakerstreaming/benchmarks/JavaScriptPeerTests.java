package io.github.sagemakerstreaming.benchmarks;

import java.util.List;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second, independent SDK, the AWS SDK for JavaScript v3, reads the emulator's event
 * stream token for token. Skipped without {@code npm ci --prefix benchmarks/peer-js},
 * except under {@code CI=true}.
 */
class JavaScriptPeerTests {

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@BeforeAll
	static void requireThePeer() {
		String missing = "The JavaScript SDK is not installed; run: npm ci --prefix benchmarks/peer-js";
		if (!JavaScriptPeer.installed() && "true".equals(System.getenv("CI"))) {
			fail(missing);
		}
		assumeTrue(JavaScriptPeer.installed(), missing);
	}

	@Test
	void theJavaScriptSdkReadsTheEmulatorsStreamTokenForToken() throws Exception {
		List<String> tokens = RealisticStreams.tokens(300);
		sagemaker.emulator().register("js-peer", Dialect.VLLM_CHAT).tokens(tokens).recordsPerPart(3);
		JsonNode result = JavaScriptPeer.stream(sagemaker.emulator(), "js-peer", 1);
		assertThat(result.get("tokens").asInt()).isEqualTo(300);
		assertThat(result.get("text").asString()).isEqualTo(String.join("", tokens));
	}

}
