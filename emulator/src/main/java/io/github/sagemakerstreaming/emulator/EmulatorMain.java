package io.github.sagemakerstreaming.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own:
 * {@code java -jar sagemaker-runtime-emulator-exec.jar --port=8080 --endpoint=my-llm:tgi --endpoint=chat:vllm-chat}.
 * With no {@code --endpoint} it registers {@code local-llm} speaking {@code vllm-chat}.
 * Add {@code --host=0.0.0.0} to accept connections from other machines.
 */
public final class EmulatorMain {

	private EmulatorMain() {
	}

	/**
	 * Starts the emulator and blocks until the process is stopped.
	 * @param args {@code --port=N}, {@code --host=ADDRESS} and any number of
	 * {@code --endpoint=NAME:DIALECT}
	 * @throws InterruptedException if interrupted while running
	 */
	public static void main(String[] args) throws InterruptedException {
		String host = "127.0.0.1";
		int port = 8080;
		List<String[]> endpoints = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--port=")) {
				port = Integer.parseInt(arg.substring("--port=".length()));
			}
			else if (arg.startsWith("--host=")) {
				host = arg.substring("--host=".length());
			}
			else if (arg.startsWith("--endpoint=")) {
				endpoints.add(arg.substring("--endpoint=".length()).split(":", 2));
			}
			else {
				throw new IllegalArgumentException("Unknown argument '" + arg
						+ "'; use --port=N, --host=ADDRESS and --endpoint=NAME:DIALECT (dialects: " + dialectNames()
						+ ")");
			}
		}
		if (endpoints.isEmpty()) {
			endpoints.add(new String[] { "local-llm", "vllm-chat" });
		}
		SageMakerEmulator emulator = SageMakerEmulator.start(host, port);
		for (String[] endpoint : endpoints) {
			Dialect dialect = (endpoint.length > 1) ? dialect(endpoint[1]) : Dialect.VLLM_CHAT;
			emulator.register(endpoint[0], dialect);
			System.out.println("SageMaker emulator endpoint '" + endpoint[0] + "' (" + dialect + ") at "
					+ emulator.endpointOverride() + "/endpoints/" + endpoint[0] + "/invocations-response-stream");
		}
		Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
		new CountDownLatch(1).await();
	}

	private static Dialect dialect(String name) {
		return Dialect.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	private static String dialectNames() {
		return String.join(", ",
				java.util.Arrays.stream(Dialect.values())
					.map((dialect) -> dialect.name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList());
	}

}
