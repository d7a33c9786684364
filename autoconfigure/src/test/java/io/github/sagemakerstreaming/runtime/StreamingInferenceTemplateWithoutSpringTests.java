package io.github.sagemakerstreaming.runtime;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The runtime API works with only Reactor, Jackson, Micrometer's observation API and the
 * AWS SDK on the class path: a stream runs in a class loader that holds no Spring class.
 */
class StreamingInferenceTemplateWithoutSpringTests {

	@Test
	void aStreamRunsWithNoSpringOnTheClassPath() throws Exception {
		URL[] withoutSpring = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.contains(File.separator + "springframework" + File.separator))
			.map((entry) -> {
				try {
					return Path.of(entry).toUri().toURL();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			})
			.toArray(URL[]::new);
		try (URLClassLoader isolated = new URLClassLoader(withoutSpring, ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion", false, isolated));
			Object text = Class.forName(Probe.class.getName(), true, isolated).getMethod("stream").invoke(null);
			assertThat(text).isEqualTo("Hello, world");
		}
	}

	/**
	 * What runs in the isolated class loader: an emulator, a client and a template.
	 */
	public static final class Probe {

		private Probe() {
		}

		public static String stream() {
			try (SageMakerEmulator emulator = SageMakerEmulator.start();
					SageMakerRuntimeAsyncClient client = EmulatorClients.create(emulator)) {
				emulator.register("no-spring", Dialect.VLLM_CHAT).tokens("Hello", ",", " world");
				return String.join("",
						StreamingInferenceTemplate.builder(client)
							.endpointName("no-spring")
							.build()
							.stream("hi")
							.collectList()
							.block(java.time.Duration.ofSeconds(20)));
			}
		}

	}

}
