package io.github.sagemakerstreaming.emulator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one {@link SageMakerEmulator} for a test class:
 * <pre class="code">
 * &#064;RegisterExtension
 * static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();
 *
 * &#064;Test
 * void streams() {
 *     sagemaker.emulator().register("my-llm", Dialect.TGI).tokens("Hello", " world");
 *     // point the client at sagemaker.emulator().endpointOverride()
 * }
 * </pre> Test methods may also declare a {@link SageMakerEmulator} parameter.
 */
public final class SageMakerEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private volatile @Nullable SageMakerEmulator emulator;

	/**
	 * Returns the running emulator.
	 * @return the emulator
	 * @throws IllegalStateException outside the test class's lifecycle
	 */
	public SageMakerEmulator emulator() {
		SageMakerEmulator current = this.emulator;
		if (current == null) {
			throw new IllegalStateException("The emulator runs only while the test class runs; "
					+ "register the extension on a static field with @RegisterExtension");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.emulator = SageMakerEmulator.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		SageMakerEmulator current = this.emulator;
		this.emulator = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == SageMakerEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator();
	}

}
