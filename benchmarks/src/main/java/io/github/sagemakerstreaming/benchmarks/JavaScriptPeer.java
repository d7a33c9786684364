package io.github.sagemakerstreaming.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code benchmarks/peer-js/peer.mjs}: the AWS SDK for JavaScript v3 reading an
 * emulator stream.
 */
final class JavaScriptPeer {

	private JavaScriptPeer() {
	}

	/**
	 * Returns whether the peer can run: Node.js on the path and the SDK installed with
	 * {@code npm ci}.
	 */
	static boolean installed() {
		return Files.isDirectory(directory().resolve("node_modules/@aws-sdk/client-sagemaker-runtime"));
	}

	/**
	 * Returns the peer's folder, from the repository's root or from the benchmarks
	 * module.
	 */
	private static Path directory() {
		Path fromRoot = Path.of("benchmarks", "peer-js");
		return Files.isDirectory(fromRoot) ? fromRoot : Path.of("peer-js");
	}

	/**
	 * Streams {@code rounds} times and returns the figures: {@code tokens}, {@code text}
	 * of the last stream, median {@code tokensPerSecond} and {@code firstTokenMillis} of
	 * the second half.
	 */
	static JsonNode stream(SageMakerEmulator emulator, String endpointName, int rounds)
			throws IOException, InterruptedException {
		Process node = new ProcessBuilder("node", "peer.mjs", emulator.endpointOverride().toString(), endpointName,
				String.valueOf(rounds))
			.directory(directory().toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!node.waitFor(5, TimeUnit.MINUTES) || node.exitValue() != 0) {
			throw new IllegalStateException("The JavaScript peer failed:\n" + output);
		}
		return JsonMapper.builder().build().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
	}

}
