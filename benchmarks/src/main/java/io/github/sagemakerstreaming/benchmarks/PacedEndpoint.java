package io.github.sagemakerstreaming.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;

/**
 * An emulator endpoint named {@code concurrent} that streams a fixed number of tokens at
 * a fixed pace, and one named {@code silent} that streams the same way but goes silent
 * after half of its tokens, as a container that hangs. Both run in a process of their own
 * so that the client under test does not share its JVM: {@link #start} forks it, and it
 * lives until its standard input closes.
 */
final class PacedEndpoint implements AutoCloseable {

	private static final String READY = "endpoint-override=";

	private final Process process;

	private final URI endpointOverride;

	private PacedEndpoint(Process process, URI endpointOverride) {
		this.process = process;
		this.endpointOverride = endpointOverride;
	}

	/**
	 * Forks the endpoint and waits until it listens.
	 */
	static PacedEndpoint start(int tokens, Duration pace) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), PacedEndpoint.class.getName(), String.valueOf(tokens),
				String.valueOf(pace.toMillis()));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = output.readLine();
		while (line != null && !line.startsWith(READY)) {
			line = output.readLine();
		}
		if (line == null) {
			process.destroy();
			throw new IllegalStateException("The endpoint process ended before it listened");
		}
		return new PacedEndpoint(process, URI.create(line.substring(READY.length())));
	}

	URI endpointOverride() {
		return this.endpointOverride;
	}

	@Override
	public void close() throws IOException {
		this.process.getOutputStream().close();
		this.process.destroy();
	}

	public static void main(String[] args) throws IOException {
		int tokens = Integer.parseInt(args[0]);
		Duration pace = Duration.ofMillis(Long.parseLong(args[1]));
		try (SageMakerEmulator emulator = SageMakerEmulator.start()) {
			emulator.register("concurrent", Dialect.VLLM_CHAT)
				.answer((prompt) -> answer(prompt, tokens))
				.tokenDelay(pace);
			emulator.register("silent", Dialect.VLLM_CHAT)
				.answer((prompt) -> answer(prompt, tokens))
				.tokenDelay(pace)
				.pauseAfterTokens(tokens / 2, Duration.ofDays(1));
			System.out.println(READY + emulator.endpointOverride());
			System.out.flush();
			while (System.in.read() >= 0) {
				// Runs until the benchmark closes this process's input.
			}
		}
	}

	private static List<String> answer(String prompt, int tokens) {
		return IntStream.range(0, tokens).mapToObj((i) -> " " + prompt + "." + i).toList();
	}

}
